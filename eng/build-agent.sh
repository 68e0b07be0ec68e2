#!/usr/bin/env bash
# Publishes hangar-agent Native AOT to artifacts/native/hangar-agent (the in-instance agent `hangar exec` and boot logs
# talk to), by the same steps as the emulated runner (eng/build-native-runner.sh). Skips the publish when the binary
# is newer than the agent's sources.
#
#   eng/build-agent.sh             prints the binary's path on its last line
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HANGAR_NATIVE_PROJECT="$repo/src/Hangar.Agent" HANGAR_NATIVE_BINARY=hangar-agent exec bash "$repo/eng/build-native-runner.sh"
