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
RUNS="${1:-10}"
CH_EVENTS="${CH_EVENTS:-10000000}"
EMBEDDED_EVENTS="${EMBEDDED_EVENTS:-1000000}"
ONLY="${BENCH_ONLY:-}"
require_tools "apt-get install clickhouse-server (scripts/test.sh installs it)" clickhouse-server curl
echo "== building (Release)"
dotnet build tools/Sentinel.Benchmarks -c Release -v q -nologo >/dev/null
TOOL="dotnet tools/Sentinel.Benchmarks/bin/Release/net10.0/Sentinel.Benchmarks.dll"
SUMMARY=()

if [ -z "$ONLY" ] || [ "$ONLY" = clickhouse ]; then
  echo "== ClickHouse, $CH_EVENTS events"
  start_clickhouse
  wait_http "http://127.0.0.1:$CH_HTTP/ping"
  echo "load: $(uptime)"
  $TOOL overview clickhouse "http://127.0.0.1:$CH_HTTP/" "$CH_EVENTS" "$RUNS" | tee "$WORK/ch.out"
  echo "load: $(uptime)"
  SUMMARY+=("$(grep '^RESULT store=clickhouse' "$WORK/ch.out")")
  kill "$CH_PID"; wait "$CH_PID" 2>/dev/null || true
fi

if [ -z "$ONLY" ] || [ "$ONLY" = embedded ]; then
  echo "== embedded DuckDB, $EMBEDDED_EVENTS events"
  mkdir -p "$WORK/embedded"
  echo "load: $(uptime)"
  $TOOL overview embedded "$WORK/embedded" "$EMBEDDED_EVENTS" "$RUNS" | tee "$WORK/embedded.out"
  echo "load: $(uptime)"
  SUMMARY+=("$(grep '^RESULT store=embedded' "$WORK/embedded.out")")
fi

echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
