package cn.lianmeng.org.demo;

import java.time.Duration;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The local demo data loads through the real services, twice without duplicating anything, and is usable by its logins. */
@OrgIntegrationTest
class DemoDataIntegrationTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        // its own database: other tests seed demo-like usernames (demo-staff01 …) into their own alliances
        registry.add("spring.mongodb.uri", () -> cn.lianmeng.platform.testing.EmbeddedMongo.uri("org_demo_it"));
    }

    @Autowired
    WebTestClient web;
    @Autowired
    ApplicationContext context;

    private DemoData loader() {
        return context.getAutowireCapableBeanFactory().createBean(DemoData.class);
    }

    @Test
    void loadsARealisticAllianceOnceAndItsLoginsWork() {
        loader().load().block(Duration.ofMinutes(3));
        loader().load().block(Duration.ofMinutes(3)); // a restart: nothing twice

        String admin = Api.login(web, "demo-admin", DemoData.PASSWORD);
        Map<?, ?> page = Api.get(web, admin, "/api/org/enterprises?size=100").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) page.get("totalElements")).intValue()).isEqualTo(DemoData.ENTERPRISES.size());
        Map<?, ?> orgs = Api.get(web, admin, "/api/org/organisations?size=100").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) orgs.get("totalElements")).intValue()).isGreaterThan(20);

        // district staff see their patch only: fewer enterprises than the alliance, and at least one
        String staff = Api.login(web, "demo-staff01", DemoData.PASSWORD);
        Map<?, ?> patch = Api.get(web, staff, "/api/org/enterprises?size=100").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) patch.get("totalElements")).intValue()).isBetween(1, DemoData.ENTERPRISES.size() - 1);

        // the ledger has visits and tasks, loaded once although the loader ran twice; some overdue, one done
        Map<?, ?> tasks = Api.get(web, admin, "/api/org/ledger/tasks?size=100").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) tasks.get("totalElements")).intValue()).isEqualTo(8);
        Map<?, ?> overdue = Api.get(web, admin, "/api/org/ledger/tasks?overdue=true").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) overdue.get("totalElements")).intValue()).isPositive();

        // an enterprise admin sees its own tree
        String ent = Api.login(web, "demo-ent01", DemoData.PASSWORD);
        Api.get(web, ent, "/api/org/organisations/tree").expectStatus().isOk();
    }
}
