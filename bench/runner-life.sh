#!/usr/bin/env bash
# Times one emulated runner's whole life as a process — start, connect, take a queued 0 ms job, complete it, exit —
# for the Native AOT binary (artifacts/native) and the JIT-compiled build of the same source, alternating, N each.
# Prints the median wall time, CPU time and peak RSS of each (CPU and RSS from GNU time).
#
#   bash bench/runner-life.sh [N]        (default 15; needs curl and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
port=18731
token="runner-life-$$"

native="$(bash eng/build-native-runner.sh | tail -n 1)"
dotnet build src/Hangar.Emulator.Runner -c Release -v quiet -nologo >&2
dotnet build src/Hangar.Cli -c Release -v quiet -nologo >&2
jit_dll="src/Hangar.Emulator.Runner/bin/Release/net10.0/hangar-emulated-runner.dll"

work="$(mktemp -d)"
dotnet src/Hangar.Cli/bin/Release/net10.0/hangar.dll emulator --listen "http://127.0.0.1:$port" --token "$token" \
  --job-duration-ms 0 >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null; rm -rf "$work"' EXIT
api="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$api/_emulator/jobs" >/dev/null && break; sleep 0.1; done

# One job and one single-use JIT config per run, made before any timing starts.
total=$((2 * runs + 2))
curl -sf -XPOST "$api/_emulator/jobs" -d "{\"repository\":\"acme/app\",\"labels\":[\"linux\"],\"count\":$total}" >/dev/null
for i in $(seq 1 "$total"); do
  curl -sf -XPOST -H "Authorization: Bearer $token" "$api/repos/acme/app/actions/runners/generate-jitconfig" \
    -d "{\"name\":\"life-$i\",\"runner_group_id\":1,\"labels\":[\"linux\"]}" |
    sed 's/.*"encoded_jit_config": *"\([^"]*\)".*/\1/' >"$work/jit.$i"
done

life() { # kind config-number: one timed run, "wall-µs user-s sys-s peak-KiB" appended to $work/kind
  local kind="$1" n="$2" command start end
  if [[ "$kind" == native ]]; then command=("$native"); else command=(dotnet "$jit_dll"); fi
  start=$(date +%s%N)
  ACTIONS_RUNNER_INPUT_JITCONFIG="$(cat "$work/jit.$n")" /usr/bin/time -f '%U %S %M' -o "$work/last" \
    "${command[@]}" >/dev/null 2>&1 || { echo "runner-life: the $kind runner failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(((end - start) / 1000)) $(cat "$work/last")" >>"$work/$kind"
}

life native 1 # warm-up: page cache, first connection
life jit 2
: >"$work/native"
: >"$work/jit"
for i in $(seq 1 "$runs"); do
  life native $((2 * i + 1))
  life jit $((2 * i + 2))
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for kind in native jit; do
  printf '%-6s wall %s ms, cpu %s s (GNU time counts in 10 ms steps), peak rss %s MiB; medians of %d\n' "$kind" \
    "$(awk '{ printf "%.1f\n", $1 / 1000 }' "$work/$kind" | median)" \
    "$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/$kind" | median)" \
    "$(awk '{ printf "%.1f\n", $4 / 1024 }' "$work/$kind" | median)" "$runs"
done
