#!/usr/bin/env bash
# Publishes the emulated runner Native AOT to artifacts/native/hangar-emulated-runner: the binary the runner image,
# the process provider's tests, `hangar demo` and the benchmarks start. Installs the toolchain when missing
# (eng/start-native-toolchain.sh). Skips the publish when the binary is newer than the runner's sources.
#
#   eng/build-native-runner.sh             prints the binary's path on its last line
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="${HANGAR_NATIVE_PROJECT:-$repo/src/Hangar.Emulator.Runner}"
name="${HANGAR_NATIVE_BINARY:-hangar-emulated-runner}"
out="$repo/artifacts/native"
binary="$out/$name"

say() { echo "build-native-runner: $*" >&2; }

# The runner's project, every project it references (transitively) and the build files all feed the binary.
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

mkdir -p "$out"
# Two builds at once (the test script and `hangar demo`) would publish over each other.
exec 9>"$out/.build-$name.lock"
flock 9

newest_source=$(
  {
    for dir in $(source_dirs "$project"); do
      find "$dir" \( -name bin -o -name obj \) -prune -o -type f -printf '%T@\n'
    done
    stat -c '%Y' "${BASH_SOURCE[0]}" "$repo"/Directory.*.props "$repo/global.json"
  } | sort -n | tail -n 1 | cut -d. -f1
)

if [[ -x "$binary" ]] && (($(stat -c '%Y' "$binary") >= newest_source)); then
  say "$binary is up to date; skipped"
  echo "$binary"
  exit 0
fi

bash "$repo/eng/start-native-toolchain.sh" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$work/publish" --nologo -v quiet >"$work/publish.log" 2>&1 ||
  { cat "$work/publish.log" >&2; exit 1; }
# Renamed into place so a runner starting during a rebuild never sees half a binary.
cp "$work/publish/$name" "$out/.$name.new"
# Stamped with the publish's start, so a source saved during the publish makes the next call publish again.
touch -d "@$started" "$out/.$name.new"
mv -f "$out/.$name.new" "$binary"
say "published $binary ($(du -h "$binary" | cut -f1), $(($(date +%s) - started)) s)"
echo "$binary"
