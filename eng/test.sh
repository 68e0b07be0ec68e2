#!/usr/bin/env bash
# Runs every test Hangar has: README's test command, and what CI runs (.ci/run). Extra arguments go to `dotnet test`.
#
# First every eng/start-*.sh, in name order: each installs and starts one thing the tests need (a Docker engine, the
# npm tooling, ...) and is idempotent, so it can also be run alone. A service that must tell the tests something
# (a port, a connection string) appends `export NAME=value` lines to "$HANGAR_SERVICES_ENV", which is read here
# before the tests run. Adding a service is adding a script: this file does not change.
# Then the emulated runner's image (it needs the engine and any toolchain a start script installed), the build and
# the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

HANGAR_SERVICES_ENV="$(mktemp)"
export HANGAR_SERVICES_ENV
trap 'rm -f "$HANGAR_SERVICES_ENV"' EXIT

for script in eng/start-*.sh; do
  bash "$script"
done
# shellcheck disable=SC1090
source "$HANGAR_SERVICES_ENV"

bash eng/build-runner-image.sh   # builds artifacts/native/hangar-emulated-runner (Native AOT) first when stale
bash eng/publish.sh linux-x64    # the package PackageTests run (its own build directory; incremental when unchanged)
dotnet build Hangar.slnx -c Debug --nologo -v quiet
# The failures are repeated after the summary: a CI log that keeps only its tail still names what failed and why.
test_log="$(mktemp)"
trap 'rm -f "$HANGAR_SERVICES_ENV" "$test_log"' EXIT
status=0
dotnet test --solution Hangar.slnx --no-build "$@" 2>&1 | tee "$test_log" || status=$?
if [ "$status" -ne 0 ]; then
  echo
  echo "=== failed tests (repeated from above; first 25 lines of each) ==="
  awk '/^failed /{p=1; n=0} /^(passed |skipped |Running tests from |Test run summary|\/)/{p=0} p && n++ < 25' "$test_log"
  echo "=== $(grep -c '^failed ' "$test_log" || true) failed: ==="
  grep '^failed ' "$test_log" | cut -c1-200 || true
fi
exit "$status"
