#!/usr/bin/env bash
# Times GET /api/pipelines?limit=50 (and one run's detail) on a server whose store holds N runs,
# and reads the idle server's resident memory. Usage: bench/store-list.sh [runs=10000] [calls=50]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000}
calls=${2:-50}
work=$(mktemp -d)
port=$((20000 + RANDOM % 10000))
jar="$work/fastci.jar"
./fastci validate examples/hello.json >/dev/null # builds the jar when needed
cp app/target/fastci.jar "$jar"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start_server() {
  FASTCI_DATA_DIR="$work/data" FASTCI_API_TOKEN=bench SERVER_PORT=$port \
    java -jar "$jar" server >"$work/server.log" 2>&1 &
  server=$!
  until curl -sf "localhost:$port/api/health" >/dev/null; do sleep 0.2; done
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

start_server # creates the schema
stop_server
java -cp "$jar" -Dloader.main=org.h2.tools.Shell org.springframework.boot.loader.launch.PropertiesLauncher \
  -url "jdbc:h2:file:$work/data/store/fastci" -user fastci -password "" -sql "
  insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,
                    created_at, started_at, finished_at)
  select 'seed-' || lpad(x, 7, '0'), 'pipeline-' || mod(x, 20),
         case mod(x, 4) when 0 then 'FAILED' else 'SUCCEEDED' end, 1,
         '{\"name\":\"seed\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox:latest\",\"command\":\"true\"}]}',
         '{\"type\":\"api\"}', '[]',
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:00'),
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:01'),
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:02')
  from system_range(1, $runs);
  insert into job_attempts (run_id, job, attempt, status, exit_code, started_at, finished_at)
  select id, 'a', 1, status, 0, started_at, finished_at from runs;" >/dev/null
start_server

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_calls() {
  for _ in $(seq 1 5); do curl -s -o /dev/null -H "Authorization: Bearer bench" "$1"; done # warm-up
  for _ in $(seq 1 "$calls"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer bench" "$1"
  done | awk '{printf "%.2f\n", $1 * 1000}' | median
}
total=$(curl -s -H "Authorization: Bearer bench" "localhost:$port/api/pipelines?limit=1" | sed 's/.*"total":\([0-9]*\).*/\1/')
echo "store holds $total runs"
echo "GET /api/pipelines?limit=50: median $(time_calls "localhost:$port/api/pipelines?limit=50") ms over $calls calls"
echo "GET /api/pipelines?limit=50&status=FAILED: median $(time_calls "localhost:$port/api/pipelines?limit=50&status=FAILED") ms"
echo "GET /api/pipelines?limit=50&offset=9000: median $(time_calls "localhost:$port/api/pipelines?limit=50&offset=9000") ms"
echo "GET /api/pipelines/seed-0005000: median $(time_calls "localhost:$port/api/pipelines/seed-0005000") ms"
sleep 5
echo "idle server resident memory: $(awk '/VmRSS/ {printf "%d MB", $2 / 1024}' /proc/$server/status)"
