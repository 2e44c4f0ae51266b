# The rows of real work, sourced by bench/run.sh (which defines api, submit, run_status, is_final,
# wait_final, record, say, now, ms_since, median, and $work, $data, $base, $image, $rounds):
#
#   log        a job printing $log_bytes of log lines, with a secret masked in them, POST to
#              final status, against `docker run` of the same to /dev/null; meanwhile the runs
#              list is called every 250 ms and the log is followed live (?follow=true)
#   cache      a job that restores a cache of $cache_files files ($cache_mb MB) by its exact key: the
#              restore's time as the job's log tells it (and the job's time minus the same job's
#              without the cache, which Docker's own noise dominates), against `cp -al` of its dir
#   checkout   the first checkout of $bench_repo (a new mirror), against `git clone --mirror`;
#              then a checkout from the up-to-date mirror, against `git clone --shared` + checkout
#   cli        `./fastci run examples/hello.json` and `./fastci validate examples/hello.json`, wall,
#              against `docker run --rm busybox echo`
# shellcheck shell=bash

real_work_sizes() { # SMOKE -> the sizes of these rows
  if [ "$1" = 1 ]; then
    log_bytes=1000000 cache_dirs=4 cache_files_per_dir=25 repo_files=60 cli_samples=1
  else
    log_bytes=100000000 cache_dirs=100 cache_files_per_dir=200 repo_files=2500 cli_samples=5
  fi
  cache_file_bytes=10240
  cache_files=$((cache_dirs * cache_files_per_dir))
  cache_mb=$((cache_files * cache_file_bytes / 1000000))
  log_line='a line of a build log, 64 bytes long, as a compiler prints it..'
  log_secret="bench-secret-value-$$"
}

job_times() { # RUN_ID JOB -> "startedAt finishedAt" of the job, in ms
  api "$base/api/pipelines/$1" | tr '{' '\n' | grep "\"name\":\"$2\"" | grep -o '"\(startedAt\|finishedAt\)":"[^"]*"' |
    cut -d'"' -f4 | while read -r t; do date -d "$t" +%s%3N; done | tr '\n' ' '
}
job_ms() { # RUN_ID JOB -> finishedAt - startedAt of the job
  local t
  t=$(job_times "$1" "$2")
  set -- $t
  [ $# -ge 2 ] && echo $(($2 - $1))
}
run_until_final() { # FILE [EVERY_N_POLLS CALLS_FILE [JOB]] -> "ID WALL_MS STATUS"
  # Times list calls meanwhile, and follows the log of JOB live (?follow=true) into $work/followed.
  # Polls every $poll_seconds (0.05 by default: the wall time is the row's measure).
  local t0 id s n=0
  t0=$(now)
  id=$(submit "$1")
  [ -n "$id" ] || {
    echo "none x NONE"
    return
  }
  if [ -n "${4:-}" ]; then
    api "$base/api/pipelines/$id/jobs/$4/log?follow=true" 2>/dev/null | wc -c >"$work/followed" &
  fi
  while :; do
    s=$(run_status "$id")
    is_final "$s" && break
    n=$((n + 1))
    if [ -n "${2:-}" ] && [ $((n % $2)) -eq 1 ]; then # the first poll, then every Nth
      api -o /dev/null -w '%{time_total}\n' "$base/api/pipelines?limit=50" |
        awk '{printf "%.2f\n", $1 * 1000}' >>"$3"
    fi
    if [ "$(ms_since "$t0")" -ge 600000 ]; then
      s=TIMEOUT
      break
    fi
    sleep "${poll_seconds:-0.05}"
  done
  local ms
  ms=$(ms_since "$t0")
  wait # the follower ends with the job
  echo "$id $ms $s"
}

log_row() {
  local r t0 a id ms s file size tailed followed follower
  printf '{"name": "log", "secrets": ["BENCH_TOKEN"], "jobs": [{"name": "print", "image": "%s",
    "command": ["sh", "-c", "yes %s | head -c %d; echo $BENCH_TOKEN"]}]}\n' \
    "$image" "'$log_line'" "$log_bytes" >"$work/log.json"
  for r in $(seq 1 "$rounds"); do
    t0=$(now)
    if docker run --rm "$image" sh -c "yes '$log_line' | head -c $log_bytes; echo not-a-secret" >/dev/null; then
      a=$(ms_since "$t0")
    else
      a=x
    fi
    : >"$work/log.calls"
    read -r id ms s < <(run_until_final "$work/log.json" 5 "$work/log.calls" print)
    file="$data/logs/$id/print.1.log"
    # Followed live, from the submit on: the log endpoint with follow=true, until the job ended.
    followed=x
    if [ "$s" = SUCCEEDED ]; then
      follower=$(cat "$work/followed" 2>/dev/null || echo 0)
      size=$(stat -c %s "$file" 2>/dev/null || echo 0)
      tailed=$(tail -c 4 "$file" | tr -d '\n')
      if [ "$size" -ge "$log_bytes" ] && [ "$tailed" = '***' ] && [ "$follower" = "$size" ]; then
        followed=$follower
      else
        say "bench: log of run $id: $size bytes, ends with '$tailed', followed $follower bytes"
        ms=x
      fi
    else
      say "bench: the log run $id ended $s"
      ms=x
    fi
    record log_anchor "$a"
    record log "$ms"
    record log_list "$(if [ -s "$work/log.calls" ]; then median <"$work/log.calls"; else echo x; fi)"
    record log_list_max "$(sort -n "$work/log.calls" | tail -n 1)"
    say "round $r: log of $log_bytes bytes: fastci $ms ms (followed: $followed bytes) | docker run > /dev/null $a ms |" \
      "runs list meanwhile: $(tr '\n' ' ' <"$work/log.calls")ms"
  done
}

