#!/usr/bin/env bash
# Builds the `hangar` package: one self-contained executable per runtime (no .NET install needed where it runs), with
# the Native AOT emulated runner beside it so `hangar demo --provider process` works from the package too.
#
#   bash eng/publish.sh                  linux-x64, and linux-arm64 when its runtime packs restore here
#   bash eng/publish.sh linux-x64 ...    only the runtimes named
#
# Output: artifacts/publish/<rid>/hangar (+ hangar-emulated-runner for the build machine's own runtime), and
# artifacts/publish/hangar-<version>-<rid>.tar.gz. The container image is eng/packaging/build-image.sh; the systemd
# unit eng/packaging/hangar.service. See docs/install.md.
set -euo pipefail
cd "$(dirname "$0")/.."

default_rids=(linux-x64 linux-arm64)
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("${default_rids[@]}")
version="$(git describe --tags --always --dirty 2>/dev/null || echo dev)"
native_rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"

published=()
mkdir -p artifacts   # the log below is written there before anything else has made it (a fresh clone)
for rid in "${rids[@]}"; do
  out="artifacts/publish/$rid"
  started=$SECONDS
  # Single file: the managed code and the native libraries (SQLite's) in one executable; native libraries are
  # extracted on first start under DOTNET_BUNDLE_EXTRACT_BASE_DIR (default ~/.net; the systemd unit and the image set it).
  # Its own artifacts path: a publish restores for one runtime, which must not race a Debug build of the same
  # projects (the suite's) over their obj/project.assets.json.
  if ! dotnet publish src/Hangar.Cli/Hangar.Cli.csproj -c Release -r "$rid" --self-contained \
      --artifacts-path artifacts/publish-build \
      -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
      -p:Version="$(echo "$version" | sed -E 's/^v//; s/^([0-9]+\.[0-9]+\.[0-9]+).*/\1/; /^[0-9]+\.[0-9]+\.[0-9]+$/!s/.*/0.0.0/')" \
      -p:InformationalVersion="$version" \
      -o "$out" --nologo -v quiet >"artifacts/publish-$rid.log" 2>&1; then
    if [ "$#" -eq 0 ] && [ "$rid" != "$native_rid" ]; then
      # Default run: a runtime whose packs the package mirror does not serve is skipped, with why.
      echo "publish: $rid skipped: $(grep -m1 -E 'error' "artifacts/publish-$rid.log" || tail -1 "artifacts/publish-$rid.log")" >&2
      continue
    fi
    cat "artifacts/publish-$rid.log" >&2
    echo "publish: $rid failed" >&2
    exit 1
  fi
  # The publish folder holds nothing else the executable needs; a stray .pdb or .xml would only mislead.
  find "$out" -maxdepth 1 -type f ! -name hangar ! -name hangar-emulated-runner -delete
  if [ "$rid" = "$native_rid" ]; then
    bash eng/build-native-runner.sh >/dev/null
    cp artifacts/native/hangar-emulated-runner "$out/"
  fi
  tar -C "$out" -czf "artifacts/publish/hangar-$version-$rid.tar.gz" .
  echo "publish: $out/hangar ($(du -h "$out/hangar" | cut -f1), $((SECONDS - started)) s)"
  published+=("$rid")
done
[ ${#published[@]} -gt 0 ] || { echo "publish: nothing published" >&2; exit 1; }
