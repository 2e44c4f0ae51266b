#!/usr/bin/env bash
# Compares a 20-job chain of `true` run by FastCI with 20 sequential `docker run --rm` of the same
# image, in the same run on the same machine. Prints each round and the medians.
# Usage: bench/chain-vs-docker-run.sh [rounds=3] [jobs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
jobs=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  printf '{"name": "chain%d", "jobs": [' "$jobs"
  for i in $(seq 1 "$jobs"); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"name": "j%d", "image": "busybox:latest", "command": "true"}' "$i"
  done
  printf '], "parents": {'
  for i in $(seq 2 "$jobs"); do
    [ "$i" -gt 2 ] && printf ','
    printf '"j%d": ["j%d"]' "$i" $((i - 1))
  done
  printf '}}\n'
} >"$work/chain.json"

./fastci validate "$work/chain.json" >/dev/null
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for r in $(seq 1 "$rounds"); do
  t0=$(now)
  for _ in $(seq 1 "$jobs"); do docker run --rm busybox:latest true; done
  t1=$(now)
  FASTCI_DATA_DIR="$work/data" ./fastci run "$work/chain.json" >"$work/out.txt"
  t2=$(now)
  pipeline=$(sed -n 's/^pipeline .* SUCCEEDED in \([0-9.]*\)s$/\1/p' "$work/out.txt")
  docker_ms=$(((t1 - t0) / 1000000))
  cli_ms=$(((t2 - t1) / 1000000))
  pipeline_ms=$(awk -v s="$pipeline" 'BEGIN {printf "%d", s * 1000}')
  echo "round $r: docker run x$jobs ${docker_ms} ms | fastci run (whole command) ${cli_ms} ms | pipeline ${pipeline_ms} ms"
  echo "$docker_ms $cli_ms $pipeline_ms" >>"$work/rounds"
done

d=$(cut -d' ' -f1 "$work/rounds" | median)
c=$(cut -d' ' -f2 "$work/rounds" | median)
p=$(cut -d' ' -f3 "$work/rounds" | median)
awk -v d="$d" -v c="$c" -v p="$p" -v n="$jobs" 'BEGIN {
  printf "median: docker run %d ms (%.0f ms/job)\n", d, d / n
  printf "median: fastci pipeline %d ms (%.0f ms/job), ratio %.2fx, overhead %+.0f ms/job\n", p, p / n, p / d, (p - d) / n
  printf "median: fastci run incl. JVM start %d ms, ratio %.2fx\n", c, c / d
}'