cache_tree() { # DIR: $cache_dirs dirs of $cache_files_per_dir random files of $cache_file_bytes
  local d
  for d in $(seq -w 1 "$cache_dirs"); do
    mkdir -p "$1/$d"
    head -c $((cache_files_per_dir * cache_file_bytes)) /dev/urandom |
      (cd "$1/$d" && split -b "$cache_file_bytes" -a 4 - f)
  done
}

cache_row() {
  local key="bench-cache-$$" r id ms s with without entry t0 a told how told_line
  cache_tree "$work/cache-src"
  printf '{"name": "cache-fill", "jobs": [{"name": "build", "image": "%s", "volumes": ["%s:/src:ro"],
    "caches": [{"key": "%s", "path": "/cache"}], "command": ["cp", "-a", "/src/.", "/cache/"]}]}\n' \
    "$image" "$work/cache-src" "$key" >"$work/cache-fill.json"
  printf '{"name": "cache-hit", "jobs": [{"name": "build", "image": "%s",
    "caches": [{"key": "%s", "path": "/cache"}], "command": "true"}]}\n' "$image" "$key" >"$work/cache-hit.json"
  printf '{"name": "cache-none", "jobs": [{"name": "build", "image": "%s", "command": "true"}]}\n' \
    "$image" >"$work/cache-none.json"
  read -r id ms s < <(run_until_final "$work/cache-fill.json")
  [ "$s" = SUCCEEDED ] || say "bench: the cache-filling run $id ended $s"
  say "bench: cache of $cache_files files ($cache_mb MB) saved by run $id in $ms ms"
  entry=$(dirname "$(grep -l "\"$key\"" "$data"/caches/entries/*/entry.json 2>/dev/null | head -n 1)")
  for r in $(seq 1 "$rounds"); do
    read -r id ms s < <(run_until_final "$work/cache-hit.json")
    with=x told=x how=""
    told_line=$(api "$base/api/pipelines/$id/jobs/build/log" | grep -o "restored $key ([a-z-]*, [0-9.]* s)")
    if [ "$s" = SUCCEEDED ] && [ -n "$told_line" ]; then
      with=$(job_ms "$id" build)
      how=$(echo "$told_line" | sed 's/.*(\([a-z-]*\), .*/\1/')
      told=$(echo "$told_line" | sed 's/.*, \([0-9.]*\) s)/\1/' | awk '{printf "%d\n", $1 * 1000 + 0.5}')
    else
      say "bench: the cache run $id ended $s, or did not restore the cache"
    fi
    read -r id ms s < <(run_until_final "$work/cache-none.json")
    without=x
    [ "$s" = SUCCEEDED ] && without=$(job_ms "$id" build)
    rm -rf "$work/cp-al"
    t0=$(now)
    if [ -d "$entry" ] && cp -al "$entry/content" "$work/cp-al"; then a=$(ms_since "$t0"); else a=x; fi
    record cache "$told"
    case "$with $without" in *x*) record cache_job x ;; *) record cache_job $((with - without)) ;; esac
    record cache_anchor "$a"
    cache_how=$how
    say "round $r: cache of $cache_files files: restored in $told ms ($how), as its job's log says; job with it" \
      "$with ms, without $without ms | cp -al $a ms"
  done
  rm -rf "$work/cp-al" "$work/cache-src"
}

