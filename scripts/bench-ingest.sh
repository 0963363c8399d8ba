#!/usr/bin/env bash
# Ingestion benchmark (issues 3 and 17): one run on this machine with one payload of 100 realistic events, Redis as
# production runs it (appendonly yes, appendfsync everysec).
#   (a) baseline: bare Kestrel that reads and discards the body
#   (b) POST /v1/events/batch in production mode (PostgreSQL, Redis, ClickHouse):
#       ingest-only: a host with Workers:Count=0 (nothing drains; what an ingest host of a split deployment does)
#       draining:    a host with one drain worker into ClickHouse, at full speed; the drain rate counts the events
#                    stored per second from load start until the stream is empty
#       sustained:   the same host paced open-loop (a fixed rate offered whatever the latency, enough connections)
#                    at the highest rate whose backlog stays flat and that the endpoint takes: searched from the
#                    draining run's drain rate (x1.4 up / x0.7 down, then halving the gap to within 8%); flat means
#                    the backlog ends the run below max(200 entries, half a second of the accepted batches) and
#                    never exceeds max(400, one second of them)
#   (c) the same in embedded mode (SQLite, in-process queue, DuckDB)
#   (d) drain rate alone, HostedService loop vs Hangfire drain job (Workers:RunAs), on the same backlog in one run:
#       an ingest-only host fills the stream for BENCH_FILL (default 8s), then a drain host of each kind empties it.
# Reports requests/s, events/s, p50/p99 latency (wrk), backlogs and drain rates, and ends with
#   RESULT ingest_only_ratio=N drain_ratio=N sustained_ratio=N p99_ms=N
# (events/s of ingest-only, of the drain, and of the sustained run, each over the same run's baseline; p99 of the
# sustained run). Usage: scripts/bench-ingest.sh [duration, default 20s] [connections, default 32]
# Each server is first warmed up under the same load (BENCH_WARMUP, default 10s) so that the JIT has compiled its hot
# paths at full optimisation before the measured run; a freshly started .NET server is several times slower.
# BENCH_ONLY=b (or any of a, b, c, d) runs only those parts; the RESULT line needs a and b. BENCH_ONLY=i runs only
# the ingest-only run of (b). BENCH_AOF=no runs Redis without its append-only file (default everysec, as production).
# Every figure is printed with the 1-minute load average when it was taken: on a busy machine they are not the host's.
# BENCH_PACED_START=N starts the sustained search at N batches/s (with BENCH_PACED_STEPS=1: one run at exactly that rate,
# e.g. 7% of a baseline to read the p99 there); BENCH_ENV='NAME=value ...' adds environment to the production host.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20s}"
CONNECTIONS="${2:-32}"
WARMUP="${BENCH_WARMUP:-10s}"
ONLY="${BENCH_ONLY:-abcd}"
AOF="${BENCH_AOF:-everysec}"
source scripts/lib/bench-common.sh
bench_setup bench
require_tools "apt-get install wrk bc redis-server clickhouse-server postgresql (scripts/test.sh installs the servers)" wrk bc redis-server clickhouse-server
build_release
$TOOL ingest-payload "$WORK/payload.json"
echo "payload: $(wc -c < "$WORK/payload.json") bytes, 100 events"

echo "== starting Redis, ClickHouse, PostgreSQL"
REDIS_PORT=$(free_port); PG_PORT=$(free_port)
case "$AOF" in
  no) REDIS_PERSISTENCE=(--appendonly no) ;;
  *) REDIS_PERSISTENCE=(--appendonly yes --appendfsync "$AOF") ;;
