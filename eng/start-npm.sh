#!/usr/bin/env bash
# Installs the npm test tooling from package-lock.json: prism (the OpenAPI mock), GitHub's OpenAPI description, the
# official webhook examples and their signer. Idempotent: nothing to do while node_modules satisfies the lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq nodejs npm >/dev/null
  echo "start-npm: installed nodejs and npm"
fi

if [[ -d node_modules ]] && npm ls --all >/dev/null 2>&1; then
  echo "start-npm: node_modules satisfies package-lock.json; nothing to do"
  exit 0
fi

npm ci --no-audit --no-fund
echo "start-npm: installed node_modules from package-lock.json"