checkout_repo() { # -> the repository to check out: $bench_repo's HEAD branch, or one made here
  local i repo="$work/gen-repo"
  if [ -n "${bench_repo:-}" ]; then
    # Its HEAD branch alone, without its other refs: a fetched snapshot may lack objects that only
    # those need, and then neither git nor JGit can copy it whole.
    git clone -q --bare --single-branch --no-tags "$bench_repo" "$work/bench-repo.git" >&2
    echo "$work/bench-repo.git"
    return
  fi
  git init -q "$repo"
  for i in $(seq 1 "$repo_files"); do
    mkdir -p "$repo/src/d$((i % 50))"
    printf 'file %d\n%s\n' "$i" "$(head -c 2000 /dev/urandom | base64 -w 100)" >"$repo/src/d$((i % 50))/f$i.txt"
  done
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -qm "generated: $repo_files files"
  echo "$repo"
}

checkout_ms() { # REPO_URL COMMIT MIRROR_STATE -> the checkout's time from the server's log, or x
  local id ms s line
  printf '{"name": "checkout", "repo_url": "%s", "commit_hash": "%s",
    "jobs": [{"name": "ls", "image": "%s", "command": "true"}]}\n' "$1" "$2" "$image" >"$work/checkout.json"
  # The time is the server's own, from its log: a slow poll, so that the bench's own work (a curl and
  # a few processes a poll) does not take the cores from the checkout's git meanwhile.
  read -r id ms s < <(poll_seconds=0.5 run_until_final "$work/checkout.json")
  line=$(grep "run $id: checked out" "$work/server.log" | tail -n 1)
  case $line in
    *"(mirror $3)"*)
      say "bench: checkout, mirror $3: $(echo "$line" | sed -n 's/.*\[\(.*\)\]$/\1/p')"
      echo "$line" | sed 's/.* in \([0-9]*\) ms (mirror.*/\1/'
      ;;
    *)
      say "bench: checkout run $id ended $s: ${line:-no checkout line in the server log}"
      echo x
      ;;
  esac
}

checkout_anchor_steps() { # ROUND COMMIT: sets a (git clone --mirror) and b (--shared + checkout)
  local t0
  sync
  t0=$(now)
  if git clone -q --mirror "file://$repo" "$work/anchor/r$1.git"; then a=$(ms_since "$t0"); else a=x; fi
  sync
  t0=$(now)
  if git clone -q --shared --no-checkout "$work/anchor/r$1.git" "$work/anchor/co$1" &&
    git -C "$work/anchor/co$1" checkout -q "$2"; then b=$(ms_since "$t0"); else b=x; fi
}

checkout_row() {
  local repo head files r url first again a b
  repo=$(checkout_repo)
  head=$(git -C "$repo" rev-parse HEAD)
  files=$(git -C "$repo" ls-tree -r HEAD | wc -l)
  checkout_what="the HEAD branch of $bench_repo ($files files)"
  [ -n "${bench_repo:-}" ] || checkout_what="a generated repository ($files files)"
  mkdir -p "$work/repos" "$work/anchor"
  # This machine's disk writes small files at a speed that changes in bursts of seconds (the same
  # `git checkout` of these files took 88-822 ms within a minute in a shell, bench/RESULTS.md), so
  # FastCI's steps and the anchor's take turns going first, round by round. Each step starts with
  # the disk's writes done (sync).
  for r in $(seq 1 "$rounds"); do
    # A new URL each round: a new mirror. A file: URL, as for the anchor: git's pack protocol, as
    # with a remote repository (a plain path would let git clone it with hard links).
    ln -s "$repo" "$work/repos/r$r.git"
    url="file://$work/repos/r$r.git"
    if [ $((r % 2)) -eq 0 ]; then checkout_anchor_steps "$r" "$head"; fi
    sync
    first=$(checkout_ms "$url" "$head" cloned)
    sync
    again=$(checkout_ms "$url" "$head" "up to date")
    if [ $((r % 2)) -eq 1 ]; then checkout_anchor_steps "$r" "$head"; fi
    rm -rf "$work/anchor/r$r.git" "$work/anchor/co$r"
    record checkout_first "$first"
    record checkout_first_anchor "$a"
    record checkout_again "$again"
    record checkout_again_anchor "$b"
    say "round $r: checkout of $checkout_what: first $first ms | git clone --mirror $a ms;" \
      "from the mirror $again ms | git clone --shared + checkout $b ms"
  done
}

