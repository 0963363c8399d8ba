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
# A model change without a migration for each app-database provider fails here (fix: scripts/add-migration.sh NAME).
./scripts/check-migrations.sh --no-build
# The Node SDK: unit tests and tests against the host just built; its build (dist/) is also what the .NET fault tests run.
(cd sdks/node && npm ci --no-audit --no-fund && npm test)
# The fixtures record every server they start (PID, start time) and every temporary folder in this run's folder
# (Sentinel.Tests/Support/TestRun.cs). Afterwards, anything recorded that still runs is a leak: kill it, name it,
# fail. Only this run's own processes are touched (PID and start time must both match), never another run's.
run_dir=$(mktemp -d /tmp/sentinel-test-run.XXXXXX)
export SENTINEL_TEST_RUN_DIR="$run_dir"
status=0
dotnet test Sentinel.sln --no-build -c Release --logger "console;verbosity=normal" "$@" || status=$?

record="$run_dir/servers"
sleep 2 # the watchdog looks once a second; let it finish if the test process died
leaked=0
if [ -f "$record" ]; then
  while read -r kind pid start name; do
    case "$kind" in
      started)
        now=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20 || true)
        if [ -n "$now" ] && [ "$now" = "$start" ]; then
          echo "LEAK: $name (pid $pid) started by the tests is still running; killing its process group." >&2
          kill -KILL -- "-$pid" 2>/dev/null || true
          kill -KILL "$pid" 2>/dev/null || true
          leaked=1
        fi
        ;;
      watchdog-killed)
        echo "LEAK: $name (pid $pid) outlived the test process; the watchdog killed it." >&2
        leaked=1
        ;;
    esac
  done < "$record"
  servers=$(grep -c '^started ' "$record" || true)
  left_dirs=0
  while read -r path; do
    if [ -e "$path" ]; then
      case "$path" in
        /tmp/sentinel-pg-*|/tmp/sentinel-ch-*|/tmp/sentinel-redis-*) echo "LEAK: server folder $path was not deleted." >&2; leaked=1 ;;
      esac
      case "$path" in /tmp/sentinel-*) rm -rf "$path"; left_dirs=$((left_dirs + 1)) ;; esac
    fi
  done < <(grep '^dir ' "$record" | cut -d' ' -f2-)
  echo "Test servers: $servers started by this run, all checked after it; $left_dirs leftover temporary folders removed."
fi
rm -rf "$run_dir"

if [ "$leaked" -ne 0 ]; then
  echo "FAILED: the tests left servers or server folders behind (see LEAK lines above)." >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
