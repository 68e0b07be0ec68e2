#!/usr/bin/env bash
# The scheduling results of docs/scheduling.md ("Results"): generates the three bundled traces with the documented
# generator, checks them against bench/traces/SHA256SUMS (the same seed gives the same trace on every machine), and
# replays each through `hangar simulate`: a search over static min_idle, a schedule where the trace has office hours,
# and predictive with its defaults. Tables go to stdout, SVG plots to bench/traces/out/.
# Usage: bash bench/simulate.sh [office-hours|nightly|random ...]
#   HANGAR="dotnet src/Hangar.Cli/bin/Debug/net10.0/hangar.dll" to use a build you already have (default: a Release
#   build made here). Takes about 10 minutes on 2 cores for all three.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=bench/traces
out=$dir/out
mkdir -p "$out"
if [[ -z "${HANGAR:-}" ]]; then
  dotnet build src/Hangar.Cli -c Release -v quiet -nologo >&2
  HANGAR="dotnet src/Hangar.Cli/bin/Release/net10.0/hangar.dll"
fi
read -r -a hangar <<<"$HANGAR"

# The bundled traces: an organisation of 20 teams (--scale 20), seed 7, from Monday 5 January 2026.
generate() {
  case "$1" in
    office-hours) "${hangar[@]}" trace generate --profile office-hours --seed 7 --days 14 --scale 20 -o "$dir/office-hours.jsonl" ;;
    nightly) "${hangar[@]}" trace generate --profile nightly --seed 7 --days 14 --scale 20 -o "$dir/nightly.jsonl" ;;
    random) "${hangar[@]}" trace generate --profile random --seed 7 --days 7 --scale 20 -o "$dir/random.jsonl" ;;
    *) echo "unknown trace '$1' (office-hours, nightly, random)" >&2; exit 2 ;;
  esac
}

# The policies compared on each trace. The nightly batch needs far more warm runners than the others, so its static
# search steps wider.
policies() {
  case "$1" in
    nightly) echo "static:0 static:8 static:16 static:24 static:32 static:48 static:64 static:96 predictive" ;;
    *) echo "static:0 static:2 static:4 static:5 static:6 static:7 static:8 static:9 static:10 static:12 static:14 static:16 predictive" ;;
  esac
}

traces=("$@")
[[ ${#traces[@]} -gt 0 ]] || traces=(office-hours nightly random)
for trace in "${traces[@]}"; do
  generate "$trace"
  (cd "$dir" && grep " $trace.jsonl\$" SHA256SUMS | sha256sum -c --quiet -) || {
    echo "$dir/$trace.jsonl differs from SHA256SUMS: the generator changed, so the documented results are of another trace" >&2
    exit 1
  }
  read -r -a compared <<<"$(policies "$trace")"
  echo "== $trace"
  "${hangar[@]}" simulate -c "$dir/simulate.yaml" --trace "$dir/$trace.jsonl" --boot-time 30s --pickup 1s \
    --plot "$out/$trace-predictive.svg" --policy "${compared[@]}"
  if [[ -f "$dir/schedule-$trace.yaml" ]]; then
    echo "-- $trace, schedule ($dir/schedule-$trace.yaml)"
    "${hangar[@]}" simulate -c "$dir/schedule-$trace.yaml" --trace "$dir/$trace.jsonl" --boot-time 30s --pickup 1s \
      --plot "$out/$trace-schedule.svg" --policy config
  fi
done