cli_ms() { # ARGS... -> wall ms of ./fastci ARGS with a data dir of its own, or x
  local t0
  t0=$(now)
  if FASTCI_DATA_DIR="$work/cli-data" FASTCI_WORKER_HOST_ID=bench-cli ./fastci "$@" >"$work/cli.out" 2>&1; then
    ms_since "$t0"
  else
    say "bench: ./fastci $* failed: $(tail -n 3 "$work/cli.out")"
    echo x
  fi
}

cli_row() {
  local r i kind t0
  cli_first=$(cli_ms run examples/hello.json) # the first call after a build may prepare things
  say "bench: the first ./fastci run after the build took $cli_first ms"
  for r in $(seq 1 "$rounds"); do
    for kind in run validate anchor; do
      for i in $(seq 1 "$cli_samples"); do
        case $kind in
          run) cli_ms run examples/hello.json ;;
          validate) cli_ms validate examples/hello.json ;;
          anchor)
            t0=$(now)
            if docker run --rm "$image" echo hi >/dev/null; then ms_since "$t0"; else echo x; fi
            ;;
        esac
      done >"$work/cli.$kind"
      if grep -qx x "$work/cli.$kind"; then record "cli_$kind" x; else record "cli_$kind" "$(median <"$work/cli.$kind")"; fi
    done
    say "round $r: ./fastci run $(tr '\n' ' ' <"$work/cli.run")ms | validate $(tr '\n' ' ' <"$work/cli.validate")ms |" \
      "docker run --rm busybox echo $(tr '\n' ' ' <"$work/cli.anchor")ms"
  done
}

real_work_table() { # the table's rows of these measurements (row, unit, ratio, verdict, as_ratio from run.sh)
  local v a r
  if want log; then
    v=$(value_of log) a=$(value_of log_anchor) r=$(ratio "$v" "$a")
    row "log: a job printing $log_bytes bytes (a secret masked), submit to finished, followed live" \
      "$(unit "$v" ms)" "$(unit "$a" ms) (docker run > /dev/null)" "$(as_ratio "$r")" "≤ 1.20×" "$(verdict "$r" 1.2)"
    v=$(value_of log_list)
    row "runs list during that job (median; the slowest: $(value_of log_list_max) ms)" "$(unit "$v" ms)" "" "" \
      "≤ 50 ms" "$(verdict "$v" 50)"
  fi
  if want cache; then
    v=$(value_of cache) a=$(value_of cache_anchor) r=$(ratio "$v" "$a")
    row "cache: restoring $cache_files files ($cache_mb MB) by exact key, ${cache_how:-?}, as the job's log says (job with it minus job without: $(value_of cache_job) ms)" \
      "$(unit "$v" ms)" "$(unit "$a" ms) (cp -al)" "$(as_ratio "$r")" "≤ 300 ms" "$(verdict "$v" 300)"
  fi
  if want checkout; then
    v=$(value_of checkout_first) a=$(value_of checkout_first_anchor) r=$(ratio "$v" "$a")
    row "checkout of $checkout_what into a new mirror" "$(unit "$v" ms)" \
      "$(unit "$a" ms) (git clone --mirror)" "$(as_ratio "$r")" "≤ 1.50×" "$(verdict "$r" 1.5)"
    v=$(value_of checkout_again) a=$(value_of checkout_again_anchor) r=$(ratio "$v" "$a")
    row "checkout of the same from the up-to-date mirror" "$(unit "$v" ms)" \
      "$(unit "$a" ms) (git clone --shared + checkout)" "$(as_ratio "$r")" "≤ 1.00×" "$(verdict "$r" 1)"
  fi
  if want cli; then
    v=$(value_of cli_run) a=$(value_of cli_anchor) r=$(ratio "$v" "$a")
    row "\`./fastci run examples/hello.json\`, wall (the first call after the build: $cli_first ms)" \
      "$(unit "$v" ms)" "$(unit "$a" ms) (docker run --rm busybox echo)" "$(as_ratio "$r")" "≤ 1500 ms" \
      "$(verdict "$v" 1500)"
    v=$(value_of cli_validate)
    row "\`./fastci validate examples/hello.json\`, wall" "$(unit "$v" ms)" "" "" "≤ 500 ms" "$(verdict "$v" 500)"
  fi
}
