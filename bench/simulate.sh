#!/usr/bin/env bash
# The scheduling results of docs/scheduling.md ("Results"): generates the three bundled traces with the documented
# generator, checks them against bench/traces/SHA256SUMS (the same seed gives the same trace on every machine), and
# replays each through `hangar simulate`: a search over static min_idle, a schedule where the trace has office hours,
# predictive with its defaults, and on random a search over predictive's coverage beside the spell oracle (a bound). Tables go to stdout, SVG plots to bench/traces/out/.
# Usage: [SCALE=5|20|50] bash bench/simulate.sh [office-hours|nightly|random|poisson ...]
#   SCALE: the organisation's size (default 20, the bundled traces: every trace at the same scale). The traces at each
#   scale are in SHA256SUMS; at a scale other than 20 they are named <trace>-s<scale>.jsonl.
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

# The bundled traces: an organisation of $scale teams (--scale, 20 unless SCALE says otherwise), seed 7, from Monday
# 5 January 2026. One scale for every trace: results depend on it, and a scale is never picked per trace.
scale=${SCALE:-20}
case "$scale" in 5|20|50) ;; *) echo "SCALE must be 5, 20 or 50 (the scales in SHA256SUMS)" >&2; exit 2 ;; esac
name() { if [[ $scale == 20 ]]; then echo "$1"; else echo "$1-s$scale"; fi; }
generate() {
  case "$1" in
    office-hours|nightly) days=14 ;;
    random|poisson) days=7 ;;
    *) echo "unknown trace '$1' (office-hours, nightly, random, poisson)" >&2; exit 2 ;;
  esac
  "${hangar[@]}" trace generate --profile "$1" --seed 7 --days "$days" --scale "$scale" -o "$dir/$(name "$1").jsonl"
}

# The policies compared on each trace: a static min_idle search wide enough to pass the best static setting at each
# scale (about 0.4 warm runners per team), and predictive with its defaults. The nightly batch needs far more warm
# runners than the others, so its static search steps wider.
policies() {
  local steps
  case "$1/$scale" in
    nightly/5) steps="0 2 4 8 12 16 24 32" ;;
    nightly/20) steps="0 8 16 24 32 48 64 96" ;;
    nightly/50) steps="0 32 64 96 128 160 200" ;;
    */5) steps="0 1 2 3 4 5 6 8 10 12" ;;
    */20) steps="0 2 4 5 6 7 8 9 10 12 14 16 20 24" ;;
    */50) steps="0 5 8 10 12 14 16 18 20 22 24 26 28 32 40" ;;
  esac
  for n in $steps; do printf 'static:%s ' "$n"; done
  echo predictive
}

traces=("$@")
[[ ${#traces[@]} -gt 0 ]] || traces=(office-hours nightly random poisson)
for trace in "${traces[@]}"; do
  generate "$trace"
  file=$(name "$trace").jsonl
  (cd "$dir" && grep " $file\$" SHA256SUMS | sha256sum -c --quiet -) || {
    echo "$dir/$file differs from SHA256SUMS: the generator changed, so the documented results are of another trace" >&2
    exit 1
  }
  read -r -a compared <<<"$(policies "$trace")"
  echo "== $trace, scale $scale"
  # The random profile's hidden spells (seed 7, as generated above): adds the figures per calm and busy spell.
  spells=()
  [[ $trace == random ]] && spells=(--spells 7)
  "${hangar[@]}" simulate -c "$dir/simulate.yaml" --trace "$dir/$file" --boot-time 30s --pickup 1s "${spells[@]}" \
    --plot "$out/$(name "$trace")-predictive.svg" --policy "${compared[@]}"
  if [[ $trace == random && $scale == 20 ]]; then
    # An operator's search over predictive's coverage without a budget (the cheapest whole percent within the boot time
    # is the one compared), and the spell oracle: a static level per hidden spell, the bound no policy can pass.
    echo "-- $trace, predictive's coverage searched, and the spell oracle (a bound)"
    "${hangar[@]}" simulate -c "$dir/simulate.yaml" --trace "$dir/$file" --boot-time 30s --pickup 1s --spells 7 --policy \
      static:7 predictive:coverage=56%,idle_budget=100% predictive:coverage=57%,idle_budget=100% \
      predictive:coverage=58%,idle_budget=100% predictive:coverage=59%,idle_budget=100% \
      oracle:6/10 oracle:6.3/10 oracle:6.5/10 oracle:6.7/10 oracle:6.3/12 oracle:7/10
  fi
  if [[ $scale == 20 && -f "$dir/schedule-$trace.yaml" ]]; then
    echo "-- $trace, schedule ($dir/schedule-$trace.yaml)"
    "${hangar[@]}" simulate -c "$dir/schedule-$trace.yaml" --trace "$dir/$file" --boot-time 30s --pickup 1s \
      --plot "$out/$trace-schedule.svg" --policy config
  fi
done
