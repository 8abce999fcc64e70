package cn.lianmeng.org.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.coverage.CoverageTestBase;
import cn.lianmeng.org.coverage.TestEvents;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Ledgers (台账), visits and tasks through the HTTP API, on coverage facts fed by events. */
class LedgerIntegrationTest extends CoverageTestBase {

    @Autowired
    MongoAccess mongo;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    /** An account as the identity/staff packages keep it; its id is the subject of {@link TestTokens} for the same username. */
    private String account(String username, String displayName, Role role) {
        String id = "acct-" + username;
        mongo.collection("accounts", ScopeRule.tenantOwned()).insert(Scope.unrestricted("test fixture"),
                new Document("_id", id).append("username", username).append("displayName", displayName)
                        .append("passwordHash", "x").append("roles", List.of(role.name())).append("allianceId", alliance)
                        .append("tenantId", null).append("orgIds", List.of()).append("parkIds", List.of()).append("buildingIds", List.of())
                        .append("status", "ACTIVE").append("failedAttempts", 0).append("mustChangePassword", false)
                        .append("createdAt", new Date()).append("version", 1L)).block();
        return id;
    }

    private String staffToken(String username, List<String> parks) {
        return TestTokens.user(username).alliance(alliance).roles(Role.DISTRICT_STAFF).parks(parks.toArray(String[]::new)).token();
    }

