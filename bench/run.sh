#!/usr/bin/env bash
# FastCI's benchmark harness: one command that measures every row of the benchmark table against
# one server it starts itself, and prints each round's raw numbers and then the table.
#
#   bench/run.sh [--smoke] [--rounds N] [--rows ROW,...] [--repo PATH]
#
# Rows (each timed row is a median over the rounds; see bench/RESULTS.md):
#   chain          a 20-job chain of `true`, POST to final status, against 20 sequential
#                  `docker run --rm busybox:latest true`                              goal <= 1.00x
#   fan-out        40 independent `true` jobs in one pipeline, against
#                  `seq 40 | xargs -P8 -I{} docker run --rm busybox:latest true`      goal <= 1.00x
#   start latency  API submit -> first container started                              goal <= 150 ms
#   push latency   `git push` -> first container started                              goal <= 500 ms
#   idle memory    the idle server's resident memory                                  goal <= 350 MB
#   memory growth  its growth after 1,000 finished one-job runs                       goal <= 100 MB
#   runs list      GET /api/pipelines?limit=50 with 10,000 stored runs                goal <= 50 ms
#   run detail     GET /api/pipelines/{id} of a 200-job run                           goal <= 100 ms
#   memoized       the second, unchanged run of a 5-job chain of `cache: true` jobs
#                  (each works 1 s), against its first run                            goal <= 0.10x
#   log            a job printing 100 MB of log lines (a secret masked in them), against
#                  `docker run` of the same to /dev/null                              goal <= 1.20x
#                  and the runs list, called meanwhile                                goal <= 50 ms
#   cache          restoring a cache of 20,000 files (200 MB) by its exact key
#                  (against `cp -al` of its dir)                                      goal <= 300 ms
#   checkout       the first checkout of a repository (a new mirror), against
#                  `git clone --mirror`                                               goal <= 1.50x
#                  a checkout from the up-to-date mirror, against
#                  `git clone --shared` + `git checkout`                              goal <= 1.00x
#   cli            `./fastci run examples/hello.json`, wall (against `docker run --rm busybox
#                  echo`)                                                             goal <= 1500 ms
#                  `./fastci validate examples/hello.json`, wall                      goal <= 500 ms
# (bench/real-work.sh measures the last four.)
#
# --smoke uses tiny sizes and one round, to prove in CI that the harness works (< 90 s). --rows
# measures only these rows (store, memory, latency, push, chain, fanout, memo, log, cache, checkout,
# cli; all by default). --repo names the repository the checkout row checks out (at least 2,000
# files, e.g. a clone of temporalio/sdk-java); without it, one of 2,500 generated files is used.
# The exit code is non-zero when a measurement produced no number; a missed goal is only reported.
# Needs bash, curl, git, openssl, awk, sed, grep, Docker with busybox:latest, and Java 17;
# jcmd (from the JDK) is used to force a GC before the last memory reading when it is there.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

smoke=0
rounds=""
rows=all
bench_repo=""
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=1 ;;
    --rounds)
      rounds=${2:-}
      shift
      ;;
    --rounds=*) rounds=${1#--rounds=} ;;
    --rows)
      rows=${2:-}
      shift
      ;;
    --rows=*) rows=${1#--rows=} ;;
    --repo)
      bench_repo=${2:-}
      shift
      ;;
    --repo=*) bench_repo=${1#--repo=} ;;
    -h | --help)
      sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "usage: bench/run.sh [--smoke] [--rounds N] [--rows ROW,...] [--repo PATH]" >&2
      exit 2
      ;;
  esac
  shift
done

if [ "$smoke" = 1 ]; then
  chain_jobs=3 fan_jobs=4 latency_samples=1 mem_runs=10 stored_runs=100 detail_jobs=5 memo_jobs=2
  http_calls=5 idle_secs=1 settle_secs=1 default_rounds=1
