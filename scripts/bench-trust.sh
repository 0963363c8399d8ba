#!/usr/bin/env bash
# Trust API benchmark (issue 13, section 4): production mode (PostgreSQL + Redis) on this machine, many concurrent
# sessions each posting 100-event batches of a hand-like session in order (the collector's batch size).
#   (1) POST /v1/trust/events as fast as the host answers: batches/s, p50/p99
#   (2) POST paced to about BENCH_RATE batches/s (default 2000) with the same connections: p50/p99 at that rate
#   (3) GET /v1/trust/sessions/{id} (secret key) on the sessions just scored: requests/s, p50/p99
#   Redis bytes per session: MEMORY USAGE of session hashes and raw-sample lists, averaged over a sample.
# Ends with: RESULT trust_batches_per_s=N post_p99_ms=N get_p99_ms=N (batches/s of (1); p99 of (2) and (3)).
# Usage: scripts/bench-trust.sh [duration, default 15s] [connections, default 32]
# BENCH_WARMUP (default 10s) warms the JIT up under the same load first. BENCH_SESSIONS (default 256) sessions per
# wrk thread (2 threads) are posted round-robin, so no two requests of one session are in flight at once; each
# session sends BENCH_BATCHES (default 20) batches, then the next generation of sessions starts.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15s}"
CONNECTIONS="${2:-32}"
WARMUP="${BENCH_WARMUP:-10s}"
RATE="${BENCH_RATE:-2000}"
SESSIONS="${BENCH_SESSIONS:-256}"
BATCHES="${BENCH_BATCHES:-20}"
source scripts/lib/bench-common.sh
bench_setup bench-trust
require_tools "apt-get install wrk bc redis-server postgresql" wrk bc redis-server redis-cli
build_release
$TOOL trust-payloads "$WORK/batches" "$BATCHES"
echo "payload: $BATCHES batches of 100 events, $(wc -c < "$WORK/batches/batch-1.json") bytes of events each"

echo "== starting Redis and PostgreSQL"
REDIS_PORT=$(free_port); PG_PORT=$(free_port); PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$WORK/pg/data" -U postgres --auth=trust --no-sync >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg/data" -o "-p $PG_PORT -k $WORK/pg -c fsync=off" -l "$WORK/pg/server.log" start >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# Production mode; no ingest workers (the analytics store is not part of this benchmark, its URL is never called).
ENVS=(Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning ASPNETCORE_ENVIRONMENT=Production
      Bootstrap__AdminEmail=admin@bench.test Bootstrap__AdminPassword=Bench-Password-123!
      Sentinel__Mode=Production Database__Provider=PostgreSql
      "Database__ConnectionString=Host=$WORK/pg;Port=$PG_PORT;Username=postgres;Database=postgres"
      Redis__Configuration=127.0.0.1:$REDIS_PORT Analytics__Store=ClickHouse Analytics__ClickHouse__Url=http://127.0.0.1:9
      Workers__Count=0 Sentinel__DataDirectory="$WORK/prod" Trust__NewSessionsPerKeyPerSecond=1000000 ${BENCH_ENV:-})
env "${ENVS[@]}" $WEB --urls "http://127.0.0.1:$PORT" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
PIDS+=($HOST_PID)
wait_http "http://127.0.0.1:$PORT/healthz"
read -r PUBLISHABLE SECRET <<<"$(env "${ENVS[@]}" $TOOL trust-setup | tail -1)"

cat >"$WORK/post.lua" <<LUA
local batches = {}
for i = 1, $BATCHES do local f = io.open("$WORK/batches/batch-" .. i .. ".json", "r"); batches[i] = f:read("*a"); f:close() end
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $PUBLISHABLE", ["Origin"] = "https://bench.example" }
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local counter = 0
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
function delay() return pause end
-- Round-robin over the thread's sessions: session s gets its batches in order, SESSIONS requests apart.
function request()
  local s = counter % $SESSIONS
  local round = math.floor(counter / $SESSIONS)
  counter = counter + 1
  local sid = string.format("bench-%s-%d-%d-%d", os.getenv("RUN"), tid, math.floor(round / $BATCHES), s)
  return wrk.format("POST", "/v1/trust/events", headers, '{"sessionId":"' .. sid .. '","events":' .. batches[round % $BATCHES + 1] .. '}')
end
local bad = 0
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
LUA
cat >"$WORK/get.lua" <<LUA
local headers = { ["Authorization"] = "Bearer $SECRET" }
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local counter = 0
function request()
  local s = counter % $SESSIONS
  counter = counter + 1
  return wrk.format("GET", string.format("/v1/trust/sessions/bench-%s-%d-0-%d", os.getenv("RUN"), tid, s), headers)
