#!/usr/bin/env bash
# Soak of several replicas (issue 10): two real `hangar serve` on one PostgreSQL, 100 jobs on the Docker provider through
# the GitHub emulator, the replica owning the pool SIGKILLed mid-burst, and the default 10 s lease. Asserts what the
# suite's smaller run asserts (every job served once by a runner of its own, nothing leaked) and prints the take-over
# time for docs/scale-out.md. Needs what the suite needs: dockerd, the runner image, PostgreSQL (eng/start-*.sh).
#   bash bench/replicas-soak.sh [jobs] [lease] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-100}"
lease="${2:-10s}"
rounds="${3:-1}"
report="$(mktemp)"
: "${HANGAR_TEST_POSTGRES:=Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}"
export HANGAR_TEST_POSTGRES HANGAR_REPLICAS_JOBS="$jobs" HANGAR_REPLICAS_LEASE="$lease" HANGAR_REPLICAS_REPORT="$report"
dotnet build test/Hangar.Server.Tests/Hangar.Server.Tests.csproj -v quiet --nologo >/dev/null
for ((round = 1; round <= rounds; round++)); do
  dotnet test --project test/Hangar.Server.Tests/Hangar.Server.Tests.csproj --no-build -- \
    --filter-method "*Replicas_OwnerKilledMidBurstAndConnectionsTerminated_OtherTakesOverEveryJobOnceNothingLeaked" >/dev/null
done
cat "$report"
rm -f "$report"
