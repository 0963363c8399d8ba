#!/usr/bin/env bash
# SDK overhead benchmark (issue 16): the same app with and without the SDK, on this machine, in one run, with a real
# Sentinel (embedded mode) receiving the events.
#   node:   Express (sdks/node/examples/express-app) under autocannon
#   dotnet: ASP.NET Core (sdks/dotnet/samples/HelloApi) under wrk
# Two endpoints of the same app:
#   GET /hello   hello world: the issue's figure. It costs the app only ~10-50 µs of CPU, so the SDK's few µs per
#                request are a large share of it (see the README's arithmetic).
#   GET /orders  a more realistic endpoint: ~1 ms waiting on a (simulated) database, then 20 rows as JSON.
# Reports requests/s, p99 latency and process CPU per 1,000 requests (= µs per request) of each, the SDK's share of the
# app's CPU, Sentinel's CPU in the same window, and what the SDK sent/dropped. Sentinel shares this machine's 2 cores
# with the app and the load generator, so "with" also pays for Sentinel ingesting every request's event: that is the
# receiver's cost, not the SDK's, and on a real deployment it is spent on another machine. Two more variants of /hello
# separate them:
#   sink     the SDK posting to a stub that answers 202 without work: the SDK's own cost on the shared cores.
#   *-pin    (BENCH_PIN=1, the default) app and load generator on CPU 0, Sentinel alone on CPU 1 (taskset), both
#            without and with the SDK: Sentinel really receives, but on a core of its own.
# Each measurement line carries the 1-minute load average (other work on the machine).
# Ends with one RESULT line per SDK (with the SDK and a real Sentinel receiving vs without the SDK, GET /hello first):
#   RESULT sdk=node overhead_pct=N p99_added_ms=N realistic_overhead_pct=N realistic_p99_added_ms=N stub_overhead_pct=N
#          sdk_cpu_us=N receiver_cpu_us=N pinned_overhead_pct=N pinned_p99_added_ms=N [sdk_cpu_inproc_us=N] load1=N
# overhead_pct = throughput lost with the SDK (negative: the SDK run was faster, i.e. noise); p99_added_ms = p99 with
# minus p99 without; sdk_cpu_us = app CPU per request with the SDK (stub receiver) minus without; receiver_cpu_us =
# Sentinel's CPU per request served during the "with" run; pinned_* = the same as overhead_pct / p99_added_ms with
# Sentinel on its own CPU; sdk_cpu_inproc_us (node) = bench/express.mjs, the SDK's CPU per request in a real Express
# app measured in one process (no load generator or receiver competing; BENCH_MICRO=0 skips it). Each variant is
# warmed up first (BENCH_WARMUP) and measured BENCH_ROUNDS times alternating without/with, and the rounds are averaged,
# because this machine's load from other work varies.
# Usage: scripts/bench-sdk.sh [duration, default 10] [connections, default 32]   (duration in seconds)
#        BENCH_SDKS="node dotnet" BENCH_ROUNDS=2 BENCH_WARMUP=5 BENCH_PIN=0 BENCH_MICRO=0 to change what runs.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-32}"
WARMUP="${BENCH_WARMUP:-5}"
ROUNDS="${BENCH_ROUNDS:-2}"
PINNED="${BENCH_PIN:-1}"
[ "$(nproc)" -ge 2 ] || PINNED=0
SDKS="${BENCH_SDKS:-node dotnet}"
TOOLS="${BENCH_TOOLS:-/tmp/sentinel-bench-tools}"
WORK="$(mktemp -d /tmp/sentinel-sdk-bench-XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
# utime + stime of a process, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
if [ ! -x "$TOOLS/node_modules/.bin/autocannon" ]; then
  echo "== installing autocannon into $TOOLS"
  mkdir -p "$TOOLS" && npm i --prefix "$TOOLS" --no-audit --no-fund --silent autocannon@8 >/dev/null
fi

echo "== building (Release)"
dotnet build Sentinel.Web -c Release -v q -nologo >/dev/null
dotnet build sdks/dotnet/samples/HelloApi -c Release -v q -nologo >/dev/null
(cd sdks/node && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } && npm run -s build)

