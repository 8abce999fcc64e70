#!/usr/bin/env bash
# activity-service benchmarks (not tests): starts the local stack with deploy/local/up.sh on an isolated run directory
# and shifted ports (demo data off), runs deploy/bench/ActivityBench.java and stops the stack again.
#
#   deploy/bench/activity.sh                    # checkin, then calendar
#   deploy/bench/activity.sh checkin            # or any of: checkin calendar compliance
#
# Jars must be built (./mvnw -B -DskipTests package). Environment:
#   BENCH_MEMBERS 2000, BENCH_SECONDS 60   check-in burst: members of one joint activity, spread over that many seconds
#   BENCH_ACTIVITIES 10000                 calendar: activities in the tenant
#   BENCH_ORGS 60000                       compliance: organisations in the alliance
#   BENCH_PORT_OFFSET 24000                gateway 32080, activity 32082, kafka 33092 …
#   BENCH_RUN_DIR                          default deploy/bench/target/activity-run
#   MONGO_HEAP 3g                          the in-memory MongoDB stand-in's heap (it runs in a JVM of its own)
#   STANDIN_JAVA_OPTS                      more JVM options of that stand-in (e.g. a flight recording to profile it)
#   JAVA_OPTS etc.                         passed on to up.sh
# Targets (issue 4): check-in p99 ≤ 200 ms through the gateway with zero lost and zero duplicated; organisation month
# calendar p95 ≤ 30 ms in-service; compliance of 60,000 organisations for a quarter ≤ 2 s.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOCAL="$ROOT/deploy/local"
MODES=("$@")
[[ ${#MODES[@]} -gt 0 ]] || MODES=(checkin calendar)

off="${BENCH_PORT_OFFSET:-24000}"
export GATEWAY_PORT=$((8080 + off)) ORG_PORT=$((8081 + off)) ACTIVITY_PORT=$((8082 + off)) CONTENT_PORT=$((8083 + off))
export REGISTRY_PORT=$((8761 + off)) KAFKA_PORT=$((9092 + off)) KAFKA_CONTROLLER_PORT=$((9093 + off))
MONGO_PORT=$((27017 + off))
export LM_RUN_DIR="${BENCH_RUN_DIR:-$ROOT/deploy/bench/target/activity-run}"
export LM_SKIP_BUILD=1 LIANMENG_DEMO=false
# the in-memory indexed stand-in in a JVM of its own with room for 60,000 organisations (as org-scale.sh does), not
# up.sh's small file-backed one for local use
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/lianmeng"
STANDIN="$ROOT/deploy/local/mongo-standin/target"
[[ -f "$STANDIN/mongo-standin.jar" ]] || { echo "✗ $STANDIN/mongo-standin.jar missing: ./mvnw -B -DskipTests package"; exit 1; }

# shellcheck source=deploy/bench/standin.sh
source "$BENCH_DIR/standin.sh"
stack_down() {
    "$LOCAL/down.sh" >"$LM_RUN_DIR.down.log" 2>&1 || cat "$LM_RUN_DIR.down.log"
    standin_down
}

mkdir -p "$(dirname "$LM_RUN_DIR")"
[[ -d "$LM_RUN_DIR/pids" ]] && stack_down
standin_clear_leftover
rm -rf "$LM_RUN_DIR"
mkdir -p "$LM_RUN_DIR"
trap 'stack_down' EXIT
trap 'exit 130' INT TERM

read -ra standin_opts <<<"${STANDIN_JAVA_OPTS:-}"
standin_up "${MONGO_HEAP:-3g}" -XX:+UseG1GC -XX:MaxGCPauseMillis=50 "${standin_opts[@]}"

KAFKA_LIB="$(dirname "$(compgen -G "$LOCAL/kafka-broker/target/lib/kafka-clients-*.jar" | head -n1)")"
[[ -d "$KAFKA_LIB" ]] || { echo "kafka-broker not built: run ./mvnw -B -DskipTests package first"; exit 1; }

echo "activity-service benchmarks — $(nproc 2>/dev/null || echo ?) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), modes ${MODES[*]}"
NO_COLOR=1 "$LOCAL/up.sh" >"$LM_RUN_DIR.up.log" 2>&1 || { tail -n 40 "$LM_RUN_DIR.up.log"; exit 1; }
echo "stack up (log: $LM_RUN_DIR.up.log)"

for mode in "${MODES[@]}"; do
    echo
    echo "== $mode =="
    java -Xmx512m -cp "$KAFKA_LIB/*" "$BENCH_DIR/ActivityBench.java" "$mode" \
        "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$ACTIVITY_PORT" "127.0.0.1:$KAFKA_PORT" "$LM_RUN_DIR/data/jwt"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); stopping the benchmark stack …"
