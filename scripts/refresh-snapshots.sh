#!/usr/bin/env bash
# Rewrites each provider's model snapshot from the current model, without adding a migration. For after a merge of
# two branches that each added migrations (the snapshots conflict or miss one side): the migrations are all there,
# only the snapshots are stale. Afterwards MigrationSchemaTests must pass (the migrations build the model's schema);
# if it does not, a migration is missing and refreshing the snapshot would hide that: add one instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build Sentinel.Infrastructure >/dev/null
for pair in "SqliteSentinelDbContext Sqlite" "PostgresSentinelDbContext PostgreSql"; do
  set -- $pair
  dir="Sentinel.Infrastructure/Persistence/Migrations/$2"
  # `migrations add` writes the snapshot of the current model; the migration it writes beside it is discarded.
  dotnet ef migrations add SnapshotRefresh --project Sentinel.Infrastructure --no-build --context "$1" --output-dir "Persistence/Migrations/$2" >/dev/null
  rm "$dir"/*_SnapshotRefresh.cs "$dir"/*_SnapshotRefresh.Designer.cs
done
./scripts/check-migrations.sh
