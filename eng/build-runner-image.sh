#!/usr/bin/env bash
# Builds the emulated runner's image without any registry: a rootfs holding a static busybox, the host's own .NET
# runtime (only the framework the runner needs), the glibc/libstdc++ libraries that runtime links to, and the
# published runner under /opt/runner, imported with `docker import`.
#
#   eng/build-runner-image.sh [TAG]        (default hangar/emulated-runner:dev)
#
# Skips the build when the image is newer than the runner's sources. `docker run --rm --network host TAG` runs
# `dotnet /opt/runner/hangar-emulated-runner.dll`.
set -euo pipefail

tag="${1:-hangar/emulated-runner:dev}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo/src/Hangar.Emulator.Runner"
dll="hangar-emulated-runner.dll"
image_dotnet="/usr/share/dotnet"

say() { echo "build-runner-image: $*"; }

# The runner's project, every project it references (transitively) and the build files all feed the image.
source_dirs() {
  local pending=("$1") seen=() dir ref
  while ((${#pending[@]})); do
    dir="${pending[0]}"
    pending=("${pending[@]:1}")
    [[ " ${seen[*]-} " == *" $dir "* ]] && continue
    seen+=("$dir")
    echo "$dir"
    while read -r ref; do
      [[ -n "$ref" ]] && pending+=("$(cd "$dir/$(dirname "$ref")" && pwd)")
    done < <(grep -ho 'ProjectReference Include="[^"]*"' "$dir"/*.csproj | sed 's/.*Include="\([^"]*\)"/\1/; s#\\#/#g')
  done
}

newest_source=$(
  {
    for dir in $(source_dirs "$project"); do
      find "$dir" \( -name bin -o -name obj \) -prune -o -type f -printf '%T@\n'
    done
    stat -c '%Y' "${BASH_SOURCE[0]}" "$repo"/Directory.*.props "$repo/global.json"
  } | sort -n | tail -n 1 | cut -d. -f1
)

if created=$(docker image inspect -f '{{.Created}}' "$tag" 2>/dev/null); then
  if (($(date -d "$created" +%s) >= newest_source)); then
    say "$tag is up to date (built $created, sources last changed $(date -u -d "@$newest_source" +%FT%TZ)); skipped"
    exit 0
  fi
  rebuild_reason="sources changed since $created"
else
  rebuild_reason="image absent"
fi

if ! [[ -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq busybox-static >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{bin,etc,root,tmp,usr/bin,opt/runner}
chmod 1777 "$rootfs/tmp"

dotnet publish "$project" -c Release -o "$rootfs/opt/runner" -p:UseAppHost=false --nologo -v quiet >"$work/publish.log" 2>&1 ||
  { cat "$work/publish.log" >&2; exit 1; }
runtimeconfig="$rootfs/opt/runner/${dll%.dll}.runtimeconfig.json"
[[ -f "$runtimeconfig" ]] || { say "publish produced no $runtimeconfig" >&2; exit 1; }

host_dotnet="$(dirname "$(readlink -f "$(command -v dotnet)")")"
mkdir -p "$rootfs$image_dotnet/host/fxr" "$rootfs$image_dotnet/shared"
cp "$host_dotnet/dotnet" "$rootfs$image_dotnet/dotnet"
fxr="$(ls -1 "$host_dotnet/host/fxr" | sort -V | tail -n 1)"
cp -r "$host_dotnet/host/fxr/$fxr" "$rootfs$image_dotnet/host/fxr/"
ln -s "../share/dotnet/dotnet" "$rootfs/usr/bin/dotnet"

# Each framework the runtimeconfig names, at the newest installed patch of its major.minor (the host's roll-forward).
mapfile -t names < <(grep -o '"name": *"[^"]*"' "$runtimeconfig" | sed 's/.*"\([^"]*\)"$/\1/')
mapfile -t versions < <(grep -o '"version": *"[^"]*"' "$runtimeconfig" | sed 's/.*"\([^"]*\)"$/\1/')
frameworks=()
for i in "${!names[@]}"; do
  wanted="${versions[$i]}"
  found="$(ls -1 "$host_dotnet/shared/${names[$i]}" 2>/dev/null | grep "^${wanted%.*}\." | sort -V | tail -n 1 || true)"
  [[ -n "$found" ]] || { say "the runner needs ${names[$i]} $wanted, which this host does not have" >&2; exit 1; }
  mkdir -p "$rootfs$image_dotnet/shared/${names[$i]}"
  cp -r "$host_dotnet/shared/${names[$i]}/$found" "$rootfs$image_dotnet/shared/${names[$i]}/"
  frameworks+=("${names[$i]} $found")
done

# Everything the host, hostfxr and the framework's native parts link to, plus OpenSSL (loaded with dlopen).
libs=()
for lib in ssl crypto; do
  # awk reads to the end (no early exit): under pipefail an early exit would kill ldconfig with SIGPIPE.
  path="$(ldconfig -p | awk -v n="lib$lib.so.3" '$1 == n && /x86-64|64bit/ && !found { found = $NF } END { print found }')"
  [[ -n "$path" ]] && libs+=("$path")
done
binaries=("$rootfs$image_dotnet/dotnet" "$rootfs$image_dotnet"/host/fxr/*/*.so "$rootfs$image_dotnet"/shared/*/*/*.so "${libs[@]}")
while read -r lib; do
  libs+=("$lib")
done < <(for b in "${binaries[@]}"; do ldd "$b" 2>/dev/null || true; done |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)
for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
  cp -L --parents "$lib" "$rootfs"
done

cp /bin/busybox "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\n' >"$rootfs/etc/group"

tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    --change "ENV PATH=$image_dotnet:/bin:/usr/bin" \
    --change "ENV DOTNET_ROOT=$image_dotnet" \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' \
    --change 'ENV DOTNET_NOLOGO=1' \
    --change 'WORKDIR /opt/runner' \
    --change "CMD [\"$image_dotnet/dotnet\", \"/opt/runner/$dll\"]" \
    - "$tag" >/dev/null

# A broken loader path or a missing library shows up here rather than in the first test that starts a runner.
docker run --rm --network none "$tag" "$image_dotnet/dotnet" --list-runtimes >/dev/null
say "built $tag ($rebuild_reason): ${frameworks[*]}, $(du -sh "$rootfs" | cut -f1) rootfs"
