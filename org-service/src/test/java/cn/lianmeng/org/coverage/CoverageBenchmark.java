package cn.lianmeng.org.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import cn.lianmeng.org.Api;
import cn.lianmeng.platform.data.Scope;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * In-service micro-benchmark of the coverage answers over 20,000 enterprises (a benchmark, not a test: timing is
 * printed, never asserted). Run: {@code ./mvnw -pl org-service test -Dtest=CoverageBenchmark -Dbenchmark=true}.
 * Facts are written as the projector writes them, totals built by the reconcile job; then the HTTP answers for the
 * whole alliance, one park, one district (staff) and a list page are timed sequentially.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CoverageBenchmark extends CoverageTestBase {

    @Autowired
    CoverageStore store;
    @Autowired
    CoverageMaintenance maintenance;
    @Autowired
    CoverageProperties properties;

    @Test
    void twentyThousandEnterprises() {
        int n = Integer.getInteger("benchmark.enterprises", 20_000);
        // share of enterprises with an organisation of their own (the generated alliance has 3 organisations per enterprise)
        double ownShare = Double.parseDouble(System.getProperty("benchmark.own-share", "0.8"));
        Random random = new Random(7);
        Instant now = Instant.now();
        List<Document> batch = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "bench-" + alliance.substring(2, 10) + "-" + i;
            int park = i % 100;
            Document facts = new Document("_id", id).append("allianceId", alliance).append("tenantId", id)
                    .append("name", "基准企业" + String.format("%05d", i)).append("creditCode", "91310000BENCH" + i)
                    .append("staffCount", 3 + random.nextInt(300)).append("partyMemberCount", random.nextInt(6))
                    .append("status", random.nextInt(50) == 0 ? "SUSPENDED" : "ACTIVE")
                    .append("operatingStatus", random.nextInt(40) == 0 ? "SHELL" : "OPERATING")
                    .append("instructorAccountId", random.nextInt(5) == 0 ? "acct-i" : null)
                    .append("districtId", "bd" + park % 4).append("district", "区" + park % 4)
                    .append("streetId", "bs" + park % 20).append("street", "街道" + park % 20)
                    .append("parkId", "bp" + park).append("park", "园区" + park)
                    .append("buildingId", i % 2 == 0 ? "bb" + (i % 400) : null).append("building", i % 2 == 0 ? "楼宇" + (i % 400) : null)
                    .append("version", 1L).append("revision", "r");
            CoverageRules.Links links = new CoverageRules.Links(random.nextDouble() < ownShare ? 1 : 0, random.nextInt(10) == 0 ? 1 : 0, 0,
                    random.nextInt(6), random.nextInt(4) == 0 ? now.minusSeconds(86_400L * random.nextInt(120)) : null);
            CoverageRules.Facts f = CoverageRules.evaluate(CoverageProjector.enterprise(facts), links, now, properties.settings());
            facts.putAll(CoverageProjector.derived(f));
            facts.append("listed", CoverageProjector.listing(facts, f)).append("factsSeq", 1L);
            facts.append("counted", new Document("keys", new ArrayList<>(CoverageRules.scopeKeys(alliance, facts.getString("districtId"),
                    facts.getString("streetId"), facts.getString("parkId"), facts.getString("buildingId"))))
                    .append("counters", new Document(f.counters())));
            batch.add(facts);
        }
        Scope scope = Scope.system(alliance, null);
        Flux.fromIterable(batch).flatMap(d -> store.facts.insert(Scope.system(alliance, d.getString("_id")), d), 8).blockLast();
        long inserted = System.nanoTime();
        long corrected = maintenance.reconcile(alliance).block();
        long reconciled = System.nanoTime();
        Map<?, ?> whole = coverage(admin, "");
        System.out.printf("BENCH alliance: %s enterprises, %s in scope, %s organisation-covered, %s should establish%n",
                whole.get("enterprises"), whole.get("inScope"), whole.get("organisationCovered"), whole.get("shouldEstablishCount"));
        System.out.printf("BENCH seeded %d facts in %.1f s; reconcile built %d scope totals and should-establish entries in %.2f s%n", n,
                (inserted - t0) / 1e9, corrected, (reconciled - inserted) / 1e9);

        Scope adminScope = Scope.of(cn.lianmeng.platform.security.Caller.fromJwt(
                org.springframework.security.oauth2.jwt.Jwt.withTokenValue("x").header("alg", "none").subject("s")
                        .claim("aid", alliance).claim("roles", List.of("ALLIANCE_ADMIN")).build()));
        time("piece: totals by id", () -> store.totals.findById(adminScope, CoverageProjector.totalsId(alliance, ScopeType.ALLIANCE.key(alliance))).block());
        time("piece: should-establish top 50 (alliance)", () -> store.facts.find(adminScope,
                com.mongodb.client.model.Filters.eq("facets.shouldEstablish", true), com.mongodb.client.model.Sorts.ascending("name", "_id"), 0, 50).collectList().block());
        time("piece: should-establish count (alliance)", () -> store.facts.count(adminScope,
                com.mongodb.client.model.Filters.eq("facets.shouldEstablish", true)).block());
        time("piece: should-establish top 50 (park)", () -> store.facts.find(adminScope, com.mongodb.client.model.Filters.and(
                com.mongodb.client.model.Filters.eq("parkId", "bp7"), com.mongodb.client.model.Filters.eq("facets.shouldEstablish", true)),
                com.mongodb.client.model.Sorts.ascending("name", "_id"), 0, 50).collectList().block());
        String parkStaff = staff("bench-staff", List.of("bp7"), List.of());
        time("alliance (admin)", () -> coverage(admin, ""));
        time("park (admin)", () -> coverage(admin, "?scopeType=PARK&scopeId=bp7"));
        time("district (admin)", () -> coverage(admin, "?scopeType=DISTRICT&scopeId=bd1"));
        time("park (district staff)", () -> coverage(parkStaff, "?scopeType=PARK&scopeId=bp7"));
        time("patch (district staff, totals)", () -> coverage(parkStaff, ""));
        time("list page shouldEstablish (alliance)", () -> list(admin, "?facet=shouldEstablish&size=20"));
        time("list page inScope (alliance, scans facts)", () -> list(admin, "?facet=inScope&size=20"));
        time("district (district staff, aggregated)", () -> coverage(parkStaff, "?scopeType=DISTRICT&scopeId=bd3"));
        time("reconcile (20k facts)", () -> maintenance.reconcile(alliance).block());
        Api.get(web, admin, "/api/org/coverage").expectStatus().isOk();
    }

    private static void time(String what, Supplier<?> call) {
        for (int i = 0; i < 20; i++) {
            call.get();
        }
        int runs = what.startsWith("reconcile") ? 10 : 200;
        long[] t = new long[runs];
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            call.get();
            t[i] = System.nanoTime() - a;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(t);
        System.out.printf("BENCH %-40s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d sequential requests, %.0f req/s)%n", what,
                t[runs / 2] / 1e6, t[(int) (runs * 0.95)] / 1e6, t[Math.min(runs - 1, (int) (runs * 0.99))] / 1e6, runs, runs / seconds);
    }
}
