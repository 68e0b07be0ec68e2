#!/usr/bin/env bash
# Runs every Hangar benchmark and prints one line per figure: NAME value unit (reference value, ratio).
# Usage: bash bench/run.sh [--quick] [intake|gateway|decision|fanout|e2e|scale|footprint ...]
# Needs: wrk (apt-get install -y wrk) for the intake saturation figures; a Docker engine with the image
# hangar/emulated-runner:native for fan-out and e2e, which also starts artifacts/native/hangar-emulated-runner
# (eng/build-runner-image.sh builds both; run here too, so the figures never time a stale runner). Exits non-zero
# only if a run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] wrk is missing: trying apt-get install -y wrk" >&2
  apt-get install -y wrk >/dev/null 2>&1 || echo "[bench] could not install wrk; intake saturation figures are skipped" >&2
fi
if docker info >/dev/null 2>&1; then
  bash eng/build-runner-image.sh >&2
fi
dotnet build Hangar.slnx -c Release -v quiet -nologo >&2
exec dotnet bench/Hangar.Bench/bin/Release/net10.0/Hangar.Bench.dll "$@"
