#!/usr/bin/env bash
# Starts the whole Lianmeng platform locally, without Docker: the real Apache Kafka broker (KRaft, combined mode),
# a file-backed MongoDB stand-in (or your MONGODB_URI), the Eureka registry, org-/activity-/content-service and the
# gateway. Builds missing or stale jars first. Safe to run again: running components are left alone.
#
#   deploy/local/up.sh                  # from any directory; stop with deploy/local/down.sh
#
# Environment (all optional):
#   LM_SKIP_BUILD=1          do not build; fail if a jar is missing
#   LM_RUN_DIR               run directory (pids/, logs/, data/); default deploy/local/run, relative = from repo root
#   REGISTRY_PORT 8761  GATEWAY_PORT 8080  ORG_PORT 8081  ACTIVITY_PORT 8082  CONTENT_PORT 8083
#   KAFKA_PORT 9092  KAFKA_CONTROLLER_PORT 9093  MONGO_PORT 27017
#   MONGODB_URI              use this MongoDB instead of the stand-in (database name replaced per service)
#   JAVA_OPTS                JVM options of the registry, services and gateway
#                            (default -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)
#   KAFKA_JAVA_OPTS, MONGO_JAVA_OPTS   JVM options of the broker / stand-in
#   LIANMENG_DEMO            true (default) loads the demo alliance
#   LIANMENG_PLATFORM_ADMIN_PASSWORD   platform-admin's bootstrap password (default Platform@2026, local runs only)
#   LM_SEQUENTIAL=1          start the services one after another instead of together
#   LM_START_TIMEOUT 180     seconds to wait for each step
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
lm_config

KAFKA_TOPICS=(org.alliance.v1 org.enterprise.v1 org.region.v1 org.staff.v1 org.organisation.v1 org.member.v1 org.warning.v1 org.onboarding.v1 org.transfer.v1 org.meeting-settings.v1 activity.activity.v1 activity.attendance.v1 content.item.v1 content.study.v1)
KAFKA_PARTITIONS=3
LIANMENG_DEMO="${LIANMENG_DEMO:-true}"
LIANMENG_PLATFORM_ADMIN_PASSWORD="${LIANMENG_PLATFORM_ADMIN_PASSWORD:-Platform@2026}"
DEMO_USER=demo-admin
DEMO_PASSWORD='Demo@2026'

T0="$(lm_now_ms)"
printf '%s\n' "${C_BOLD}Lianmeng 联盟 — local stack${C_OFF}  ${C_DIM}run dir $LM_RUN_DIR${C_OFF}"

# ---------------------------------------------------------------- prerequisites
command -v "$JAVA_BIN" >/dev/null 2>&1 || lm_die "java not found: install a JDK 17 (or newer) or set JAVA_HOME"
JAVA_MAJOR="$("$JAVA_BIN" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
[[ "${JAVA_MAJOR:-0}" -ge 17 ]] || lm_die "Java 17 or newer needed, found: $("$JAVA_BIN" -version 2>&1 | head -n1)"
command -v curl >/dev/null 2>&1 || lm_die "curl not found: up.sh uses it for health checks (apt-get install curl)"

USE_STANDIN=1
[[ -n "${MONGODB_URI:-}" ]] && USE_STANDIN=0

mkdir -p "$LM_RUN_DIR"/{pids,logs,config,data/kafka,data/mongo,data/jwt}
lm_lock
on_interrupt() {
    echo
    lm_err "✗ interrupted — what was started keeps running; stop it with: $(lm_down_cmd)"
    exit 130
}
trap on_interrupt INT TERM

# ---------------------------------------------------------------- build what is missing or stale
module_artifact() { # <module dir> → the file whose presence and age stand for a built module
    case "$1" in
        deploy/local/kafka-broker) compgen -G "$LM_ROOT/$1/target/lib/kafka_2.13-*.jar" | head -n1 || true ;;
        deploy/local/mongo-standin) echo "$LM_ROOT/$1/target/mongo-standin.jar" ;;
        *) echo "$LM_ROOT/$1/target/$(basename "$1").jar" ;;
    esac
}

