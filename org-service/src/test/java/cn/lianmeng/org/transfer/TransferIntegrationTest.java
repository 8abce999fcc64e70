package cn.lianmeng.org.transfer;

import static cn.lianmeng.org.member.MemberFixtures.memberBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.org.member.MemberFixtures;
import cn.lianmeng.org.member.MemberService;
import cn.lianmeng.org.member.OrganisationDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.PageQuery;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Member transfers through the HTTP API, and the completion steps driven one by one (a crash between them). */
@OrgIntegrationTest
class TransferIntegrationTest {


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
    AuditLog audit;

    private MemberFixtures fx;
    private String alliance;
    private String tenantA;
    private String tenantB;
    private String committeeA;
    private String branchA1;
    private String branchA2;
    private String branchB;
    private String adminA;
    private String adminB;

    @BeforeEach
    void twoTenants() {
        fx = new MemberFixtures(web, mongo, tokenIssuer, outbox, relay, broker);
        alliance = MemberFixtures.newAlliance();
        tenantA = "tenant-a-" + System.nanoTime();
        tenantB = "tenant-b-" + System.nanoTime();
        committeeA = fx.organisation(alliance, tenantA, "甲公司党委", "COMMITTEE", "SINGLE", null);
        branchA1 = fx.branch(alliance, tenantA, "甲公司第一党支部", committeeA);
        branchA2 = fx.branch(alliance, tenantA, "甲公司第二党支部", committeeA);
        branchB = fx.branch(alliance, tenantB, "乙公司党支部", null);
        adminA = fx.enterpriseAdmin(alliance, tenantA);
        adminB = fx.enterpriseAdmin(alliance, tenantB);
    }

    private String member(String name, String orgId, String admin) {
        return fx.createMember(admin, memberBody(name, orgId)).get("id").toString();
    }

