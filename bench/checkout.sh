#!/usr/bin/env bash
# Times the repo-mode checkout of a real repository with history (default: this one), first with
# no mirror (clone), then again (mirror up to date), then at an older commit. Prints the checkout
# times FastCI logs. Usage: bench/checkout.sh [repo=.]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "${1:-.}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head=$(git -C "$repo" rev-parse HEAD)
old=$(git -C "$repo" rev-list --max-parents=0 HEAD | tail -1)
echo "repository $repo: $(git -C "$repo" rev-list --count HEAD) commits, $(du -sh "$repo/.git" | cut -f1) of git objects"
run_at() {
  printf '{"name":"checkout","repo_url":"%s","commit_hash":"%s","jobs":[{"name":"ls","image":"busybox:latest","command":"ls"}]}' \
    "$repo" "$1" >"$work/spec.json"
  FASTCI_DATA_DIR="$work/data" FASTCI_CHECKOUT_LOG=INFO ./fastci run "$work/spec.json" 2>&1 >/dev/null |
    sed -n 's/.*checked out .* in \([0-9]*\) ms (mirror \(.*\))/\1 ms (mirror \2)/p'
}
echo "first checkout (no mirror yet): $(run_at "$head")"
echo "repeat checkout, same commit:   $(run_at "$head")"
echo "repeat checkout, older commit:  $(run_at "$old")"