module_stale() { # <module dir> → prints why when the module needs building
    local m="$1" art ref stamp changed
    art="$(module_artifact "$m")"
    if [[ -z "$art" || ! -f "$art" ]]; then echo "no jar"; return 0; fi
    ref="$art"
    stamp="$LM_ROOT/$m/target/.lm-up-built"
    [[ -f "$stamp" && "$stamp" -nt "$art" ]] && ref="$stamp"
    local inputs=("$LM_ROOT/$m/pom.xml" "$LM_ROOT/pom.xml")
    [[ -d "$LM_ROOT/$m/src" ]] && inputs+=("$LM_ROOT/$m/src")
    if grep -q '<artifactId>platform</artifactId>' "$LM_ROOT/$m/pom.xml" 2>/dev/null; then
        inputs+=("$LM_ROOT/platform/pom.xml" "$LM_ROOT/platform/src")
    fi
    changed="$(find "${inputs[@]}" -type f -newer "$ref" -print -quit 2>/dev/null || true)"
    if [[ -n "$changed" ]]; then echo "changed: ${changed#"$LM_ROOT"/}"; return 0; fi
    return 1
}

MODULES=(deploy/local/kafka-broker registry org-service activity-service content-service gateway)
[[ $USE_STANDIN == 1 ]] && MODULES=(deploy/local/kafka-broker deploy/local/mongo-standin "${MODULES[@]:1}")

STALE=()
for m in "${MODULES[@]}"; do
    if module_stale "$m" >/dev/null; then STALE+=("$m"); fi
done

