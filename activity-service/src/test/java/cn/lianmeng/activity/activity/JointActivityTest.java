package cn.lianmeng.activity.activity;

import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Published;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * A joint activity across three enterprises: invitations, accept/decline, who sees it, the audience, and
 * attendance per participating organisation (host sees all, each participant its own).
 */
class JointActivityTest extends ActivityTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    @SuppressWarnings("unchecked")
    void invitedOrganisationsAcceptOrDeclineAndOnlyParticipantsSeeIt() {
        String ta = World.tenant();
        String tb = World.tenant();
        String tc = World.tenant();
        String td = World.tenant();
        World.Org a = world.org(ta, "甲公司党支部", "BRANCH");
        World.Org b = world.org(tb, "乙公司党支部", "BRANCH");
        World.Org c = world.org(tc, "丙公司党支部", "BRANCH");
        World.Org d = world.org(td, "丁公司党支部", "BRANCH");
        String memberA = world.member(a, "FULL");
        String memberB = world.member(b, "FULL");
        String memberB2 = world.member(b, "PROBATIONARY");
        String memberC = world.member(c, "FULL");
        String memberD = world.member(d, "FULL");
        String adminA = world.enterpriseAdmin(ta);
        String adminB = world.enterpriseAdmin(tb);
        String adminC = world.enterpriseAdmin(tc);
        String adminD = world.enterpriseAdmin(td);

        World other = new World(events);
        World.Org foreign = other.org(World.tenant(), "外联盟支部", "BRANCH");
        Map<String, Object> joint = with(meeting(a.id(), "JOINT", 10), "title", "三企业联建：共学党的二十届四中全会精神",
                "invitedOrgIds", List.of(b.id(), foreign.id()));
        post(adminA, "/activities", joint).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("invitedOrgIds[1]");
        post(adminA, "/activities", with(joint, "invitedOrgIds", List.of())).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("invitedOrgIds");

        Map<String, Object> created = body(post(adminA, "/activities", with(joint, "invitedOrgIds", List.of(b.id(), c.id())))
                .expectStatus().isCreated());
        String id = created.get("id").toString();
        assertThat(created.get("joint")).isEqualTo(true);
        assertThat((List<Map<String, Object>>) created.get("participants")).extracting(p -> p.get("status"))
                .containsExactly("ACCEPTED", "INVITED", "INVITED");

        // invited sides see it; an uninvited tenant and another alliance do not
        get(adminB, "/activities/{id}", id).expectStatus().isOk();
        get(adminC, "/activities/{id}", id).expectStatus().isOk();
        get(adminD, "/activities/{id}", id).expectStatus().isNotFound();
        get(other.allianceAdmin(), "/activities/{id}", id).expectStatus().isNotFound();
        // invited but not yet accepted: its members are not in the audience yet
        get(world.memberToken(b, memberB), "/activities/{id}", id).expectStatus().isNotFound();

        post(adminD, "/activities/{id}/invitations/{org}/accept", null, id, b.id()).expectStatus().isNotFound();
        post(adminC, "/activities/{id}/invitations/{org}/accept", null, id, b.id()).expectStatus().isForbidden();
        post(adminB, "/activities/{id}/invitations/{org}/accept", null, id, b.id()).expectStatus().isOk();
        post(adminC, "/activities/{id}/invitations/{org}/decline", Map.of("reason", "时间冲突"), id, c.id()).expectStatus().isOk();

        get(adminC, "/activities/{id}", id).expectStatus().isNotFound();
        get(world.memberToken(c, memberC), "/activities/{id}", id).expectStatus().isNotFound();
        get(world.memberToken(d, memberD), "/activities/{id}", id).expectStatus().isNotFound();
        get(world.memberToken(b, memberB), "/activities/{id}", id).expectStatus().isOk();
        get(world.memberToken(a, memberA), "/activities/{id}", id).expectStatus().isOk();
        Map<String, Object> listB = body(get(world.memberToken(b, memberB), "/activities").expectStatus().isOk());
        assertThat(content(listB)).extracting(m -> m.get("id")).contains(id);

        // check-in from both enterprises; a declined one is outside the audience
        String code = body(get(adminA, "/activities/{id}/checkin-code", id).expectStatus().isOk()).get("code").toString();
        post(world.memberToken(a, memberA), "/activities/{id}/checkin", Map.of("code", code), id).expectStatus().isOk();
        post(world.memberToken(b, memberB), "/activities/{id}/checkin", Map.of("code", code), id).expectStatus().isOk();
        post(world.memberToken(c, memberC), "/activities/{id}/checkin", Map.of("code", code), id).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("活动不存在，或您不在本次活动的参加范围内");

        clock.shift(Duration.ofMinutes(15));
        Map<String, Object> held = body(post(adminA, "/activities/{id}/hold", null, id).expectStatus().isOk());
        List<Map<String, Object>> orgs = (List<Map<String, Object>>) ((Map<String, Object>) held.get("attendance")).get("organisations");
        assertThat(orgs).extracting(o -> o.get("orgId")).containsExactlyInAnyOrder(a.id(), b.id());
        Map<String, Object> bFigures = orgs.stream().filter(o -> o.get("orgId").equals(b.id())).findFirst().orElseThrow();
        assertThat(bFigures).containsEntry("present", 1).containsEntry("absent", 1).containsEntry("fullMembers", 1).containsEntry("fullPresent", 1);

        // each participant sees its own attendance, the initiator everyone's
        Map<String, Object> asB = body(get(adminB, "/activities/{id}", id).expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) asB.get("attendance")).get("organisations"))
                .extracting(o -> o.get("orgId")).containsExactly(b.id());
        Map<String, Object> recordsB = body(get(adminB, "/activities/{id}/attendance", id).expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) recordsB.get("records")).get("content"))
                .extracting(r -> r.get("memberId")).containsExactly(memberB);
        Map<String, Object> recordsA = body(get(adminA, "/activities/{id}/attendance", id).expectStatus().isOk());
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) recordsA.get("records")).get("content"))
                .extracting(r -> r.get("memberId")).containsExactlyInAnyOrder(memberA, memberB);
        get(world.memberToken(b, memberB2), "/activities/{id}/attendance", id).expectStatus().isForbidden();

        try (Published published = new Published(broker, json, ActivityEvents.TOPIC)) {
            Published.Event heldEvent = published.await(e -> id.equals(e.key()) && "ActivityHeld".equals(e.type()), 1).get(0);
            assertThat((List<String>) heldEvent.body().get("reachedEnterpriseIds")).containsExactlyInAnyOrder(ta, tb);
            assertThat(heldEvent.body().get("tenantId")).isEqualTo(ta);
        }
    }

    @Test
    void invitingLaterAndTheAudienceOfAnAcceptedOrganisationIncludesItsSubtree() {
        String ta = World.tenant();
        String tb = World.tenant();
        World.Org a = world.org(ta, "甲党委", "COMMITTEE");
        World.Org b = world.org(tb, "乙党委", "COMMITTEE");
        World.Org bBranch = world.org(tb, "乙公司一支部", "BRANCH", b);
        String deepMember = world.member(bBranch, "FULL");
        String adminA = world.enterpriseAdmin(ta);
        String id = body(post(adminA, "/activities", meeting(a.id(), "VOLUNTEER", 60)).expectStatus().isCreated()).get("id").toString();
        post(adminA, "/activities/{id}/invitations", Map.of("orgIds", List.of(b.id())), id).expectStatus().isOk();
        post(adminA, "/activities/{id}/invitations", Map.of("orgIds", List.of(b.id())), id).expectStatus().isBadRequest();
        // the invitation is addressed to the committee: its sub-branch's admin does not even see it
        post(Tokens.orgAdmin(world.alliance, tb, bBranch.id()), "/activities/{id}/invitations/{org}/accept", null, id, b.id())
                .expectStatus().isNotFound();
        post(Tokens.orgAdmin(world.alliance, tb, b.id()), "/activities/{id}/invitations/{org}/accept", null, id, b.id())
                .expectStatus().isOk();
        get(world.memberToken(bBranch, deepMember), "/activities/{id}", id).expectStatus().isOk();
        get(Tokens.orgAdmin(world.alliance, tb, bBranch.id()), "/activities/{id}", id).expectStatus().isOk();
    }
}
