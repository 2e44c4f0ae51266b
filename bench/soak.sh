#!/usr/bin/env bash
# The embedded engine's long haul: one server (as ./fastci server starts it, default settings, so the
# embedded Temporal is replaced by a fresh generation every 500 executions) runs N one-job runs,
# 20 at a time, and its resident memory is sampled every 500 runs (10 s after the batch, after
# `jcmd GC.run`). Each job appends its run id to a marker file of its own on a bind mount, so the
# end proves that no run was lost and none ran twice: every marker has exactly one line, and the
# store lists N runs, all SUCCEEDED.
#
#   bench/soak.sh [--runs N] [--backend docker|dummy]
#
# Goal: the RSS growth over the last half of the runs is within noise (<= 30 MB). Prints each
# sample, then a summary; exits non-zero when a run was lost, ran twice, or did not succeed.
# Needs what bench/run.sh needs (bash, curl, Docker with busybox:latest, Java 17, jcmd).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=5000 backend=docker batch=20 every=500
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2 && shift ;;
    --backend) backend=$2 && shift ;;
    -h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//' && exit 0 ;;
    *) echo "usage: bench/soak.sh [--runs N] [--backend docker|dummy]" >&2 && exit 2 ;;
  esac
  shift
done
[ $((runs % every)) -eq 0 ] || { echo "soak: --runs must be a multiple of $every" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/fastci-soak.XXXXXX")
data="$work/data" markers="$work/markers" token="soak-$$" server=""
mkdir -p "$data" "$markers"
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  left=$(docker ps -aq --filter "label=dev.fastci.store=$data" 2>/dev/null)
  [ -n "$left" ] && docker rm -f $left >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
t0=$(date +%s)
say() { printf '[%5ds] %s\n' $(($(date +%s) - t0)) "$*" >&2; }
die() { say "soak: $*"; [ -f "$work/server.log" ] && tail -n 30 "$work/server.log" >&2; exit 1; }

./fastci validate examples/hello.json >/dev/null || die "./fastci validate failed"
cp app/target/fastci.jar "$work/fastci.jar"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2046 # the options are words, as in ./fastci
FASTCI_DATA_DIR="$data" FASTCI_API_TOKEN="$token" FASTCI_BACKEND="$backend" \
  FASTCI_VOLUMES_ALLOWED_ROOTS="$markers" FASTCI_WORKER_HOST_ID="soak-$$" \
  SERVER_PORT="$port" java $(grep -v '^#' "$root/jvm.options") -jar "$work/fastci.jar" server \
  >>"$work/server.log" 2>&1 &
server=$!
until curl -sf "$base/api/health" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || die "the server exited during start"
  sleep 0.2
done
say "soak: server up on $base (pid $server), $runs runs on the $backend backend"

api() { curl -sS --max-time 60 -H "Authorization: Bearer $token" "$@"; }
if [ "$backend" = dummy ]; then
  job='"command": "true", "env": {"DUMMY_OUTPUT": "ok\n"}'
else
  job="\"volumes\": [\"$markers:/m\"], \"command\": [\"sh\", \"-c\", \"echo \$FASTCI_RUN_ID >> /m/\$FASTCI_RUN_ID\"]"
fi
printf '{"name": "soak", "jobs": [{"name": "a", "image": "busybox:latest", %s}]}\n' "$job" >"$work/one.json"
status_of() { api "$base/api/pipelines/$1" | grep -o '"status":"[A-Z_]*"' | head -n 1 | cut -d'"' -f4; }
rss_mb() { awk '/^VmRSS/ {printf "%d\n", $2 / 1024}' "/proc/$server/status"; }

declare -a samples
done_runs=0 bad=0
: >"$work/ids"
while [ "$done_runs" -lt "$runs" ]; do
  ids=()
  for _ in $(seq 1 "$batch"); do
    answer=$(api -H 'Content-Type: application/json' --data-binary @"$work/one.json" "$base/api/pipelines")
    id=${answer#'{"id":"'} && id=${id%%'"'*}
    [ -n "$id" ] && [ "$id" != "$answer" ] || die "POST answered: $answer"
    ids+=("$id") && echo "$id" >>"$work/ids"
  done
  for id in "${ids[@]}"; do
    until s=$(status_of "$id") && case $s in SUCCEEDED | FAILED | CANCELLED) true ;; *) false ;; esac; do
      sleep 0.1
    done
    [ "$s" = SUCCEEDED ] || { bad=$((bad + 1)) && say "soak: run $id ended $s"; }
  done
  done_runs=$((done_runs + batch))
  if [ $((done_runs % every)) -eq 0 ]; then
    sleep 10
    command -v jcmd >/dev/null && jcmd "$server" GC.run >/dev/null 2>&1
    rss=$(rss_mb)
    gen=$(grep -c 'retired, generation' "$work/server.log")
    samples+=("$rss")
    say "soak: $done_runs runs: RSS $rss MB, $gen recycle(s) so far"
  fi
done

total=$(api "$base/api/pipelines?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
succeeded=$(api "$base/api/pipelines?status=SUCCEEDED&limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
twice=0 lost=0
if [ "$backend" = docker ]; then
  while read -r id; do
    n=$(wc -l <"$markers/$id" 2>/dev/null || echo 0)
    [ "$n" -eq 1 ] || { [ "$n" -eq 0 ] && lost=$((lost + 1)) || twice=$((twice + 1)); }
  done <"$work/ids"
fi
half=$((${#samples[@]} / 2))
growth=$((samples[${#samples[@]} - 1] - samples[half - 1]))
recycles=$(grep -c 'retired, generation' "$work/server.log")
moved=$(grep -o 'generation [0-9]* serves now; [0-9]* unfinished' "$work/server.log" | awk '{s += $5} END {print s + 0}')
echo "samples (MB, every $every runs): ${samples[*]}"
echo "growth over the last $((runs / 2)) runs: $growth MB (goal <= 30 MB)"
echo "runs: $total stored, $succeeded succeeded, $bad not succeeded; markers: $lost lost, $twice ran twice"
echo "embedded Temporal: $recycles recycle(s), $moved run(s) moved to a new generation; $(($(date +%s) - t0)) s"
[ "$total" -eq "$runs" ] && [ "$succeeded" -eq "$runs" ] && [ "$lost" -eq 0 ] && [ "$twice" -eq 0 ]
