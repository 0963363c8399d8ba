#!/usr/bin/env bash
# The overview's 12 project cards (ADR 032): one full 24-hour dashboard per card, as the page did, against one
# IAnalyticsStore.TrafficAsync for every card, on 12 projects sharing generated traffic over 30 days:
#   ClickHouse (a server started here) with CH_EVENTS events, default 10,000,000
#   the embedded DuckDB store with EMBEDDED_EVENTS events, default 1,000,000
#   scripts/bench-overview.sh [runs, default 10]      BENCH_ONLY=clickhouse or embedded runs one store.
# Ends with one line per store: RESULT store=... dashboard_per_card_median_ms=N one_traffic_query_median_ms=N speedup=N.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench-common.sh
bench_setup overview
bench_analytics_stores overview "${1:-10}" ''

echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
