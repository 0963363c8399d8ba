#!/usr/bin/env bash
# Adds a migration NAME for each app-database provider (SQLite, PostgreSQL) with the pinned dotnet-ef
# (.config/dotnet-tools.json), each into its own folder with its own model snapshot (docs/decisions/028).
# Review both generated files: they differ in column types, and SQLite cannot do every ALTER.
# Undo before committing: git restore Sentinel.Infrastructure/Persistence/Migrations && git clean -f Sentinel.Infrastructure/Persistence/Migrations
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then echo "usage: $0 MigrationName" >&2; exit 2; fi

dotnet tool restore >/dev/null
dotnet build Sentinel.Infrastructure >/dev/null
for pair in "SqliteSentinelDbContext Sqlite" "PostgresSentinelDbContext PostgreSql"; do
  set -- "$1" $pair
  dotnet ef migrations add "$1" --project Sentinel.Infrastructure --no-build --context "$2" --output-dir "Persistence/Migrations/$3"
done