if [ "${BENCH_MICRO:-1}" = 1 ]; then
  # The SDKs' own CPU per request, in process: no network, no load generator, no Sentinel on the same cores.
  echo "== the SDKs' own cost, in process (BENCH_MICRO=0 skips); load $(load1)"
  (cd sdks/node && node bench/capture.mjs) | sed 's/^/   node: /'
  (cd sdks/node && node bench/express.mjs 30000 7) | tee "$WORK/express-inproc.txt" | sed 's/^/   node, real Express in one process: /'
  dotnet build sdks/dotnet/bench/Sentinel.Sdk.AspNetCore.Benchmarks -c Release -v q -nologo >/dev/null
  (root=$(pwd) && cd "$WORK" && dotnet "$root/sdks/dotnet/bench/Sentinel.Sdk.AspNetCore.Benchmarks/bin/Release/net10.0/Sentinel.Sdk.AspNetCore.Benchmarks.dll" --filter '*' --job short) |
    grep -E '^\| *(Method|Bare|WithSdk|EncodeBatch)' | sed 's/^/   dotnet: /'
fi

echo "== starting Sentinel (embedded)"
SENTINEL_PORT=$(free_port)
export Sentinel__Mode=Embedded Sentinel__DataDirectory="$WORK/data" Bootstrap__AdminPassword='Bench-Password-123!'
# The benchmark measures the SDK, not Sentinel's per-key rate limit (100 batches/s by default).
export Ingest__BatchesPerKeyPerSecond=100000
(cd Sentinel.Web/bin/Release/net10.0 && dotnet Sentinel.Web.dll projects create "SDK bench" 2>/dev/null) > "$WORK/project.json"
KEY=$(python3 -c "import json,sys; print(json.load(open('$WORK/project.json'))['keys']['ingest'])")
(cd Sentinel.Web/bin/Release/net10.0 && exec dotnet Sentinel.Web.dll --urls "http://127.0.0.1:$SENTINEL_PORT") >"$WORK/sentinel.log" 2>&1 &
SENTINEL_PID=$!
PIDS+=($SENTINEL_PID)
wait_http "http://127.0.0.1:$SENTINEL_PORT/healthz"
unset Sentinel__Mode Sentinel__DataDirectory Bootstrap__AdminPassword Ingest__BatchesPerKeyPerSecond
SINK_PORT=$(free_port)
node -e "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(202,{'content-type':'application/json'});s.end('{}')})}).listen($SINK_PORT,'127.0.0.1')" &
PIDS+=($!)

# Pinned variants (off-pin / on-pin): the app and the load generator share CPU 0, Sentinel runs on CPU 1 alone, as
# when Sentinel runs on its own machine; the app's CPU is the same with and without the SDK. PIN is the prefix.
PIN=""
pin_sentinel() { taskset -a -p -c "$1" "$SENTINEL_PID" >/dev/null; }

# start_app node|dotnet off|on|sink|off-pin|on-pin PORT -> pid
start_app() {
  local kind=$1 sdk=$2 port=$3 off=0 target=$SENTINEL_PORT
  [ "${sdk%-pin}" = off ] && off=1
  [ "$sdk" = sink ] && target=$SINK_PORT
  if [ "$kind" = node ]; then
    (cd sdks/node/examples/express-app && SENTINEL_OFF=$off PORT=$port SENTINEL_KEY="$KEY" SENTINEL_ENDPOINT="http://127.0.0.1:$target" NODE_ENV=production \
      exec $PIN node server.mjs) >"$WORK/app-$kind-$sdk.log" 2>&1 &
  else
    (cd sdks/dotnet/samples/HelloApi && SENTINEL_OFF=$off Sentinel__Key="$KEY" Sentinel__Endpoint="http://127.0.0.1:$target" Logging__LogLevel__Default=Warning \
      exec $PIN dotnet bin/Release/net10.0/HelloApi.dll --urls "http://127.0.0.1:$port") >"$WORK/app-$kind-$sdk.log" 2>&1 &
  fi
  echo $!
}

