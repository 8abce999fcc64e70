#!/usr/bin/env bash
# Enterprise import benchmark (not a test): 5,000 valid rows in the template's shape imported through the gateway.
# Starts an isolated local stack (deploy/local/up.sh on shifted ports, no demo data), then runs
# deploy/bench/ImportBenchmark.java against it: a fresh alliance with its administrator, regions, parks and
# buildings; the generated workbook uploaded to POST /api/org/enterprises/import while the import job's progress is
# polled and printed; the same file uploaded again (must import nothing). Stops the stack at the end.
#
#   ./mvnw -B -DskipTests package           # the jars the stack runs
#   deploy/bench/import-enterprises.sh      # target: ≤ 30 s for 5,000 rows on 2 cores
#
# Environment:
#   BENCH_ROWS 5000          rows in the workbook
#   BENCH_GATEWAY            use an already running stack at this URL instead of starting one
#                            (e.g. http://localhost:8080 after deploy/local/up.sh; its platform-admin password must be
#                            LIANMENG_PLATFORM_ADMIN_PASSWORD, default Platform@2026)
#   BENCH_RUN_DIR            default deploy/bench/target/import-run
#   BENCH_PORT_OFFSET        default 21000 (gateway 29080 …)
#   JAVA_OPTS etc.           passed on to up.sh (default service JVM options are up.sh's)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOCAL="$ROOT/deploy/local"
ROWS="${BENCH_ROWS:-5000}"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export LIANMENG_PLATFORM_ADMIN_PASSWORD="${LIANMENG_PLATFORM_ADMIN_PASSWORD:-Platform@2026}"

if [[ -n "${BENCH_GATEWAY:-}" ]]; then
    exec "$JAVA_BIN" "$BENCH_DIR/ImportBenchmark.java" "$BENCH_GATEWAY" "$ROWS" "$BENCH_DIR/target/import-$ROWS.xlsx"
fi

off="${BENCH_PORT_OFFSET:-21000}"
export GATEWAY_PORT=$((8080 + off)) ORG_PORT=$((8081 + off)) ACTIVITY_PORT=$((8082 + off)) CONTENT_PORT=$((8083 + off))
export REGISTRY_PORT=$((8761 + off)) KAFKA_PORT=$((9092 + off)) KAFKA_CONTROLLER_PORT=$((9093 + off))
export MONGO_PORT=$((27017 + off))
export LM_RUN_DIR="${BENCH_RUN_DIR:-$ROOT/deploy/bench/target/import-run}"
export LM_SKIP_BUILD=1
export LIANMENG_DEMO=false
unset MONGODB_URI

stack_down() { "$LOCAL/down.sh" >"$LM_RUN_DIR.down.log" 2>&1 || cat "$LM_RUN_DIR.down.log"; }

mkdir -p "$(dirname "$LM_RUN_DIR")"
[[ -d "$LM_RUN_DIR/pids" ]] && stack_down
rm -rf "$LM_RUN_DIR"
trap 'stack_down' EXIT
trap 'exit 130' INT TERM

echo "Lianmeng enterprise import benchmark — $ROWS rows, $(nproc 2>/dev/null || echo ?) CPUs, run dir $LM_RUN_DIR"
echo "starting an isolated stack (gateway port $GATEWAY_PORT, no demo data) …"
if ! NO_COLOR=1 "$LOCAL/up.sh" >"$LM_RUN_DIR.up.log" 2>&1; then
    tail -n 30 "$LM_RUN_DIR.up.log"
    echo "✗ up.sh failed — see $LM_RUN_DIR.up.log and $LM_RUN_DIR/logs"
    exit 1
fi
echo "stack up; running the benchmark client"
echo
rc=0
"$JAVA_BIN" "$BENCH_DIR/ImportBenchmark.java" "http://127.0.0.1:$GATEWAY_PORT" "$ROWS" "$BENCH_DIR/target/import-$ROWS.xlsx" || rc=$?
echo
echo "stopping the benchmark stack …"
exit "$rc"
