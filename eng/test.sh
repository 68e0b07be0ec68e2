#!/usr/bin/env bash
# Runs every test Hangar has. Installs and starts what the tests need when it is missing (a Docker engine, the
# emulated runner image), then runs the whole solution's tests. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund   # prism, GitHub's OpenAPI description, webhook examples + signer
bash eng/start-dockerd.sh
bash eng/start-native-toolchain.sh && bash eng/build-native-runner.sh   # artifacts/native/hangar-emulated-runner (Native AOT)
bash eng/build-runner-image.sh
dotnet build Hangar.slnx -c Debug --nologo -v quiet
dotnet test --solution Hangar.slnx --no-build "$@"