else
  chain_jobs=20 fan_jobs=40 latency_samples=5 mem_runs=1000 stored_runs=10000 detail_jobs=200 memo_jobs=5
  http_calls=20 idle_secs=5 settle_secs=10 default_rounds=3
fi
rounds=${rounds:-$default_rounds}
want() { case ",$rows," in *,all,* | *,"$1",*) return 0 ;; *) return 1 ;; esac; }
# shellcheck source=bench/real-work.sh
. bench/real-work.sh
real_work_sizes "$smoke"
if [ -n "$bench_repo" ]; then
  bench_repo=$(cd "$bench_repo" && pwd) || exit 2
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
case $rounds in
  '' | *[!0-9]* | 0)
    echo "bench: --rounds needs a number >= 1" >&2
    exit 2
    ;;
esac
batch=20 # memory runs are submitted this many at a time
image=busybox:latest

# ---------------------------------------------------------------------------------------------
# Setup: the jar, a temp dir, and the cleanup that always runs.

work=$(mktemp -d "${TMPDIR:-/tmp}/fastci-bench.XXXXXX")
data="$work/data"
jar="$work/fastci.jar"
token="bench-token-$$"
secret="bench-secret-$$"
server=""
events=""
cleanup() {
  [ -n "$events" ] && kill "$events" 2>/dev/null
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
  fi
  # Containers of this server's runs that were still going (an interrupted harness).
  left=$(docker ps -aq --filter "label=dev.fastci.store=$data" 2>/dev/null)
  [ -n "$left" ] && docker rm -f $left >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s%N)
say() { printf '[%5.1fs] %s\n' "$(awk -v n="$(date +%s%N)" -v s="$started" 'BEGIN {print (n - s) / 1e9}')" "$*" >&2; }
die() {
  say "bench: $*"
  if [ -f "$work/server.log" ]; then
    say "--- last lines of the server log:"
    tail -n 30 "$work/server.log" >&2
  fi
  exit 1
}
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }
median() {
  sort -n | awk '{a[NR] = $1} END {
    if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

for tool in curl git openssl docker java awk sed grep; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
docker image inspect "$image" >/dev/null 2>&1 || die "$image is not present locally (scripts/offline-images.sh)"

# Builds the jar when the sources are newer, then copies it so that a rebuild during the run
# cannot change what is measured.
say "bench: checking the jar (builds app/target/fastci.jar when needed)"
./fastci validate examples/hello.json >/dev/null || die "./fastci validate failed"
cp app/target/fastci.jar "$jar"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- pom.xml workers app templates hooks 2>/dev/null || commit="$commit (+ uncommitted changes)"

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo ""
}
port=$(free_port)
[ -n "$port" ] || die "no free port found"
base="http://127.0.0.1:$port"

# The measured server runs as `./fastci server` does (jvm.options, then FASTCI_JAVA_OPTS). The
# first start only creates the store: no worker, and the quick JIT (about half the start time on
# 2 cores).
quick_jvm=-XX:TieredStopAtLevel=1
start_server() { # [schema]
  local worker=true opts
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" # as ./fastci does
  opts="$(grep -v '^#' "$root/jvm.options" | tr '\n' ' ')${FASTCI_JAVA_OPTS:-}"
  [ "${1:-}" = schema ] && worker=false opts=$quick_jvm
  # The log row's job prints a secret, and its log stays under the cap: every byte is masked and
  # counted, none is dropped. The cache row mounts a dir of the harness; the checkout row reads the
  # checkout times from the server's log.
  opts="$opts -Dfastci.limits.max-log-bytes=$((log_bytes * 2))"
  # shellcheck disable=SC2086 # opts are words, as in ./fastci
  FASTCI_SECRET_BENCH_TOKEN="$log_secret" FASTCI_VOLUMES_ALLOWED_ROOTS="$work" FASTCI_CHECKOUT_LOG=INFO \
    FASTCI_DATA_DIR="$data" FASTCI_API_TOKEN="$token" FASTCI_HOOK_SECRET="$secret" \
    SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 FASTCI_WORKER_ENABLED=$worker \
    java $opts -jar "$jar" server >>"$work/server.log" 2>&1 &
  server=$!
  local t0
  t0=$(now)
  until curl -sf "$base/api/health" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || die "the server exited during start"
    [ "$(ms_since "$t0")" -lt 120000 ] || die "the server did not answer within 120 s"
    sleep 0.2
  done
  say "bench: server up on $base in $(ms_since "$t0") ms (pid $server)"
}
stop_server() {
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  server=""
}

