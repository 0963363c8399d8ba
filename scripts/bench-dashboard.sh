#!/usr/bin/env bash
# The portal's analytics dashboard (one IAnalyticsStore.QueryAsync: every dashboard query, previous period included)
# for each preset range (1h, 24h, 7d, 30d), RUNS times after a warm-up, on 30 days of generated traffic:
#   ClickHouse (a server started here) with CH_EVENTS events, default 10,000,000; target p95 <= 300 ms
#   the embedded DuckDB store with EMBEDDED_EVENTS events, default 1,000,000;      target p95 <= 1 s
# Ends with one line per store: RESULT store=clickhouse events=N p95_ms=N and RESULT store=embedded events=N p95_ms=N.
#   scripts/bench-dashboard.sh [runs, default 20]      BENCH_ONLY=clickhouse or embedded runs one store.
# On ClickHouse the rollup job's code builds the hourly rollups first (RESULT ... rollup_job: its first run and a run
# with nothing to do), so 7d and 30d time what the page reads: rollups + raw edges (ADR 031). Each RESULT line carries
# the load average; `uptime` is printed around each store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-common.sh
bench_setup dashboard
bench_analytics_stores dashboard "${1:-20}" 'events='

echo "== summary (targets: clickhouse p95 <= 300 ms at 10M events, embedded p95 <= 1000 ms at 1M events)"
printf '%s\n' "${SUMMARY[@]}"
