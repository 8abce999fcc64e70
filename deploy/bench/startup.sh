#!/usr/bin/env bash
# Startup benchmark (not a test): starts the whole local stack with deploy/local/up.sh on an isolated run directory
# and ports, measures seconds from launch until the gateway's /actuator/health is UP, lets it idle, sums the resident
# memory (VmRSS) of every recorded PID, prints a table, and stops the stack again.
#
#   deploy/bench/startup.sh            # jars must be built (./mvnw -B -DskipTests package)
#
# Environment:
#   BENCH_IDLE_SECONDS 30   idle time before measuring memory
#   BENCH_KEEP_DATA=1       keep the previous benchmark's data (warm start: no Kafka format, demo data present);
#                           default is a fresh run directory (cold start, as after a clone)
#   BENCH_RUN_DIR           default deploy/bench/target/run
#   BENCH_PORT_OFFSET       default 20000: gateway 28080, org 28081 … registry 28761, kafka 29092/29093, mongo 47017
#   JAVA_OPTS etc.          passed on to up.sh
# Targets: ≤ 90 s to ready, ≤ 2.5 GiB total RSS.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOCAL="$ROOT/deploy/local"

off="${BENCH_PORT_OFFSET:-20000}"
export GATEWAY_PORT=$((8080 + off)) ORG_PORT=$((8081 + off)) ACTIVITY_PORT=$((8082 + off)) CONTENT_PORT=$((8083 + off))
export REGISTRY_PORT=$((8761 + off)) KAFKA_PORT=$((9092 + off)) KAFKA_CONTROLLER_PORT=$((9093 + off))
export MONGO_PORT=$((27017 + off))
export LM_RUN_DIR="${BENCH_RUN_DIR:-$ROOT/deploy/bench/target/run}"
export LM_SKIP_BUILD=1
unset MONGODB_URI
IDLE="${BENCH_IDLE_SECONDS:-30}"
TARGET_READY_S=90
TARGET_RSS_MIB=2560

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
fmt_s() { printf '%d.%d' $(( $1 / 1000 )) $(( ($1 % 1000) / 100 )); }

stack_down() { "$LOCAL/down.sh" >"$LM_RUN_DIR.down.log" 2>&1 || cat "$LM_RUN_DIR.down.log"; }

mkdir -p "$(dirname "$LM_RUN_DIR")"
# leftovers of an interrupted run, then a fresh directory unless asked to keep it
[[ -d "$LM_RUN_DIR/pids" ]] && stack_down
if [[ "${BENCH_KEEP_DATA:-0}" != 1 ]]; then rm -rf "$LM_RUN_DIR"; fi
mode=$([[ "${BENCH_KEEP_DATA:-0}" == 1 && -d "$LM_RUN_DIR/data" ]] && echo "warm (data kept)" || echo "cold (fresh run dir)")

trap 'stack_down' EXIT
trap 'exit 130' INT TERM

echo "Lianmeng startup benchmark — $mode, $(nproc 2>/dev/null || echo ?) CPUs, run dir $LM_RUN_DIR"
echo "ports: gateway $GATEWAY_PORT, registry $REGISTRY_PORT, kafka $KAFKA_PORT, mongo $MONGO_PORT"
echo

up_log="$LM_RUN_DIR.up.log"
t0="$(now_ms)"
NO_COLOR=1 "$LOCAL/up.sh" > >(tee "$up_log" | sed -u 's/^/  | /') 2>&1 &
up_pid=$!

ready_ms=""
while kill -0 "$up_pid" 2>/dev/null; do
    if [[ -z "$ready_ms" ]] && curl -fsS --max-time 2 "http://127.0.0.1:$GATEWAY_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
        ready_ms=$(( $(now_ms) - t0 ))
    fi
    sleep 0.2
done
up_rc=0
wait "$up_pid" || up_rc=$?
done_ms=$(( $(now_ms) - t0 ))
sleep 0.2 # let the last lines of up.sh's output through
echo
if [[ $up_rc -ne 0 ]]; then
    echo "✗ up.sh failed (exit $up_rc) after $(fmt_s "$done_ms") s — see the output above and $LM_RUN_DIR/logs"
    exit 1
fi
[[ -n "$ready_ms" ]] || ready_ms="$done_ms" # gateway became ready in up.sh's final check

echo "idling ${IDLE} s before measuring memory …"
sleep "$IDLE"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

printf '\n  %-18s %8s %10s\n' "component" "pid" "RSS MiB"
printf '  %-18s %8s %10s\n' "------------------" "--------" "----------"
total_kib=0
for name in kafka mongo registry org-service activity-service content-service gateway; do
    f="$LM_RUN_DIR/pids/$name.pid"
    [[ -f "$f" ]] || continue
    pid="$(tr -dc '0-9' <"$f")"
    kib="$(rss_kib "$pid")"
    kib="${kib:-0}"
    total_kib=$(( total_kib + kib ))
    printf '  %-18s %8s %10s\n' "$name" "$pid" "$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')"
done
total_mib="$(awk -v k="$total_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
printf '  %-18s %8s %10s\n' "------------------" "--------" "----------"
printf '  %-18s %8s %10s\n' "total" "" "$total_mib"

ok_ready=$([[ $ready_ms -le $(( TARGET_READY_S * 1000 )) ]] && echo "✓" || echo "✗")
ok_rss=$(awk -v m="$total_mib" -v t="$TARGET_RSS_MIB" 'BEGIN { print (m <= t) ? "✓" : "✗" }')
echo
printf '  %-40s %8s s   %s target ≤ %d s\n' "launch → gateway health UP" "$(fmt_s "$ready_ms")" "$ok_ready" "$TARGET_READY_S"
printf '  %-40s %8s s\n' "launch → up.sh done (demo login 200)" "$(fmt_s "$done_ms")"
printf '  %-40s %8s MiB %s target ≤ %d MiB (2.5 GiB)\n' "idle RSS after ${IDLE} s, all components" "$total_mib" "$ok_rss" "$TARGET_RSS_MIB"
echo
echo "stopping the benchmark stack …"