api() { curl -sS --max-time 60 -H "Authorization: Bearer $token" "$@"; }
submit() { # FILE -> run id; the answer goes to stderr when it has none
  local answer
  answer=$(api -H 'Content-Type: application/json' --data-binary @"$1" "$base/api/pipelines")
  case $answer in
    '{"id":"'*) answer=${answer#'{"id":"'} && echo "${answer%%'"'*}" ;;
    *) say "bench: POST /api/pipelines of $1 answered: $answer" ;;
  esac
}
run_status() { # ID -> the run's status (the first "status" of the detail is the run's own)
  api "$base/api/pipelines/$1" | grep -o '"status":"[A-Z_]*"' | head -n 1 | cut -d'"' -f4
}
is_final() { case $1 in SUCCEEDED | FAILED | CANCELLED) return 0 ;; *) return 1 ;; esac; }
wait_final() { # ID POLL_SECONDS TIMEOUT_SECONDS -> the final status, or TIMEOUT
  local t0 s
  t0=$(now)
  while :; do
    s=$(run_status "$1")
    if is_final "$s"; then
      echo "$s"
      return
    fi
    if [ "$(ms_since "$t0")" -gt $(($3 * 1000)) ]; then
      echo TIMEOUT
      return
    fi
    sleep "$2"
  done
}

# Pipeline files.
one_job() { printf '{"name": "%s", "jobs": [{"name": "a", "image": "%s", "command": "true"}]}\n' "$1" "$image"; }
jobs_json() { # N -> the jobs array's items j1..jN
  local i
  for i in $(seq 1 "$1"); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"name": "j%d", "image": "%s", "command": "true"}' "$i" "$image"
  done
}
chain_parents() { # N -> parents of a chain j1 <- j2 <- ... <- jN
  local i
  for i in $(seq 2 "$1"); do
    [ "$i" -gt 2 ] && printf ','
    printf '"j%d": ["j%d"]' "$i" $((i - 1))
  done
}
printf '{"name": "chain%d", "jobs": [%s], "parents": {%s}}\n' "$chain_jobs" \
  "$(jobs_json "$chain_jobs")" "$(chain_parents "$chain_jobs")" >"$work/chain.json"
printf '{"name": "fanout%d", "jobs": [%s]}\n' "$fan_jobs" "$(jobs_json "$fan_jobs")" >"$work/fanout.json"
memo_pipeline() { # ROUND -> a chain of $memo_jobs memoized jobs; a new round is a new key
  local i jobs=""
  for i in $(seq 1 "$memo_jobs"); do
    [ "$i" -gt 1 ] && jobs="$jobs,"
    jobs="$jobs$(printf '{"name": "j%d", "image": "%s", "cache": true, "outputs": ["out-j%d"],
      "env": {"BENCH_ROUND": "%s"},
      "command": ["sh", "-c", "sleep 1 && echo built > /fastci/pipeline/out-j%d"]}' \
      "$i" "$image" "$i" "$1" "$i")"
  done
  printf '{"name": "memo%d", "setup_pipeline_dir": true, "jobs": [%s], "parents": {%s}}\n' \
    "$memo_jobs" "$jobs" "$(chain_parents "$memo_jobs")"
}
one_job one >"$work/one.json"
one_job latency >"$work/latency.json"

