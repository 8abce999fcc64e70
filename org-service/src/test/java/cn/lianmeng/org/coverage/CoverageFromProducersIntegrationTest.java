package cn.lianmeng.org.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The coverage consumer against org-service's real producers: regions and enterprises created through their HTTP API
 * leave through the outbox on {@code org.region.v1} and {@code org.enterprise.v1}, and the coverage answers follow.
 */
class CoverageFromProducersIntegrationTest extends CoverageTestBase {

    @Autowired
    AccountStore accounts;

    @Test
    void enterprisesRegisteredSuspendedAndGivenAnInstructorThroughTheApiShowInCoverage() {
        Api.AllianceAdmin a = Api.newAlliance(web, "覆盖联调联盟");
        alliance = a.allianceId();
        admin = a.token();
        Api.Locations places = Api.standardLocations(web, admin);

        Map<String, Object> inBuilding = new HashMap<>(Api.enterprise("联调创新大厦科技有限公司", Api.newCreditCode()));
        inBuilding.put("building", "创新大厦");
        inBuilding.put("partyMemberCount", 4);
        Map<?, ?> first = register(inBuilding);
        Map<String, Object> small = new HashMap<>(Api.enterprise("联调小微企业", Api.newCreditCode()));
        small.put("staffCount", 6);
        register(small);
        Map<String, Object> shell = new HashMap<>(Api.enterprise("联调空壳企业", Api.newCreditCode()));
        shell.put("operatingStatus", "SHELL");
        register(shell);
        Map<?, ?> suspended = register(new HashMap<>(Api.enterprise("联调暂停企业", Api.newCreditCode())));
        Api.post(web, admin, "/api/org/enterprises/" + suspended.get("id") + "/suspend", Map.of("reason", "停业整顿")).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> c = coverage(admin, "");
            assertThat(c.get("enterprises")).isEqualTo(4);
            assertThat(c.get("inScope")).isEqualTo(1);
            assertThat(c.get("shouldEstablishCount")).isEqualTo(1);
        });
        // the park came from the building; names come from the region events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> park = coverage(admin, "?scopeType=PARK&scopeId=" + places.parkId());
            assertThat(park.get("scopeName")).isEqualTo("张江科学城");
            assertThat(park.get("inScope")).isEqualTo(1);
        });
        Map<?, ?> empty = coverage(admin, "?scopeType=PARK&scopeId=" + places.otherParkId());
        assertThat(empty.get("scopeName")).isEqualTo("漕河泾开发区");
        assertThat(empty.get("enterprises")).isEqualTo(0);
        assertThat(coverage(admin, "?scopeType=DISTRICT&scopeId=" + places.districtId()).get("enterprises")).isEqualTo(4);

        // an instructor assigned through the enterprise API makes it work-covered
        String staffId = accounts.insert(Scope.system(alliance, null), new AccountStore.NewAccount("cov-instructor-" + System.nanoTime(),
                null, "赵指导员", "{noop}x", List.of(Role.DISTRICT_STAFF), alliance, null, false), Instant.now()).block();
        Api.put(web, admin, "/api/org/enterprises/" + first.get("id") + "/instructor", Map.of("accountId", staffId, "version", 1))
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(coverage(admin, "").get("workCovered")).isEqualTo(1));
        Map<?, ?> row = (Map<?, ?>) ((List<?>) list(admin, "?facet=workCovered").get("content")).get(0);
        assertThat(row.get("instructorName")).isEqualTo("赵指导员");
        assertThat(row.get("buildingId")).isEqualTo(places.buildingId());

        // organisations through the organisation API (org.organisation.v1): its own branch, and a joint branch of two more
        Map<?, ?> lead = register(new HashMap<>(Api.enterprise("联调联合牵头有限公司", Api.newCreditCode())));
        Map<?, ?> partner = register(new HashMap<>(Api.enterprise("联调联合成员有限公司", Api.newCreditCode())));
        String firstAdmin = cn.lianmeng.platform.testing.TestTokens.enterpriseAdmin(alliance, first.get("id").toString());
        Api.post(web, firstAdmin, "/api/org/organisations", Map.of("name", "联调创新大厦科技有限公司党支部", "kind", "BRANCH"))
                .expectStatus().isCreated();
        String leadAdmin = cn.lianmeng.platform.testing.TestTokens.enterpriseAdmin(alliance, lead.get("id").toString());
        Api.post(web, leadAdmin, "/api/org/organisations", Map.of("name", "联调联合党支部", "kind", "JOINT_BRANCH",
                "coveredEnterpriseIds", List.of(lead.get("id"), partner.get("id")))).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> c = coverage(admin, "");
            assertThat(c.get("inScope")).isEqualTo(3);
            assertThat(c.get("organisationCovered")).isEqualTo(3);
            assertThat(c.get("singleEstablished")).isEqualTo(1);
            assertThat(c.get("shouldEstablishCount")).isEqualTo(0);
        });
        Map<?, ?> ledger = Api.get(web, admin, "/api/org/ledger/enterprises/" + partner.get("id")).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> org = (Map<?, ?>) ((List<?>) ledger.get("organisations")).get(0);
        assertThat(org.get("name")).isEqualTo("联调联合党支部");
        assertThat(org.get("relation")).isEqualTo("JOINT");
    }

    private Map<?, ?> register(Map<String, Object> body) {
        return Api.post(web, admin, "/api/org/enterprises", body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }
}
