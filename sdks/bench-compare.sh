#!/usr/bin/env bash
# Before/after of the SDKs' own cost, in one run on this machine: each hello-world sample app without the SDK, with the
# SDK as of git REF, and with the SDK in this tree, all posting to a stub that answers 202 at once (so no Sentinel
# shares the cores). The three alternate ROUNDS times. Prints req/s and the app process's CPU per request (µs) of each,
# with the load average, and a summary line per SDK. On a busy machine compare only figures of one run.
# Usage: sdks/bench-compare.sh REF [seconds, default 8] [rounds, default 3]      (BENCH_SDKS="node dotnet")
set -euo pipefail
cd "$(dirname "$0")/.."
REF=$1
SECONDS_EACH="${2:-8}"
ROUNDS="${3:-3}"
SDKS="${BENCH_SDKS:-node dotnet}"
TOOLS="${BENCH_TOOLS:-/tmp/sentinel-bench-tools}"
ROOT=$(pwd)
OLD="$(mktemp -d /tmp/sentinel-sdk-before-XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$OLD"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
[ -x "$TOOLS/node_modules/.bin/autocannon" ] || { mkdir -p "$TOOLS" && npm i --prefix "$TOOLS" --no-audit --no-fund --silent autocannon@8 >/dev/null; }

echo "== building the SDKs at $REF and in this tree (Release)"
git archive "$REF" Directory.Build.props Directory.Build.targets Directory.Packages.props global.json .editorconfig sdks/node sdks/dotnet/src sdks/dotnet/samples | tar -x -C "$OLD"
(cd sdks/node && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; } && npm run -s build)
ln -s "$ROOT/sdks/node/node_modules" "$OLD/sdks/node/node_modules"
(cd "$OLD/sdks/node" && npm run -s build)
dotnet build sdks/dotnet/samples/HelloApi -c Release -v q -nologo >/dev/null
(cd "$OLD" && dotnet build sdks/dotnet/samples/HelloApi -c Release -v q -nologo >/dev/null)

SINK_PORT=$(free_port)
node -e "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(202,{'content-type':'application/json'});s.end('{}')})}).listen($SINK_PORT,'127.0.0.1')" &
PIDS+=($!)

# run node|dotnet off|before|after -> "rps cpu_us_per_request"
run() {
  local kind=$1 variant=$2 port pid tree=$ROOT off=0 n rps before after
  port=$(free_port)
  [ "$variant" = before ] && tree=$OLD
  [ "$variant" = off ] && off=1
  if [ "$kind" = node ]; then
    (cd "$tree/sdks/node/examples/express-app" && SENTINEL_OFF=$off PORT=$port SENTINEL_KEY=snt_ing_bench SENTINEL_ENDPOINT="http://127.0.0.1:$SINK_PORT" NODE_ENV=production exec node server.mjs) >/dev/null 2>&1 &
  else
    (cd "$tree/sdks/dotnet/samples/HelloApi" && SENTINEL_OFF=$off Sentinel__Key=snt_ing_bench Sentinel__Endpoint="http://127.0.0.1:$SINK_PORT" Logging__LogLevel__Default=Warning \
      exec dotnet bin/Release/net10.0/HelloApi.dll --urls "http://127.0.0.1:$port") >/dev/null 2>&1 &
  fi
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/hello"
  if [ "$kind" = node ]; then
    "$TOOLS/node_modules/.bin/autocannon" -c 32 -d 3 "http://127.0.0.1:$port/hello" >/dev/null 2>&1
    before=$(cpu_ms "$pid")
    read -r rps n < <("$TOOLS/node_modules/.bin/autocannon" -c 32 -d "$SECONDS_EACH" -j "http://127.0.0.1:$port/hello" 2>/dev/null |
      python3 -c "import json,sys; r=json.load(sys.stdin); print(r['requests']['average'], r['requests']['total'])")
  else
    wrk -t2 -c 32 -d 3s "http://127.0.0.1:$port/hello" >/dev/null
    before=$(cpu_ms "$pid")
    read -r rps n < <(wrk -t2 -c 32 -d "${SECONDS_EACH}s" "http://127.0.0.1:$port/hello" |
      python3 -c "import re,sys; t=sys.stdin.read(); print(re.search(r'Requests/sec:\s+([\d.]+)',t).group(1), re.search(r'(\d+) requests in',t).group(1))")
  fi
  after=$(cpu_ms "$pid")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  python3 -c "print($rps, ($after - $before) * 1000 / $n)"
}

for kind in $SDKS; do
  declare -A R=() C=()
  for round in $(seq 1 "$ROUNDS"); do
    for variant in off before after; do
      read -r rps cpu < <(run "$kind" "$variant")
      printf '   %-6s %-6s %9.0f req/s  %6.1f µs CPU per request  (load %s)\n' "$kind" "$variant" "$rps" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
      R[$variant]="${R[$variant]:-} $rps"; C[$variant]="${C[$variant]:-} $cpu"
    done
  done
  python3 - "${R[off]}" "${R[before]}" "${R[after]}" "${C[off]}" "${C[before]}" "${C[after]}" <<PY
import statistics as s, sys
r = [[float(x) for x in a.split()] for a in sys.argv[1:4]]
c = [[float(x) for x in a.split()] for a in sys.argv[4:7]]
m = [s.median(x) for x in r]; k = [s.median(x) for x in c]
print("COMPARE sdk=$kind ref=$REF rps_off=%.0f rps_before=%.0f rps_after=%.0f cpu_us_off=%.1f sdk_cpu_us_before=%.1f sdk_cpu_us_after=%.1f (medians of $ROUNDS rounds)" % (m[0], m[1], m[2], k[0], k[1] - k[0], k[2] - k[0]))
PY
  unset R C
done
