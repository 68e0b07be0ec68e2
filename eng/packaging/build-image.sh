#!/usr/bin/env bash
# Builds Hangar's container image from the published single-file executable (eng/publish.sh), with no registry pull:
# a rootfs holding the executable, the emulated runner beside it (for `hangar demo`), the shared libraries the .NET
# runtime links and loads (glibc, libstdc++, libgcc_s, OpenSSL for HTTPS), CA certificates, a static busybox for the
# process provider's `sh` and `setsid`, and a passwd entry for the unprivileged user it runs as, imported with
# `docker import`.
#
#   eng/packaging/build-image.sh [TAG]        (default hangar:latest; publishes linux-x64 first when missing)
#
#   docker run -d --name hangar -p 8080:8080 -v hangar-data:/var/lib/hangar -v /etc/hangar:/etc/hangar:ro \
#     -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
#     hangar:latest serve --config /etc/hangar/hangar.yaml
set -euo pipefail

tag="${1:-hangar:latest}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
published="$repo/artifacts/publish/linux-x64"
say() { echo "build-image: $*"; }

[[ -x "$published/hangar" ]] || bash "$repo/eng/publish.sh" linux-x64 >/dev/null
binary="$published/hangar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{etc/ssl/certs,etc/hangar,tmp,usr/local/bin,var/lib/hangar,var/lib/hangar-runners}
chmod 1777 "$rootfs/tmp"
cp "$binary" "$rootfs/usr/local/bin/hangar"
[[ -x "$published/hangar-emulated-runner" ]] && cp "$published/hangar-emulated-runner" "$rootfs/usr/local/bin/"

# What the executable links (ldd), plus what the runtime opens at run time and ldd cannot see: OpenSSL (HTTPS to the
# forge, hashing) and the C++ runtime of the extracted SQLite library. ICU is left out: the image runs with invariant
# globalization, which Hangar's output (ISO times, invariant numbers) does not notice.
libs=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
for lib in $libs /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3 \
  /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
  cp -L --parents "$lib" "$rootfs"
done
cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"

# The process provider starts each runner as `/bin/sh -c … setsid …` (so the runner outlives a restart of Hangar):
# a static busybox gives those two commands and nothing else.
if ! [[ -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
fi
mkdir -p "$rootfs/bin"
cp /bin/busybox "$rootfs/bin/busybox"
ln -s busybox "$rootfs/bin/sh"
ln -s busybox "$rootfs/bin/setsid"

# uid 10001: no user of the host's; Docker's socket is reached with --group-add of the socket's group.
printf 'root:x:0:0:root:/root:/sbin/nologin\nhangar:x:10001:10001:hangar:/var/lib/hangar:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nhangar:x:10001:\n' >"$rootfs/etc/group"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$rootfs/etc/hosts"
printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"

tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --mode='u+rwX,go+rX' \
  --exclude=./var/lib/hangar --exclude=./var/lib/hangar-runners -cf "$work/rootfs.tar" .
# The state directories belong to the image's user, so a fresh volume mounted there is writable by it.
mkdir -p "$work/state/var/lib/hangar" "$work/state/var/lib/hangar-runners"
tar -C "$work/state" --numeric-owner --owner=10001 --group=10001 --mode=0700 -rf "$work/rootfs.tar" ./var/lib/hangar ./var/lib/hangar-runners
docker import \
  --change 'ENV PATH=/usr/local/bin' \
  --change 'ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp' \
  --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' \
  --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
  --change 'USER 10001:10001' \
  --change 'WORKDIR /var/lib/hangar' \
  --change 'EXPOSE 8080' \
  --change 'VOLUME /var/lib/hangar' \
  --change 'ENTRYPOINT ["/usr/local/bin/hangar"]' \
  --change 'CMD ["serve", "--config", "/etc/hangar/hangar.yaml"]' \
  "$work/rootfs.tar" "$tag" >/dev/null

# A missing library shows up here rather than at the first start in production.
version="$(docker run --rm --network none "$tag" --version)"
say "$tag built ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'), hangar $version)"
