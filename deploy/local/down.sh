#!/usr/bin/env bash
# Stops what deploy/local/up.sh started (same LM_RUN_DIR), by recorded PID, in reverse order: gateway and services,
# then the registry, then the MongoDB stand-in, then Kafka. SIGTERM, up to LM_STOP_TIMEOUT (20) s, then SIGKILL.
# Data under $LM_RUN_DIR/data is kept. Safe to run twice.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
lm_config
mkdir -p "$LM_RUN_DIR/pids"
lm_lock

printf '%s\n' "${C_BOLD}Lianmeng 联盟 — stopping local stack${C_OFF}  ${C_DIM}run dir $LM_RUN_DIR${C_OFF}"
T0="$(lm_now_ms)"
stopped_any=0

stop_group() { # <name>...: SIGTERM all, wait together, SIGKILL stragglers
    local name pid t
    local -A pids=()
    for name in "$@"; do
        pid="$(lm_read_pid "$name")"
        [[ -n "$pid" ]] || continue
        if lm_pid_is_ours "$name" "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids[$name]="$pid"
        else
            lm_line "·" "$name" "" "not running (stale pid file removed)"
            rm -f "$(lm_pidfile "$name")"
        fi
    done
    [[ ${#pids[@]} -gt 0 ]] || return 0
    stopped_any=1
    t="$(lm_now_ms)"
    local deadline=$(( t + LM_STOP_TIMEOUT * 1000 )) left
    while :; do
        left=()
        for name in "${!pids[@]}"; do
            lm_pid_is_ours "$name" "${pids[$name]}" && left+=("$name")
        done
        [[ ${#left[@]} -eq 0 ]] && break
        if [[ $(lm_now_ms) -gt $deadline ]]; then
            for name in "${left[@]}"; do
                kill -KILL "${pids[$name]}" 2>/dev/null || true
                lm_line "✗" "$name" "$(lm_secs_since "$t")" "no exit after ${LM_STOP_TIMEOUT}s: SIGKILL (pid ${pids[$name]})"
            done
            sleep 0.5
            for name in "${left[@]}"; do
                if lm_pid_is_ours "$name" "${pids[$name]}"; then
                    lm_err "✗ $name (pid ${pids[$name]}) survived SIGKILL"
                fi
                unset "pids[$name]"
                rm -f "$(lm_pidfile "$name")"
            done
            break
        fi
        lm_working "stopping ${left[*]} …"
        sleep 0.25
    done
    for name in "$@"; do
        if [[ -n "${pids[$name]:-}" ]]; then
            lm_line "✓" "$name" "$(lm_secs_since "$t")" "stopped (pid ${pids[$name]})"
            rm -f "$(lm_pidfile "$name")"
        fi
    done
}

stop_group gateway org-service activity-service content-service
stop_group registry
stop_group mongo
stop_group kafka

# anything else recorded (e.g. from an older version of these scripts)
for f in "$LM_RUN_DIR"/pids/*.pid; do
    [[ -e "$f" ]] || continue
    stop_group "$(basename "$f" .pid)"
done

if [[ $stopped_any == 0 ]]; then
    lm_info "  nothing was running"
else
    printf '%s\n' "${C_OK}✓ stopped${C_OFF} in $(lm_secs_since "$T0") s  ${C_DIM}(data kept in $LM_RUN_DIR/data)${C_OFF}"
fi
