#!/usr/bin/env bash
# Calibration of `hangar simulate` against a real run (issue 18). Runs a real `hangar serve` and the GitHub emulator
# (`hangar emulator`) with the Docker provider and the native runner image, queues jobs in bursts and gaps (seeded:
# pushes that fan out into 1-job, small and large matrices, short gaps and quiet spells, varied job run times),
# measures each job's queue wait (queued → started) from the emulator's own timestamps, then exports the same data
# directory with `hangar trace export`, replays it with `hangar simulate --policy config` on the same configuration,
# and prints both p50/p95 side by side with the acceptance rule: each within 20 % or 1 s, whichever is larger.
# Exits non-zero only when the run itself fails (a job left unserved, a command that failed), never because the
# figures disagree (the bench convention, docs/benchmarks.md).
#
#   bench/calibrate.sh [--jobs N] [--seed S] [--provider docker|process] [--keep]
#     --jobs      at least this many jobs (default 120)
#     --seed      the arrival pattern's seed (default 7)
#     --provider  docker (default: hangar/emulated-runner:native) or process (the native runner as a process)
#     --keep      keep the work directory (config, trace, emulator's jobs, logs) and print where it is
#   HANGAR_DLL=path/to/hangar.dll skips the Release build.
set -euo pipefail

jobs=120
seed=7
provider=docker
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jobs) jobs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --provider) provider="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "calibrate.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$provider" == docker || "$provider" == process ]] || { echo "calibrate.sh: --provider docker|process" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="hangar/emulated-runner:native"
hangar="${HANGAR_DLL:-$repo/src/Hangar.Cli/bin/Release/net10.0/hangar.dll}"
if [[ -z "${HANGAR_DLL:-}" ]]; then
  echo "building hangar (Release)..." >&2
  dotnet build "$repo/src/Hangar.Cli/Hangar.Cli.csproj" -c Release -v quiet --nologo >/dev/null
fi
runner="$repo/artifacts/native/hangar-emulated-runner"
if [[ "$provider" == process && ! -x "$runner" ]]; then
  bash "$repo/eng/build-native-runner.sh" >/dev/null
fi

