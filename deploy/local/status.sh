#!/usr/bin/env bash
# Shows what deploy/local/up.sh started for this LM_RUN_DIR: pid, port, state and resident memory.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
lm_config

printf '%s\n' "${C_BOLD}Lianmeng 联盟 — local stack${C_OFF}  ${C_DIM}run dir $LM_RUN_DIR${C_OFF}"
printf '  %-18s %8s %6s  %-8s %8s\n' component pid port state "RSS MiB"
for name in kafka mongo registry org-service activity-service content-service gateway; do
    port="$(lm_port_of "$name")"
    if pid="$(lm_running_pid "$name")"; then
        state="starting"
        if [[ "$name" == kafka || "$name" == mongo ]]; then
            lm_port_open "$port" && state="up"
        else
            lm_health_up "$port" && state="up"
        fi
        rss="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo '?')"
        printf '  %-18s %8s %6s  %-8s %8s\n' "$name" "$pid" "$port" "$state" "$rss"
    else
        printf '  %-18s %8s %6s  %-8s %8s\n' "$name" "-" "$port" "stopped" "-"
    fi
done
