#!/usr/bin/env bash
# Makes sure this machine can publish Native AOT (the emulated runner): the ILCompiler links with clang and needs
# zlib's headers. Installs what is missing from apt; idempotent: run it as often as you like.
set -euo pipefail

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg-query -W -f '${Status}' zlib1g-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(zlib1g-dev)

if ((${#missing[@]} == 0)); then
  echo "start-native-toolchain: clang and zlib1g-dev are installed; nothing to do"
  exit 0
fi

if ((EUID != 0)); then
  echo "start-native-toolchain: missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# apt's and debconf's chatter only matters when the install fails.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "start-native-toolchain: installing ${missing[*]} failed" >&2
  exit 1
fi
echo "start-native-toolchain: installed ${missing[*]} in $(($(date +%s) - started)) s"
