# shellcheck shell=bash disable=SC2034  # variables here are used by the scripts that source this file
# Shared functions of deploy/local/up.sh, down.sh and status.sh (sourced, not executed).
#
# Layout of a run directory ($LM_RUN_DIR, default deploy/local/run; a relative path is taken from the repo root):
#   pids/<name>.pid   logs/<name>.log   data/{kafka,mongo,jwt}   config/ (rendered broker config)
# Every JVM started here carries -Dlianmeng.component=<name> -Dlianmeng.run=<run dir> on its command line, so a
# recorded PID is only ever treated as ours (and signalled) when that process still carries both markers.

LM_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LM_ROOT="$(cd "$LM_LOCAL_DIR/../.." && pwd)"

# ---------------------------------------------------------------- configuration (all overridable by env)
lm_config() {
    local run="${LM_RUN_DIR:-deploy/local/run}"
    [[ "$run" == /* ]] || run="$LM_ROOT/$run"
    mkdir -p "$run"
    LM_RUN_DIR="$(cd "$run" && pwd)"
    export LM_RUN_DIR

    REGISTRY_PORT="${REGISTRY_PORT:-8761}"
    GATEWAY_PORT="${GATEWAY_PORT:-8080}"
    ORG_PORT="${ORG_PORT:-8081}"
    ACTIVITY_PORT="${ACTIVITY_PORT:-8082}"
    CONTENT_PORT="${CONTENT_PORT:-8083}"
    KAFKA_PORT="${KAFKA_PORT:-9092}"
    KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
    MONGO_PORT="${MONGO_PORT:-27017}"

    JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"
    KAFKA_JAVA_OPTS="${KAFKA_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -Xss512k}"
    MONGO_JAVA_OPTS="${MONGO_JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"

    LM_START_TIMEOUT="${LM_START_TIMEOUT:-180}"   # seconds per waiting step
    LM_STOP_TIMEOUT="${LM_STOP_TIMEOUT:-20}"      # seconds between SIGTERM and SIGKILL

    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA_BIN="$JAVA_HOME/bin/java"; else JAVA_BIN="java"; fi

    KAFKA_LIB="$LM_ROOT/deploy/local/kafka-broker/target/lib"
    MONGO_STANDIN_DIR="$LM_ROOT/deploy/local/mongo-standin/target"
}

lm_port_of() {
    case "$1" in
        kafka) echo "$KAFKA_PORT" ;;
        mongo) echo "$MONGO_PORT" ;;
        registry) echo "$REGISTRY_PORT" ;;
        gateway) echo "$GATEWAY_PORT" ;;
        org-service) echo "$ORG_PORT" ;;
        activity-service) echo "$ACTIVITY_PORT" ;;
        content-service) echo "$CONTENT_PORT" ;;
        *) return 1 ;;
    esac
}

# all TCP ports a component listens on
lm_ports_of() {
    if [[ "$1" == kafka ]]; then echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT"; else lm_port_of "$1"; fi
}

lm_pidfile() { echo "$LM_RUN_DIR/pids/$1.pid"; }
lm_logfile() { echo "$LM_RUN_DIR/logs/$1.log"; }

# ---------------------------------------------------------------- terminal output
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    LM_TTY=1
    C_OK=$'\033[32m' C_ERR=$'\033[31m' C_DIM=$'\033[2m' C_BOLD=$'\033[1m' C_OFF=$'\033[0m'
else
    LM_TTY=0
    C_OK='' C_ERR='' C_DIM='' C_BOLD='' C_OFF=''
fi

lm_now_ms() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        local t="${EPOCHREALTIME/[.,]/}"
        echo $(( 10#$t / 1000 ))
    else
        echo $(( $(date +%s%N) / 1000000 ))
    fi
}

# seconds with one decimal between a start (ms) and now
lm_secs_since() {
    local d=$(( $(lm_now_ms) - $1 ))
    printf '%d.%d' $(( d / 1000 )) $(( (d % 1000) / 100 ))
}

lm_info() { printf '%s\n' "$*"; }
lm_err() { printf '%s\n' "${C_ERR}$*${C_OFF}" >&2; }
lm_die() { lm_err "✗ $*"; exit 1; }

# one progress line: "  ✓ label ........ 3.2 s  detail"
lm_line() { # <mark> <label> <seconds-or-empty> [detail]
    local mark="$1" label="$2" secs="$3" detail="${4:-}" color="$C_OK"
    [[ "$mark" == "✗" ]] && color="$C_ERR"
    [[ "$mark" == "·" ]] && color="$C_DIM"
    [[ $LM_TTY == 1 ]] && printf '\r\033[K'
    if [[ -n "$secs" ]]; then
        printf '  %s%s%s %-30s %6s s  %s%s%s\n' "$color" "$mark" "$C_OFF" "$label" "$secs" "$C_DIM" "$detail" "$C_OFF"
    else
        printf '  %s%s%s %-30s %8s  %s%s%s\n' "$color" "$mark" "$C_OFF" "$label" "" "$C_DIM" "$detail" "$C_OFF"
    fi
}

# transient "working" line on a terminal (overwritten by the next lm_line)
lm_working() {
    [[ $LM_TTY == 1 ]] && printf '\r\033[K  %s⋯%s %s' "$C_DIM" "$C_OFF" "$*"
    return 0
}

lm_tail_log() { # <file> [lines]
    local f="$1" n="${2:-40}"
    if [[ -s "$f" ]]; then
        printf '%s\n' "${C_DIM}----- last $n lines of $f -----${C_OFF}" >&2
        tail -n "$n" "$f" >&2
        printf '%s\n' "${C_DIM}----- end of $f -----${C_OFF}" >&2
    else
        printf '%s\n' "(log $f is empty or missing)" >&2
    fi
}

lm_down_cmd() { # how to stop this stack
    if [[ "$LM_RUN_DIR" == "$LM_ROOT/deploy/local/run" ]]; then
        echo "$LM_LOCAL_DIR/down.sh"
    else
        echo "LM_RUN_DIR=$LM_RUN_DIR $LM_LOCAL_DIR/down.sh"
    fi
}

lm_fail_component() { # <name> <message>
    local name="$1" msg="$2"
    lm_line "✗" "$name" "" "$msg"
    lm_tail_log "$(lm_logfile "$name")" 40
    if [[ "$name" == kafka && -s "$LM_RUN_DIR/logs/kafka.stdout.log" ]]; then
        lm_tail_log "$LM_RUN_DIR/logs/kafka.stdout.log" 20
    fi
    lm_err "✗ $name did not start: $msg"
    lm_err "  full log: $(lm_logfile "$name")   stop what did start: $(lm_down_cmd)"
    exit 1
}

# ---------------------------------------------------------------- processes and ports
lm_cmdline() { # <pid> → the process's command line with spaces, empty if gone or a zombie
    if [[ -r "/proc/$1/cmdline" ]]; then
        tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
    else
        ps -ww -o args= -p "$1" 2>/dev/null || true
    fi
}

# is <pid> a live process of component <name> in this run dir?
lm_pid_is_ours() { # <name> <pid>
    local cmd
    [[ "$2" =~ ^[0-9]+$ ]] || return 1
    cmd="$(lm_cmdline "$2")"
    [[ "$cmd" == *"-Dlianmeng.component=$1 "* && "$cmd" == *"-Dlianmeng.run=$LM_RUN_DIR "* ]]
}

lm_read_pid() { # <name> → pid from the pid file, or nothing
    local f
    f="$(lm_pidfile "$1")"
    [[ -r "$f" ]] && tr -dc '0-9' <"$f"
    return 0
}

# prints the PID when component <name> of this run dir is running, else returns 1
lm_running_pid() {
    local pid
    pid="$(lm_read_pid "$1")"
    [[ -n "$pid" ]] && lm_pid_is_ours "$1" "$pid" && { echo "$pid"; return 0; }
    return 1
}

lm_port_open() { # <port> → something accepts TCP connections on 127.0.0.1:<port>
    if command -v timeout >/dev/null 2>&1; then
        timeout 2 bash -c ": <>/dev/tcp/127.0.0.1/$1" 2>/dev/null
    else
        (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

lm_port_listening() { # <port> → some process listens on <port> (any address)
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]] && return 0
    fi
    lm_port_open "$1"
}

lm_port_owner() { # <port> → "java (pid 1234)" when ss can tell, else "an unknown process"
    local users=""
    if command -v ss >/dev/null 2>&1; then
        users="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1 || true)"
    fi
    if [[ "$users" =~ \"([^\"]+)\",pid=([0-9]+) ]]; then
        echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]})"
    else
        echo "an unknown process"
    fi
}

lm_http_code() { # <method> <url> [json-body] → HTTP status code, 000 when unreachable
    local method="$1" url="$2" body="${3:-}"
    if [[ -n "$body" ]]; then
        curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$method" -H 'Content-Type: application/json' \
            --data "$body" "$url" 2>/dev/null || true
    else
        curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$method" "$url" 2>/dev/null || true
    fi
}

lm_health_up() { # <port> → GET /actuator/health answers 200 with status UP
    local out
    out="$(curl -fsS --max-time 5 "http://127.0.0.1:$1/actuator/health" 2>/dev/null)" || return 1
    [[ "$out" == *'"status":"UP"'* ]]
}

# start a command in its own session, detached from this shell's terminal; records its PID.
# Environment for the command: the array LM_ENV ("NAME=value" entries), exported in the child only.
LM_ENV=()
lm_launch() { # <name> <command...>   (stdout/stderr go to logs/<name>.log, or logs/$LM_STDOUT_LOG.log when set)
    local name="$1"; shift
    local log pidfile pid
    log="$(lm_logfile "${LM_STDOUT_LOG:-$name}")"
    pidfile="$(lm_pidfile "$name")"
    mkdir -p "$LM_RUN_DIR/logs" "$LM_RUN_DIR/pids"
    [[ -f "$log" ]] && mv -f "$log" "$log.prev"
    printf '### %s started by deploy/local/up.sh at %s\n' "$name" "$(date '+%F %T %z')" >"$log"
    (
        exec 9>&- # the run-dir lock must not outlive this script
        for kv in "${LM_ENV[@]}"; do export "${kv?}"; done
        cd "$LM_RUN_DIR" || exit 1
        if command -v setsid >/dev/null 2>&1; then
            exec setsid "$@" >>"$log" 2>&1 </dev/null
        else
            exec nohup "$@" >>"$log" 2>&1 </dev/null
        fi
    ) &
    pid=$!
    # setsid forks only when the caller leads a process group (job control on); find the real PID then
    if ! lm_pid_is_ours "$name" "$pid"; then
        sleep 0.3
        if ! lm_pid_is_ours "$name" "$pid" && command -v pgrep >/dev/null 2>&1; then
            pid="$(pgrep -f -- "-Dlianmeng.component=$name -Dlianmeng.run=$LM_RUN_DIR " | head -n1 || true)"
            [[ -n "$pid" ]] || pid=$!
        fi
    fi
    echo "$pid" >"$pidfile"
}

# ---------------------------------------------------------------- MongoDB URI per service
# MONGODB_URI given → same hosts/options, database replaced; else the local stand-in
lm_mongo_uri() { # <database>
    local db="$1"
    if [[ -n "${MONGODB_URI:-}" ]]; then
        local scheme="${MONGODB_URI%%://*}" rest="${MONGODB_URI#*://}" authority path="" query=""
        authority="${rest%%[/?]*}"
        rest="${rest#"$authority"}"
        if [[ "$rest" == *\?* ]]; then query="${rest#*\?}"; fi
        path="${rest%%\?*}"
        path="${path#/}"
        # with credentials, the URI's database is also where they are checked: keep that when it is replaced
        if [[ "$authority" == *@* && "&$query" != *"&authSource="* ]]; then
            query="${query:+$query&}authSource=${path:-admin}"
        fi
        echo "$scheme://$authority/$db${query:+?$query}"
    else
        echo "mongodb://127.0.0.1:$MONGO_PORT/$db"
    fi
}

lm_mongo_display() { # the MongoDB location without credentials
    if [[ -n "${MONGODB_URI:-}" ]]; then
        local rest="${MONGODB_URI#*://}"
        rest="${rest%%[/?]*}"
        echo "${rest##*@}"
    else
        echo "127.0.0.1:$MONGO_PORT (stand-in)"
    fi
}

# ---------------------------------------------------------------- locking (one up/down at a time per run dir)
lm_lock() {
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$LM_RUN_DIR/.lock"
        flock -n 9 || { lm_info "waiting for another up.sh/down.sh on $LM_RUN_DIR …"; flock 9; }
    fi
}
