package cn.lianmeng.org.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.importer.EnterpriseImportDemo;
import cn.lianmeng.org.region.BuildingService;
import cn.lianmeng.org.region.ParkService;
import cn.lianmeng.org.region.RegionDemo;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The demo seeds of this area work against the demo locations: applications (pending and rejected) and the example import. */
@OrgIntegrationTest
class EnterpriseDemoSeedIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    RegionService regions;
    @Autowired
    ParkService parks;
    @Autowired
    BuildingService buildings;
    @Autowired
    OnboardingService onboarding;

    @Test
    void applicationsAndTheExampleImportSeedOnceOnTheDemoLocations() {
        Api.AllianceAdmin alliance = Api.newAlliance(web, "演示种子联盟");
        String code = Api.get(web, alliance.token(), "/api/org/alliances/" + alliance.allianceId()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("code").toString();
        Caller loader = new Caller("demo-loader", "demo-loader", "演示数据", alliance.allianceId(), null, Set.of(Role.ALLIANCE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
        RegionDemo.seed(regions, parks, buildings, loader).block(Duration.ofSeconds(60));

        OnboardingDemo.seed(onboarding, loader, code).block(Duration.ofSeconds(60));
        OnboardingDemo.seed(onboarding, loader, code).block(Duration.ofSeconds(60));
        String uri = "/api/org/onboarding/applications";
        Api.get(web, alliance.token(), uri + "?status=SUBMITTED").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(3);
        Api.get(web, alliance.token(), uri + "?status=REJECTED").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].reason").exists();
        Api.get(web, alliance.token(), uri + "?status=SUBMITTED&sort=enterpriseName").expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.source == 'INVITED')]").exists();

        WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        byte[] example = EnterpriseImportDemo.exampleWorkbook();
        Map<?, ?> report = Api.upload(patient, alliance.token(), "/api/org/enterprises/import", "成员单位导入示例.xlsx", example)
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(report.get("imported")).isEqualTo(8);
        assertThat(report.get("rejected")).isEqualTo(2);
        assertThat((List<?>) report.get("errors")).extracting(e -> ((Map<?, ?>) e).get("row") + " " + ((Map<?, ?>) e).get("field"))
                .containsExactly("10 统一社会信用代码", "11 街道");
        Map<?, ?> again = Api.upload(patient, alliance.token(), "/api/org/enterprises/import", "成员单位导入示例.xlsx", example)
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(again.get("imported")).isEqualTo(0);
        // an imported enterprise in a building inside a park gets the park too
        Api.get(web, alliance.token(), "/api/org/enterprises?q=上海漕河泾芯片").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].park").isEqualTo("漕河泾开发区");
    }
}
