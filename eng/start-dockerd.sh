#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, starting one if needed. Idempotent: run it as often as you like.
# Without systemd (CI containers), dockerd is started in the background with its log under $HANGAR_LOG_DIR.
# The bridge and iptables are off: Hangar's containers use the host network and talk to 127.0.0.1 only.
set -euo pipefail

log_dir="${HANGAR_LOG_DIR:-${TMPDIR:-/tmp}/hangar-dockerd}"
timeout_s=60

if docker info >/dev/null 2>&1; then
  echo "start-dockerd: a Docker engine is already running; nothing to do"
  exit 0
fi

installed=""
if ! command -v dockerd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io >/dev/null
  installed="installed docker.io, "
fi

mkdir -p "$log_dir"
# setsid: the engine must outlive this script and the shell that ran it.
setsid dockerd --bridge=none --iptables=false >"$log_dir/dockerd.log" 2>&1 </dev/null &
pid=$!

for _ in $(seq 1 "$timeout_s"); do
  if docker info >/dev/null 2>&1; then
    echo "start-dockerd: ${installed}started dockerd (pid $pid), log in $log_dir/dockerd.log"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start-dockerd: dockerd exited during start-up; last lines of $log_dir/dockerd.log:" >&2
    tail -n 20 "$log_dir/dockerd.log" >&2
    exit 1
  fi
  sleep 1
done

echo "start-dockerd: dockerd (pid $pid) did not answer within ${timeout_s}s; see $log_dir/dockerd.log" >&2
exit 1
