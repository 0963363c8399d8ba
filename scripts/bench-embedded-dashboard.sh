#!/usr/bin/env bash
# The dashboard (all five queries) on N events (default 1,000,000) in the DuckDB embedded store and in the SQLite
# store it replaced (ADR 016). Prints one RESULT line per store and query (median and max of RUNS timed runs after
# a warm-up) and whether both stores gave the same dashboard (exit code 1 if not).
#   scripts/bench-embedded-dashboard.sh [events] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project tools/Sentinel.Benchmarks -- embedded-dashboard "${1:-1000000}" "${2:-5}"
