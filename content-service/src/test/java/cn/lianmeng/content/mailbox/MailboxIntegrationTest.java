package cn.lianmeng.content.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Tokens;
import cn.lianmeng.content.support.World;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.Scope;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 党务信箱: letters, answers, statuses, anonymity towards the organisation but not the audit log, isolation. */
class MailboxIntegrationTest extends ContentTestBase {

    @Autowired
    AuditLog audit;

    World.Alliance alliance;
    String tenant;
    String committee;
    String branch;
    String member;
    String memberToken;

    @BeforeEach
    void world() {
        alliance = world.alliance();
        tenant = alliance.enterprise("上海同心志愿者协会", null, null);
        committee = alliance.org(tenant, "同心党委", "COMMITTEE", null, List.of());
        branch = alliance.org(tenant, "志愿服务党支部", "BRANCH", committee, List.of(committee));
        member = alliance.member(tenant, branch, List.of(committee), "杨三");
        memberToken = alliance.memberToken(member, tenant, branch);
    }

    @Test
    void aLetterIsAnsweredAndItsStatusIsVisibleToTheWriter() {
        Map<String, Object> thread = body(post(memberToken, "/api/content/mailbox/threads",
                Map.of("orgId", branch, "subject", "关于组织生活会时间的建议", "body", "建议安排在周五下午。")).expectStatus().isCreated());
        String id = thread.get("id").toString();
        assertThat(thread.get("status")).isEqualTo("OPEN");
        assertThat(thread.get("writerName")).isEqualTo("杨三");

        String orgAdmin = alliance.orgAdmin(tenant, branch);
        get(orgAdmin, "/api/content/mailbox/threads?status=OPEN").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].id").isEqualTo(id).jsonPath("$.content[0].writerName").isEqualTo("杨三");
        post(orgAdmin, "/api/content/mailbox/threads/{id}/messages", Map.of("body", "收到，支委会将研究。", "version", 1), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ANSWERED").jsonPath("$.messages.length()").isEqualTo(2);
        get(memberToken, "/api/content/mailbox/threads/mine").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].status").isEqualTo("ANSWERED")
                .jsonPath("$.content[0].messages[1].from").isEqualTo("ORGANISATION");
        post(memberToken, "/api/content/mailbox/threads/{id}/messages", Map.of("body", "谢谢！", "version", 1), id).expectStatus().isEqualTo(409);
        post(memberToken, "/api/content/mailbox/threads/{id}/messages", Map.of("body", "谢谢！"), id).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("OPEN");
        post(memberToken, "/api/content/mailbox/threads/{id}/close", null, id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        post(orgAdmin, "/api/content/mailbox/threads/{id}/messages", Map.of("body", "补充"), id).expectStatus().isEqualTo(409);

        // the enterprise's admin sees it; the alliance admin (tenant-less organisations only), other enterprises and members do not
        get(alliance.enterpriseAdmin(tenant), "/api/content/mailbox/threads/{id}", id).expectStatus().isOk();
        get(alliance.allianceAdmin(), "/api/content/mailbox/threads/{id}", id).expectStatus().isNotFound();
        get(alliance.enterpriseAdmin("t-other"), "/api/content/mailbox/threads/{id}", id).expectStatus().isNotFound();
        String other = alliance.member(tenant, branch, List.of(committee), "朱四");
        get(alliance.memberToken(other, tenant, branch), "/api/content/mailbox/threads/{id}", id).expectStatus().isNotFound();
        get(alliance.orgAdmin(tenant, "o-elsewhere"), "/api/content/mailbox/threads/{id}", id).expectStatus().isNotFound();
    }

    @Test
    void anonymousToTheOrganisationButNeverToTheAuditLog() {
        String id = body(post(memberToken, "/api/content/mailbox/threads",
                Map.of("orgId", committee, "subject", "反映问题", "body", "有党员长期不参加组织生活。", "anonymous", true))
                .expectStatus().isCreated()).get("id").toString();
        get(alliance.enterpriseAdmin(tenant), "/api/content/mailbox/threads/{id}", id).expectStatus().isOk().expectBody()
                .jsonPath("$.anonymous").isEqualTo(true).jsonPath("$.writerName").isEqualTo("匿名党员")
                .jsonPath("$.writerMemberId").doesNotExist().jsonPath("$.messages[0].authorName").isEqualTo("匿名党员");
        get(memberToken, "/api/content/mailbox/threads/{id}", id).expectStatus().isOk().expectBody()
                .jsonPath("$.writerName").isEqualTo("杨三");
        Document entry = audit.collection().findOne(Scope.system(alliance.id, null), Filters.eq("targetId", id)).block();
        assertThat(entry.getString("actorId")).isEqualTo("acct-" + member);
        assertThat(entry.get("details", Document.class).getBoolean("anonymous")).isTrue();
        assertThat(entry.get("details", Document.class).getString("memberId")).isEqualTo(member);
    }

    @Test
    void anotherAlliancesMailboxDoesNotExistAndNothingIsStored() {
        World.Alliance other = world.alliance();
        String otherTenant = other.enterprise("外联盟企业", null, null);
        String otherOrg = other.org(otherTenant, "外联盟党支部", "BRANCH", null, List.of());
        post(memberToken, "/api/content/mailbox/threads", Map.of("orgId", otherOrg, "subject", "试探", "body", "x")).expectStatus().isNotFound();
        post(memberToken, "/api/content/mailbox/threads", Map.of("orgId", branch, "subject", "", "body", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("subject");
        get(memberToken, "/api/content/mailbox/threads/mine").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        post(alliance.enterpriseAdmin(tenant), "/api/content/mailbox/threads", Map.of("orgId", branch, "subject", "s", "body", "b"))
                .expectStatus().isForbidden();
        get(Tokens.auditor(alliance.id), "/api/content/mailbox/threads").expectStatus().isForbidden();
        get(memberToken, "/api/content/mailbox/threads").expectStatus().isForbidden();
    }
}