# ---------------------------------------------------------------------------------------------
# The store: created by a first start, then seeded with N finished runs and one finished run of
# many jobs (with its job attempts), as bench/store-list.sh does.

say "bench: seeding the store with $stored_runs runs and one run of $detail_jobs jobs"
start_server schema
stop_server
detail_id="bench-detail-$detail_jobs"
detail_spec=$(printf '{"name":"detail%d","jobs":[%s],"parents":{%s}}' "$detail_jobs" \
  "$(jobs_json "$detail_jobs" | tr -d ' ')" "$(chain_parents "$detail_jobs" | tr -d ' ')")
java $quick_jvm -cp "$jar" -Dloader.main=org.h2.tools.Shell org.springframework.boot.loader.launch.PropertiesLauncher \
  -url "jdbc:h2:file:$data/store/fastci" -user fastci -password "" -sql "
  insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,
                    host, created_at, started_at, finished_at)
  select 'seed-' || lpad(x, 7, '0'), 'pipeline-' || mod(x, 20),
         case mod(x, 4) when 0 then 'FAILED' else 'SUCCEEDED' end, 1,
         '{\"name\":\"seed\",\"jobs\":[{\"name\":\"a\",\"image\":\"$image\",\"command\":\"true\"}]}',
         '{\"type\":\"api\"}', '[]', 'bench',
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:00'),
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:01'),
         dateadd('SECOND', x, timestamp '2026-01-01 00:00:02')
  from system_range(1, $stored_runs);
  insert into job_attempts (run_id, job, attempt, status, exit_code, host, started_at, finished_at)
  select id, 'a', 1, status, case status when 'FAILED' then 1 else 0 end, 'bench',
         started_at, finished_at from runs;
  insert into runs (id, name, status, attempt, spec_json, trigger_json, carried_json,
                    host, created_at, started_at, finished_at)
  values ('$detail_id', 'detail$detail_jobs', 'SUCCEEDED', 1, '$detail_spec', '{\"type\":\"api\"}',
          '[]', 'bench', timestamp '2026-01-01 00:00:00', timestamp '2026-01-01 00:00:01',
          dateadd('MILLISECOND', 200 * $detail_jobs + 1000, timestamp '2026-01-01 00:00:01'));
  insert into job_attempts (run_id, job, attempt, status, exit_code, host, started_at, finished_at)
  select '$detail_id', 'j' || x, 1, 'SUCCEEDED', 0, 'bench',
         dateadd('MILLISECOND', 200 * x, timestamp '2026-01-01 00:00:01'),
         dateadd('MILLISECOND', 200 * x + 150, timestamp '2026-01-01 00:00:01')
  from system_range(1, $detail_jobs);" >"$work/seed.log" 2>&1 || {
  cat "$work/seed.log" >&2
  die "seeding the store failed"
}

# ---------------------------------------------------------------------------------------------
# The measured server, and container start events of its runs (labelled with its data dir).

start_server
docker events --filter type=container --filter event=start --filter "label=dev.fastci.store=$data" \
  --format '{{.TimeNano}} {{.Actor.Attributes.name}}' >"$work/events.log" 2>"$work/events.err" &
events=$!
sleep 1
kill -0 "$events" 2>/dev/null || die "docker events did not start: $(cat "$work/events.err")"

first_start() { # RUN_ID -> ns timestamp of its first job container start; nothing when there is none
  local t0 line i=0 ended=""
  t0=$(now)
  while :; do
    # A job container, not the run's network holder (fastci-RUN-net), which is not a job
    line=$(grep " fastci-$1-" "$work/events.log" | grep -v -m 1 " fastci-$1-net\$")
    if [ -n "$line" ]; then
      echo "${line%% *}"
      return
    fi
    [ "$(ms_since "$t0")" -lt 60000 ] || return
    i=$((i + 1))
    if [ $((i % 25)) -eq 0 ]; then # a run that ended with no container: give the event 1 s more
      [ -n "$ended" ] && return
      if is_final "$(run_status "$1")"; then
        ended=1
        say "bench: run $1 ended $(run_status "$1") without a container start event"
        api "$base/api/pipelines/$1" | sed -n 's/.*"error":\("[^"]*"\).*/  error: \1/p' | head -n 1 >&2
      fi
    fi
    sleep 0.02
  done
}
rss_mb() { awk '/^VmRSS/ {printf "%d\n", $2 / 1024}' "/proc/$server/status"; }