# load node|dotnet URL SECONDS -> "rps p99_ms requests"
load() {
  local kind=$1 url=$2 seconds=$3
  if [ "$kind" = node ]; then
    $PIN "$TOOLS/node_modules/.bin/autocannon" -c "$CONNECTIONS" -d "$seconds" -j "$url" 2>/dev/null |
      python3 -c "import json,sys; r=json.load(sys.stdin); print(r['requests']['average'], r['latency']['p99'], r['requests']['total'])"
  else
    $PIN wrk -t2 -c "$CONNECTIONS" -d "${seconds}s" --latency "$url" | python3 -c "
import re,sys
t=sys.stdin.read()
def ms(v,u): return float(v)*{'us':0.001,'ms':1,'s':1000}[u]
rps=float(re.search(r'Requests/sec:\s+([\d.]+)',t).group(1))
p=re.search(r'99%\s+([\d.]+)(us|ms|s)',t)
n=int(re.search(r'(\d+) requests in',t).group(1))
print(rps, ms(*p.groups()), n)"
  fi
}

declare -A RPS P99 CPU LOAD RECV
# measure node|dotnet off|on|sink|off-pin|on-pin hello|orders
measure() {
  local kind=$1 sdk=$2 endpoint=$3 port pid key="$1-$2-$3"
  port=$(free_port)
  pid=$(start_app "$kind" "$sdk" "$port")
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/hello"
  load "$kind" "http://127.0.0.1:$port/$endpoint" "$WARMUP" >/dev/null
  local before after result recv_before recv_after
  before=$(cpu_ms "$pid"); recv_before=$(cpu_ms "$SENTINEL_PID")
  result=$(load "$kind" "http://127.0.0.1:$port/$endpoint" "$DURATION")
  after=$(cpu_ms "$pid"); recv_after=$(cpu_ms "$SENTINEL_PID")
  read -r rps p99 n <<<"$result"
  local cpu_per_1k recv_per_1k la
  cpu_per_1k=$(python3 -c "print(($after - $before) / $n * 1000)")
  # Sentinel's CPU in the same window, per request the app served (its ingestion of those events, plus its idle work).
  recv_per_1k=$(python3 -c "print(($recv_after - $recv_before) / $n * 1000)")
  la=$(load1)
  if [ "$kind" = node ] && [ "${sdk%-pin}" != off ]; then
    curl -fs -X POST "http://127.0.0.1:$port/_sentinel/flush" > "$WORK/stats.json" || true
    echo "   node SDK counters: $(cat "$WORK/stats.json")"
  fi
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  printf '   %-6s %-7s sdk=%-4s %10.0f req/s  p99 %7.3f ms  cpu %6.1f ms/1k req  Sentinel cpu %6.1f ms/1k req  (load %s)\n' "$kind" "/$endpoint" "$sdk" "$rps" "$p99" "$cpu_per_1k" "$recv_per_1k" "$la"
  RPS[$key]="${RPS[$key]:-} $rps"; P99[$key]="${P99[$key]:-} $p99"; CPU[$key]="${CPU[$key]:-} $cpu_per_1k"; RECV[$key]="${RECV[$key]:-} $recv_per_1k"; LOAD[$kind]="${LOAD[$kind]:-} $la"
}

mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(sum(v)/len(v))" $1; }

for kind in $SDKS; do
  echo "== $kind: $ROUNDS rounds of ${DURATION}s, $CONNECTIONS connections, ${WARMUP}s warm-up each"
  for round in $(seq 1 "$ROUNDS"); do
    measure "$kind" off hello
    measure "$kind" on hello
    measure "$kind" sink hello
    measure "$kind" off orders
    measure "$kind" on orders
    if [ "$PINNED" = 1 ]; then
      PIN="taskset -c 0"; pin_sentinel 1
      measure "$kind" off-pin hello
      measure "$kind" on-pin hello
      PIN=""; pin_sentinel "0-$(($(nproc) - 1))"
    fi
  done
done

