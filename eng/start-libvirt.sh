#!/usr/bin/env bash
# Makes sure libvirtd answers on qemu:///system for the tests, installing and starting it when needed. Idempotent:
# run it as often as you like. Started by hand (virtlogd -d, then libvirtd -d), never systemd, so it works in CI
# containers. QEMU runs under software emulation (TCG) only, so test guests stay tiny: a Debian kernel (fetched with
# apt-get download into ${HANGAR_DATA_ROOT:-/tmp}/hangar-libvirt) and an initramfs the tests build from busybox-static.
# Appends to "$HANGAR_SERVICES_ENV" (when eng/test.sh set it):
#   HANGAR_TEST_LIBVIRT_URI      the connection URI (qemu:///system)
#   HANGAR_TEST_GUEST_KERNEL     a bootable Debian vmlinuz
#   HANGAR_TEST_GUEST_MODULES    that kernel's /lib/modules/<version> directory (virtio, isofs, virtiofs modules)
set -euo pipefail

uri="qemu:///system"
dir="${HANGAR_DATA_ROOT:-/tmp}/hangar-libvirt"
packages=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils genisoimage busybox-static)

if ((EUID != 0)); then
  echo "start-libvirt: must run as root (it installs packages and starts libvirtd)" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

installed=""
if ((${#missing[@]} > 0)); then
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  # apt's chatter only matters when the install fails. Other scripts may hold the dpkg lock for a while.
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "start-libvirt: installing ${missing[*]} failed" >&2
    exit 1
  fi
  rm -f "$log"
  installed="installed ${missing[*]}, "
fi

# The guest kernel: whatever linux-image-amd64 currently points at, unpacked (not installed) next to the tests' files.
mkdir -p "$dir"
chmod 755 "$dir"
if [[ ! -f "$dir/kernel/vmlinuz" ]]; then
  image="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')"
  work="$(mktemp -d)"
  chmod 755 "$work" # apt-get download drops to user _apt
  (cd "$work" && apt-get download -qq "$image" >/dev/null)
  rm -rf "$dir/kernel.new"
  mkdir -p "$dir/kernel.new"
  dpkg-deb -x "$work"/*.deb "$dir/kernel.new/root"
  cp "$dir/kernel.new/root/boot"/vmlinuz-* "$dir/kernel.new/vmlinuz"
  version="$(basename "$dir/kernel.new/root/lib/modules"/*)"
  mv "$dir/kernel.new/root/lib/modules/$version" "$dir/kernel.new/modules"
  rm -rf "$dir/kernel.new/root" "$work"
  chmod -R a+rX "$dir/kernel.new"
  rm -rf "$dir/kernel"
  mv "$dir/kernel.new" "$dir/kernel"
  installed+="unpacked $image, "
fi

# udev would give /dev/kvm to group kvm (QEMU's user is in it); without udev it stays root's. libvirt then probes
# QEMU as its user, finds KVM unusable, and on every later look finds /dev/kvm "changed" and probes again, so each
# define waits on an endless re-probe. Guests in the tests still run under TCG (<domain type='qemu'>).
if [[ -c /dev/kvm ]] && [[ "$(stat -c %G /dev/kvm)" != kvm ]] && getent group kvm >/dev/null; then
  chgrp kvm /dev/kvm
  chmod 660 /dev/kvm
fi

running() { virsh -c "$uri" version >/dev/null 2>&1; }

if ! running; then
  # Without virtlogd, starting a domain fails on virtlogd-sock.
  if ! pgrep -x virtlogd >/dev/null; then
    virtlogd -d
  fi
  if ! pgrep -x libvirtd >/dev/null; then
    libvirtd -d
  fi
  for _ in $(seq 1 100); do
    running && break
    sleep 0.2
  done
  if ! running; then
    echo "start-libvirt: libvirtd did not answer on $uri" >&2
    exit 1
  fi
  started="started virtlogd and libvirtd"
else
  started="libvirtd already answers"
fi

if [[ -n "${HANGAR_SERVICES_ENV:-}" ]]; then
  {
    echo "export HANGAR_TEST_LIBVIRT_URI=\"$uri\""
    echo "export HANGAR_TEST_GUEST_KERNEL=\"$dir/kernel/vmlinuz\""
    echo "export HANGAR_TEST_GUEST_MODULES=\"$dir/kernel/modules\""
  } >>"$HANGAR_SERVICES_ENV"
fi

echo "start-libvirt: ${installed}${started} on $uri (guest kernel in $dir/kernel)"