if [[ ${#STALE[@]} -eq 0 ]]; then
    lm_line "·" "build" "" "all jars up to date"
elif [[ "${LM_SKIP_BUILD:-0}" == 1 ]]; then
    for m in "${STALE[@]}"; do
        why="$(module_stale "$m")"
        if [[ "$why" == "no jar" ]]; then
            lm_die "LM_SKIP_BUILD=1 but $m has no jar; build it first: ./mvnw -B -DskipTests package"
        fi
        lm_line "·" "build skipped" "" "$m is older than its sources (LM_SKIP_BUILD=1)"
    done
else
    t="$(lm_now_ms)"
    modules_csv="$(IFS=,; echo "${STALE[*]}")"
    lm_working "building ${STALE[*]} …"
    if (cd "$LM_ROOT" && ./mvnw -B -q -DskipTests package -pl "$modules_csv" -am) >"$LM_RUN_DIR/logs/build.log" 2>&1; then
        for m in "${STALE[@]}"; do touch "$LM_ROOT/$m/target/.lm-up-built" 2>/dev/null || true; done
        for m in "${STALE[@]}"; do
            art="$(module_artifact "$m")"
            [[ -n "$art" && -f "$art" ]] || { lm_line "✗" "build" "$(lm_secs_since "$t")"; lm_die "build finished but $m has no jar"; }
        done
        lm_line "✓" "build" "$(lm_secs_since "$t")" "${STALE[*]}"
    else
        lm_line "✗" "build" "$(lm_secs_since "$t")" "./mvnw -pl $modules_csv -am"
        lm_tail_log "$LM_RUN_DIR/logs/build.log" 60
        lm_die "build failed (full output: $LM_RUN_DIR/logs/build.log)"
    fi
fi

# ---------------------------------------------------------------- what runs already, and are our ports free?
WANTED=(kafka registry org-service activity-service content-service gateway)
[[ $USE_STANDIN == 1 ]] && WANTED=(kafka mongo "${WANTED[@]:1}")

declare -A RUNNING=()
for c in "${WANTED[@]}"; do
    if pid="$(lm_running_pid "$c")"; then
        RUNNING[$c]="$pid"
    else
        rm -f "$(lm_pidfile "$c")"
    fi
done

declare -A SEEN_PORT=()
conflicts=()
for c in "${WANTED[@]}"; do
    for p in $(lm_ports_of "$c"); do
        if [[ -n "${SEEN_PORT[$p]:-}" ]]; then
            lm_die "port $p is configured for both ${SEEN_PORT[$p]} and $c; set distinct *_PORT variables"
        fi
        SEEN_PORT[$p]="$c"
        if [[ -z "${RUNNING[$c]:-}" ]] && lm_port_listening "$p"; then
            conflicts+=("port $p (for $c) is in use by $(lm_port_owner "$p")")
        fi
    done
done
if [[ ${#conflicts[@]} -gt 0 ]]; then
    for line in "${conflicts[@]}"; do lm_err "✗ $line"; done
    lm_err "  Nothing was started. Stop those processes, or move this stack to other ports, e.g."
    lm_err "  GATEWAY_PORT=18080 ORG_PORT=18081 … LM_RUN_DIR=deploy/local/run2 deploy/local/up.sh"
    exit 1
fi

# ---------------------------------------------------------------- launchers
declare -A STARTED_AT=()

note_running() { # <name>: left alone; wait_ready still checks that it is ready
    STARTED_AT[$1]="$(lm_now_ms)"
}

start_kafka() {
    if [[ -n "${RUNNING[kafka]:-}" ]]; then note_running kafka; return; fi
    if ! compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null; then
        lm_die "Kafka broker jars missing in $KAFKA_LIB (build: ./mvnw -B -DskipTests package -pl deploy/local/kafka-broker)"
    fi
    local props="$LM_RUN_DIR/config/kafka-server.properties" logdir="$LM_RUN_DIR/data/kafka"
    sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
        -e "s|@KAFKA_LOG_DIR@|$logdir|g" "$LM_LOCAL_DIR/config/kafka-server.properties.template" >"$props"
    local log4j=(-Dlog4j2.configurationFile="$LM_LOCAL_DIR/config/kafka-log4j2.xml" -Dkafka.logs.dir="$LM_RUN_DIR/logs")
    if [[ ! -f "$logdir/meta.properties" ]]; then
        local t cluster_id
        t="$(lm_now_ms)"
        lm_working "formatting Kafka storage …"
        cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
        echo "$cluster_id" >"$LM_RUN_DIR/data/kafka-cluster-id"
        if ! "$JAVA_BIN" -Xmx256m -Dlog4j2.level=WARN -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format \
                -t "$cluster_id" -c "$props" --standalone >"$LM_RUN_DIR/logs/kafka-format.log" 2>&1; then
            lm_line "✗" "kafka storage format" "$(lm_secs_since "$t")"
            lm_tail_log "$LM_RUN_DIR/logs/kafka-format.log" 30
            lm_die "could not format the Kafka log directory $logdir"
        fi
        lm_line "✓" "kafka storage format" "$(lm_secs_since "$t")" "cluster $cluster_id (first run)"
    fi
    local opts
    read -ra opts <<<"$KAFKA_JAVA_OPTS"
    # the broker writes logs/kafka.log itself (log4j2, rolling); the JVM's stdout goes to logs/kafka.stdout.log
    if [[ -f "$LM_RUN_DIR/logs/kafka.log" ]]; then mv -f "$LM_RUN_DIR/logs/kafka.log" "$LM_RUN_DIR/logs/kafka.log.prev"; fi
    STARTED_AT[kafka]="$(lm_now_ms)"
    LM_ENV=()
    LM_STDOUT_LOG=kafka.stdout lm_launch kafka "$JAVA_BIN" "${opts[@]}" -Dlianmeng.component=kafka -Dlianmeng.run="$LM_RUN_DIR" \
        "${log4j[@]}" -cp "$KAFKA_LIB/*" kafka.Kafka "$props"
}

start_mongo() {
    if [[ $USE_STANDIN == 0 ]]; then
        lm_line "·" "mongo" "" "using MONGODB_URI → $(lm_mongo_display)"
        return
    fi
    if [[ -n "${RUNNING[mongo]:-}" ]]; then note_running mongo; return; fi
    [[ -f "$MONGO_STANDIN_DIR/mongo-standin.jar" ]] \
        || lm_die "mongo stand-in missing (build: ./mvnw -B -DskipTests package -pl deploy/local/mongo-standin)"
    local opts
    read -ra opts <<<"$MONGO_JAVA_OPTS"
    STARTED_AT[mongo]="$(lm_now_ms)"
    LM_ENV=()
    lm_launch mongo "$JAVA_BIN" "${opts[@]}" -Dlianmeng.component=mongo -Dlianmeng.run="$LM_RUN_DIR" \
        -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSSZ" \
        -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=warn \
        -cp "$MONGO_STANDIN_DIR/mongo-standin.jar:$MONGO_STANDIN_DIR/lib/*" cn.lianmeng.deploy.mongo.MongoStandIn \
        "$MONGO_PORT" "$LM_RUN_DIR/data/mongo/lianmeng.mv.db"
}

start_spring() { # <name>
    local name="$1" jar port opts
    if [[ -n "${RUNNING[$name]:-}" ]]; then note_running "$name"; return; fi
    jar="$LM_ROOT/$name/target/$name.jar"
    [[ -f "$jar" ]] || lm_die "$jar missing (build: ./mvnw -B -DskipTests package -pl $name -am)"
    port="$(lm_port_of "$name")"
    LM_ENV=(
        "SERVER_PORT=$port"
        "EUREKA_URL=http://127.0.0.1:$REGISTRY_PORT/eureka/"
        "EUREKA_INSTANCE_HOSTNAME=${EUREKA_INSTANCE_HOSTNAME:-localhost}"
    )
    case "$name" in
        org-service | activity-service | content-service)
            LM_ENV+=("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
                     "MONGODB_URI=$(lm_mongo_uri "lianmeng_${name%-service}")")
            ;;
    esac
    if [[ "$name" == content-service ]]; then
        LM_ENV+=("LIANMENG_DEMO=$LIANMENG_DEMO")
    fi
    if [[ "$name" == org-service ]]; then
        LM_ENV+=("JWT_KEY_DIR=$LM_RUN_DIR/data/jwt"
                 "LIANMENG_PII_KEY_DIR=$LM_RUN_DIR/data/pii"
                 "LIANMENG_DEMO=$LIANMENG_DEMO"
                 "LIANMENG_PLATFORM_ADMIN_PASSWORD=$LIANMENG_PLATFORM_ADMIN_PASSWORD")
    fi
    if [[ "$name" == activity-service ]]; then
        # seeds a quarter of activity history once org-service's demo organisations have arrived
        LM_ENV+=("LIANMENG_DEMO=$LIANMENG_DEMO")
    fi
    read -ra opts <<<"$JAVA_OPTS"
    STARTED_AT[$name]="$(lm_now_ms)"
    lm_launch "$name" "$JAVA_BIN" "${opts[@]}" -Dlianmeng.component="$name" -Dlianmeng.run="$LM_RUN_DIR" -jar "$jar"
    LM_ENV=()
}

# ---------------------------------------------------------------- readiness
label_of() {
    case "$1" in
        kafka) echo "kafka broker :$KAFKA_PORT" ;;
        mongo) echo "mongodb stand-in :$MONGO_PORT" ;;
        gateway) echo "gateway :$GATEWAY_PORT" ;;
        *) echo "$1 :$(lm_port_of "$1")" ;;
    esac
}

is_ready() { # <name>
    case "$1" in
        kafka) lm_port_open "$KAFKA_PORT" ;;
        mongo) lm_port_open "$MONGO_PORT" ;;
        *) lm_health_up "$(lm_port_of "$1")" ;;
    esac
}

ready_detail() {
    case "$1" in
        gateway) echo "health UP incl. downstream" ;;
        kafka | mongo) echo "pid $(lm_read_pid "$1")" ;;
        *) echo "health UP, pid $(lm_read_pid "$1")" ;;
    esac
}

# waits until every named component is ready; prints a line for each as it becomes ready
wait_ready() { # <name>...
    local pending=("$@") deadline next name pid code
    deadline=$(( $(lm_now_ms) + LM_START_TIMEOUT * 1000 ))
    while [[ ${#pending[@]} -gt 0 ]]; do
        next=()
        for name in "${pending[@]}"; do
            if is_ready "$name"; then
                if [[ -n "${RUNNING[$name]:-}" ]]; then
                    lm_line "✓" "$(label_of "$name")" "" "already running, pid ${RUNNING[$name]}"
                else
                    lm_line "✓" "$(label_of "$name")" "$(lm_secs_since "${STARTED_AT[$name]}")" "$(ready_detail "$name")"
                fi
                continue
            fi
            if ! pid="$(lm_running_pid "$name")"; then
                pid="$(lm_read_pid "$name")"
                code=0
                wait "$pid" 2>/dev/null || code=$?
                if [[ $code -ne 127 && -n "$pid" ]]; then
                    lm_fail_component "$name" "process $pid exited with code $code"
                fi
                lm_fail_component "$name" "process ${pid:-?} is gone"
            fi
            next+=("$name")
        done
        pending=("${next[@]+"${next[@]}"}")
        [[ ${#pending[@]} -eq 0 ]] && break
        if [[ $(lm_now_ms) -gt $deadline ]]; then
            lm_fail_component "${pending[0]}" "not ready after ${LM_START_TIMEOUT}s (waiting for: ${pending[*]})"
        fi
        lm_working "waiting for ${pending[*]} ($(lm_secs_since "${STARTED_AT[${pending[0]}]}") s)"
        sleep 0.5
    done
}

create_topics() {
    local t topics=() out
    for topic in "${KAFKA_TOPICS[@]}"; do topics+=("$topic" "$topic-dlt"); done
    t="$(lm_now_ms)"
    lm_working "creating Kafka topics …"
    if out="$("$JAVA_BIN" -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.level=WARN -cp "$KAFKA_LIB/*" \
            "$LM_LOCAL_DIR/tools/KafkaTopics.java" "127.0.0.1:$KAFKA_PORT" "$KAFKA_PARTITIONS" "${topics[@]}" \
            2>"$LM_RUN_DIR/logs/kafka-topics.log")"; then
        lm_line "✓" "kafka topics" "$(lm_secs_since "$t")" "$out"
    else
        lm_line "✗" "kafka topics" "$(lm_secs_since "$t")"
        lm_tail_log "$LM_RUN_DIR/logs/kafka-topics.log" 30
        lm_tail_log "$LM_RUN_DIR/logs/kafka.log" 30
        lm_die "could not create the Kafka topics ${topics[*]}"
    fi
}

wait_demo_login() {
    local t deadline code body
    t="$(lm_now_ms)"
    deadline=$(( t + LM_START_TIMEOUT * 1000 ))
    body="{\"username\":\"$DEMO_USER\",\"password\":\"$DEMO_PASSWORD\"}"
    while :; do
        code="$(lm_http_code POST "http://127.0.0.1:$GATEWAY_PORT/api/auth/login" "$body")"
        if [[ "$code" == 200 ]]; then
            lm_line "✓" "demo data (login $DEMO_USER)" "$(lm_secs_since "$t")" "POST /api/auth/login → 200"
            return
        fi
        for c in org-service gateway; do
            if ! lm_running_pid "$c" >/dev/null; then
                lm_fail_component "$c" "process $(lm_read_pid "$c") exited while waiting for the demo login"
            fi
        done
        if [[ $(lm_now_ms) -gt $deadline ]]; then
            lm_line "✗" "demo data (login $DEMO_USER)" "$(lm_secs_since "$t")" "last answer HTTP $code"
            lm_tail_log "$(lm_logfile org-service)" 40
            lm_die "demo login through the gateway never returned 200 (last: HTTP $code); see the org-service log"
        fi
        lm_working "waiting for demo login (HTTP $code) …"
        sleep 1 # the gateway limits logins per client address (30 per minute by default)
    done
}

# ---------------------------------------------------------------- start, in order
start_kafka
start_mongo
start_spring registry

infra=(kafka)
[[ $USE_STANDIN == 1 ]] && infra+=(mongo)
wait_ready "${infra[@]}"
create_topics
wait_ready registry

if [[ "${LM_SEQUENTIAL:-0}" == 1 ]]; then
    for s in org-service activity-service content-service gateway; do
        start_spring "$s"
        wait_ready "$s"
    done
else
    for s in org-service activity-service content-service gateway; do start_spring "$s"; done
    wait_ready org-service activity-service content-service gateway
fi

if [[ "$LIANMENG_DEMO" == true ]]; then
    wait_demo_login
fi

# ---------------------------------------------------------------- summary
echo
printf '%s\n' "${C_OK}✓ 联盟 Lianmeng is up${C_OFF} in $(lm_secs_since "$T0") s"
cat <<EOF

  Gateway (API)     http://localhost:$GATEWAY_PORT
  Swagger UI        http://localhost:$GATEWAY_PORT/swagger-ui.html
  Eureka dashboard  http://localhost:$REGISTRY_PORT
  Kafka             127.0.0.1:$KAFKA_PORT      MongoDB  $(lm_mongo_display)
EOF
if [[ "$LIANMENG_DEMO" == true ]]; then
    cat <<EOF

  演示账号 Demo logins (password / 密码 $DEMO_PASSWORD):
    联盟管理员 alliance admin       $DEMO_USER
    企业管理员 enterprise admins    demo-ent01 … demo-ent36
    审计员     auditor              demo-auditor
  平台管理员 platform admin         platform-admin / $LIANMENG_PLATFORM_ADMIN_PASSWORD   (仅限本地 local only)
EOF
fi
cat <<EOF

  Logs  $LM_RUN_DIR/logs/<name>.log
  Stop  $(lm_down_cmd)
EOF
