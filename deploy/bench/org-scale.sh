#!/usr/bin/env bash
# Organisation-scale benchmark (not a test): issue 3 "Performance" — with a generated alliance of 20,000 enterprises,
# 60,000 organisations and 600,000 members, the latency (p50/p95/p99 at a fixed request rate, open loop) of
#   - the subtree of an organisation      GET /api/org/organisations/{id}/subtree?size=20      p95 ≤ 20 ms in-service, ≤ 40 ms via gateway
#   - the members of that subtree, page 1  GET /api/org/members?orgId={id}&size=20              p95 ≤ 20 ms in-service, ≤ 40 ms via gateway
#   - member search by name prefix         GET /api/org/members/search?q={prefix}&size=20       p95 ≤ 30 ms
#   - coverage of the alliance / a park    GET /api/org/coverage?scopeType=ALLIANCE|PARK&…      p95 ≤ 100 ms (only when the
#                                          coverage endpoint exists in this build; see below)
#
# What it does:
#   1. starts the MongoDB stand-in in memory (own JVM, MONGO_HEAP, default 8g) and the stack on it with
#      deploy/local/up.sh (shifted ports, own run directory, no demo data, LM_SKIP_BUILD=1, gateway rate limit raised
#      so the benchmark's single user is not throttled);
#   2. runs deploy/bench/tools/OrgScale.java: alliance, alliance admin, districts/streets/parks and 5 enterprises
#      (with ENTERPRISE_ADMIN logins) through the API, then bulk-inserts the generated enterprises, organisations,
#      members (and optionally member-index rows) straight into the org-service database (insertMany, 1,000 per batch) — after
#      the services created their indexes at startup, so index maintenance is part of the load;
#   3. runs deploy/bench/tools/HttpBench.java per endpoint against org-service directly and through the gateway,
#      appends the rows to deploy/bench/target/org-scale-results.md, prints every component's RSS, stops everything.
#
#   ./mvnw -B -DskipTests package       # the jars the stack runs
#   deploy/bench/org-scale.sh
#
# Environment:
#   BENCH_RATE 50  BENCH_SECONDS 20  BENCH_WARMUP 5     request rate (req/s), measured seconds, warm-up seconds
#   BENCH_ENTERPRISES 20000  BENCH_ORGANISATIONS 60000  BENCH_MEMBERS 600000
#   BENCH_RUN_DIR            default deploy/bench/target/org-scale-run
#   BENCH_PORT_OFFSET        default 22000 (gateway 30080, org 30081, registry 30761, kafka 31092/31093, mongo 49017)
#   MONGO_HEAP 8g            heap of the in-memory stand-in (the full data set holds ~5.5 GB live in it)
#   MONGO_GC_OPTS            default -XX:+UseG1GC -XX:MaxGCPauseMillis=50 (the stand-in's pauses land in every query's tail; GC log: <run dir>.standin-gc.log)
#   BENCH_MEMBER_INDEX=1     also write organisation_member_index rows (not read by the measured queries; +~1.5 GB)
#   JAVA_OPTS etc.           passed on to up.sh (default service JVM options are up.sh's)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOCAL="$ROOT/deploy/local"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
RATE="${BENCH_RATE:-50}"
SECONDS_MEASURED="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-5}"
export LIANMENG_PLATFORM_ADMIN_PASSWORD="${LIANMENG_PLATFORM_ADMIN_PASSWORD:-Platform@2026}"

off="${BENCH_PORT_OFFSET:-22000}"
export GATEWAY_PORT=$((8080 + off)) ORG_PORT=$((8081 + off)) ACTIVITY_PORT=$((8082 + off)) CONTENT_PORT=$((8083 + off))
export REGISTRY_PORT=$((8761 + off)) KAFKA_PORT=$((9092 + off)) KAFKA_CONTROLLER_PORT=$((9093 + off))
MONGO_PORT=$((27017 + off))
export LM_RUN_DIR="${BENCH_RUN_DIR:-$ROOT/deploy/bench/target/org-scale-run}"
export LM_SKIP_BUILD=1
export LIANMENG_DEMO=false
# one benchmark user at 50 req/s would meet the per-user limit (50/s, burst 100): raise it for this stack only
export GATEWAY_RATE_LIMIT_USER_RATE=100000 GATEWAY_RATE_LIMIT_USER_BURST=100000
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/lianmeng"
ORG_DB_URI="mongodb://127.0.0.1:$MONGO_PORT/lianmeng_org" # up.sh: database lianmeng_<service without -service>
STANDIN="$ROOT/deploy/local/mongo-standin/target"
OUT="$ROOT/deploy/bench/target"
DATA="$OUT/org-scale-data"
RESULTS="$OUT/org-scale-results.md"
LIB="$OUT/lib"

[[ -f "$STANDIN/mongo-standin.jar" ]] || { echo "✗ $STANDIN/mongo-standin.jar missing: ./mvnw -B -DskipTests package"; exit 1; }
[[ -f "$ROOT/org-service/target/org-service.jar" ]] || { echo "✗ org-service jar missing: ./mvnw -B -DskipTests package"; exit 1; }

# shellcheck source=deploy/bench/standin.sh
source "$ROOT/deploy/bench/standin.sh"
stack_down() {
    "$LOCAL/down.sh" >"$LM_RUN_DIR.down.log" 2>&1 || cat "$LM_RUN_DIR.down.log"
    standin_down
}

mkdir -p "$OUT"
[[ -d "$LM_RUN_DIR/pids" ]] && "$LOCAL/down.sh" >/dev/null 2>&1 || true
standin_clear_leftover
rm -rf "$LM_RUN_DIR" "$DATA"
mkdir -p "$LM_RUN_DIR"
trap 'echo "stopping the benchmark stack …"; stack_down' EXIT
trap 'exit 130' INT TERM

