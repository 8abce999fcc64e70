package cn.lianmeng.activity.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.OrgEvents;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;

/** The read models of org events: through Kafka, idempotent, order-safe per aggregate, tenant moves in place. */
class DirectoryReadModelTest extends ActivityTestBase {

    @Test
    void organisationsAndMembersArriveThroughKafka() {
        String tenant = World.tenant();
        String orgId = "o-" + UUID.randomUUID();
        String memberId = "m-" + UUID.randomUUID();
        events.publish(OrgDirectory.ORGANISATION_TOPIC, "OrganisationCreated", orgId, world.alliance, tenant,
                OrgEvents.organisation(orgId, world.alliance, tenant, "第一党支部", "BRANCH", null, List.of(), "ACTIVE", 1));
        events.publish(OrgDirectory.MEMBER_TOPIC, "MemberJoined", memberId, world.alliance, tenant,
                OrgEvents.member(memberId, world.alliance, tenant, orgId, List.of(), "张三", "FULL", true, 1));
        String admin = world.allianceAdmin();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> get(admin, "/organisations/{id}", orgId).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("第一党支部").jsonPath("$.kind").isEqualTo("BRANCH"));
        String member = Tokens.member(world.alliance, tenant, memberId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> get(member, "/me").expectStatus().isOk()
                .expectBody().jsonPath("$.orgId").isEqualTo(orgId).jsonPath("$.status").isEqualTo("FULL"));
    }

    @Test
    void anOlderOrDuplicateEventNeverOverwritesANewerOne() {
        String tenant = World.tenant();
        String orgId = "o-" + UUID.randomUUID();
        Map<String, Object> v1 = OrgEvents.organisation(orgId, world.alliance, tenant, "旧名称支部", "BRANCH", null, List.of(), "ACTIVE", 1);
        Map<String, Object> v2 = OrgEvents.organisation(orgId, world.alliance, tenant, "新名称支部", "BRANCH", null, List.of(), "ACTIVE", 2);
        events.apply(OrgDirectory.ORGANISATION_TOPIC, "OrganisationRenamed", orgId, world.alliance, tenant, v2);
        events.apply(OrgDirectory.ORGANISATION_TOPIC, "OrganisationCreated", orgId, world.alliance, tenant, v1);
        events.apply(OrgDirectory.ORGANISATION_TOPIC, "OrganisationRenamed", orgId, world.alliance, tenant, v2);
        get(world.allianceAdmin(), "/organisations/{id}", orgId).expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("新名称支部").jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void aMemberTransferredToAnotherTenantIsUpdatedInPlaceAndLeavingDeactivates() {
        World.Org from = world.org(World.tenant(), "甲单位支部", "BRANCH");
        World.Org to = world.org(World.tenant(), "乙单位支部", "BRANCH");
        String memberId = world.member(from, "PROBATIONARY");
        events.apply(OrgDirectory.MEMBER_TOPIC, "MemberTransferred", memberId, world.alliance, to.tenant(),
                OrgEvents.member(memberId, world.alliance, to.tenant(), to.id(), List.of(), "李四", "FULL", true, 2));
        get(Tokens.member(world.alliance, to.tenant(), memberId), "/me").expectStatus().isOk().expectBody()
                .jsonPath("$.orgId").isEqualTo(to.id()).jsonPath("$.tenantId").isEqualTo(to.tenant())
                .jsonPath("$.status").isEqualTo("FULL").jsonPath("$.version").isEqualTo(2);
        events.apply(OrgDirectory.MEMBER_TOPIC, "MemberLeft", memberId, world.alliance, to.tenant(),
                OrgEvents.member(memberId, world.alliance, to.tenant(), to.id(), List.of(), "李四", "FULL", true, 3));
        get(Tokens.member(world.alliance, to.tenant(), memberId), "/me").expectStatus().isOk().expectBody()
                .jsonPath("$.active").isEqualTo(false);
    }

    @Test
    void organisationsOfAnotherAllianceAreUnknownAndMembersCannotBrowseTheDirectory() {
        World.Org org = world.org(World.tenant(), "某支部", "BRANCH");
        get(Tokens.allianceAdmin("a-other"), "/organisations/{id}", org.id()).expectStatus().isNotFound();
        get(Tokens.member(world.alliance, org.tenant(), "m-x"), "/organisations").expectStatus().isForbidden();
        Map<String, Object> page = body(get(world.enterpriseAdmin(World.tenant()), "/organisations?q={q}", "某").expectStatus().isOk());
        assertThat(content(page)).extracting(m -> m.get("id")).containsExactly(org.id());
        get(null, "/organisations").expectStatus().isUnauthorized();
    }
}