esac
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' "${REDIS_PERSISTENCE[@]}" --dir "$WORK" --daemonize no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
start_clickhouse
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$WORK/pg/data" -U postgres --auth=trust --no-sync >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg/data" -o "-p $PG_PORT -k $WORK/pg -c fsync=off" -l "$WORK/pg/server.log" start >/dev/null
wait_http "http://127.0.0.1:$CH_HTTP/ping"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
local f = io.open("$WORK/payload.json", "r"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SENTINEL_KEY")
LUA
# Paced runs (open loop): each of wrk's threads sends on its own schedule of RATE/THREADS requests per second,
# whatever the answers' latency; a connection that comes back early waits for the thread's next slot. Enough
# connections are opened that a slow answer does not lower the rate offered (see pace_connections). After a stall
# the schedule catches up at most one second of requests, so a pause in the server is not answered by a flood.
cat "$WORK/post.lua" >"$WORK/paced.lua"
cat >>"$WORK/paced.lua" <<'LUA'
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } sentinel_timespec; int clock_gettime(int, sentinel_timespec*); ]]
local ts = ffi.new("sentinel_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local interval = 1000 * tonumber(os.getenv("PACE_THREADS")) / tonumber(os.getenv("PACE_RATE"))
local next_at = nil
function delay()
  local now = now_ms()
  if next_at == nil or next_at < now - 1000 then next_at = now end
  local wait = next_at - now
  next_at = next_at + interval
  return math.max(0, math.floor(wait))
end
LUA

warm_up() { SENTINEL_KEY="${KEY:-none}" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$WORK/post.lua" "$1" >/dev/null; }

# CPU seconds (user + system) a process has used so far; the difference over a run, divided into the events it
# handled, is that process's events per CPU-second: events/s per core, the figure to size hosts by.
CLK_TCK=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$CLK_TCK" '{printf "%.3f", ($14+$15)/t}' "/proc/$1/stat"; }
per_core() { echo "$1/($3-$2)" | bc; } # events cpu_before cpu_after -> events per CPU-second
redis_pid() { redis-cli -p "$REDIS_PORT" INFO server | awk -F: '/^process_id/ {print $2+0}'; }

# wrk's latencies ("850.00us", "12.34ms", "1.02s") in milliseconds
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /m$/) {sub(/m$/,"",v); v*=60000} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }

# wrk's output -> "rps p50 p99 non2xx" (latencies in ms)
run_wrk() { # url [connections] [script]
  local url="$1" out
  out=$(SENTINEL_KEY="${KEY:-none}" wrk -t2 -c"${2:-$CONNECTIONS}" -d"$DURATION" --latency -s "${3:-$WORK/post.lua}" "$url")
  echo "$out" >"$WORK/wrk-last.txt"
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%" {print $2}' | to_ms)
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $p50 $p99 ${non2xx:-0}"
}
# Connections for a paced rate: each offers at most 40 requests/s (one per 25 ms, the p99 bound), so answers
# slower than that still leave the rate offered; at least 16, at most 512.
pace_connections() { local c=$(( ($1 + 39) / 40 )); echo $(( c < 16 ? 16 : (c > 512 ? 512 : c) )); }
run_paced() { # url rate
  PACE_RATE="$2" PACE_THREADS=2 run_wrk "$1" "$(pace_connections "$2")" "$WORK/paced.lua"
}
report() { # name rps p50 p99 non2xx load
  printf "%-40s %8.0f req/s %10.0f events/s   p50 %7s ms  p99 %7s ms  non-2xx %s  (load %s)\n" "$1" "$2" "$(echo "$2*100" | bc)" "$3" "$4" "$5" "${6:--}"
}

COMMON=(Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning ASPNETCORE_ENVIRONMENT=Production
        Ingest__BatchesPerKeyPerSecond=100000000 Bootstrap__AdminEmail=admin@bench.test Bootstrap__AdminPassword=Bench-Password-123!)

