package cn.lianmeng.org.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.org.Api;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Officers, terms, member counts from member events, and the rule warnings, through HTTP. */
class OrganisationRulesIntegrationTest extends OrganisationTestBase {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }

    private Map<String, Object> page(String token, String uri) {
        return Api.get(web, token, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private List<Object> warnings(String token, String orgId) {
        return Api.get(web, token, BASE + "/" + orgId + "/warnings").expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    private static List<Object> codes(List<Object> warnings) {
        return warnings.stream().map(w -> ((Map<String, Object>) w).get("code")).toList();
    }

    private static Map<String, Object> officer(String memberId, String role, String since) {
        return body("memberId", memberId, "role", role, "since", since);
    }

    @Test
    void officersAreActiveMembersOfTheOrganisationWithOneSecretaryAtMost() {
        Map<String, Object> e = register("上海班子测试有限公司");
        String t = id(e);
        String ea = entAdmin(e);
        String b = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "termStart", TODAY.minusYears(1).toString()));
        String other = id(create(ea, "name", "第二党支部", "kind", "BRANCH", "termStart", TODAY.minusYears(1).toString()));
        String g = id(create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b));
        String wang = insertMember(t, b, "王芳", "FULL", true);
        String li = insertMember(t, b, "李强", "FULL", true);
        String zhao = insertMember(t, b, "赵敏", "PROBATIONARY", true);
        String elsewhere = insertMember(t, other, "孙涛", "FULL", true);
        String left = insertMember(t, b, "周杰", "FULL", false);

        Map<String, Object> set = Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 1, "officers",
                        List.of(officer(wang, "SECRETARY", "2025-01-05"), officer(li, "副书记", "2025-01-05"))))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(set.get("version")).isEqualTo(2);
        assertThat((List<Object>) set.get("officers")).extracting(o -> ((Map<String, Object>) o).get("name")).containsExactly("王芳", "李强");
        assertThat((List<Object>) set.get("officers")).extracting(o -> ((Map<String, Object>) o).get("roleLabel")).containsExactly("书记", "副书记");

        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers",
                        List.of(officer(wang, "SECRETARY", "2025-01-05"), officer(elsewhere, "COMMITTEE_MEMBER", "2025-01-05"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("officers[1].memberId")
                .jsonPath("$.errors[0].message").isEqualTo("不是本组织的在册党员");
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers", List.of(officer(left, "SECRETARY", "2025-01-05"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("officers[0].memberId");
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers",
                        List.of(officer(wang, "SECRETARY", "2025-01-05"), officer(li, "SECRETARY", "2025-01-05"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("officers")
                .jsonPath("$.errors[0].message").isEqualTo("书记只能有一名");
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers",
                        List.of(officer(wang, "CHAIRMAN", "2025-01-05"), officer(wang, "COMMITTEE_MEMBER", TODAY.plusDays(3).toString()))))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'officers[0].role')]").exists()
                .jsonPath("$.errors[?(@.field == 'officers[1].since')]").exists()
                .jsonPath("$.errors[?(@.field == 'officers[1].memberId')]").exists();
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers", List.of(body("memberId", wang, "role", "SECRETARY"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("officers[0].since");
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 1, "officers", List.of())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.put(web, ea, BASE + "/" + g + "/officers", body("version", 1, "officers", List.of(officer(zhao, "SECRETARY", "2025-01-05"))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("officers");
        Api.put(web, TestTokens.enterpriseAdmin(allianceId, "another-tenant"), BASE + "/" + b + "/officers",
                body("version", 2, "officers", List.of())).expectStatus().isNotFound();

        ConsumerRecord<String, byte[]> changed = organisationEvents(2, b).stream()
                .filter(r -> "OfficersChanged".equals(header(r, "ce_type"))).findFirst().orElseThrow();
        List<Object> officers = (List<Object>) eventBody(changed).get("officers");
        assertThat(officers).extracting(o -> ((Map<String, Object>) o).get("name")).containsExactly("王芳", "李强");
        assertThat(officers).extracting(o -> ((Map<String, Object>) o).get("role")).containsExactly("SECRETARY", "DEPUTY_SECRETARY");
        assertThat((Map<String, Object>) officers.get(0)).containsEntry("since", "2025-01-05").doesNotContainKey("active");

        // the committee rule: with 7 full members a committee of 3–5 is expected — a warning with the reason, not an error
        assertThat(codes(warnings(ea, b))).isEmpty();
        // the two officers' own member events (the member package follows OfficersChanged) count them; five more join
        for (int i = 0; i < 5; i++) {
            publishMember("MemberJoined", "full-" + i + "-" + b, 1, t, t, b, "FULL", true, null);
        }
        awaitCounts(ea, b, 7, 0);
        List<Object> committee = warnings(ea, b);
        assertThat(codes(committee)).containsExactly("COMMITTEE_TOO_SMALL");
        assertThat(((Map<String, Object>) committee.get(0)).get("message"))
                .isEqualTo("正式党员 7 名（达到 7 名），应设立支部委员会，委员一般 3–5 名、最多不超过 7 名（含书记、副书记），现有 2 名");
        assertThat(((Map<String, Object>) committee.get(0))).containsEntry("severity", "WARNING").containsEntry("orgId", b);
        Api.put(web, ea, BASE + "/" + b + "/officers", body("version", 2, "officers", List.of(officer(wang, "SECRETARY", "2025-01-05"),
                officer(li, "DEPUTY_SECRETARY", "2025-01-05"), officer(zhao, "COMMITTEE_MEMBER", "2025-06-01")))).expectStatus().isOk();
        assertThat(codes(warnings(ea, b))).isEmpty();

        // the secretary leaves (a member event): the officer warning names her
        publishMember("MemberLeft", wang, 100, t, t, b, "FULL", false, null); // newer than the member package's own updates
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(codes(warnings(ea, b))).contains("OFFICER_NOT_ACTIVE_MEMBER"));
    }

    @Test
    void memberCountsFollowJoinsStatusChangesTransfersAndLeavesIdempotently() {
        Map<String, Object> e = register("上海计数测试有限公司");
        String t = id(e);
        String ea = entAdmin(e);
        String b1 = id(create(ea, "name", "第一党支部", "kind", "BRANCH"));
        String b2 = id(create(ea, "name", "第二党支部", "kind", "BRANCH"));
        String m1 = "m1-" + UUID.randomUUID();
        String m2 = "m2-" + UUID.randomUUID();
        String m3 = "m3-" + UUID.randomUUID();

        String joined = publishMember("MemberJoined", m1, 1, t, t, b1, "FULL", true, null);
        publishMember("MemberJoined", m2, 1, t, t, b1, "PROBATIONARY", true, null);
        publishMember("MemberJoined", m3, 1, t, t, b1, "FULL", true, null);
        awaitCounts(ea, b1, 2, 1);
        // the same event again (at-least-once delivery): nothing changes
        publishMember(joined, "MemberJoined", m1, 1, t, t, b1, "FULL", true, null);
        publishMember("MemberUpdated", m2, 2, t, t, b1, "FULL", true, null);
        awaitCounts(ea, b1, 3, 0);
        publishMember("MemberTransferred", m3, 2, t, t, b2, "FULL", true, b1);
        awaitCounts(ea, b1, 2, 0);
        awaitCounts(ea, b2, 1, 0);
        // an old event delivered late does not undo the transfer; the next event proves it was processed
        publishMember("MemberJoined", m3, 1, t, t, b1, "FULL", true, null);
        publishMember("MemberJoined", "m4-" + UUID.randomUUID(), 1, t, t, b2, "PROBATIONARY", true, null);
        awaitCounts(ea, b2, 1, 1);
        assertThat(get(ea, b1).get("memberCounts")).isEqualTo(Map.of("full", 2, "probationary", 0, "total", 2));
        publishMember("MemberLeft", m1, 2, t, t, b1, "FULL", false, null);
        awaitCounts(ea, b1, 1, 0);
        // counts are derived: they do not bump the version and publish nothing
        assertThat(get(ea, b1).get("version")).isEqualTo(1);
    }

    @Test
    void termListsShowWhatIsDueOrOverdueInEachScope() {
        String park = park("换届测试园区");
        Map<String, Object> e1 = register("上海换届甲有限公司", null, park);
        Map<String, Object> e2 = register("上海换届乙有限公司");
        String ea1 = entAdmin(e1);
        String ea2 = entAdmin(e2);
        Map<String, Object> overdue = create(ea1, "name", "甲公司党支部", "kind", "BRANCH", "termStart", TODAY.minusYears(3).minusMonths(1).toString());
        String b = id(overdue);
        assertThat(overdue.get("termStatus")).isEqualTo("OVERDUE");
        Map<String, Object> due = create(ea1, "name", "甲公司党委", "kind", "COMMITTEE", "termStart", TODAY.minusYears(5).plusMonths(2).toString());
        assertThat(due.get("termStatus")).isEqualTo("DUE_SOON");
        assertThat(due.get("termEnd")).isEqualTo(LocalDate.parse(due.get("termStart").toString()).plusYears(5).toString());
        create(ea2, "name", "乙公司党支部", "kind", "BRANCH", "termStart", TODAY.minusYears(4).toString());
        create(ea2, "name", "乙公司新党支部", "kind", "BRANCH", "termStart", TODAY.toString());

        Map<String, Object> mine = page(ea1, BASE + "/terms?due=overdue");
        assertThat(content(mine)).extracting(r -> r.get("name")).containsExactly("甲公司党支部");
        assertThat(content(mine).get(0)).containsEntry("due", "OVERDUE").containsEntry("ownerName", "上海换届甲有限公司")
                .containsEntry("termEnd", TODAY.minusMonths(1).toString()).doesNotContainKey("officers");
        assertThat(content(page(ea1, BASE + "/terms?due=within6months"))).extracting(r -> r.get("name")).containsExactly("甲公司党委");
        assertThat(content(page(admin, BASE + "/terms?due=overdue"))).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder("甲公司党支部", "乙公司党支部");
        String staffHere = TestTokens.user("staff-terms").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park).token();
        String staffThere = TestTokens.user("staff-elsewhere").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks("nowhere").token();
        assertThat(content(page(staffHere, BASE + "/terms?due=overdue"))).extracting(r -> r.get("name")).containsExactly("甲公司党支部");
        assertThat(content(page(staffThere, BASE + "/terms?due=overdue"))).isEmpty();
        Api.get(web, ea1, BASE + "/terms?due=soon").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("due");
        Api.get(web, ea1, BASE + "/terms").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("due");
        Api.get(web, TestTokens.member(allianceId, id(e1)), BASE + "/terms?due=overdue").expectStatus().isForbidden();

        // renewal: a new term from today, 3 years by default for a branch
        Api.post(web, ea1, BASE + "/" + b + "/term-renewal", body("termStart", TODAY.minusYears(5).toString())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("termStart");
        Api.post(web, ea1, BASE + "/" + b + "/term-renewal", body("termStart", TODAY.toString(), "termEnd", TODAY.minusDays(1).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("termEnd");
        Api.post(web, ea1, BASE + "/" + b + "/term-renewal", body("termStart", TODAY.toString(), "version", 9)).expectStatus().isEqualTo(409);
        Api.post(web, ea2, BASE + "/" + b + "/term-renewal", body("termStart", TODAY.toString())).expectStatus().isNotFound();
        Map<String, Object> renewed = Api.post(web, ea1, BASE + "/" + b + "/term-renewal", body("termStart", TODAY.toString(), "version", 1))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(renewed.get("termEnd")).isEqualTo(TODAY.plusYears(3).toString());
        assertThat(renewed.get("termStatus")).isEqualTo("CURRENT");
        assertThat(content(page(ea1, BASE + "/terms?due=overdue"))).isEmpty();
        ConsumerRecord<String, byte[]> event = organisationEvents(2, b).stream()
                .filter(r -> "TermRenewed".equals(header(r, "ce_type"))).findFirst().orElseThrow();
        assertThat(eventBody(event)).containsEntry("termStart", TODAY.toString()).containsEntry("termEnd", TODAY.plusYears(3).toString());
        String group = id(create(ea1, "name", "第一党小组", "kind", "GROUP", "parentId", b));
        Api.post(web, ea1, BASE + "/" + group + "/term-renewal", body("termStart", TODAY.toString())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("termStart");
    }

    @Test
    void warningsExplainSizeTermsAndShouldEstablishInEachScope() {
        String park = park("预警测试园区");
        Map<String, Object> big = register("上海大型支部有限公司", 60, park);
        Map<String, Object> small = register("上海应建未建有限公司", 4, null);
        Map<String, Object> tiny = register("上海两名党员有限公司", 2, null);
        String t = id(big);
        String ea = entAdmin(big);
        String b = id(create(ea, "name", "公司党支部", "kind", "BRANCH"));
        for (int i = 0; i < 51; i++) {
            publishMember("MemberJoined", "big-" + i + "-" + b, 1, t, t, b, i < 45 ? "FULL" : "PROBATIONARY", true, null);
        }
        awaitCounts(ea, b, 45, 6);
        List<Object> own = warnings(ea, b);
        assertThat(codes(own)).containsExactlyInAnyOrder("SECRETARY_MISSING", "COMMITTEE_TOO_SMALL", "BRANCH_OVER_50", "TERM_MISSING");
        Map<String, Object> size = own.stream().map(w -> (Map<String, Object>) w).filter(w -> "BRANCH_OVER_50".equals(w.get("code"))).findFirst().orElseThrow();
        assertThat(size.get("message")).isEqualTo("党员 51 名，超过 50 名，可考虑成立党总支并分设党支部");
        assertThat(size.get("severityLabel")).isEqualTo("提示");

        // the alliance sees the organisation warnings and the enterprise that should set up its own branch
        Map<String, Object> all = page(admin, BASE + "/warnings?size=100");
        List<Map<String, Object>> items = content(all);
        assertThat(items).filteredOn(w -> "SHOULD_ESTABLISH".equals(w.get("code"))).extracting(w -> w.get("enterpriseName"))
                .containsExactly("上海应建未建有限公司");
        assertThat(items).filteredOn(w -> b.equals(w.get("orgId"))).extracting(w -> w.get("code"))
                .containsExactlyInAnyOrder("SECRETARY_MISSING", "COMMITTEE_TOO_SMALL", "BRANCH_OVER_50", "TERM_MISSING");
        assertThat(items).extracting(w -> w.get("severity").toString()).isSortedAccordingTo((x, y) -> Severity.valueOf(y).compareTo(Severity.valueOf(x)));
        assertThat(content(page(admin, BASE + "/warnings?code=BRANCH_OVER_50"))).extracting(w -> w.get("orgId")).containsExactly(b);
        assertThat(page(admin, BASE + "/warnings?severity=INFO&size=1").get("totalElements")).isEqualTo(2);
        Api.get(web, admin, BASE + "/warnings?severity=URGENT").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("severity");
        // district staff: their patch only
        String staff = TestTokens.user("staff-warn").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park).token();
        assertThat(content(page(staff, BASE + "/warnings?size=100"))).extracting(w -> w.get("orgId")).containsOnly(b);
        // the enterprise itself
        String smallAdmin = entAdmin(small);
        assertThat(content(page(smallAdmin, BASE + "/warnings"))).extracting(w -> w.get("code")).containsExactly("SHOULD_ESTABLISH");
        assertThat(content(page(entAdmin(tiny), BASE + "/warnings"))).isEmpty();
        // once it has its own branch the warning is gone (and the new branch has warnings of its own)
        create(smallAdmin, "name", "应建未建公司党支部", "kind", "BRANCH");
        assertThat(content(page(smallAdmin, BASE + "/warnings"))).extracting(w -> w.get("code"))
                .doesNotContain("SHOULD_ESTABLISH").contains("SECRETARY_MISSING");
    }
}
