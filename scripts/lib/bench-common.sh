# Shared by the benchmark scripts (source it after `cd` to the repository root):
# a work folder removed on exit with every process in PIDS and any PostgreSQL started in $WORK/pg,
# ClickHouse on free ports, free loopback ports, waiting for an HTTP answer, required tools, and the Release builds the benchmarks run.
# Usage: bench_setup NAME; require_tools "apt-get hint" tool...; build_release

bench_setup() {
  WORK="$(mktemp -d "/tmp/sentinel-$1-XXXXXX")"
  chmod 755 "$WORK" # the postgres user must reach its data folder
  PIDS=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/pg/data/postmaster.pid" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

# Starts ClickHouse on free ports with its data in $WORK/ch (killed on exit); sets CH_HTTP, CH_TCP and CH_PID.
# Does not wait: call `wait_http "http://127.0.0.1:$CH_HTTP/ping"` when it is needed.
start_clickhouse() {
  CH_HTTP=$(free_port); CH_TCP=$(free_port)
  mkdir -p "$WORK/ch/tmp"
  cat >"$WORK/ch/config.xml" <<XML
<yandex><logger><level>warning</level><console>1</console></logger><http_port>$CH_HTTP</http_port><tcp_port>$CH_TCP</tcp_port>
<listen_host>127.0.0.1</listen_host><path>$WORK/ch/</path><tmp_path>$WORK/ch/tmp/</tmp_path><users_config>$WORK/ch/users.xml</users_config>
<default_profile>default</default_profile><default_database>default</default_database><mark_cache_size>268435456</mark_cache_size></yandex>
XML
  cat >"$WORK/ch/users.xml" <<XML
<yandex><profiles><default></default></profiles><users><default><password></password><networks><ip>127.0.0.1</ip></networks>
<profile>default</profile><quota>default</quota></default></users><quotas><default></default></quotas></yandex>
XML
  clickhouse-server --config-file="$WORK/ch/config.xml" >"$WORK/ch.log" 2>&1 &
  CH_PID=$!
  PIDS+=($CH_PID)
}

require_tools() {
  local hint="$1"; shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: $hint" >&2; exit 1; }
  done
}

build_release() {
  echo "== building (Release)"
  dotnet build Sentinel.Web -c Release -v q -nologo >/dev/null
  dotnet build tools/Sentinel.Benchmarks -c Release -v q -nologo >/dev/null
  WEB="dotnet Sentinel.Web/bin/Release/net10.0/Sentinel.Web.dll"
  TOOL="dotnet tools/Sentinel.Benchmarks/bin/Release/net10.0/Sentinel.Benchmarks.dll"
}

# The analytics benchmarks (dashboard, overview): build the benchmark tool, run its COMMAND on ClickHouse (a server
# started here, CH_EVENTS events) and on the embedded DuckDB store (EMBEDDED_EVENTS), or on the one BENCH_ONLY
# names, and collect each store's line starting "RESULT store=<store> RESULT_FIELD" into SUMMARY.
bench_analytics_stores() { # command runs result_field
  local command="$1" runs="$2" field="$3"
  require_tools "apt-get install clickhouse-server (scripts/test.sh installs it)" clickhouse-server curl
  echo "== building (Release)"
  dotnet build tools/Sentinel.Benchmarks -c Release -v q -nologo >/dev/null
  local tool="dotnet tools/Sentinel.Benchmarks/bin/Release/net10.0/Sentinel.Benchmarks.dll"
  SUMMARY=()
  if [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = clickhouse ]; then
    echo "== ClickHouse, ${CH_EVENTS:-10000000} events"
    start_clickhouse
    wait_http "http://127.0.0.1:$CH_HTTP/ping"
    echo "load: $(uptime)"
    $tool "$command" clickhouse "http://127.0.0.1:$CH_HTTP/" "${CH_EVENTS:-10000000}" "$runs" | tee "$WORK/ch.out"
    echo "load: $(uptime)"
    SUMMARY+=("$(grep "^RESULT store=clickhouse $field" "$WORK/ch.out")")
    kill "$CH_PID"; wait "$CH_PID" 2>/dev/null || true
  fi
  if [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = embedded ]; then
    echo "== embedded DuckDB, ${EMBEDDED_EVENTS:-1000000} events"
    mkdir -p "$WORK/embedded"
    echo "load: $(uptime)"
    $tool "$command" embedded "$WORK/embedded" "${EMBEDDED_EVENTS:-1000000}" "$runs" | tee "$WORK/embedded.out"
    echo "load: $(uptime)"
    SUMMARY+=("$(grep "^RESULT store=embedded $field" "$WORK/embedded.out")")
  fi
}
