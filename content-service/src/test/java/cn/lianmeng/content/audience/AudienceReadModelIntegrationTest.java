package cn.lianmeng.content.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Events;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.Tokens;
import cn.lianmeng.content.support.World;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The read models fed through the real broker: order-safe, idempotent, and audience keys that follow the org tree. */
class AudienceReadModelIntegrationTest extends ContentTestBase {

    @Autowired
    Members members;

    private Map<String, Object> memberBody(String alliance, String member, String tenant, String org, List<String> ancestors,
                                           String name, List<String> roles, long version) {
        Map<String, Object> body = new HashMap<>();
        body.put("memberId", member);
        body.put("allianceId", alliance);
        body.put("tenantId", tenant);
        body.put("enterpriseId", tenant);
        body.put("orgId", org);
        body.put("orgAncestors", ancestors);
        body.put("name", name);
        body.put("status", "FULL");
        body.put("officerRoles", roles);
        body.put("accountId", "acct-" + member);
        body.put("active", true);
        body.put("version", version);
        body.put("futureField", Map.of("ignored", true));
        return body;
    }

    private Document awaitMember(String alliance, String member, java.util.function.Predicate<Document> condition) {
        Document[] found = new Document[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found[0] = members.find(alliance, member).block();
            return found[0] != null && condition.test(found[0]);
        });
        return found[0];
    }

    @Test
    void outOfOrderAndDuplicateMemberEventsLeaveTheNewestStateAndKeysFollowOrganisationMoves() {
        World.Alliance a = world.alliance();
        Events events = world.events();
        String tenant = a.enterprise("上海申通物流发展有限公司", null, null);
        String root = a.org(tenant, "申通党委", "COMMITTEE", null, List.of());
        String branch = a.org(tenant, "运输党支部", "BRANCH", null, List.of());
        String member = World.id("m");

        // v2 (a secretary) overtakes v1 (no role) on the wire; v2 is then redelivered
        Events.Sent v2 = events.publish(events.event(TopicsConfiguration.MEMBERS, "MemberUpdated", member, a.id, tenant,
                memberBody(a.id, member, tenant, branch, List.of(), "孙七", List.of("SECRETARY"), 2)));
        events.publish(events.event(TopicsConfiguration.MEMBERS, "MemberJoined", member, a.id, tenant,
                memberBody(a.id, member, tenant, branch, List.of(), "孙七", List.of(), 1)));
        events.publish(v2);
        // a sentinel behind them on the same (single) partition: once it is stored, the three before it were handled
        String sentinel = World.id("m");
        events.publish(events.event(TopicsConfiguration.MEMBERS, "MemberJoined", sentinel, a.id, tenant,
                memberBody(a.id, sentinel, tenant, branch, List.of(), "哨兵", List.of(), 1)));
        awaitMember(a.id, sentinel, d -> d.get("keys") != null);
        Document stored = members.find(a.id, member).block();
        assertThat(stored.get("version", Number.class).longValue()).isEqualTo(2);
        assertThat(stored.getList("keys", String.class)).contains("T:" + tenant, "O:" + branch, "O:" + branch + "#SECRETARY")
                .doesNotContain("O:" + root);

        // the branch moves under the committee: its members' keys now name the committee too
        Map<String, Object> moved = new HashMap<>();
        moved.put("orgId", branch);
        moved.put("allianceId", a.id);
        moved.put("tenantId", tenant);
        moved.put("name", "运输党支部");
        moved.put("kind", "BRANCH");
        moved.put("parentId", root);
        moved.put("ancestors", List.of(root));
        moved.put("officers", List.of(Map.of("memberId", member, "name", "孙七", "role", "SECRETARY")));
        moved.put("status", "ACTIVE");
        moved.put("version", 5);
        events.publish(events.event(TopicsConfiguration.ORGANISATIONS, "OrganisationMoved", branch, a.id, tenant, moved));
        awaitMember(a.id, member, d -> d.getList("keys", String.class, List.of()).contains("O:" + root));

        // the enterprise moves into a park: members' keys gain the park
        Map<String, Object> enterprise = new HashMap<>();
        enterprise.put("enterpriseId", tenant);
        enterprise.put("allianceId", a.id);
        enterprise.put("name", "上海申通物流发展有限公司");
        enterprise.put("status", "ACTIVE");
        enterprise.put("parkId", "park-77");
        enterprise.put("version", 9);
        events.publish(events.event(TopicsConfiguration.ENTERPRISES, "EnterpriseUpdated", tenant, a.id, tenant, enterprise));
        awaitMember(a.id, member, d -> d.getList("keys", String.class, List.of()).contains("P:park-77"));

        String id = Publishing.publish(web, a.id, Publishing.item("NOTICE", "园区通知", Map.of("parkIds", List.of("park-77"))));
        assertThat(Publishing.feedIds(web, a.memberToken(member, tenant, branch))).containsExactly(id);
    }

    @Test
    void staffReassignmentChangesWhatTheyReadWithoutANewToken() {
        World.Alliance a = world.alliance();
        String tenant = a.enterprise("上海北辰物业服务有限公司", "park-A", null);
        String parkA = Publishing.publish(web, a.id, Publishing.item("NEWS", "A园区动态", Map.of("parkIds", List.of("park-A"))));
        String parkB = Publishing.publish(web, a.id, Publishing.item("NEWS", "B园区动态", Map.of("parkIds", List.of("park-B"))));
        String token = Tokens.account("staff-x-" + a.id).alliance(a.id).parks("park-A").roles(cn.lianmeng.platform.security.Role.DISTRICT_STAFF).token();
        assertThat(Publishing.feedIds(web, token)).containsExactly(parkA);
        Events events = world.events();
        events.publish(events.event(TopicsConfiguration.STAFF, "StaffAssignmentChanged", "staff-x-" + a.id, a.id, null,
                Map.of("accountId", "staff-x-" + a.id, "allianceId", a.id, "name", "挂联干部", "parkIds", List.of("park-B"),
                        "buildingIds", List.of(), "version", 3)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Publishing.feedIds(web, token)).containsExactly(parkB));
        assertThat(tenant).isNotBlank();
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheNextOneStillArrives() {
        World.Alliance a = world.alliance();
        Events events = world.events();
        String tenant = a.enterprise("上海恒信会计师事务所", null, null);
        String org = a.org(tenant, "恒信党支部", "BRANCH", null, List.of());
        events.publish(events.event(TopicsConfiguration.MEMBERS, "MemberJoined", "bad", a.id, tenant, Map.of("memberId", "bad")));
        String member = World.id("m");
        events.publish(events.event(TopicsConfiguration.MEMBERS, "MemberJoined", member, a.id, tenant,
                memberBody(a.id, member, tenant, org, List.of(), "周八", List.of(), 1)));
        awaitMember(a.id, member, d -> d.getList("keys", String.class, List.of()).contains("O:" + org));
    }
}
