#!/usr/bin/env bash
# Fails when the model has changed without a migration for each provider (fix: scripts/add-migration.sh NAME).
# Run by scripts/test.sh after its Release build; pass --no-build there, nothing to build it yourself.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
status=0
for context in SqliteSentinelDbContext PostgresSentinelDbContext; do
  echo "$context:"
  dotnet ef migrations has-pending-model-changes --project Sentinel.Infrastructure --context "$context" --configuration Release "$@" || status=1
done
exit "$status"