echo "== stored by Sentinel: see the counters above (sent = accepted by Sentinel)"
echo
printf '| sdk | endpoint | req/s without | req/s with | req/s with, stub receiver | p99 without | p99 with | p99 with, stub | app CPU/1k req without | with | with, stub | SDK share of app CPU | load |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
RESULTS=()
for kind in $SDKS; do
  la=$(mean "${LOAD[$kind]}")
  for endpoint in hello orders; do
    k="$kind-%s-$endpoint"
    r_off=$(mean "${RPS[$(printf "$k" off)]}"); r_on=$(mean "${RPS[$(printf "$k" on)]}")
    p_off=$(mean "${P99[$(printf "$k" off)]}"); p_on=$(mean "${P99[$(printf "$k" on)]}")
    c_off=$(mean "${CPU[$(printf "$k" off)]}"); c_on=$(mean "${CPU[$(printf "$k" on)]}")
    if [ "$endpoint" = hello ]; then
      r_sink=$(mean "${RPS[$kind-sink-hello]}"); p_sink=$(mean "${P99[$kind-sink-hello]}"); c_sink=$(mean "${CPU[$kind-sink-hello]}")
      python3 -c "print('| $kind | /hello | %.0f | %.0f | %.0f | %.3f ms | %.3f ms | %.3f ms | %.1f ms | %.1f ms | %.1f ms | %.1f%% | %.1f |' % ($r_off, $r_on, $r_sink, $p_off, $p_on, $p_sink, $c_off, $c_on, $c_sink, ($c_on-$c_off)/$c_on*100, $la))"
      hello="overhead_pct=$(python3 -c "print('%.1f' % (($r_off-$r_on)/$r_off*100))") p99_added_ms=$(python3 -c "print('%.3f' % ($p_on-$p_off))")"
      stub="stub_overhead_pct=$(python3 -c "print('%.1f' % (($r_off-$r_sink)/$r_off*100))") sdk_cpu_us=$(python3 -c "print('%.1f' % ($c_sink-$c_off))")"
      stub="$stub receiver_cpu_us=$(python3 -c "print('%.1f' % $(mean "${RECV[$kind-on-hello]}"))")"
      if [ "$PINNED" = 1 ]; then
        r_poff=$(mean "${RPS[$kind-off-pin-hello]}"); r_pon=$(mean "${RPS[$kind-on-pin-hello]}")
        p_poff=$(mean "${P99[$kind-off-pin-hello]}"); p_pon=$(mean "${P99[$kind-on-pin-hello]}")
        python3 -c "print('| $kind | /hello, Sentinel on its own CPU | %.0f | %.0f | | %.3f ms | %.3f ms | | | | | | |' % ($r_poff, $r_pon, $p_poff, $p_pon))"
        stub="$stub pinned_overhead_pct=$(python3 -c "print('%.1f' % (($r_poff-$r_pon)/$r_poff*100))") pinned_p99_added_ms=$(python3 -c "print('%.3f' % ($p_pon-$p_poff))")"
      fi
      if [ "$kind" = node ] && [ -s "$WORK/express-inproc.txt" ]; then
        stub="$stub sdk_cpu_inproc_us=$(sed -n 's/.*us_per_request=\([-0-9.]*\).*/\1/p' "$WORK/express-inproc.txt")"
      fi
    else
      python3 -c "print('| $kind | /orders | %.0f | %.0f | | %.3f ms | %.3f ms | | %.1f ms | %.1f ms | | %.1f%% | %.1f |' % ($r_off, $r_on, $p_off, $p_on, $c_off, $c_on, ($c_on-$c_off)/$c_on*100, $la))"
      realistic="realistic_overhead_pct=$(python3 -c "print('%.1f' % (($r_off-$r_on)/$r_off*100))") realistic_p99_added_ms=$(python3 -c "print('%.3f' % ($p_on-$p_off))")"
    fi
  done
  RESULTS+=("RESULT sdk=$kind $hello $realistic $stub load1=$la")
done
echo
printf '%s\n' "${RESULTS[@]}"
