# Sourced by the benchmarks that run the in-memory indexed MongoDB stand-in in a JVM of its own (org-scale.sh,
# activity.sh) instead of up.sh's small file-backed one. Needs LM_RUN_DIR, MONGO_PORT and STANDIN
# (deploy/local/mongo-standin/target); JAVA_BIN if set. Sets standin_pid.

standin_pid=""

# Stops a stand-in left behind by an interrupted run of the same run directory.
standin_clear_leftover() {
    [[ -f "$LM_RUN_DIR.standin.pid" ]] || return 0
    local old
    old="$(cat "$LM_RUN_DIR.standin.pid")"
    if kill -0 "$old" 2>/dev/null && grep -q MongoStandIn "/proc/$old/cmdline" 2>/dev/null; then kill "$old" || true; sleep 1; fi
}

# standin_up HEAP [JVM option …]: starts the stand-in on MONGO_PORT (log: $LM_RUN_DIR.standin.log) and waits until it
# accepts connections; exits the benchmark when the stand-in dies.
standin_up() {
    local heap="$1"
    shift
    "${JAVA_BIN:-java}" -Xmx"$heap" "$@" -Dlianmeng.component=mongo-bench \
        -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=warn \
        -cp "$STANDIN/mongo-standin.jar:$STANDIN/lib/*" cn.lianmeng.deploy.mongo.MongoStandIn "$MONGO_PORT" memory \
        >"$LM_RUN_DIR.standin.log" 2>&1 &
    standin_pid=$!
    echo "$standin_pid" >"$LM_RUN_DIR.standin.pid"
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null && break
        kill -0 "$standin_pid" 2>/dev/null || { cat "$LM_RUN_DIR.standin.log"; echo "✗ stand-in exited"; exit 1; }
        sleep 0.2
    done
}

# Stops the stand-in standin_up started.
standin_down() {
    if [[ -n "$standin_pid" ]] && kill -0 "$standin_pid" 2>/dev/null; then
        kill "$standin_pid" 2>/dev/null || true
        wait "$standin_pid" 2>/dev/null || true
    fi
}
