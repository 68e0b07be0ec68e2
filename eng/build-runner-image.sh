#!/usr/bin/env bash
# Builds the emulated runner's image without any registry: a rootfs holding a static busybox, the Native AOT runner
# (eng/build-native-runner.sh) under /opt/runner and the few shared libraries `ldd` lists for it (glibc's libc, libm
# and loader), imported with `docker import`. No .NET runtime: the image is a few MB.
#
#   eng/build-runner-image.sh [TAG]        (default hangar/emulated-runner:native)
#
# Skips the import when the image is newer than the binary and this script. `docker run --rm --network host TAG`
# runs /opt/runner/hangar-emulated-runner, which reads its JIT config from ACTIONS_RUNNER_INPUT_JITCONFIG;
# /opt/runner/hangar-agent is the in-instance agent (docs/exec.md).
set -euo pipefail

tag="${1:-hangar/emulated-runner:native}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runner="/opt/runner/hangar-emulated-runner"

say() { echo "build-runner-image: $*"; }

binary="$(bash "$repo/eng/build-native-runner.sh" | tail -n 1)"
# The in-instance agent (`hangar exec`, boot logs) rides in the same image, at /opt/runner/hangar-agent.
agent="$(bash "$repo/eng/build-agent.sh" | tail -n 1)"
newest_source=$(stat -c '%Y' "$binary" "$agent" "${BASH_SOURCE[0]}" | sort -n | tail -n 1)

if created=$(docker image inspect -f '{{.Created}}' "$tag" 2>/dev/null); then
  if (($(date -d "$created" +%s) >= newest_source)); then
    say "$tag is up to date (built $created, runner published $(date -u -d "@$newest_source" +%FT%TZ)); skipped"
    exit 0
  fi
  rebuild_reason="the runner changed since $created"
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

cp "$binary" "$rootfs$runner"
cp "$agent" "$rootfs/opt/runner/hangar-agent"
# The loader and every library the binary links to (glibc: libc, libm, ld-linux); OpenSSL and ICU are not needed
# (plain HTTP to the server, invariant globalization).
while read -r lib; do
  cp -L --parents "$lib" "$rootfs"
done < <({ ldd "$binary"; ldd "$agent"; } | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)

# The agent hashes its archives (SHA-256), which .NET does through OpenSSL's libcrypto, loaded at run time (ldd does not
# list it); without it the agent crashed at its first task.
for lib in /usr/lib/x86_64-linux-gnu/libcrypto.so.3 /usr/lib/x86_64-linux-gnu/libssl.so.3; do
  cp -L --parents "$lib" "$rootfs"
done

cp /bin/busybox "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\n' >"$rootfs/etc/group"
# A server URL may name localhost; glibc resolves it from these files (no DNS in the image).
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$rootfs/etc/hosts"
printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"

tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    --change 'ENV PATH=/opt/runner:/bin:/usr/bin' \
    --change 'WORKDIR /opt/runner' \
    --change "CMD [\"$runner\"]" \
    - "$tag" >/dev/null

# A broken loader path or a missing library shows up here rather than in the first test that starts a runner:
# without a JIT config the runner must get as far as reading its arguments and exit 64 (usage).
code=0
out="$(docker run --rm --network none "$tag" 2>&1)" || code=$?
if ((code != 64)); then
  say "the image's runner did not start (exit $code): $out" >&2
  exit 1
fi
say "built $tag ($rebuild_reason): $(du -sh "$rootfs" | cut -f1) rootfs"
