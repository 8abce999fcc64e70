package cn.lianmeng.org.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.region.BuildingService;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.ParkService;
import cn.lianmeng.org.region.RegionDemo;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The demo locations and staff load through the services, twice without duplicates, and the demo staff see their patch. */
@OrgIntegrationTest
class LocationDemoIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    RegionService regions;
    @Autowired
    ParkService parks;
    @Autowired
    BuildingService buildings;
    @Autowired
    StaffService staff;
    @Autowired
    AccountStore accounts;

    @Test
    void demoLocationsAndStaffLoadOnceAndScopeTheStaff() {
        Api.AllianceAdmin alliance = Api.newAlliance(web, "演示区域联盟");
        Caller loader = new Caller("demo-loader", "demo-loader", "演示数据", alliance.allianceId(), null, Set.of(Role.ALLIANCE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
        for (int run = 0; run < 2; run++) {
            LocationCatalogue catalogue = RegionDemo.seed(regions, parks, buildings, loader).block(Duration.ofSeconds(60));
            StaffDemo.seed(staff, accounts, catalogue, loader, "Demo@2026").block(Duration.ofSeconds(60));
            assertThat(catalogue.regionCount()).isEqualTo(4 + 13 + 10);
            assertThat(catalogue.parkCount()).isEqualTo(4);
            assertThat(catalogue.buildingCount()).isEqualTo(9);
        }
        String admin = alliance.token();
        Api.get(web, admin, "/api/org/regions?level=DISTRICT").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(4)
                .jsonPath("$.content[?(@.name == '浦东新区')].code").isEqualTo("310115");
        Api.get(web, admin, "/api/org/buildings?size=100").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(9)
                .jsonPath("$.content[?(@.name == '上海中心大厦')].park").isEqualTo("陆家嘴金融城")
                .jsonPath("$.content[?(@.name == '上海中心大厦')].street").isEqualTo("陆家嘴街道");
        Api.get(web, admin, "/api/org/staff").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.content[?(@.username == 'demo-staff03')].buildings.length()").isEqualTo(2);

        String staff01 = Api.login(web, "demo-staff01", "Demo@2026");
        Api.get(web, staff01, "/api/org/staff/me").expectStatus().isOk().expectBody()
                .jsonPath("$.parks[0].name").isEqualTo("陆家嘴金融城").jsonPath("$.name").isEqualTo("王建国");

        LocationCatalogue catalogue = regions.catalogue(cn.lianmeng.platform.data.Scope.of(loader)).block(Duration.ofSeconds(10));
        RegionDemo.DemoPlace lujiazui = RegionDemo.placeFor("陆家嘴街道", 0).orElseThrow();
        assertThat(lujiazui.buildingId(catalogue)).isEqualTo(catalogue.building("上海中心大厦").orElseThrow().id());
        assertThat(lujiazui.parkId(catalogue)).isEqualTo(catalogue.park("陆家嘴金融城").orElseThrow().id());
        RegionDemo.DemoPlace hanglung = RegionDemo.placeFor("南京西路街道", 0).orElseThrow();
        assertThat(hanglung.parkId(catalogue)).isNull();
        assertThat(RegionDemo.placeFor("陆家嘴街道", 3)).isEmpty();
        assertThat(RegionDemo.placeFor("莘庄镇", 0)).isEmpty();
    }
}
