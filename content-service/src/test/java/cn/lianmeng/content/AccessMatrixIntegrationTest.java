package cn.lianmeng.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.Tokens;
import cn.lianmeng.content.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Every endpoint × every role: an enterprise's published notice (with an attachment), a course and a mailbox letter,
 * seen by admins and members of the same and of other enterprises and alliances, district staff, an auditor and an
 * anonymous caller. One table, one row per role; "200+" / "200-" mean the listing does / does not contain the item.
 */
class AccessMatrixIntegrationTest extends ContentTestBase {

    static final List<String> ENDPOINTS = List.of("GET item", "GET reach", "PUT item", "GET feed", "GET search", "GET file",
            "GET course", "GET report", "GET letter", "GET comments", "GET inbox count", "GET audit");

    @Test
    @SuppressWarnings("unchecked")
    void audienceAndTenantIsolationHoldForEveryEndpointAndRole() {
        World.Alliance a = world.alliance();
        String t = a.enterprise("上海德浦精密机械有限公司", "park-x", null);
        String u = a.enterprise("上海日新汽车零部件有限公司", null, null);
        String committee = a.org(t, "德浦党委", "COMMITTEE", null, List.of());
        String branch = a.org(t, "装配党支部", "BRANCH", committee, List.of(committee));
        String otherOrg = a.org(u, "日新党支部", "BRANCH", null, List.of());
        String writer = a.member(t, branch, List.of(committee), "孔一");
        String colleague = a.member(t, branch, List.of(committee), "曹二");
        String stranger = a.member(u, otherOrg, List.of(), "严三");

        String author = a.enterpriseAdmin(t);
        byte[] pdf = "%PDF-1.7\n精密制造党建工作手册".getBytes(StandardCharsets.UTF_8);
        String file = body(web.post().uri("/api/content/files?name=手册.pdf").header("Authorization", "Bearer " + author)
                .contentType(MediaType.APPLICATION_PDF).bodyValue(pdf).exchange().expectStatus().isCreated()).get("id").toString();
        Map<String, Object> notice = Publishing.item("NOTICE", "德浦精密党建工作手册发布", Map.of("tenantIds", List.of(t)));
        notice.put("attachmentFileIds", List.of(file));
        notice.put("allowComments", true);
        String item = Publishing.publish(web, author, a.enterpriseAdmin(t), notice);
        Map<String, Object> course = Publishing.item("COURSE", "精益党建微课", Map.of("tenantIds", List.of(t)));
        course.put("course", Map.of("lessons", List.of(Map.of("id", "l1", "title", "第一课", "type", "TEXT", "text", "<p>正文</p>", "studyHours", 1))));
        String courseId = Publishing.publish(web, author, a.enterpriseAdmin(t), course);
        String letter = body(post(a.memberToken(writer, t, branch), "/api/content/mailbox/threads",
                Map.of("orgId", branch, "subject", "建议", "body", "增加学习时间")).expectStatus().isCreated()).get("id").toString();

        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("anonymous", null);
        roles.put("alliance admin", a.allianceAdmin());
        roles.put("other alliance's admin", Tokens.allianceAdmin("other-" + a.id));
        roles.put("enterprise admin", a.enterpriseAdmin(t));
        roles.put("other enterprise's admin", a.enterpriseAdmin(u));
        roles.put("org admin of the branch", a.orgAdmin(t, branch));
        roles.put("org admin elsewhere", a.orgAdmin(u, otherOrg));
        roles.put("district staff", Tokens.staff(a.id, List.of("park-y"), List.of()));
        roles.put("member (writer)", a.memberToken(writer, t, branch));
        roles.put("member (colleague)", a.memberToken(colleague, t, branch));
        roles.put("member of another enterprise", a.memberToken(stranger, u, otherOrg));
        roles.put("auditor", Tokens.auditor(a.id));

        Map<String, List<String>> expected = new LinkedHashMap<>();
        //                                     item   reach  put    feed    search  file   course report letter comments inbox  audit
        expected.put("anonymous", List.of("401", "401", "401", "401", "401", "401", "401", "401", "401", "401", "401", "401"));
        expected.put("alliance admin", List.of("200", "200", "409", "200+", "200+", "200", "200", "200", "404", "200", "403", "403"));
        expected.put("other alliance's admin", List.of("404", "404", "404", "200-", "200-", "404", "404", "404", "404", "404", "403", "403"));
        expected.put("enterprise admin", List.of("200", "200", "409", "200+", "200+", "200", "200", "200", "200", "200", "403", "403"));
        expected.put("other enterprise's admin", List.of("404", "404", "404", "200-", "200-", "404", "404", "404", "404", "404", "403", "403"));
        expected.put("org admin of the branch", List.of("200", "404", "404", "200+", "200+", "200", "200", "200", "200", "200", "403", "403"));
        expected.put("org admin elsewhere", List.of("404", "404", "404", "200-", "200-", "404", "404", "404", "404", "404", "403", "403"));
        expected.put("district staff", List.of("404", "403", "403", "200-", "200-", "404", "404", "403", "404", "404", "403", "403"));
        expected.put("member (writer)", List.of("200", "403", "403", "200+", "200+", "200", "200", "403", "200", "200", "200", "403"));
        expected.put("member (colleague)", List.of("200", "403", "403", "200+", "200+", "200", "200", "403", "404", "200", "200", "403"));
        expected.put("member of another enterprise", List.of("404", "403", "403", "200-", "200-", "404", "404", "403", "404", "404", "200", "403"));
        expected.put("auditor", List.of("403", "403", "403", "403", "403", "403", "403", "403", "404", "403", "403", "200"));

        List<String> mismatches = new ArrayList<>();
        roles.forEach((role, token) -> {
            List<String> actual = new ArrayList<>();
            actual.add(status(get(token, "/api/content/items/{id}", item)));
            actual.add(status(get(token, "/api/content/items/{id}/reach", item)));
            actual.add(status(put(token, "/api/content/items/{id}", Map.of("version", 3, "kind", "NOTICE", "title", "改",
                    "audience", Map.of("tenantIds", List.of(t))), item)));
            actual.add(listing(get(token, "/api/content/feed?size=100").expectBody(Map.class).returnResult(), item));
            actual.add(listing(get(token, "/api/content/search?q={q}", "党建工作手册").expectBody(Map.class).returnResult(), item));
            actual.add(status(get(token, "/api/content/files/{id}", file)));
            actual.add(status(get(token, "/api/content/school/courses/{id}", courseId)));
            actual.add(status(get(token, "/api/content/school/report?orgId={o}", branch)));
            actual.add(status(get(token, "/api/content/mailbox/threads/{id}", letter)));
            actual.add(status(get(token, "/api/content/items/{id}/comments", item)));
            actual.add(status(get(token, "/api/content/inbox/unread-count")));
            actual.add(status(get(token, "/api/content/audit")));
            List<String> want = expected.get(role);
            for (int i = 0; i < ENDPOINTS.size(); i++) {
                if (!want.get(i).equals(actual.get(i))) {
                    mismatches.add(role + " × " + ENDPOINTS.get(i) + ": expected " + want.get(i) + " but was " + actual.get(i));
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    private static String status(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        return String.valueOf(spec.expectBody().returnResult().getStatus().value());
    }

    @SuppressWarnings("unchecked")
    private static String listing(EntityExchangeResult<Map> result, String id) {
        int status = result.getStatus().value();
        if (status != 200) {
            return String.valueOf(status);
        }
        List<Map<String, Object>> content = (List<Map<String, Object>>) result.getResponseBody().get("content");
        return "200" + (content.stream().anyMatch(m -> id.equals(m.get("id"))) ? "+" : "-");
    }
}