end
LUA

to_ms() { # wrk's "812.00us" / "1.23ms" / "1.02s" -> ms
  echo "$1" | awk '/us$/ {sub("us","");printf "%.2f",$1/1000;next} /ms$/ {sub("ms","");printf "%.2f",$1;next} /s$/ {sub("s","");printf "%.2f",$1*1000}'
}
run_wrk() { # script run connections duration -> "rps p50ms p99ms non2xx"
  local out
  out=$(RUN="$2" PAUSE_MS="${PAUSE_MS:-0}" wrk -t2 -c"$3" -d"$4" --latency -s "$WORK/$1" "http://127.0.0.1:$PORT")
  echo "$out" >>"$WORK/wrk.txt"
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')") $(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')") $(echo "$out" | awk '/Non-2xx/ {print $5}')"
}

echo "== warm-up ($WARMUP)"
run_wrk post.lua warm "$CONNECTIONS" "$WARMUP" >/dev/null
run_wrk get.lua warm 8 5s >/dev/null
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null

echo "== (1) POST, full speed ($DURATION, $CONNECTIONS connections)"
read -r P_RPS P_P50 P_P99 P_BAD <<<"$(run_wrk post.lua full "$CONNECTIONS" "$DURATION")"
(top -b -d 3 -n 2 | awk '/PID USER/ {n++} n==2' | head -6 >"$WORK/top.txt") &

# (2) Paced: each connection waits so that together they offer about RATE batches/s before their own latency.
PAUSE=$(echo "$CONNECTIONS * 1000 / $RATE" | bc)
echo "== (2) POST, paced to about $RATE batches/s ($CONNECTIONS connections, ${PAUSE} ms pauses)"
read -r Q_RPS Q_P50 Q_P99 Q_BAD <<<"$(PAUSE_MS=$PAUSE run_wrk post.lua paced "$CONNECTIONS" "$DURATION")"

echo "== (3) GET the verdicts of the paced run's sessions"
read -r G_RPS G_P50 G_P99 G_BAD <<<"$(run_wrk get.lua paced 8 "$DURATION")"

SESSION_KEYS=$(redis-cli -p "$REDIS_PORT" --scan --pattern 'sentinel:trust:s:*' | head -200 || true)
RAW_KEYS=$(redis-cli -p "$REDIS_PORT" --scan --pattern 'sentinel:trust:raw:*' | head -200 || true)
avg_usage() { local total=0 n=0 k; for k in $1; do total=$((total + $(redis-cli -p "$REDIS_PORT" MEMORY USAGE "$k" SAMPLES 0))); n=$((n + 1)); done; if [ $n -gt 0 ]; then echo $((total / n)); else echo 0; fi; }
STATE_BYTES=$(avg_usage "$SESSION_KEYS")
RAW_BYTES=$(avg_usage "$RAW_KEYS")
SESSION_COUNT=$(redis-cli -p "$REDIS_PORT" ZCARD sentinel:trust:idle)
USED=$(redis-cli -p "$REDIS_PORT" INFO memory | awk -F: '/^used_memory:/ {print $2+0}')

echo
printf "%-40s %8.0f batches/s  %8.0f events/s  p50 %6s ms  p99 %6s ms  non-200 %s\n" "(1) POST full speed" "$P_RPS" "$(echo "$P_RPS*100" | bc)" "$P_P50" "$P_P99" "${P_BAD:-0}"
printf "%-40s %8.0f batches/s  %8.0f events/s  p50 %6s ms  p99 %6s ms  non-200 %s\n" "(2) POST paced" "$Q_RPS" "$(echo "$Q_RPS*100" | bc)" "$Q_P50" "$Q_P99" "${Q_BAD:-0}"
printf "%-40s %8.0f requests/s                     p50 %6s ms  p99 %6s ms  non-200 %s\n" "(3) GET verdict" "$G_RPS" "$G_P50" "$G_P99" "${G_BAD:-0}"
echo "Redis per session (MEMORY USAGE, mean of up to 200): state hash $STATE_BYTES bytes + raw sample list $RAW_BYTES bytes; $SESSION_COUNT sessions live, used_memory $USED bytes in all"
echo "CPU during (1)/(2) (top):"; cat "$WORK/top.txt" 2>/dev/null || true
grep -iE "error|exception" "$WORK/host.log" | head -5 || true
echo "RESULT trust_batches_per_s=$(printf %.0f "$P_RPS") post_p99_ms=$Q_P99 get_p99_ms=$G_P99"