failed=0
declare -A raw
record() { # KEY VALUE: one round's number, or "x" when the round produced none
  raw[$1]="${raw[$1]:-}${raw[$1]:+ }$2"
  if [ "$2" = x ]; then failed=1; fi
}
value_of() { # KEY -> the median of its rounds, or n/a when any round produced no number
  case " ${raw[$1]:-x} " in
    *" x "*) echo n/a ;;
    *) printf '%s\n' ${raw[$1]} | median ;;
  esac
}

say "bench: warm-up"
for _ in 1 2 3; do
  id=$(submit "$work/one.json")
  [ -n "$id" ] || die "POST /api/pipelines gave no id"
  s=$(wait_final "$id" 0.1 60)
  [ "$s" = SUCCEEDED ] || die "warm-up run $id ended $s"
done
for _ in $(seq 1 20); do
  api -o /dev/null "$base/api/pipelines?limit=50"
  api -o /dev/null "$base/api/pipelines/$detail_id"
done

# ---------------------------------------------------------------------------------------------
# Store: one round = the median of $http_calls timed calls (curl's time_total).

time_calls() {
  for _ in $(seq 1 "$http_calls"); do
    api -o /dev/null -w '%{http_code} %{time_total}\n' "$1"
  done | awk '$1 != 200 {bad = 1} {printf "%.2f\n", $2 * 1000} END {if (bad) print "x"}' >"$work/calls"
  if grep -qx x "$work/calls"; then echo x; else median <"$work/calls"; fi
}
stored_total=$(api "$base/api/pipelines?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
detail_size=$(api "$base/api/pipelines/$detail_id" | grep -o '"displayName"' | wc -l) # once a job (a try has an exitCode too)
[ "$detail_size" = "$detail_jobs" ] || say "bench: the detail of $detail_id shows $detail_size jobs, not $detail_jobs"
want store && for r in $(seq 1 "$rounds"); do
  l=$(time_calls "$base/api/pipelines?limit=50")
  d=$(time_calls "$base/api/pipelines/$detail_id")
  record list "$l"
  record detail "$d"
  say "round $r: runs list ($stored_total runs stored) $l ms | run detail ($detail_jobs jobs) $d ms (medians of $http_calls calls)"
done

# ---------------------------------------------------------------------------------------------
# Memory: idle RSS, then $mem_runs one-job runs ($batch at a time, each batch waited for), then
# the RSS again after $settle_secs s and a forced GC.

if want memory; then
  sleep "$idle_secs"
  idle_rss=$(rss_mb)
  say "bench: idle server RSS $idle_rss MB (after warm-up and ${idle_secs} s idle)"
  record idle_rss "${idle_rss:-x}"
  say "bench: $mem_runs one-job runs, $batch at a time"
  t0=$(now)
  done_runs=0 bad_runs=0
  while [ "$done_runs" -lt "$mem_runs" ]; do
    ids=()
    for _ in $(seq 1 "$batch"); do
      [ $((done_runs + ${#ids[@]})) -lt "$mem_runs" ] || break
      id=$(submit "$work/one.json")
      if [ -n "$id" ]; then ids+=("$id"); else bad_runs=$((bad_runs + 1)) && done_runs=$((done_runs + 1)); fi
    done
    for id in "${ids[@]}"; do
      s=$(wait_final "$id" 0.1 300)
      [ "$s" = SUCCEEDED ] || bad_runs=$((bad_runs + 1))
      done_runs=$((done_runs + 1))
    done
    if [ $((done_runs % 200)) -eq 0 ]; then say "  $done_runs runs done"; fi
  done
  runs_ms=$(ms_since "$t0")
  sleep "$settle_secs"
  before_gc=$(rss_mb)
  gc="no jcmd: no GC forced"
  if command -v jcmd >/dev/null 2>&1; then
    if jcmd "$server" GC.run >/dev/null 2>&1; then gc="after jcmd GC.run"; else gc="jcmd GC.run failed"; fi
    sleep 1
  fi
  after_rss=$(rss_mb)
  say "bench: $mem_runs runs in $runs_ms ms ($bad_runs did not succeed); RSS $before_gc MB after ${settle_secs} s, $after_rss MB $gc"
  if [ "$bad_runs" -eq 0 ] && [ -n "$after_rss" ] && [ -n "$idle_rss" ]; then
    record growth $((after_rss - idle_rss))
  else
    record growth x
  fi
fi

# ---------------------------------------------------------------------------------------------
# Start latency: date just before the POST -> the first container's start event.
# One round = the median of $latency_samples submissions.

latency_round() { # KIND (api|push) -> the round's median, or x
  local i t0 id ns
  : >"$work/samples"
  for i in $(seq 1 "$latency_samples"); do
    if [ "$1" = api ]; then
      t0=$(now)
      id=$(submit "$work/latency.json")
    else
      echo "$i $(now)" >"$work/clone/n.txt"
      git -C "$work/clone" commit -qam "bench $i" || return
      t0=$(now)
      git -C "$work/clone" push -q origin HEAD:main 2>"$work/push.err" || {
        cat "$work/push.err" >&2
        echo x
        return
      }
      id=$(api "$base/api/pipelines?limit=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
      if [ "$id" = "$(cat "$work/last-push-id" 2>/dev/null)" ]; then
        say "bench: the push started no run: $(cat "$work/push.err")"
        id=""
      fi
      echo "$id" >"$work/last-push-id"
    fi
    ns=""
    [ -n "$id" ] && ns=$(first_start "$id")
    if [ -z "$ns" ]; then
      echo x
      return
    fi
    echo $(((ns - t0) / 1000000)) >>"$work/samples"
    [ "$(wait_final "$id" 0.05 60)" = SUCCEEDED ] || {
      echo x
      return
    }
  done
  printf '%s' "$(tr '\n' ' ' <"$work/samples")" >"$work/samples.line"
  median <"$work/samples"
}
want latency && for r in $(seq 1 "$rounds"); do
  v=$(latency_round api)
  record start "$v"
  say "round $r: start latency $v ms (median of: $(cat "$work/samples.line" 2>/dev/null))"
done

# Push latency: a bare repository with the hook, a clone, a .fastci/p.json of one `true` job.
if want push; then
  git init -q --bare "$work/repo.git"
  # The pushes go to main: the bare repository's HEAD must name it, or the run's checkout fails
  # ("Remote branch 'HEAD' not found in upstream origin") when git's default branch is master.
  git -C "$work/repo.git" symbolic-ref HEAD refs/heads/main
  java $quick_jvm -jar "$jar" hook install "$work/repo.git" --server "$base" --secret "$secret" >"$work/hook.log" 2>&1 ||
    die "hook install failed: $(cat "$work/hook.log")"
  git clone -q "$work/repo.git" "$work/clone" 2>/dev/null || die "git clone failed"
  git -C "$work/clone" config user.name bench
  git -C "$work/clone" config user.email bench@localhost
  mkdir -p "$work/clone/.fastci"
  one_job push >"$work/clone/.fastci/p.json"
  echo 0 >"$work/clone/n.txt"
  git -C "$work/clone" add -A
  git -C "$work/clone" commit -qm "pipeline"
  for r in $(seq 1 "$rounds"); do
    rm -f "$work/samples.line"
    v=$(latency_round push)
    record push "$v"
    say "round $r: push latency $v ms (median of: $(cat "$work/samples.line" 2>/dev/null))"
  done
fi

# ---------------------------------------------------------------------------------------------
# Chain and fan-out: the docker anchor, then the pipeline (POST, then GET every 20 ms until the
# status is final), alternating in each round.

server_ms() { # ID -> the run's finishedAt - createdAt as the server recorded them
  local d c f
  d=$(api "$base/api/pipelines/$1")
  c=$(printf '%s' "$d" | grep -o '"createdAt":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  f=$(printf '%s' "$d" | grep -o '"finishedAt":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  echo $((($(date -d "$f" +%s%N) - $(date -d "$c" +%s%N)) / 1000000))
}
pipeline_ms() { # FILE -> wall ms from just before the POST to seeing the final status, or x
  local t0 id s
  t0=$(now)
  id=$(submit "$1")
  [ -n "$id" ] || {
    echo x
    return
  }
  s=$(wait_final "$id" 0.02 600)
  if [ "$s" = SUCCEEDED ]; then
    ms_since "$t0"
    say "  run $id: createdAt -> finishedAt on the server $(server_ms "$id") ms"
  else
    say "bench: run $id of $1 ended $s"
    echo x
  fi
}
want chain && for r in $(seq 1 "$rounds"); do
  t0=$(now)
  ok=1
  for _ in $(seq 1 "$chain_jobs"); do docker run --rm "$image" true || ok=0; done
  if [ "$ok" = 1 ]; then a=$(ms_since "$t0"); else a=x; fi
  f=$(pipeline_ms "$work/chain.json")
  record chain_anchor "$a"
  record chain "$f"
  say "round $r: chain of $chain_jobs: fastci $f ms | docker run x$chain_jobs $a ms"
done
want fanout && for r in $(seq 1 "$rounds"); do
  t0=$(now)
  if seq "$fan_jobs" | xargs -P8 -I{} docker run --rm "$image" true; then a=$(ms_since "$t0"); else a=x; fi
  f=$(pipeline_ms "$work/fanout.json")
  record fan_anchor "$a"
  record fan "$f"
  say "round $r: fan-out of $fan_jobs: fastci $f ms | xargs -P8 docker run x$fan_jobs $a ms"
done

# ---------------------------------------------------------------------------------------------
# Memoization: per round, a fresh chain of memoized jobs runs twice, unchanged; the second run
# replays every job (their logs and outputs) instead of running it.

want memo && for r in $(seq 1 "$rounds"); do
  memo_pipeline "$r-$$" >"$work/memo.json"
  first=$(pipeline_ms "$work/memo.json")
  second=$(pipeline_ms "$work/memo.json")
  id=$(api "$base/api/pipelines?limit=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
  replayed=$(api "$base/api/pipelines/$id" | grep -o '"cached":true' | wc -l)
  [ "$replayed" = "$memo_jobs" ] || {
    say "bench: the second memoized run $id replayed $replayed of $memo_jobs jobs"
    second=x
  }
  record memo_first "$first"
  record memo "$second"
  say "round $r: memoized chain of $memo_jobs: second run $second ms | first run $first ms"
done

# ---------------------------------------------------------------------------------------------
# Real work: a big log, a big cache, a real repository's checkout, the command line's start
# (bench/real-work.sh).

want log && log_row
want cache && cache_row
want checkout && checkout_row
want cli && cli_row

# ---------------------------------------------------------------------------------------------
# The table.

verdict() { # VALUE GOAL -> yes / NO / n/a
  case $1 in n/a) echo n/a ;; *) awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "yes" : "NO"}' ;; esac
}
ratio() { # FASTCI ANCHOR
  case "$1 $2" in *n/a*) echo n/a ;; *) awk -v f="$1" -v a="$2" 'BEGIN {printf "%.2f\n", f / a}' ;; esac
}
as_ratio() { case $1 in n/a) echo n/a ;; *) echo "$1×" ;; esac; }
unit() { case $1 in n/a) echo n/a ;; *) echo "$1 $2" ;; esac; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }

chain=$(value_of chain) chain_a=$(value_of chain_anchor)
fan=$(value_of fan) fan_a=$(value_of fan_anchor)
chain_r=$(ratio "$chain" "$chain_a") fan_r=$(ratio "$fan" "$fan_a")
start=$(value_of start) push=$(value_of push)
idle=$(value_of idle_rss) growth=$(value_of growth)
list=$(value_of list) detail=$(value_of detail)
memo=$(value_of memo) memo_first=$(value_of memo_first)
memo_r=$(ratio "$memo" "$memo_first")

echo
echo "FastCI benchmark, commit $commit, $(date -u +%Y-%m-%dT%H:%M:%SZ)$([ "$smoke" = 1 ] && echo ', SMOKE sizes')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)," \
  "Docker $(docker version --format '{{.Server.Version}}' 2>/dev/null)," \
  "$(java -version 2>&1 | head -n 1)"
echo "load average (1, 5, 15 min) at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians over $rounds round(s); latency rounds are medians of $latency_samples sample(s)," \
  "store rounds medians of $http_calls calls"
echo
row what FastCI anchor ratio goal met
row --- ---: ---: ---: --- ---
want chain && row "chain of $chain_jobs \`true\` jobs, submit to finished" "$(unit "$chain" ms)" \
  "$(unit "$chain_a" ms) (${chain_jobs}× docker run)" "$(as_ratio "$chain_r")" "≤ 1.00×" "$(verdict "$chain_r" 1)"
