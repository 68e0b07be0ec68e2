#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the dashboard's browser tests (Microsoft.Playwright drives
# /usr/bin/chromium; a `playwright install` download is never needed). Idempotent: run it as often as you like.
# Nothing is started here: each test launches its own headless browser.
# Appends HANGAR_TEST_CHROMIUM (the browser's path) to "$HANGAR_SERVICES_ENV" when eng/test.sh set it.
set -euo pipefail

browser=/usr/bin/chromium

publish() {
  if [[ -n "${HANGAR_SERVICES_ENV:-}" ]]; then
    echo "export HANGAR_TEST_CHROMIUM=\"$browser\"" >>"$HANGAR_SERVICES_ENV"
  fi
}

if [[ -x "$browser" ]]; then
  echo "start-chromium: $browser is installed; nothing to do"
  publish
  exit 0
fi

if ((EUID != 0)); then
  echo "start-chromium: Chromium is not installed; install it as root: apt-get install -y chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
# apt's chatter only matters when the install fails.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "start-chromium: installing chromium failed" >&2
  exit 1
fi
rm -f "$log"

echo "start-chromium: installed $("$browser" --version 2>/dev/null || echo chromium)"
publish