wants() { [[ "$ONLY" == *"$1"* ]]; }
# BENCH_PERF=1: sample the measured ingest-only run of (b) with perf (JIT frames named through the perf map); prints
# the hottest symbols and leaves the samples in /tmp/sentinel-bench-perf.data for `perf report -i`.
# The ingest-only and the draining run also print the CPU use of each process during the run (top).
profile() { # pid [perf]: top always; perf samples only when BENCH_PERF=1 and asked for
  (sleep 3; top -b -d 3 -n 2 | awk '/PID USER/ {n++} n==2' | head -7 >"$WORK/top-$1.txt") &
  [ "${BENCH_PERF:-0}" = 1 ] && [ "${2:-}" = perf ] || return 0
  (sleep 2; perf record -F 499 -g -p "$1" -o "$WORK/perf.data" -- sleep 5 >/dev/null 2>&1; cp "$WORK/perf.data" /tmp/sentinel-bench-perf.data
   { perf report -i "$WORK/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8
     perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -40; } >"$WORK/perf-top.txt") &
  PROFILER=$!
}
load1() { cut -d' ' -f1 /proc/loadavg; } # the 1-minute load average, printed beside each figure

if wants a; then
  echo "== (a) baseline"
  PORT=$(free_port)
  $TOOL baseline-server --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1 &
  PIDS+=($!)
  sleep 2
  warm_up "http://127.0.0.1:$PORT/v1/events/batch"
  A_LOAD=$(load1)
  read -r A_RPS A_P50 A_P99 A_NON <<<"$(run_wrk "http://127.0.0.1:$PORT/v1/events/batch")"
fi

if wants b || wants i; then
  PROD=(Sentinel__Mode=Production Database__Provider=PostgreSql
        "Database__ConnectionString=Host=$WORK/pg;Port=$PG_PORT;Username=postgres;Database=postgres"
        Redis__Configuration=127.0.0.1:$REDIS_PORT Analytics__Store=ClickHouse Analytics__ClickHouse__Url=http://127.0.0.1:$CH_HTTP
        Analytics__ClickHouse__Database=bench Sentinel__DataDirectory="$WORK/prod")
  STREAM="sentinel:ingest:events"
  stream_length() { redis-cli -p "$REDIS_PORT" XLEN "$STREAM"; }
  start_host() { # workers -> B_PID, PORT
    PORT=$(free_port)
    env "${COMMON[@]}" "${PROD[@]}" Workers__Count="$1" ${BENCH_ENV:-} DOTNET_PerfMapEnabled="${BENCH_PERF:-0}" DOTNET_EnableWriteXorExecute="$((1 - ${BENCH_PERF:-0}))" $WEB --urls "http://127.0.0.1:$PORT" >"$WORK/prod-$1.log" 2>&1 &
    B_PID=$!
    PIDS+=($B_PID)
    wait_http "http://127.0.0.1:$PORT/healthz"
  }
  until_drained() { until [ "$(stream_length)" = "0" ]; do sleep 0.2; done; }
  sample_backlog() { ( while true; do stream_length 2>/dev/null; sleep 1; done ) >"$1" & SAMPLER=$!; }

  echo "== (b) production, ingest-only host (Workers:Count=0)"
  start_host 0
  KEY=$(env "${COMMON[@]}" "${PROD[@]}" $TOOL ingest-key | tail -1)
  KEY=$KEY warm_up "http://127.0.0.1:$PORT/v1/events/batch"
  I_LOAD=$(load1); I_TOP=$B_PID
  profile "$B_PID" perf
  I_CPU0=$(cpu_seconds "$B_PID"); I_REDIS0=$(cpu_seconds "$(redis_pid)")
  read -r I_RPS I_P50 I_P99 I_NON <<<"$(KEY=$KEY run_wrk "http://127.0.0.1:$PORT/v1/events/batch")"
  I_CPU1=$(cpu_seconds "$B_PID"); I_REDIS1=$(cpu_seconds "$(redis_pid)")
  I_EVENTS=$(( ($(awk '/requests in/ {print $1}' "$WORK/wrk-last.txt") - ${I_NON:-0}) * 100 ))
  I_PER_CORE=$(per_core "$I_EVENTS" "$I_CPU0" "$I_CPU1"); I_REDIS_PER_CORE=$(per_core "$I_EVENTS" "$I_REDIS0" "$I_REDIS1")
  kill "$B_PID"; wait "$B_PID" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" DEL "$STREAM" >/dev/null
fi

