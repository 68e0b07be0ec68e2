#!/usr/bin/env bash
# Makes sure a RabbitMQ node answers on 127.0.0.1:55672 for the tests, starting one if needed. Idempotent: run it as
# often as you like. The node is rabbit-hangar@localhost with its own Erlang distribution port, its data (mnesia) and
# logs in ${HANGAR_DATA_ROOT:-/tmp}/hangar-rabbitmq, bound to loopback only (guest/guest, a test broker: never expose
# it). Started with `rabbitmq-server -detached`, never systemd, so it works in CI containers.
# Appends to "$HANGAR_SERVICES_ENV" when eng/test.sh set it:
#   HANGAR_TEST_RABBITMQ      the amqp:// URL of this shared node (tests isolate by queue name)
#   HANGAR_TEST_RABBITMQ_DIR  a directory tests may start their own, private nodes under (the broker-restart test
#                             stops and starts its own node, never this shared one)
# Usage: start-rabbitmq.sh                   the shared node
#        start-rabbitmq.sh NAME PORT DIR     another node (what the broker-restart test runs; prints nothing to the env)
#        start-rabbitmq.sh --stop NAME DIR   stop a node started by this script
set -euo pipefail

root="${HANGAR_DATA_ROOT:-/tmp}/hangar-rabbitmq"

install_when_missing() {
  if command -v rabbitmq-server >/dev/null && command -v rabbitmqctl >/dev/null; then
    return 0
  fi
  if ((EUID != 0)); then
    echo "start-rabbitmq: RabbitMQ is not installed; install it as root: apt-get install -y rabbitmq-server" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local log
  log="$(mktemp)"
  # The package's postinst tries to start the service through systemd/invoke-rc.d; policy-rc.d forbids that here,
  # and the epmd it may leave behind listens on every address, so it is stopped below.
  local policy=/usr/sbin/policy-rc.d had_policy=""
  [[ -e "$policy" ]] && had_policy=1
  [[ -z "$had_policy" ]] && printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends rabbitmq-server; } >"$log" 2>&1; then
    [[ -z "$had_policy" ]] && rm -f "$policy"
    cat "$log" >&2
    rm -f "$log"
    echo "start-rabbitmq: installing rabbitmq-server failed" >&2
    exit 1
  fi
  [[ -z "$had_policy" ]] && rm -f "$policy"
  rm -f "$log"
  installed="installed rabbitmq-server, "
}

# Environment of one node: its name, ports, directories. Every node of this script shares the loopback epmd.
node_env() {
  local name=$1 port=$2 dir=$3
  export RABBITMQ_NODENAME="$name@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$port"
  # The distribution port is the AMQP port + 20000 by default, which would leave 55672 out of range: pin it.
  export RABBITMQ_DIST_PORT=$((port + 1000))
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"          # rabbitmq.conf beside it
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbit.pid"
  # The dist port listens on loopback only, like everything else.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  # The Erlang cookie lives in $HOME: the rabbitmq user's own when root runs the node as that user, else the node's dir.
  if ((EUID == 0)) && id rabbitmq >/dev/null 2>&1; then
    HOME="$(getent passwd rabbitmq | cut -d: -f6)"
  else
    HOME="$dir"
  fi
  export HOME
  mkdir -p "$dir/mnesia" "$dir/log"
  [[ "${4:-}" == keep ]] && return 0
  [[ -f "$dir/enabled_plugins" ]] || echo "[]." >"$dir/enabled_plugins"
  # Management is off and the only listener is loopback; guest may log in from loopback (RabbitMQ's default).
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users.guest = true
log.console = false
log.file.level = warning
EOF
  if ((EUID == 0)) && id rabbitmq >/dev/null 2>&1; then
    chown -R rabbitmq:rabbitmq "$dir"
  fi
}

as_owner() {
  if ((EUID == 0)) && id rabbitmq >/dev/null 2>&1; then
    runuser -u rabbitmq --preserve-environment -- "$@"
  else
    "$@"
  fi
}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_node() {
  local name=$1 port=$2 dir=$3
  node_env "$name" "$port" "$dir"
  if answers "$port" && as_owner rabbitmqctl -q -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
    echo "start-rabbitmq: node $RABBITMQ_NODENAME already answers on 127.0.0.1:$port; nothing to do"
    return 0
  fi
  as_owner rabbitmq-server -detached
  # `wait` rides out the seconds before the node registers with epmd (await_startup alone fails at once then).
  if ! { as_owner timeout 120 rabbitmqctl -q -n "$RABBITMQ_NODENAME" wait --timeout 110 "$RABBITMQ_PID_FILE" \
    && as_owner timeout 120 rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup --timeout 110; } >/dev/null 2>&1; then
    echo "start-rabbitmq: node $RABBITMQ_NODENAME did not start; last lines of its log in $dir/log:" >&2
    tail -n 30 "$dir"/log/*.log >&2 || true
    exit 1
  fi
  echo "start-rabbitmq: ${installed}started RabbitMQ node $RABBITMQ_NODENAME on 127.0.0.1:$port (data and log in $dir)"
}

stop_node() {
  local name=$1 dir=$2 pid=""
  node_env "$name" 0 "$dir" keep
  pid="$(as_owner rabbitmqctl -q -n "$RABBITMQ_NODENAME" eval 'os:getpid().' 2>/dev/null | tr -d '"' || true)"
  as_owner timeout 60 rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
  # `stop` returns once the node is told; wait for the process so a restart can take the port.
  while [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}

installed=""
if [[ "${1:-}" == "--stop" ]]; then
  stop_node "$2" "$3"
  exit 0
fi

install_when_missing
if (($# == 3)); then
  start_node "$1" "$2" "$3"
  exit 0
fi

start_node rabbit-hangar 55672 "$root/shared"
if [[ -n "${HANGAR_SERVICES_ENV:-}" ]]; then
  {
    echo "export HANGAR_TEST_RABBITMQ=\"amqp://guest:guest@127.0.0.1:55672/\""
    echo "export HANGAR_TEST_RABBITMQ_DIR=\"$root\""
  } >>"$HANGAR_SERVICES_ENV"
fi
