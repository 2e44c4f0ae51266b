#!/bin/sh
# Starts a Docker engine in the background when none answers, and waits until it does.
set -eu

if docker info >/dev/null 2>&1; then
  exit 0
fi
if ! pgrep -x dockerd >/dev/null 2>&1; then
  rm -f /var/run/docker.pid   # a killed dockerd leaves it behind and the next one refuses to start
  setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &
fi
i=0
until docker info >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt 60 ]; then
    echo "start-docker: dockerd did not answer within 30 s; see /var/log/dockerd.log" >&2
    tail -20 /var/log/dockerd.log >&2 || true
    exit 1
  fi
  sleep 0.5
done
echo "start-docker: $(docker version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}}')"
