#!/usr/bin/env bash
# Runs every test of Sentinel, installing what the tests need first (Debian packages for the real servers and
# the browser). Safe to run again: installed packages are skipped. Used by CI (.ci/run) unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Servers and browser the integration tests start themselves, on free loopback ports.
packages=(redis-server postgresql clickhouse-server clickhouse-client chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo_if_needed apt-get update -qq
  # Debian's package scripts try to start the services; the tests start their own, so stop any that did start.
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for s in redis-server postgresql clickhouse-server; do sudo_if_needed service "$s" stop >/dev/null 2>&1 || true; done
fi

# The browser collector: type check, unit tests, and a rebuild that must reproduce the committed bundle byte for byte.
(cd sdks/browser && npm ci --no-audit --no-fund && npm test && npm run build && git diff --exit-code -- dist README.md ../../Sentinel.Web/Trust/CollectorScript.Bundle.cs)
dotnet restore Sentinel.sln
dotnet build Sentinel.sln --no-restore -c Release
dotnet format Sentinel.sln --verify-no-changes --no-restore
# The Node SDK: unit tests and tests against the host just built; its build (dist/) is also what the .NET fault tests run.
(cd sdks/node && npm ci --no-audit --no-fund && npm test)
dotnet test Sentinel.sln --no-build -c Release --logger "console;verbosity=normal" "$@"