    private static Map<?, ?> body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec, int status) {
        return spec.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<?, ?> task(String token, String title, String enterpriseId, String ownerId, LocalDate deadline) {
        Map<String, Object> req = new java.util.HashMap<>(Map.of("title", title, "deadline", deadline.toString()));
        if (enterpriseId != null) {
            req.put("enterpriseId", enterpriseId);
        }
        if (ownerId != null) {
            req.put("ownerId", ownerId);
        }
        return body(Api.post(web, token, "/api/org/ledger/tasks", req), 201);
    }

    private static Map<String, Object> visit(LocalDate date, String purpose) {
        return Map.of("date", date.toString(), "kind", "VISIT", "purpose", purpose, "notes", "了解企业党员情况", "followUp", "协助筹建党支部");
    }

    @Test
    void ledgerShowsCoverageOrganisationsInstructorAndVisits() {
        places();
        String e1 = id("e");
        Map<String, Object> body = TestEvents.located(TestEvents.enterprise(alliance, e1, "张江数智科技有限公司", 80, 1), IN_PARK_1);
        body.put("instructorAccountId", "acct-instructor");
        body.put("instructorName", "李指导员");
        enterpriseEvent(body, "InstructorAssigned");
        singleOrganisation(e1, "张江数智科技有限公司党支部");
        String e2 = enterprise("金桥精密制造有限公司", 40, IN_PARK_2);
        events.awaitConsumed();

        String parkStaff = staffToken("zhang-staff", List.of(PARK_1));
        Map<?, ?> visit = body(Api.post(web, parkStaff, "/api/org/ledger/enterprises/" + e1 + "/visits", visit(TODAY, "走访了解党员情况")), 201);
        assertThat(visit.get("visitorName")).isEqualTo("zhang-staff");
        assertThat(visit.get("kindLabel")).isEqualTo("走访");
        body(Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits",
                Map.of("date", TODAY.minusDays(30).toString(), "kind", "GUIDANCE", "purpose", "指导换届准备")), 201);

        Map<?, ?> ledger = body(Api.get(web, parkStaff, "/api/org/ledger/enterprises/" + e1), 200);
        assertThat(((Map<?, ?>) ledger.get("enterprise")).get("name")).isEqualTo("张江数智科技有限公司");
        assertThat(((List<?>) ledger.get("coverageReasons")).stream().map(String::valueOf).toList()).contains("已单独组建党组织", "已选派党建指导员（计入工作覆盖）");
        Map<?, ?> org = (Map<?, ?>) ((List<?>) ledger.get("organisations")).get(0);
        assertThat(org.get("name")).isEqualTo("张江数智科技有限公司党支部");
        assertThat(org.get("relation")).isEqualTo("OWN");
        assertThat(org.get("secretaryName")).isEqualTo("王书记");
        assertThat(((Map<?, ?>) ledger.get("instructor")).get("name")).isEqualTo("李指导员");
        Map<?, ?> visits = (Map<?, ?>) ledger.get("visits");
        assertThat(visits.get("total")).isEqualTo(2);
        assertThat(((Map<?, ?>) ((List<?>) visits.get("latest")).get(0)).get("date")).isEqualTo(TODAY.toString());
        assertThat(body(Api.get(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits"), 200).get("totalElements")).isEqualTo(2);

        // the enterprise's own admin reads its ledger, but records nothing; other tenants and other patches: 404
        String entAdmin = TestTokens.enterpriseAdmin(alliance, e1);
        body(Api.get(web, entAdmin, "/api/org/ledger/enterprises/" + e1), 200);
        Api.post(web, entAdmin, "/api/org/ledger/enterprises/" + e1 + "/visits", visit(TODAY, "自查")).expectStatus().isForbidden();
        Api.get(web, TestTokens.enterpriseAdmin(alliance, e2), "/api/org/ledger/enterprises/" + e1).expectStatus().isNotFound();
        Api.get(web, parkStaff, "/api/org/ledger/enterprises/" + e2).expectStatus().isNotFound();
        Api.get(web, parkStaff, "/api/org/ledger/enterprises/" + e2 + "/visits").expectStatus().isNotFound();
        Api.post(web, parkStaff, "/api/org/ledger/enterprises/" + e2 + "/visits", visit(TODAY, "越界走访")).expectStatus().isNotFound();
        Api.get(web, TestTokens.allianceAdmin("a-other"), "/api/org/ledger/enterprises/" + e1).expectStatus().isNotFound();
        Api.get(web, TestTokens.member(alliance, e1), "/api/org/ledger/enterprises/" + e1).expectStatus().isForbidden();
        Api.get(web, TestTokens.user("aud").alliance(alliance).roles(Role.AUDITOR).token(), "/api/org/ledger/enterprises/" + e1)
                .expectStatus().isForbidden();

        // validation names the field
        Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", visit(TODAY.plusDays(1), "未来走访"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
        Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", Map.of("date", "2026/01/01", "purpose", "x"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
        Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", Map.of("date", TODAY.toString(), "purpose", "x", "kind", "CHAT"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", Map.of("date", TODAY.toString(), "purpose", " "))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("purpose");
        Api.post(web, admin, "/api/org/ledger/enterprises/no-such/visits", visit(TODAY, "x")).expectStatus().isNotFound();
    }

    @Test
    void tasksWithOwnersDeadlinesProgressCompletionAndOverdueLists() {
        places();
        String e1 = enterprise("张江生物医药有限公司", 80, IN_PARK_1);
        String e2 = enterprise("金桥物流有限公司", 40, IN_PARK_2);
        events.awaitConsumed();
        String staffA = account("staff-a-" + alliance, "张挂联", Role.DISTRICT_STAFF);
        String staffB = account("staff-b-" + alliance, "李挂联", Role.DISTRICT_STAFF);
        String memberAccount = account("member-" + alliance, "某党员", Role.MEMBER);
        String tokenA = staffToken("staff-a-" + alliance, List.of(PARK_1));

        Map<?, ?> t1 = task(admin, "督促张江生物医药筹建党支部", e1, staffA, TODAY.minusDays(1));
        assertThat(t1.get("overdue")).isEqualTo(true);
        assertThat(t1.get("ownerName")).isEqualTo("张挂联");
        assertThat(t1.get("enterpriseName")).isEqualTo("张江生物医药有限公司");
        Map<?, ?> t2 = task(admin, "金桥物流党员摸底", e2, staffB, TODAY.plusDays(7));
        Map<?, ?> t3 = task(admin, "整理园区党建台账", null, staffA, TODAY.minusDays(3));
        Map<?, ?> t4 = task(admin, "张江生物医药党课安排", e1, staffA, TODAY.plusDays(1));
        Map<?, ?> mine = task(tokenA, "回访张江生物医药", e1, null, TODAY.plusDays(14));
        assertThat(mine.get("ownerId")).isEqualTo(staffA);
        assertThat(mine.get("createdByName")).isEqualTo("staff-a-" + alliance);

        assertThat(titles(body(Api.get(web, tokenA, "/api/org/ledger/tasks?owner=me&overdue=true"), 200)))
                .containsExactly("整理园区党建台账", "督促张江生物医药筹建党支部");
        assertThat(titles(body(Api.get(web, tokenA, "/api/org/ledger/tasks"), 200)))
                .containsExactly("整理园区党建台账", "督促张江生物医药筹建党支部", "张江生物医药党课安排", "回访张江生物医药");
        Api.get(web, tokenA, "/api/org/ledger/tasks/" + t2.get("id")).expectStatus().isNotFound();
        assertThat(body(Api.get(web, admin, "/api/org/ledger/tasks?overdue=false"), 200).get("totalElements")).isEqualTo(3);
        assertThat(body(Api.get(web, admin, "/api/org/ledger/tasks?enterpriseId=" + e2), 200).get("totalElements")).isEqualTo(1);

        // district staff: tasks name an enterprise of their patch; owners are staff or admins of the alliance
        Api.post(web, tokenA, "/api/org/ledger/tasks", Map.of("title", "无企业任务", "deadline", TODAY.toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("enterpriseId");
        Api.post(web, tokenA, "/api/org/ledger/tasks", Map.of("title", "越界任务", "deadline", TODAY.toString(), "enterpriseId", e2))
                .expectStatus().isNotFound();
        Api.post(web, admin, "/api/org/ledger/tasks", Map.of("title", "x", "deadline", TODAY.toString(), "ownerId", memberAccount))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
        Api.post(web, admin, "/api/org/ledger/tasks", Map.of("title", "x", "deadline", TODAY.toString(), "ownerId", "acct-nobody"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
        Api.post(web, admin, "/api/org/ledger/tasks", Map.of("title", "x", "deadline", "下周五"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("deadline");
        Api.post(web, admin, "/api/org/ledger/tasks", Map.of("deadline", TODAY.toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("title");

        // update with the version read (409 otherwise), append progress, complete once
        String t1Path = "/api/org/ledger/tasks/" + t1.get("id");
        Map<String, Object> update = new java.util.HashMap<>(Map.of("version", 99, "title", "督促张江生物医药年内建立党支部",
                "ownerId", staffA, "enterpriseId", e1, "deadline", TODAY.minusDays(1).toString()));
        put(tokenA, t1Path, update).expectStatus().isEqualTo(409);
        update.put("version", t1.get("version"));
        Map<?, ?> updated = body(put(tokenA, t1Path, update), 200);
        assertThat(updated.get("title")).isEqualTo("督促张江生物医药年内建立党支部");
        assertThat(((Number) updated.get("version")).longValue()).isEqualTo(((Number) t1.get("version")).longValue() + 1);
        put(tokenA, t1Path, update).expectStatus().isEqualTo(409);   // the version read is stale now

        body(Api.post(web, tokenA, t1Path + "/progress", Map.of("note", "已与企业负责人沟通")), 200);
        Map<?, ?> twoNotes = body(Api.post(web, admin, t1Path + "/progress", Map.of("note", "企业已确定3名正式党员")), 200);
        List<?> progress = (List<?>) twoNotes.get("progress");
        assertThat(progress).hasSize(2);
        assertThat(((Map<?, ?>) progress.get(0)).get("note")).isEqualTo("已与企业负责人沟通");
        assertThat(((Map<?, ?>) progress.get(0)).get("authorName")).isEqualTo("staff-a-" + alliance);
        assertThat(((Map<?, ?>) progress.get(1)).get("at")).isNotNull();
        Api.post(web, tokenA, t1Path + "/progress", Map.of("note", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note");

        Map<?, ?> done = body(Api.post(web, tokenA, t1Path + "/complete", Map.of("note", "党支部已成立")), 200);
        assertThat(done.get("done")).isEqualTo(true);
        assertThat(done.get("overdue")).isEqualTo(false);
        assertThat(done.get("completedAt")).isNotNull();
        Api.post(web, tokenA, t1Path + "/complete", Map.of()).expectStatus().isEqualTo(409);
        update.put("version", done.get("version"));
        put(admin, t1Path, update).expectStatus().isEqualTo(409);

        // overdue per staff member, for alliance administrators only
        List<?> summary = Api.get(web, admin, "/api/org/ledger/tasks/overdue-summary").expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        Map<?, ?> a = summary.stream().map(m -> (Map<?, ?>) m).filter(m -> staffA.equals(m.get("ownerId"))).findFirst().orElseThrow();
        assertThat(a.get("ownerName")).isEqualTo("张挂联");
        assertThat(a.get("open")).isEqualTo(3);
        assertThat(a.get("overdue")).isEqualTo(1);
        assertThat(a.get("oldestOverdueDeadline")).isEqualTo(TODAY.minusDays(3).toString());
        Map<?, ?> b = summary.stream().map(m -> (Map<?, ?>) m).filter(m -> staffB.equals(m.get("ownerId"))).findFirst().orElseThrow();
        assertThat(b.get("overdue")).isEqualTo(0);
        assertThat(((Map<?, ?>) summary.get(0)).get("ownerId")).isEqualTo(staffA);   // most overdue first
        Api.get(web, tokenA, "/api/org/ledger/tasks/overdue-summary").expectStatus().isForbidden();

        // the enterprise's admin reads the tasks about it, read-only
        String entAdmin = TestTokens.enterpriseAdmin(alliance, e1);
        assertThat(titles(body(Api.get(web, entAdmin, "/api/org/ledger/tasks"), 200))).hasSize(3);
        Api.post(web, entAdmin, "/api/org/ledger/tasks/" + t4.get("id") + "/progress", Map.of("note", "x")).expectStatus().isForbidden();
        Api.get(web, entAdmin, "/api/org/ledger/tasks/" + t3.get("id")).expectStatus().isNotFound();
        Api.get(web, TestTokens.allianceAdmin("a-other"), "/api/org/ledger/tasks/" + t3.get("id")).expectStatus().isNotFound();
        Api.get(web, TestTokens.member(alliance, e1), "/api/org/ledger/tasks").expectStatus().isForbidden();
    }

    @Test
    void visitsAndTasksFollowTheEnterpriseWhenItMoves() {
        places();
        String e = id("e");
        Map<String, Object> v1 = TestEvents.located(TestEvents.enterprise(alliance, e, "搬迁企业", 30, 1), IN_PARK_1);
        enterpriseEvent(v1, "EnterpriseOnboarded");
        events.awaitConsumed();
        Map<?, ?> t = task(admin, "搬迁企业组织关系梳理", e, null, TODAY.plusDays(3));
        body(Api.post(web, admin, "/api/org/ledger/enterprises/" + e + "/visits", visit(TODAY, "走访")), 201);
        String park1Staff = staffToken("p1-" + alliance, List.of(PARK_1));
        String park2Staff = staffToken("p2-" + alliance, List.of(PARK_2));
        body(Api.get(web, park1Staff, "/api/org/ledger/tasks/" + t.get("id")), 200);
        Api.get(web, park2Staff, "/api/org/ledger/tasks/" + t.get("id")).expectStatus().isNotFound();

        Map<String, Object> v2 = TestEvents.located(TestEvents.enterprise(alliance, e, "搬迁企业（新址）", 30, 2), IN_PARK_2);
        enterpriseEvent(v2, "EnterpriseUpdated");
        events.awaitConsumed();

        Api.get(web, park1Staff, "/api/org/ledger/tasks/" + t.get("id")).expectStatus().isNotFound();
        Api.get(web, park1Staff, "/api/org/ledger/enterprises/" + e).expectStatus().isNotFound();
        assertThat(body(Api.get(web, park2Staff, "/api/org/ledger/tasks/" + t.get("id")), 200).get("enterpriseName")).isEqualTo("搬迁企业（新址）");
        assertThat(body(Api.get(web, park2Staff, "/api/org/ledger/enterprises/" + e + "/visits"), 200).get("totalElements")).isEqualTo(1);
        assertThat(titles(body(Api.get(web, park2Staff, "/api/org/ledger/tasks"), 200))).containsExactly("搬迁企业组织关系梳理");
    }

    @Test
    void ledgerExportListsEveryEnterpriseWithItsLastVisitAndTasks() throws Exception {
        places();
        String e1 = enterprise("台账导出甲公司", 80, IN_PARK_1);
        singleOrganisation(e1, "甲公司党支部");
        enterprise("台账导出乙公司", 40, IN_PARK_2);
        events.awaitConsumed();
        body(Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", visit(TODAY.minusDays(2), "走访")), 201);
        body(Api.post(web, admin, "/api/org/ledger/enterprises/" + e1 + "/visits", visit(TODAY.minusDays(9), "走访")), 201);
        task(admin, "甲公司逾期任务", e1, null, TODAY.minusDays(5));
        task(admin, "甲公司未到期任务", e1, null, TODAY.plusDays(5));
        task(admin, "联盟事务", null, null, TODAY.plusDays(5));

        var result = Api.get(web, admin, "/api/org/ledger/export").expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult();
        assertThat(result.getResponseHeaders().getFirst("Content-Disposition"))
                .contains("filename*=UTF-8''%E8%A6%86%E7%9B%96%E5%8F%B0%E8%B4%A6");   // 覆盖台账…
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(result.getResponseBody()))) {
            var ledger = wb.getSheet("台账");
            assertThat(ledger.getLastRowNum()).isEqualTo(2);
            assertThat(cell(ledger, "台账导出甲公司", 5)).isEqualTo("张江科学园");
            assertThat(cell(ledger, "台账导出甲公司", 8)).isEqualTo("单独组建");
            assertThat(cell(ledger, "台账导出甲公司", 9)).isEqualTo("甲公司党支部（单独组建）");
            assertThat(cell(ledger, "台账导出甲公司", 10)).isEqualTo("王书记");
            assertThat(ledger.getRow(1).getCell(15).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(TODAY.minusDays(2));
            assertThat(cell(ledger, "台账导出甲公司", 16)).isEqualTo("2");
            assertThat(cell(ledger, "台账导出甲公司", 17)).isEqualTo("2");
            assertThat(cell(ledger, "台账导出甲公司", 18)).isEqualTo("1");
            assertThat(cell(ledger, "台账导出乙公司", 8)).isEqualTo("未覆盖");
            assertThat(cell(ledger, "台账导出乙公司", 17)).isEqualTo("0");
            var tasks = wb.getSheet("未完成任务");
            assertThat(tasks.getLastRowNum()).isEqualTo(3);
            assertThat(cell(tasks, "甲公司逾期任务", 4)).isEqualTo("是");
            assertThat(cell(tasks, "甲公司逾期任务", 5)).isEqualTo("5");
        }
        try (var wb = workbook(Api.get(web, staffToken("exp-" + alliance, List.of(PARK_2)), "/api/org/ledger/export"))) {
            assertThat(wb.getSheet("台账").getLastRowNum()).isEqualTo(1);
            assertThat(wb.getSheet("未完成任务").getLastRowNum()).isZero();
        }
        Api.get(web, TestTokens.enterpriseAdmin(alliance, e1), "/api/org/ledger/export").expectStatus().isForbidden();
    }

    @Autowired
    LedgerService ledgerService;

    @Test
    void demoSeedingRecordsVisitsAndTasksSomeOverdueOnceOnly() {
        places();
        List<String> enterprises = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            enterprises.add(enterprise("演示企业" + i, 30 + i, i % 2 == 0 ? IN_PARK_1 : IN_PARK_2));
        }
        // no awaitConsumed: the seeding waits for the coverage facts itself
        String staffId = account("demo-staff-" + alliance, "演示挂联干部", Role.DISTRICT_STAFF);
        var adminCaller = new cn.lianmeng.platform.security.Caller("acct-demo-admin", "demo-admin", "联盟管理员", alliance, null,
                java.util.Set.of(Role.ALLIANCE_ADMIN), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), null, false);
        var staffCaller = new cn.lianmeng.platform.security.Caller(staffId, "demo-staff-" + alliance, "演示挂联干部", alliance, null,
                java.util.Set.of(Role.DISTRICT_STAFF), java.util.Set.of(), java.util.Set.of(PARK_1), java.util.Set.of(), null, false);
        LedgerDemo.seed(ledgerService, adminCaller, List.of(staffCaller), enterprises).block(java.time.Duration.ofSeconds(90));
        LedgerDemo.seed(ledgerService, adminCaller, List.of(staffCaller), enterprises).block(java.time.Duration.ofSeconds(90));

        Map<?, ?> all = body(Api.get(web, admin, "/api/org/ledger/tasks?size=100"), 200);
        assertThat(all.get("totalElements")).isEqualTo(8);
        assertThat(((Number) body(Api.get(web, admin, "/api/org/ledger/tasks?overdue=true"), 200).get("totalElements")).intValue()).isEqualTo(3);
        assertThat(body(Api.get(web, admin, "/api/org/ledger/tasks?done=true"), 200).get("totalElements")).isEqualTo(1);
        Map<?, ?> first = body(Api.get(web, admin, "/api/org/ledger/enterprises/" + enterprises.get(0)), 200);
        Map<?, ?> visits = (Map<?, ?>) first.get("visits");
        assertThat(visits.get("total")).isEqualTo(1);
        assertThat(((Map<?, ?>) ((List<?>) visits.get("latest")).get(0)).get("visitorName")).isEqualTo("演示挂联干部");   // park 1: staff
        Map<?, ?> second = body(Api.get(web, admin, "/api/org/ledger/enterprises/" + enterprises.get(1)), 200);
        assertThat(((Map<?, ?>) ((List<?>) ((Map<?, ?>) second.get("visits")).get("latest")).get(0)).get("visitorName"))
                .isEqualTo("联盟管理员");   // park 2: not in the staff member's patch
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(String token, String uri, Object body) {
        return web.put().uri(uri).contentType(MediaType.APPLICATION_JSON).header("Authorization", "Bearer " + token).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(Map<?, ?> page) {
        return ((List<Map<String, Object>>) page.get("content")).stream().map(m -> m.get("title").toString()).toList();
    }
}