if wants b; then
  echo "== (b) production, one drain worker on the same host"
  start_host 1
  KEY=$KEY warm_up "http://127.0.0.1:$PORT/v1/events/batch"
  until_drained
  sample_backlog "$WORK/backlog.txt"
  B_LOAD=$(load1); B_TOP=$B_PID
  profile "$B_PID"
  T0=$(date +%s.%N)
  read -r B_RPS B_P50 B_P99 B_NON <<<"$(KEY=$KEY run_wrk "http://127.0.0.1:$PORT/v1/events/batch")"
  T_END_LOAD=$(date +%s.%N)
  BACKLOG_AT_END=$(stream_length)
  until_drained
  T1=$(date +%s.%N)
  kill "$SAMPLER" 2>/dev/null || true
  MAX_BACKLOG=$(sort -n "$WORK/backlog.txt" | tail -1)
  ACCEPTED=$(awk '/requests in/ {print $1}' "$WORK/wrk-last.txt")
  ACCEPTED=$((ACCEPTED - ${B_NON:-0}))
  DRAIN_RATE=$(echo "$ACCEPTED*100/($T1-$T0)" | bc)
  TAIL=$(echo "$T1-$T_END_LOAD" | bc)
  ROWS=$(curl -s "http://127.0.0.1:$CH_HTTP/?database=bench" --data-binary "SELECT count() FROM api_events")

  echo "== (b) production, sustained: the highest paced rate whose backlog stays flat"
  # Open-loop pacing (paced.lua): the rate offered does not fall when answers slow down, so the figure is the
  # host's and not the load generator's. A rate passes when the backlog stays flat and the endpoint takes at least
  # 90% of what is offered. Flat: the backlog ends the run below max(one worker read of 200 entries, half a second
  # of the batches accepted) and never exceeds max(400, one second of them). Search: from the draining run's drain
  # rate, x1.4 up while passing (x0.7 down while failing), then halve the gap between the highest passing and the
  # lowest failing rate until they are within 8% (at most BENCH_PACED_STEPS runs, default 8). Reported: the passing
  # run that was accepted fastest.
  TARGET=$((DRAIN_RATE / 100)); TARGET=$((TARGET < 50 ? 50 : TARGET)); TARGET=${BENCH_PACED_START:-$TARGET}; LO=""; HI=""; S_RPS=""
  for _ in $(seq 1 "${BENCH_PACED_STEPS:-8}"); do
    sample_backlog "$WORK/paced-backlog.txt"
    T_LOAD=$(load1)
    read -r T_RPS T_P50 T_P99 T_NON <<<"$(KEY=$KEY run_paced "http://127.0.0.1:$PORT/v1/events/batch" "$TARGET")"
    T_AT_END=$(stream_length)
    kill "$SAMPLER" 2>/dev/null || true
    T_MAX=$(sort -n "$WORK/paced-backlog.txt" | tail -1)
    FLAT=$(awk -v e="$T_AT_END" -v m="$T_MAX" -v r="$T_RPS" 'BEGIN { print (e <= (r/2 > 200 ? r/2 : 200) && m <= (r > 400 ? r : 400)) ? 1 : 0 }')
    TAKEN=$(echo "$T_RPS >= 0.9 * $TARGET" | bc)
    printf "   offered %5d batches/s (%3d connections): %6.0f req/s, p99 %s ms, backlog max %s, at end %s: %s (load %s)\n" \
      "$TARGET" "$(pace_connections "$TARGET")" "$T_RPS" "$T_P99" "$T_MAX" "$T_AT_END" \
      "$([ "$FLAT" = 1 ] && echo flat || echo growing)$([ "$TAKEN" = 1 ] || echo ", not taken")" "$T_LOAD"
    until_drained
    if [ "$FLAT" = 1 ] && [ "$TAKEN" = 1 ]; then
      LO=$TARGET
      if [ -z "$S_RPS" ] || [ "$(echo "$T_RPS > $S_RPS" | bc)" = 1 ]; then
        S_RPS=$T_RPS; S_P50=$T_P50; S_P99=$T_P99; S_NON=$T_NON; S_MAX_BACKLOG=$T_MAX; S_BACKLOG_AT_END=$T_AT_END; S_LOAD=$T_LOAD
        S_SAMPLES=$(tr '\n' ' ' <"$WORK/paced-backlog.txt")
      fi
    else
      HI=$TARGET
    fi
    if [ -z "$HI" ]; then TARGET=$((TARGET * 14 / 10))
    elif [ -z "$LO" ]; then TARGET=$((TARGET * 7 / 10)); [ "$TARGET" -ge 10 ] || break
    else
      [ $(( (HI - LO) * 100 / LO )) -le 8 ] && break
      TARGET=$(( (LO + HI) / 2 ))
    fi
  done
  [ -n "$S_RPS" ] || { echo "no paced rate kept the backlog flat"; S_RPS=0; S_P50=0; S_P99=0; S_NON=0; S_MAX_BACKLOG=-; S_BACKLOG_AT_END=-; S_SAMPLES=-; }