work="$(mktemp -d -t hangar-calibrate-XXXXXX)"
controller="calib-$(openssl rand -hex 4)"
emulator_pid=""
serve_pid=""
cleanup() {
  [[ -n "$serve_pid" ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  [[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null || true
  if [[ "$provider" == docker ]]; then
    docker ps -aq --filter "label=dev.hangar.controller=$controller" | xargs -r docker rm -f >/dev/null 2>&1 || true
  fi
  if [[ "$keep" == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
emulator_port="$(free_port)"
serve_port="$(free_port)"
emulator_url="http://127.0.0.1:$emulator_port"
serve_url="http://127.0.0.1:$serve_port"
export CALIB_GITHUB_TOKEN="$(openssl rand -hex 20)"
export CALIB_WEBHOOK_SECRET="$(openssl rand -hex 20)"

# Two pools as a team would set them: a cold pool (every job makes its runner) and a warm one (min_idle 2), each
# bounded by max_runners, on one provider whose create/delete concurrency is shared. The loops run at their defaults.
if [[ "$provider" == docker ]]; then
  provider_yaml="  docker:
    type: docker
    max_concurrency: 4"
  runner_yaml="    image: $image
    network_mode: host"
else
  provider_yaml="  process:
    type: process
    work_dir: $work/process
    max_concurrency: 4"
  runner_yaml="    command: [$runner, --idle-timeout, 10m]"
fi
cat >"$work/hangar.yaml" <<YAML
server:
  listen: $serve_url
  data_dir: $work/data
  controller_id: $controller
forges:
  github:
    type: github
    api_url: $emulator_url
    token: {env: CALIB_GITHUB_TOKEN}
    webhook_secret: {env: CALIB_WEBHOOK_SECRET}
providers:
$provider_yaml
pools:
  cold:
    forge: github
    repository: calib/app
    labels: [self-hosted, linux, cold]
    provider: $provider
$runner_yaml
    max_runners: 8
    idle_grace: 30s
  warm:
    forge: github
    repository: calib/app
    labels: [self-hosted, linux, warm]
    provider: $provider
$runner_yaml
    min_idle: 2
    max_runners: 4
    idle_grace: 30s
YAML

echo "work directory $work, controller $controller, provider $provider, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet "$hangar" emulator --listen "$emulator_url" --token "$CALIB_GITHUB_TOKEN" \
  --webhook-url "$serve_url/webhooks/github" --webhook-secret "$CALIB_WEBHOOK_SECRET" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
dotnet "$hangar" serve --config "$work/hangar.yaml" >"$work/serve.log" 2>&1 &
serve_pid=$!

wait_for() { # URL SECONDS
  for _ in $(seq $(($2 * 4))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.25; done
  echo "calibrate.sh: $1 did not answer within $2 s" >&2; return 1
}
wait_for "$emulator_url/_emulator/jobs" 60
wait_for "$serve_url/readyz" 120
# The warm pool's min_idle runners come online before the first push, as on a server that has been running.
for _ in $(seq 240); do
  online="$(curl -fs "$emulator_url/_emulator/runners" | jq '[.runners[] | select(.removed | not) | select(.status == "online")] | length')"
  [[ "$online" -ge 2 ]] && break
  sleep 0.5
done

# The arrival pattern: pushes separated by short gaps (1-8 s) and, one push in six, a quiet spell (20-45 s); each push
# is a matrix of 1 job (half), 2-4 (30 %) or 6-10 (20 %) queued together, for the cold pool (70 %) or the warm one; a
# matrix's jobs run 3-20 s. Seeded, so the same seed replays the same pattern.
RANDOM="$seed"
queued=0
pushes=0
started_ms=$(($(date +%s%N) / 1000000))
while [[ "$queued" -lt "$jobs" ]]; do
  roll=$((RANDOM % 100))
  if [[ "$roll" -lt 50 ]]; then count=1; elif [[ "$roll" -lt 80 ]]; then count=$((2 + RANDOM % 3)); else count=$((6 + RANDOM % 5)); fi
  if [[ $((RANDOM % 100)) -lt 70 ]]; then pool=cold; else pool=warm; fi
  duration=$((3000 + RANDOM % 17000))
  curl -fs -XPOST "$emulator_url/_emulator/jobs" -H 'Content-Type: application/json' \
    -d "{\"repository\":\"calib/app\",\"labels\":[\"self-hosted\",\"linux\",\"$pool\"],\"count\":$count,\"duration_ms\":$duration}" >/dev/null
  queued=$((queued + count))
  pushes=$((pushes + 1))
  if [[ $((RANDOM % 6)) -eq 0 ]]; then gap=$((20000 + RANDOM % 25000)); else gap=$((1000 + RANDOM % 7000)); fi
  [[ "$queued" -lt "$jobs" ]] && sleep "$(printf '%d.%03d' $((gap / 1000)) $((gap % 1000)))"
done
echo "queued $queued jobs in $pushes pushes over $((($(date +%s%N) / 1000000 - started_ms) / 1000)) s" >&2

deadline=$(($(date +%s) + 900))
while true; do
  curl -fs "$emulator_url/_emulator/jobs" >"$work/jobs.json"
  done_count="$(jq '[.jobs[] | select(.status == "completed")] | length' "$work/jobs.json")"
  [[ "$done_count" -ge "$queued" ]] && break
  if [[ "$(date +%s)" -gt "$deadline" ]]; then
    echo "calibrate.sh: only $done_count of $queued jobs completed within 15 minutes" >&2
    exit 1
  fi
  sleep 2
done
echo "all $queued jobs completed; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# The completions reach the store by webhook; give the last ones a moment before reading it.
sleep 3

curl -fs "$emulator_url/_emulator/runners" >"$work/runners.json"
dotnet "$hangar" trace export --config "$work/hangar.yaml" --since 1h >"$work/trace.jsonl"

# Each job's queue wait by the emulator's clock (queued_at → started_at), and the forge's pickup: how long a job queued
# while a runner of its labels stood connected and free took to start on it (the emulator assigns at once; GitHub takes
# a few seconds). The pickup is a property of the forge, not of Hangar, so the replay is told it (--pickup).
python3 - "$work" <<'PY'
import datetime, json, sys
work = sys.argv[1]
def t(s):
    s = s.rstrip("Z")
    head, _, frac = s.partition(".")
    return datetime.datetime.fromisoformat(head).timestamp() + (float("0." + frac) if frac else 0.0)
jobs = json.load(open(f"{work}/jobs.json"))["jobs"]
runners = {r["name"]: r for r in json.load(open(f"{work}/runners.json"))["runners"]}
with open(f"{work}/measured.txt", "w") as out:
    for j in jobs:
        out.write(f"{t(j['started_at']) - t(j['queued_at']):.4f}\n")
pickups = sorted(t(j["started_at"]) - t(j["queued_at"]) for j in jobs
                 if (r := runners.get(j["runner_name"])) and r.get("connected_at") and t(r["connected_at"]) < t(j["queued_at"]))
ms = round(1000 * pickups[len(pickups) // 2]) if pickups else 0
open(f"{work}/pickup.txt", "w").write(f"{max(ms, 1)}ms {len(pickups)}\n")
def nearest_rank(values, p):
    values = sorted(values)
    return values[max(0, -(-len(values) * p // 100) - 1)]
with open(f"{work}/pools.txt", "w") as out:
    for pool in ("cold", "warm"):
        waits = [t(j["started_at"]) - t(j["queued_at"]) for j in jobs if pool in j["labels"]]
        if waits:
            out.write(f"{pool} {nearest_rank(waits, 50):.2f} {nearest_rank(waits, 95):.2f}\n")
PY
read -r pickup pickup_jobs <"$work/pickup.txt"
dotnet "$hangar" simulate --config "$work/hangar.yaml" --trace "$work/trace.jsonl" --policy config --pickup "$pickup" -o json >"$work/simulated.json"

# Nearest-rank percentiles, as hangar simulate computes them.
percentile() { # FILE P
  sort -g "$1" | awk -v p="$2" '{ v[NR] = $1 } END { r = int((p / 100) * NR); if (r < (p / 100) * NR) r++; if (r < 1) r = 1; printf "%.2f", v[r] }'
}
trace_jobs="$(jq -s '[.[] | select(.kind == "job" and .started != null)] | length' "$work/trace.jsonl")"
[[ "$trace_jobs" -ge "$queued" ]] || { echo "calibrate.sh: the trace holds $trace_jobs started jobs of $queued" >&2; exit 1; }
m50="$(percentile "$work/measured.txt" 50)"
m95="$(percentile "$work/measured.txt" 95)"
s50="$(jq '.[0].overall.wait_p50_s' "$work/simulated.json")"
s95="$(jq '.[0].overall.wait_p95_s' "$work/simulated.json")"
unserved="$(jq '.[0].overall.unserved' "$work/simulated.json")"

verdict() { # MEASURED SIMULATED
  awk -v m="$1" -v s="$2" 'BEGIN { d = s - m; if (d < 0) d = -d; tol = 0.2 * m; if (tol < 1) tol = 1;
    printf "%s (off by %.2f s, allowed %.2f s)", (d <= tol ? "pass" : "FAIL"), d, tol }'
}
printf '%-10s %10s %10s   %s\n' "queue wait" measured simulated "rule: within 20 % or 1 s"
printf '%-10s %9ss %9ss   %s\n' p50 "$m50" "$s50" "$(verdict "$m50" "$s50")"
printf '%-10s %9ss %9ss   %s\n' p95 "$m95" "$s95" "$(verdict "$m95" "$s95")"
echo "jobs $queued (pushes $pushes), simulated unserved $unserved; pickup $pickup (median of $pickup_jobs jobs taken by a waiting runner)"
while read -r pool p50 p95; do
  jq -r --arg p "$pool" --arg m50 "$p50" --arg m95 "$p95" \
    '.[0].pools[$p] | "  pool \($p): measured p50 \($m50)s p95 \($m95)s, simulated p50 \(.wait_p50_s)s p95 \(.wait_p95_s)s"' "$work/simulated.json"
done <"$work/pools.txt"
echo "provider $provider, load average $(cut -d' ' -f1-3 /proc/loadavg), cores $(nproc)"
