package cn.lianmeng.org.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.org.member.MemberDemoData;
import cn.lianmeng.org.member.MemberFixtures;
import cn.lianmeng.org.member.MemberService;
import cn.lianmeng.org.member.OrganisationDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The demo seeding methods the lead's DemoData calls: realistic members and transfers, and safe to run twice. */
@OrgIntegrationTest
class DemoSeedIntegrationTest {


    @Autowired
    WebTestClient web;
    @Autowired
    MongoAccess mongo;
    @Autowired
    TokenIssuer tokenIssuer;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    TransferService transfers;
    @Autowired
    TransferStore store;
    @Autowired
    MemberService members;
    @Autowired
    OrganisationDirectory organisations;
    @Autowired
    IdentityService identity;
    @Autowired
    AuditLog audit;
    @Autowired
    Clock clock;

    @Test
    void seedsMembersWithEveryTraitAndTwoTransfersOnce() {
        MemberFixtures fx = new MemberFixtures(web, mongo, tokenIssuer, outbox, relay, broker);
        String alliance = MemberFixtures.newAlliance();
        String a = fx.enterprise(alliance, "上海演示甲有限公司", null);
        String b = fx.enterprise(alliance, "上海演示乙有限公司", null);
        String c = fx.enterprise(alliance, "上海演示丙有限公司", null);
        String committee = fx.organisation(alliance, a, "甲公司党委", "COMMITTEE", "SINGLE", null);
        fx.branch(alliance, a, "甲公司第一党支部", committee);
        fx.branch(alliance, a, "甲公司第二党支部", committee);
        fx.branch(alliance, b, "乙公司党支部", null);
        fx.organisation(alliance, c, "丙丁联合党支部", "JOINT_BRANCH", "JOINT", null, c, "tenant-d");
        fx.organisation(alliance, null, "园区挂靠党支部", "BRANCH", "AFFILIATED", null, c);

        List<String> seeded = MemberDemoData.seed(members, organisations, identity, alliance, clock).block(Duration.ofMinutes(2));
        assertThat(seeded).hasSize(3 + 4 + 5 + 6 + 7);
        assertThat(MemberDemoData.seed(members, organisations, identity, alliance, clock).block(Duration.ofMinutes(2))).isEmpty();

        String admin = fx.allianceAdmin(alliance);
        Map<?, ?> all = Api.get(web, admin, "/api/org/members?size=100").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(all.get("totalElements")).isEqualTo(25);
        assertThat(Api.get(web, admin, "/api/org/members?status=PROBATIONARY").expectBody(Map.class).returnResult()
                .getResponseBody().get("totalElements")).isNotEqualTo(0);
        assertThat(Api.get(web, admin, "/api/org/members?transferDue=true").expectBody(Map.class).returnResult()
                .getResponseBody().get("totalElements")).isNotEqualTo(0);
        assertThat(Api.get(web, admin, "/api/org/members?flag=LOST_CONTACT").expectBody(Map.class).returnResult()
                .getResponseBody().get("totalElements")).isNotEqualTo(0);
        String token = Api.login(web, "demo-member01", MemberDemoData.PASSWORD);
        Api.get(web, token, "/api/org/members/me").expectStatus().isOk();

        TransferDemoData.seed(transfers, store, members, organisations, outbox, relay, audit, clock, alliance, seeded).block(Duration.ofMinutes(1));
        TransferDemoData.seed(transfers, store, members, organisations, outbox, relay, audit, clock, alliance, seeded).block(Duration.ofMinutes(1));
        Api.get(web, admin, "/api/org/transfers").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2)
                .jsonPath("$.content[?(@.overdue == true)]").value(o -> assertThat((List<?>) o).hasSize(1))
                .jsonPath("$.content[?(@.fromTenantId != @.toTenantId)]").value(o -> assertThat((List<?>) o).hasSize(2));
    }
}
