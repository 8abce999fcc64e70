#!/usr/bin/env bash
# content-service benchmark (not a test): seeds the indexed in-memory MongoDB stand-in with 100,000 published items across 200
# tenants, 5,000 members with audience keys, 1,000,000 read receipts and 100,000 inbox messages; starts the real
# content-service jar (-Xmx256m, no Kafka, no registry) against it; measures over HTTP on localhost the first feed
# page, the inbox unread count and search (p50/p95/p99), then 500 concurrent players fetching one video with range
# requests while sampling the service's RSS. Prints a table; leaves logs in deploy/bench/target/.
#
#   deploy/bench/content.sh                       # builds content-service if its jar is missing
#   ITEMS=20000 RECEIPTS=200000 deploy/bench/content.sh
#
# Environment: ITEMS (100000) TENANTS (200) MEMBERS_PER_TENANT (25) RECEIPTS (1000000) INBOX (100000) STREAMS (500)
# VIDEO_MIB (20) SAMPLES (300) BENCH_MONGO_PORT (47117) BENCH_SERVICE_PORT (38083)
# BENCH_JAVA_OPTS (-Xmx14g -XX:+UseParallelGC: this JVM holds the stand-in, its data and its indexes; 8 GiB is too little)
# Goals (issue 5): feed p95 ≤ 50 ms, unread count p95 ≤ 20 ms, search p95 ≤ 100 ms, 500 streams without errors.
# The stand-in (deploy/local/mongo-standin IndexedMemoryBackend) narrows queries by equality/$in prefixes of the
# service's indexes and sorts the candidates in memory; real MongoDB serves the sorts from the indexes too.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mkdir -p deploy/bench/target
if [[ ! -f content-service/target/content-service.jar ]]; then
    ./mvnw -B -q -N install   # the root pom, so the installed platform's dependencies resolve
    ./mvnw -B -q -DskipTests install -pl deploy/local/mongo-standin,platform
    ./mvnw -B -q -DskipTests package -pl content-service
fi
./mvnw -B -q -pl content-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/deploy/bench/target/content-bench.classpath" >/dev/null
CP="$ROOT/content-service/target/classes:$(cat deploy/bench/target/content-bench.classpath)"
read -ra OPTS <<<"${BENCH_JAVA_OPTS:--Xmx14g -XX:+UseParallelGC}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
java "${OPTS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" deploy/bench/ContentBench.java 2>&1 \
    | grep --line-buffered -v -E "^\[|SLF4J|WARN|INFO" | tee deploy/bench/target/content-bench.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