fi

if wants c; then
  echo "== (c) embedded: SQLite + in-process queue + embedded store"
  PORT=$(free_port)
  EMBEDDED=(Sentinel__Mode=Embedded Sentinel__DataDirectory="$WORK/embedded")
  env "${COMMON[@]}" "${EMBEDDED[@]}" $WEB --urls "http://127.0.0.1:$PORT" >"$WORK/embedded.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$PORT/healthz"
  KEY_C=$(env "${COMMON[@]}" "${EMBEDDED[@]}" $TOOL ingest-key | tail -1)
  KEY=$KEY_C warm_up "http://127.0.0.1:$PORT/v1/events/batch"
  C_LOAD=$(load1)
  read -r C_RPS C_P50 C_P99 C_NON <<<"$(KEY=$KEY_C run_wrk "http://127.0.0.1:$PORT/v1/events/batch")"
fi

if wants d; then
  echo "== (d) drain rate: HostedService loop vs Hangfire drain job, same backlog"
  D_ENV=(Sentinel__Mode=Production Database__Provider=PostgreSql
         "Database__ConnectionString=Host=$WORK/pg;Port=$PG_PORT;Username=postgres;Database=postgres"
         Redis__Configuration=127.0.0.1:$REDIS_PORT Redis__KeyPrefix=benchd: Analytics__Store=ClickHouse
         Analytics__ClickHouse__Url=http://127.0.0.1:$CH_HTTP Analytics__ClickHouse__Database=benchd Sentinel__DataDirectory="$WORK/drain")
  D_STREAM="benchd:ingest:events"
  PORT=$(free_port)
  env "${COMMON[@]}" "${D_ENV[@]}" Workers__Count=0 $WEB --urls "http://127.0.0.1:$PORT" >"$WORK/drain-ingest.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$PORT/healthz"
  KEY_D=$(env "${COMMON[@]}" "${D_ENV[@]}" $TOOL ingest-key | tail -1)
  KEY=$KEY_D warm_up "http://127.0.0.1:$PORT/v1/events/batch"
  for MODE in HostedService Hangfire HostedService Hangfire; do
    redis-cli -p "$REDIS_PORT" DEL "$D_STREAM" >/dev/null
    SENTINEL_KEY="$KEY_D" wrk -t2 -c"$CONNECTIONS" -d"${BENCH_FILL:-8s}" -s "$WORK/post.lua" "http://127.0.0.1:$PORT/v1/events/batch" >/dev/null
    FILLED=$(redis-cli -p "$REDIS_PORT" XLEN "$D_STREAM")
    DPORT=$(free_port)
    env "${COMMON[@]}" "${D_ENV[@]}" Workers__Count=1 Workers__RunAs=$MODE $WEB --urls "http://127.0.0.1:$DPORT" >"$WORK/drain-$MODE.log" 2>&1 &
    DRAIN_PID=$!
    wait_http "http://127.0.0.1:$DPORT/healthz"
    D0=$(date +%s.%N); D_CPU0=$(cpu_seconds "$DRAIN_PID"); D_CH0=$(cpu_seconds "$CH_PID")
    until [ "$(redis-cli -p "$REDIS_PORT" XLEN "$D_STREAM")" = "0" ]; do sleep 0.1; done
    D1=$(date +%s.%N); D_CPU1=$(cpu_seconds "$DRAIN_PID"); D_CH1=$(cpu_seconds "$CH_PID")
    kill "$DRAIN_PID"; wait "$DRAIN_PID" 2>/dev/null || true
    RATE=$(echo "$FILLED*100/($D1-$D0)" | bc)
    D_PER_CORE=$(per_core "$((FILLED*100))" "$D_CPU0" "$D_CPU1"); D_CH_PER_CORE=$(per_core "$((FILLED*100))" "$D_CH0" "$D_CH1")
    printf "(d) %-13s drained %6d batches (%8d events) in %5.1f s: %7d events/s; %7d events per CPU-second of the drain host, %7d of ClickHouse\n" \
      "$MODE" "$FILLED" "$((FILLED*100))" "$(echo "$D1-$D0" | bc)" "$RATE" "$D_PER_CORE" "$D_CH_PER_CORE" | tee -a "$WORK/drain-results.txt"
  done
fi

echo
echo "== results: $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, 100 events ($(wc -c < "$WORK/payload.json") bytes) per request"
wants a && report "(a) baseline (bare Kestrel)" "$A_RPS" "$A_P50" "$A_P99" "$A_NON" "$A_LOAD"
if wants b || wants i; then
  report "(b) ingest-only (Workers:Count=0)" "$I_RPS" "$I_P50" "$I_P99" "$I_NON" "$I_LOAD"
  echo "    ingest-only: $I_PER_CORE events per CPU-second of the host process, $I_REDIS_PER_CORE per CPU-second of Redis (Redis appendonly: $AOF)"
fi
if wants b; then
  report "(b) draining on the same host" "$B_RPS" "$B_P50" "$B_P99" "$B_NON" "$B_LOAD"
  report "(b) sustained (paced, flat backlog)" "$S_RPS" "$S_P50" "$S_P99" "$S_NON" "${S_LOAD:-}"
fi
wants c && report "(c) embedded" "$C_RPS" "$C_P50" "$C_P99" "$C_NON" "$C_LOAD"
if wants b; then
  echo "(b) drain into ClickHouse: $ACCEPTED batches ($((ACCEPTED*100)) events) drained at $DRAIN_RATE events/s from load start to empty stream;"
  echo "    backlog: max $MAX_BACKLOG batches during load, $BACKLOG_AT_END at load end, empty ${TAIL}s after load end; rows in ClickHouse (deduplicated ids: the payload repeats): $ROWS"
  echo "(b) sustained: backlog max $S_MAX_BACKLOG batches, $S_BACKLOG_AT_END at load end (samples each second: $S_SAMPLES)"
fi
if wants d; then cat "$WORK/drain-results.txt"; fi
[ -n "${PROFILER:-}" ] && { wait "$PROFILER" || true; }
if [ -s "$WORK/top-${I_TOP:-x}.txt" ]; then echo "== (b) CPU by process during the ingest-only run"; cat "$WORK/top-$I_TOP.txt"; fi
if [ -s "$WORK/top-${B_TOP:-x}.txt" ]; then echo "== (b) CPU by process during the draining run"; cat "$WORK/top-$B_TOP.txt"; fi
if [ -s "$WORK/perf-top.txt" ]; then echo "== (b) hottest symbols (perf)"; sed -E 's/ {3,}/ /g' "$WORK/perf-top.txt" | cut -c1-200; fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if wants a && wants b; then
  ratio() { echo "scale=4; $1/$2" | bc | awk '{printf "%.4f", $1}'; }
  echo "RESULT ingest_only_ratio=$(ratio "$I_RPS" "$A_RPS") drain_ratio=$(ratio "$DRAIN_RATE/100" "$A_RPS") sustained_ratio=$(ratio "$S_RPS" "$A_RPS") p99_ms=$S_P99"
fi