want fanout && row "fan-out of $fan_jobs \`true\` jobs, submit to finished" "$(unit "$fan" ms)" \
  "$(unit "$fan_a" ms) (xargs -P8 docker run)" "$(as_ratio "$fan_r")" "≤ 1.00×" "$(verdict "$fan_r" 1)"
want latency && row "start latency: API submit → first container started" "$(unit "$start" ms)" "" "" "≤ 150 ms" \
  "$(verdict "$start" 150)"
want push && row "push latency: git push → first container started" "$(unit "$push" ms)" "" "" "≤ 500 ms" \
  "$(verdict "$push" 500)"
want memory && row "idle server resident memory" "$(unit "$idle" MB)" "" "" "≤ 350 MB" "$(verdict "$idle" 350)"
want memory && row "memory growth after $mem_runs finished runs" "$(unit "$growth" MB)" "" "" "≤ 100 MB" \
  "$(verdict "$growth" 100)"
want store && row "runs list (GET /api/pipelines?limit=50, $stored_total runs stored)" "$(unit "$list" ms)" "" "" \
  "≤ 50 ms" "$(verdict "$list" 50)"
want store && row "run detail (GET /api/pipelines/{id}, $detail_jobs jobs)" "$(unit "$detail" ms)" "" "" \
  "≤ 100 ms" "$(verdict "$detail" 100)"
want memo && row "memoized chain of $memo_jobs jobs (1 s of work each), second run unchanged" "$(unit "$memo" ms)" \
  "$(unit "$memo_first" ms) (its first run)" "$(as_ratio "$memo_r")" "≤ 0.10×" "$(verdict "$memo_r" 0.10)"
real_work_table
echo
echo "raw numbers per round:"
for k in chain chain_anchor fan fan_anchor start push idle_rss growth list detail memo memo_first \
  log log_anchor log_list log_list_max cache cache_job cache_anchor checkout_first checkout_first_anchor \
  checkout_again checkout_again_anchor cli_run cli_validate cli_anchor; do
  [ -n "${raw[$k]:-}" ] || continue
  printf '  %-22s %s\n' "$k" "${raw[$k]:-}"
done

if [ "$failed" = 1 ]; then
  say "bench: some measurements produced no number (n/a above)"
  exit 1
fi
exit 0