    private Map<?, ?> request(String token, String memberId, String toOrgId) {
        return Api.post(web, token, "/api/org/transfers", Map.of("memberId", memberId, "toOrgId", toOrgId, "note", "工作调动"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static String id(Map<?, ?> body) {
        return body.get("id").toString();
    }

    private static long total(WebTestClient.ResponseSpec spec) {
        return ((Number) spec.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("totalElements")).longValue();
    }

    private static Caller caller(String allianceId, String tenantId, Role role) {
        return new Caller("acct-test", "tester", "tester", allianceId, tenantId, Set.of(role), Set.of(), Set.of(), Set.of(), null, false);
    }

    @Test
    void withinOneTenantTheReceivingBranchConfirmsAndTheMemberMovesAtOnce() {
        String m = member("许诺", branchA1, adminA);
        Map<?, ?> requested = request(fx.orgAdmin(alliance, tenantA, branchA1), m, branchA2);
        assertThat(requested.get("status")).isEqualTo("REQUESTED");
        assertThat(requested.get("fromOrgName")).isEqualTo("甲公司第一党支部");
        assertThat(requested.get("toOrgName")).isEqualTo("甲公司第二党支部");
        assertThat(requested.get("overdue")).isEqualTo(false);
        assertThat(requested.get("dueBy")).isNotNull();
        String t = id(requested);
        // the sending branch cannot confirm its own request; the receiving branch can
        Api.post(web, fx.orgAdmin(alliance, tenantA, branchA1), "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isForbidden();
        Api.post(web, fx.orgAdmin(alliance, tenantA, branchA2), "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.completedAt").exists();
        Api.get(web, adminA, "/api/org/members/" + m).expectStatus().isOk().expectBody()
                .jsonPath("$.orgId").isEqualTo(branchA2).jsonPath("$.orgName").isEqualTo("甲公司第二党支部")
                .jsonPath("$.orgAncestors[0]").isEqualTo(committeeA).jsonPath("$.version").isEqualTo(2);
        Api.get(web, fx.orgAdmin(alliance, tenantA, branchA1), "/api/org/members/" + m).expectStatus().isNotFound();
        Api.post(web, adminA, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isEqualTo(409);
        Api.post(web, adminA, "/api/org/transfers/" + t + "/cancel", Map.of()).expectStatus().isEqualTo(409);

        List<ConsumerRecord<String, byte[]>> memberEvents = fx.events(MemberService.TOPIC, m, 2);
        assertThat(memberEvents).extracting(MemberFixtures::type).containsExactly("MemberJoined", "MemberTransferred");
        assertThat(MemberFixtures.body(memberEvents.get(1))).contains("\"previousOrgId\":\"" + branchA1 + "\"")
                .contains("\"orgId\":\"" + branchA2 + "\"").contains("\"previousTenantId\":\"" + tenantA + "\"");
        assertThat(fx.events(TransferService.TOPIC, t, 3)).extracting(MemberFixtures::type)
                .containsExactly("TransferRequested", "TransferConfirmed", "TransferCompleted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void acrossTenantsBothSidesSeeTheirSideOnlyAndTheLoginFollows() {
        String enterpriseA = fx.enterprise(alliance, "上海甲转接科技有限公司", null);
        String enterpriseB = fx.enterprise(alliance, "上海乙转接科技有限公司", null);
        String fromBranch = fx.branch(alliance, enterpriseA, "甲转接党支部", null);
        String toBranch = fx.branch(alliance, enterpriseB, "乙转接党支部", null);
        String sender = fx.enterpriseAdmin(alliance, enterpriseA);
        String receiver = fx.enterpriseAdmin(alliance, enterpriseB);
        Map<?, ?> created = fx.createMember(sender, memberBody("何方", fromBranch));
        String m = id(created);
        Map<?, ?> account = (Map<?, ?>) created.get("account");
        String login = account.get("username").toString();
        String first = Api.login(web, login, account.get("initialPassword").toString());
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", account.get("initialPassword"), "newPassword", "Member#2026"))
                .expectStatus().isNoContent();

        String t = id(request(sender, m, toBranch));
        String uri = "/api/org/transfers/" + t;
        // each side sees it in its own direction; a third tenant and staff see nothing
        assertThat(total(Api.get(web, sender, "/api/org/transfers?direction=outgoing"))).isEqualTo(1);
        assertThat(total(Api.get(web, sender, "/api/org/transfers?direction=incoming"))).isZero();
        assertThat(total(Api.get(web, receiver, "/api/org/transfers?direction=incoming&status=REQUESTED"))).isEqualTo(1);
        assertThat(total(Api.get(web, receiver, "/api/org/transfers?direction=outgoing"))).isZero();
        assertThat(total(Api.get(web, fx.allianceAdmin(alliance), "/api/org/transfers"))).isEqualTo(1);
        Api.get(web, receiver, uri).expectStatus().isOk().expectBody().jsonPath("$.memberName").isEqualTo("何方");
        for (String outsider : List.of(fx.enterpriseAdmin(alliance, tenantA), fx.enterpriseAdmin("other-alliance", enterpriseA),
                fx.orgAdmin(alliance, enterpriseB, "another-branch"), fx.staff(alliance, "p1"), fx.member(alliance, enterpriseA, m))) {
            Api.get(web, outsider, uri).expectStatus().isNotFound();
            Api.post(web, outsider, uri + "/confirm", Map.of()).expectStatus().isNotFound();
        }
        assertThat(total(Api.get(web, fx.enterpriseAdmin(alliance, tenantA), "/api/org/transfers"))).isZero();
        Api.get(web, fx.member(alliance, enterpriseA, m), "/api/org/transfers").expectStatus().isForbidden();
        Api.get(web, sender, "/api/org/transfers?direction=sideways").expectStatus().isBadRequest();
        // the receiving member of the receiving tenant is not yet visible there
        Api.get(web, receiver, "/api/org/members/" + m).expectStatus().isNotFound();
        Api.post(web, sender, uri + "/confirm", Map.of()).expectStatus().isForbidden();
        Api.post(web, receiver, uri + "/cancel", Map.of()).expectStatus().isForbidden();

        Api.post(web, receiver, uri + "/confirm", Map.of()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        Api.get(web, receiver, "/api/org/members/" + m).expectStatus().isOk().expectBody()
                .jsonPath("$.tenantId").isEqualTo(enterpriseB).jsonPath("$.enterpriseId").isEqualTo(enterpriseB)
                .jsonPath("$.orgId").isEqualTo(toBranch);
        Api.get(web, sender, "/api/org/members/" + m).expectStatus().isNotFound();
        // both sides still see the finished transfer; the member's login now belongs to the receiving tenant
        Api.get(web, sender, uri).expectStatus().isOk();
        String token = Api.login(web, login, "Member#2026");
        Api.get(web, token, "/api/auth/me").expectStatus().isOk().expectBody().jsonPath("$.tenantId").isEqualTo(enterpriseB);
        Api.get(web, token, "/api/org/members/me").expectStatus().isOk().expectBody().jsonPath("$.orgId").isEqualTo(toBranch);

        String auditor = fx.auditor(alliance);
        Api.get(web, auditor, "/api/org/audit?targetId=" + t).expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.action == 'TRANSFER_REQUESTED' && @.actorName == 'ent-admin-" + enterpriseA + "')]").exists()
                .jsonPath("$.content[?(@.action == 'TRANSFER_CONFIRMED' && @.actorName == 'ent-admin-" + enterpriseB + "')]").exists()
                .jsonPath("$.content[?(@.action == 'TRANSFER_COMPLETED')].tenantId").value(tenants ->
                        assertThat((List<Object>) tenants).containsExactlyInAnyOrder(enterpriseA, enterpriseB));
        ConsumerRecord<String, byte[]> requestedEvent = fx.events(TransferService.TOPIC, t, 1).get(0);
        assertThat(new String(requestedEvent.headers().lastHeader("tenantid").value())).isEqualTo(enterpriseA);
        assertThat(MemberFixtures.body(requestedEvent)).contains("\"toTenantId\":\"" + enterpriseB + "\"");
    }

    @Test
    void rejectCancelAndOneOpenTransferPerMember() {
        String m = member("韩梅", branchA1, adminA);
        String t = id(request(adminA, m, branchB));
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchA2)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberId");
        Api.post(web, adminA, "/api/org/members/" + m + "/leave", Map.of("reason", "出国定居")).expectStatus().isEqualTo(409);
        Api.post(web, adminB, "/api/org/transfers/" + t + "/reject", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Api.post(web, adminB, "/api/org/transfers/" + t + "/reject", Map.of("reason", "本支部不接收")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("REJECTED").jsonPath("$.reason").isEqualTo("本支部不接收");
        Api.post(web, adminB, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isEqualTo(409);
        Api.get(web, adminA, "/api/org/members/" + m).expectBody().jsonPath("$.orgId").isEqualTo(branchA1);

        String again = id(request(adminA, m, branchB));
        Api.post(web, adminA, "/api/org/transfers/" + again + "/cancel", Map.of("reason", "发错了")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        assertThat(total(Api.get(web, adminB, "/api/org/transfers?direction=incoming&status=REQUESTED"))).isZero();
        assertThat(total(Api.get(web, adminB, "/api/org/transfers?direction=incoming"))).isEqualTo(2);
        request(adminA, m, branchA2);
        assertThat(fx.events(TransferService.TOPIC, t, 2)).extracting(MemberFixtures::type)
                .containsExactly("TransferRequested", "TransferRejected");
    }

    @Test
    void badRequestsAreRefused() {
        String m = member("曹操", branchA1, adminA);
        String otherAlliance = MemberFixtures.newAlliance();
        String foreign = fx.branch(otherAlliance, tenantB, "外联盟党支部", null);
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", foreign)).expectStatus().isNotFound();
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", "no-such-org")).expectStatus().isNotFound();
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", "no-such-member", "toOrgId", branchB)).expectStatus().isNotFound();
        Api.post(web, adminB, "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchB)).expectStatus().isNotFound();
        Api.post(web, fx.orgAdmin(alliance, tenantA, branchA2), "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchB))
                .expectStatus().isNotFound();
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchA1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("toOrgId");
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchB, "toEnterpriseId", tenantA))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("toEnterpriseId");
        Api.post(web, adminA, "/api/org/transfers", Map.of("toOrgId", branchB)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberId");
        String dissolved = fx.branch(alliance, tenantB, "已撤销", null);
        fx.dissolveOrganisation(alliance, dissolved);
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", dissolved)).expectStatus().isEqualTo(409);
        Api.get(web, adminA, "/api/org/transfers/no-such-transfer").expectStatus().isNotFound();
        // a joint branch of the receiving side names the employer among the enterprises it covers
        String joint = fx.organisation(alliance, tenantB, "乙丙联合党支部", "JOINT_BRANCH", "JOINT", null, tenantB, "tenant-c");
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", joint)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("toEnterpriseId");
        String t = id(Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", joint, "toEnterpriseId", "tenant-c"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody());
        Api.post(web, fx.orgAdmin(alliance, tenantB, joint), "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isOk();
        Api.get(web, adminB, "/api/org/members/" + m).expectBody().jsonPath("$.enterpriseId").isEqualTo("tenant-c")
                .jsonPath("$.tenantId").isEqualTo(tenantB);
    }

    @Test
    void theAllianceAdministratorReceivesIntoAnOrganisationOfTheAlliance() {
        String m = member("挂靠", branchA1, adminA);
        String affiliated = fx.organisation(alliance, null, "园区挂靠党支部", "BRANCH", "AFFILIATED", null, tenantA, tenantB);
        String t = id(request(adminA, m, affiliated));
        Api.post(web, adminB, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isNotFound();
        Api.post(web, adminA, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isForbidden();
        String allianceAdmin = fx.allianceAdmin(alliance);
        assertThat(total(Api.get(web, allianceAdmin, "/api/org/transfers?direction=incoming"))).isEqualTo(1);
        Api.post(web, allianceAdmin, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        Api.get(web, allianceAdmin, "/api/org/members/" + m).expectStatus().isOk().expectBody()
                .jsonPath("$.orgId").isEqualTo(affiliated).jsonPath("$.tenantId").doesNotExist()
                .jsonPath("$.enterpriseId").isEqualTo(tenantA);
        // administered by the alliance now, no longer by the employer's enterprise admin
        Api.get(web, adminA, "/api/org/members/" + m).expectStatus().isNotFound();
        assertThat(total(Api.get(web, allianceAdmin, "/api/org/transfers?direction=outgoing"))).isZero();
    }

    @Test
    void unconfirmedForThirtyDaysIsOverdueFlaggedOnce() {
        String m = member("逾期", branchA1, adminA);
        String t = id(request(adminA, m, branchB));
        TransferService thirtyOneDaysLater = new TransferService(store, members, organisations, outbox, relay, audit,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(31)), Duration.ofDays(30));
        Caller receiving = caller(alliance, tenantB, Role.ENTERPRISE_ADMIN);
        // the query-time flag
        assertThat(thirtyOneDaysLater.get(receiving, t).block().overdue()).isTrue();
        assertThat(thirtyOneDaysLater.list(receiving, new TransferService.ListFilter(TransferService.Direction.INCOMING, null, true),
                PageQuery.of(0, 20, null, TransferService.SORTABLE, "requestedAt")).block().content())
                .extracting(TransferView::id).contains(t);
        Api.get(web, adminB, "/api/org/transfers/" + t).expectBody().jsonPath("$.overdue").isEqualTo(false);
        // the sweep flags it, once
        assertThat(thirtyOneDaysLater.flagOverdue().block()).isGreaterThanOrEqualTo(1L);
        thirtyOneDaysLater.flagOverdue().block();
        Api.get(web, adminB, "/api/org/transfers/" + t).expectBody().jsonPath("$.overdue").isEqualTo(true);
        assertThat(total(Api.get(web, adminA, "/api/org/transfers?overdue=true&direction=outgoing"))).isEqualTo(1);
        assertThat(total(Api.get(web, adminA, "/api/org/transfers?overdue=false"))).isZero();
        assertThat(fx.rawTransfer(t).getBoolean("overdue")).isTrue();
        List<ConsumerRecord<String, byte[]>> events = fx.events(TransferService.TOPIC, t, 2);
        assertThat(events).extracting(MemberFixtures::type).containsExactly("TransferRequested", "TransferOverdue");
        Api.get(web, fx.auditor(alliance), "/api/org/audit?action=TRANSFER_OVERDUE&targetId=" + t).expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);
        // still confirmable; once confirmed it is no longer overdue
        Api.post(web, adminB, "/api/org/transfers/" + t + "/confirm", Map.of()).expectStatus().isOk().expectBody()
                .jsonPath("$.overdue").isEqualTo(false);
    }

    @Test
    void aCrashAfterConfirmingIsCompletedByTheSweepExactlyOnce() {
        String m = member("断点", branchA1, adminA);
        String t = id(request(adminA, m, branchB));
        Caller receiving = caller(alliance, tenantB, Role.ENTERPRISE_ADMIN);

        // step 1 only, then "crash"
        transfers.markConfirmed(receiving, fx.rawTransfer(t)).block();
        assertThat(fx.rawTransfer(t).getString("status")).isEqualTo("CONFIRMED");
        assertThat(fx.rawTransfer(t).getString("openFor")).isEqualTo(m);
        Document before = fx.rawMember(m);
        assertThat(before.getString("orgId")).isEqualTo(branchA1);
        // the member is in exactly one organisation meanwhile
        Api.get(web, adminA, "/api/org/members/" + m).expectStatus().isOk();
        Api.get(web, adminB, "/api/org/members/" + m).expectStatus().isNotFound();

        assertThat(transfers.sweepConfirmed().block()).isGreaterThanOrEqualTo(1L);
        Document after = fx.rawMember(m);
        assertThat(after.getString("orgId")).isEqualTo(branchB);
        assertThat(after.getString("tenantId")).isEqualTo(tenantB);
        assertThat(after.getString("lastTransferId")).isEqualTo(t);
        assertThat(after.getLong("version")).isEqualTo(before.getLong("version") + 1);
        assertThat(fx.rawTransfer(t).getString("status")).isEqualTo("COMPLETED");
        assertThat(fx.rawTransfer(t).containsKey("openFor")).isFalse();

        // repeating every step changes nothing
        transfers.sweepConfirmed().block();
        transfers.moveMember(alliance, t).block();
        transfers.markCompleted(alliance, t).block();
        assertThat(fx.rawMember(m).getLong("version")).isEqualTo(after.getLong("version"));
        assertThat(fx.events(MemberService.TOPIC, m, 2)).extracting(MemberFixtures::type)
                .containsExactly("MemberJoined", "MemberTransferred");
        assertThat(fx.events(TransferService.TOPIC, t, 3)).extracting(MemberFixtures::type)
                .containsExactly("TransferRequested", "TransferConfirmed", "TransferCompleted");
    }

    @Test
    void aCrashAfterMovingTheMemberIsCompletedWithoutASecondMove() {
        String m = member("半途", branchA1, adminA);
        String t = id(request(adminA, m, branchA2));
        transfers.markConfirmed(caller(alliance, tenantA, Role.ENTERPRISE_ADMIN), fx.rawTransfer(t)).block();
        transfers.moveMember(alliance, t).block();
        Document moved = fx.rawMember(m);
        assertThat(moved.getString("orgId")).isEqualTo(branchA2);
        assertThat(fx.rawTransfer(t).getString("status")).isEqualTo("CONFIRMED");
        // the member cannot start another transfer while this one is still open
        Api.post(web, adminA, "/api/org/transfers", Map.of("memberId", m, "toOrgId", branchB)).expectStatus().isEqualTo(409);

        transfers.sweepConfirmed().block();
        assertThat(fx.rawTransfer(t).getString("status")).isEqualTo("COMPLETED");
        assertThat(fx.rawMember(m).getLong("version")).isEqualTo(moved.getLong("version"));
        assertThat(fx.events(MemberService.TOPIC, m, 2)).extracting(MemberFixtures::type)
                .containsExactly("MemberJoined", "MemberTransferred");
        request(adminA, m, branchB);
    }
}
