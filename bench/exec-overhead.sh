#!/usr/bin/env bash
# hangar exec's overhead next to plain Docker, in the same run: N times `hangar exec --pool P -- true` on an exec-only
# Docker pool (intent stored, container created, agent dials in, task, changed-files archive, destroy) against N times
# `docker run --rm IMAGE true`, interleaved, on one machine. Prints each side's median, p90 and mean wall time (ms), and
# the load average. Not a test: figures go to docs/benchmarks.md.
#
#   bench/exec-overhead.sh [N]          (default 20; needs dockerd and the image from eng/build-runner-image.sh)
set -euo pipefail

n="${1:-20}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="hangar/emulated-runner:native"
# HANGAR_DLL: an already built hangar.dll (skips the Release build).
hangar="${HANGAR_DLL:-$repo/src/Hangar.Cli/bin/Release/net10.0/hangar.dll}"
[[ -n "${HANGAR_DLL:-}" ]] || dotnet build "$repo/src/Hangar.Cli/Hangar.Cli.csproj" -c Release -v quiet --nologo >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/hangar.yaml" <<YAML
server:
  data_dir: $work/data
  controller_id: exec-bench
providers:
  docker:
    type: docker
pools:
  bench:
    exec_only: true
    provider: docker
    image: $image
    agent: /opt/runner/hangar-agent
    network_mode: host
YAML

ms() { echo $(($(date +%s%N) / 1000000)); }
: >"$work/exec.ms"
: >"$work/docker.ms"
# One of each first, unmeasured: the image in the page cache, the store's schema, the JIT's first run.
dotnet "$hangar" exec --config "$work/hangar.yaml" --pool bench -- true
docker run --rm --network host "$image" true
for _ in $(seq "$n"); do
  start=$(ms); dotnet "$hangar" exec --config "$work/hangar.yaml" --pool bench -- true; echo $(($(ms) - start)) >>"$work/exec.ms"
  start=$(ms); docker run --rm --network host "$image" true; echo $(($(ms) - start)) >>"$work/docker.ms"
done

stats() { sort -n "$1" | awk '{ v[NR] = $1; s += $1 } END { printf "median %d ms, p90 %d ms, mean %d ms (n=%d)", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], s / NR, NR }'; }
echo "hangar exec -- true:        $(stats "$work/exec.ms")"
echo "docker run --rm IMAGE true: $(stats "$work/docker.ms")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