echo "Lianmeng organisation-scale benchmark — $(nproc 2>/dev/null || echo ?) CPUs, run dir $LM_RUN_DIR"

# ---------------------------------------------------------------- 1. stand-in (in memory) and stack
read -ra gc_opts <<<"${MONGO_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=50}"
standin_up "${MONGO_HEAP:-8g}" "${gc_opts[@]}" -Xlog:gc:file="$LM_RUN_DIR.standin-gc.log"
echo "in-memory MongoDB stand-in on :$MONGO_PORT (pid $standin_pid, heap ${MONGO_HEAP:-8g})"

echo "starting the stack (gateway :$GATEWAY_PORT, org-service :$ORG_PORT, no demo data) …"
if ! NO_COLOR=1 "$LOCAL/up.sh" >"$LM_RUN_DIR.up.log" 2>&1; then
    tail -n 30 "$LM_RUN_DIR.up.log"
    echo "✗ up.sh failed — see $LM_RUN_DIR.up.log and $LM_RUN_DIR/logs"
    exit 1
fi
grep -E '✓ (org-service|gateway)' "$LM_RUN_DIR.up.log" | sed 's/^/  /' || true

# ---------------------------------------------------------------- 2. data
mkdir -p "$LIB"
(cd "$LIB" && rm -f ./*.jar && unzip -q -o -j "$ROOT/org-service/target/org-service.jar" \
    'BOOT-INF/lib/bson-[0-9]*' 'BOOT-INF/lib/mongodb-driver-core-*' 'BOOT-INF/lib/mongodb-driver-reactivestreams-*' \
    'BOOT-INF/lib/reactive-streams-*' 'BOOT-INF/lib/reactor-core-*')
KEY="$LM_RUN_DIR/data/pii/pii-master.key"
[[ -f "$KEY" ]] || { echo "✗ $KEY missing (org-service creates it at startup)"; exit 1; }
"$JAVA_BIN" -Xmx2g -cp "$LIB/*" "$BENCH_DIR/tools/OrgScale.java" "http://127.0.0.1:$GATEWAY_PORT" "$ORG_DB_URI" "$KEY" "$DATA"

# ---------------------------------------------------------------- 3. measurements
ORG="http://127.0.0.1:$ORG_PORT"
GW="http://127.0.0.1:$GATEWAY_PORT"
{
    echo
    echo "## org-scale $(date '+%Y-%m-%d %H:%M %z') — $(nproc 2>/dev/null || echo ?) CPUs, ${RATE} req/s for ${SECONDS_MEASURED} s after ${WARMUP} s warm-up, open loop"
    echo
    cat "$DATA/data.md"
    echo
    echo "| endpoint | rate | requests | errors | p50 ms | p95 ms | p99 ms | max ms | target |"
    echo "|---|---|---|---|---|---|---|---|---|"
} >>"$RESULTS"

bench() { # <name> <url> <ids file> <token file> <target p95 ms>
    "$JAVA_BIN" -Xmx256m "$BENCH_DIR/tools/HttpBench.java" --name "$1" --url "$2" --ids "$3" --token-file "$4" \
        --rate "$RATE" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --target-p95 "$5" --out "$RESULTS"
}

ENT="$DATA/token-enterprise.txt"
ALL="$DATA/token-alliance.txt"
echo
echo "| endpoint | rate | requests | errors | p50 ms | p95 ms | p99 ms | max ms | target |"
echo "|---|---|---|---|---|---|---|---|---|"
for where in in-service gateway; do
    if [[ $where == in-service ]]; then base="$ORG" t20=20 t30=30 t100=100; else base="$GW" t20=40 t30=30 t100=100; fi
    bench "subtree, $where" "$base/api/org/organisations/{id}/subtree?size=20" "$DATA/ids-orgs.txt" "$ENT" "$t20"
    bench "members of subtree p.1, $where" "$base/api/org/members?orgId={id}&size=20" "$DATA/ids-orgs.txt" "$ENT" "$t20"
    bench "member search q=prefix, $where" "$base/api/org/members/search?q={id}&size=20" "$DATA/ids-surnames.txt" "$ENT" "$t30"
    bench "member list q=prefix, $where" "$base/api/org/members?q={id}&size=20" "$DATA/ids-surnames.txt" "$ENT" "$t30"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$ALL")" "$base/api/org/coverage?scopeType=ALLIANCE")"
    if [[ "$code" == 200 ]]; then
        echo x >"$DATA/ids-none.txt"
        bench "coverage ALLIANCE, $where" "$base/api/org/coverage?scopeType=ALLIANCE" "$DATA/ids-none.txt" "$ALL" "$t100"
        bench "coverage PARK, $where" "$base/api/org/coverage?scopeType=PARK&scopeId={id}" "$DATA/ids-parks.txt" "$ALL" "$t100"
    else
        row="| coverage ALLIANCE / PARK, $where | — | — | — | — | — | — | — | not measured: GET /api/org/coverage answers HTTP $code in this build |"
        echo "$row"
        echo "$row" >>"$RESULTS"
    fi
done

# ---------------------------------------------------------------- memory
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
echo
mem="RSS after the run (MiB): mongo stand-in (in memory, all data) $(rss_mib "$standin_pid")"
for name in kafka registry org-service activity-service content-service gateway; do
    f="$LM_RUN_DIR/pids/$name.pid"
    [[ -f "$f" ]] && mem+=", $name $(rss_mib "$(tr -dc '0-9' <"$f")")"
done
echo "$mem"
{ echo; echo "$mem"; } >>"$RESULTS"
echo "results appended to $RESULTS"
