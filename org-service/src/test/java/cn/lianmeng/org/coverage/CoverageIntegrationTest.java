package cn.lianmeng.org.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Coverage facts fed by events (enterprise, organisation, member, region, activity) and read through the HTTP API. */
class CoverageIntegrationTest extends CoverageTestBase {

    @Autowired
    CoverageMaintenance maintenance;
    @Autowired
    CoverageStore store;

    @Test
    void everyRuleOfDesignSection3() {
        places();
        String own = enterprise("单独组建企业", 50, IN_PARK_1);
        enterprise("小微企业", 8, IN_PARK_1);                                    // staff < 10: out of scope
        String shell = id("e");
        Map<String, Object> shellBody = TestEvents.located(TestEvents.enterprise(alliance, shell, "空壳企业", 50, 1), IN_PARK_1);
        shellBody.put("operatingStatus", "SHELL");
        enterpriseEvent(shellBody, "EnterpriseOnboarded");
        String zombie = id("e");
        Map<String, Object> zombieBody = TestEvents.located(TestEvents.enterprise(alliance, zombie, "僵尸企业", 50, 1), IN_PARK_1);
        zombieBody.put("operatingStatus", "ZOMBIE");
        enterpriseEvent(zombieBody, "EnterpriseOnboarded");
        String suspended = id("e");
        Map<String, Object> suspendedBody = TestEvents.located(TestEvents.enterprise(alliance, suspended, "暂停企业", 50, 2), IN_PARK_1);
        suspendedBody.put("status", "SUSPENDED");
        enterpriseEvent(suspendedBody, "EnterpriseSuspended");
        String joint = enterprise("联合覆盖企业", 30, IN_PARK_2);
        String jointSmall = enterprise("联合覆盖小企业", 9, IN_PARK_2);           // covered, but out of scope
        String affiliatedId = id("e");
        Map<String, Object> affiliated = TestEvents.located(TestEvents.enterprise(alliance, affiliatedId, "挂靠企业", 40, 1), IN_PARK_2);
        affiliated.put("partyMemberCount", 4);                                  // declared ≥ 3: should establish
        enterpriseEvent(affiliated, "EnterpriseOnboarded");
        String counted = enterprise("党员在册企业", 60, IN_BUILDING_1);            // 3 counted FULL members
        String instructedId = id("e");
        Map<String, Object> instructed = TestEvents.located(TestEvents.enterprise(alliance, instructedId, "指导员企业", 20, 2), IN_BUILDING_1);
        instructed.put("instructorAccountId", "acct-instructor");
        instructed.put("instructorName", "李指导员");
        enterpriseEvent(instructed, "InstructorAssigned");
        String recent = enterprise("近期活动企业", 25, IN_PARK_2);
        String old = enterprise("久未活动企业", 25, IN_PARK_2);
        String dissolved = enterprise("组织已撤销企业", 25, IN_PARK_2);
        String leftId = id("e");
        Map<String, Object> left = TestEvents.located(TestEvents.enterprise(alliance, leftId, "已退出企业", 50, 3), IN_PARK_2);
        left.put("status", "LEFT");
        enterpriseEvent(left, "EnterpriseLeft");                               // not a member any more: not even counted

        singleOrganisation(own, "单独组建企业党支部");
        organisationEvent(TestEvents.organisation(alliance, id("o"), joint, "张江联合党支部", "JOINT_BRANCH", "JOINT", "ACTIVE",
                List.of(joint, jointSmall), 1), "OrganisationCreated");
        organisationEvent(TestEvents.organisation(alliance, id("o"), null, "园区挂靠党支部", "BRANCH", "AFFILIATED", "ACTIVE",
                List.of(affiliatedId), 1), "OrganisationCreated");
        String gone = id("o");
        organisationEvent(TestEvents.organisation(alliance, gone, dissolved, "已撤销党支部", "BRANCH", "SINGLE", "DISSOLVED",
                List.of(dissolved), 3), "OrganisationDissolved");
        for (int i = 0; i < 3; i++) {
            memberEvent(TestEvents.member(alliance, id("m"), counted, null, "FULL", true, 1), "MemberJoined");
        }
        memberEvent(TestEvents.member(alliance, id("m"), counted, null, "PROBATIONARY", true, 1), "MemberJoined");
        memberEvent(TestEvents.member(alliance, id("m"), counted, null, "FULL", false, 2), "MemberLeft");
        events.publish(CoverageProjector.ACTIVITY_TOPIC, "ActivityHeld", "act-1", alliance, null,
                TestEvents.activityHeld(alliance, "act-1", Instant.now().minus(Duration.ofDays(10)), List.of(recent)));
        events.publish(CoverageProjector.ACTIVITY_TOPIC, "ActivityHeld", "act-2", alliance, null,
                TestEvents.activityHeld(alliance, "act-2", Instant.now().minus(Duration.ofDays(100)), List.of(old)));
        events.awaitConsumed();

        Map<?, ?> c = coverage(admin, "?scopeType=ALLIANCE");
        // in scope: own, joint, affiliated, counted, instructed, recent, old, dissolved
        assertThat(c.get("enterprises")).isEqualTo(13);
        assertThat(c.get("inScope")).isEqualTo(8);
        assertThat(c.get("organisationCovered")).isEqualTo(2);
        assertThat(c.get("organisationCoverage")).isEqualTo(0.25);
        assertThat(c.get("singleEstablished")).isEqualTo(1);
        assertThat(c.get("singleEstablishmentRate")).isEqualTo(0.125);
        assertThat(c.get("workCovered")).isEqualTo(2);
        assertThat(c.get("workCoverage")).isEqualTo(0.25);
        assertThat(c.get("shouldEstablishCount")).isEqualTo(2);
        assertThat(c.get("notCovered")).isEqualTo(6);
        assertThat(((List<?>) c.get("shouldEstablish")).stream().map(m -> String.valueOf(((Map<?, ?>) m).get("name"))).toList())
                .containsExactlyInAnyOrder("挂靠企业", "党员在册企业");
        assertThat(c.get("activityFactsIncluded")).isEqualTo(true);
        assertThat(c.get("workCoverageBasis").toString()).contains("活动");
        assertThat(c.get("workCoverageNote").toString()).contains("没有官方", "本平台口径");
        assertThat(c.get("scopeId")).isEqualTo(alliance);

        // each number has its list
        assertThat(names(list(admin, "?scopeType=ALLIANCE&facet=shouldEstablish"))).containsExactly("党员在册企业", "挂靠企业");
        assertThat(names(list(admin, "?scopeType=ALLIANCE&facet=organisationCovered"))).containsExactly("单独组建企业", "联合覆盖企业");
        assertThat(names(list(admin, "?scopeType=ALLIANCE&facet=singleEstablished"))).containsExactly("单独组建企业");
        assertThat(names(list(admin, "?scopeType=ALLIANCE&facet=workCovered"))).containsExactly("指导员企业", "近期活动企业");
        assertThat(list(admin, "?facet=notCovered").get("totalElements")).isEqualTo(6);
        assertThat(list(admin, "?facet=inScope&size=5").get("totalElements")).isEqualTo(8);
        assertThat(list(admin, "?facet=all").get("totalElements")).isEqualTo(13);

        Map<?, ?> countedRow = rowOf(list(admin, "?facet=shouldEstablish"), "党员在册企业");
        assertThat(countedRow.get("countedFullMembers")).isEqualTo(3);   // probationary and departed members do not count
        assertThat(countedRow.get("fullMembers")).isEqualTo(3);
        Map<?, ?> affiliatedRow = rowOf(list(admin, "?facet=shouldEstablish"), "挂靠企业");
        assertThat(affiliatedRow.get("affiliated")).isEqualTo(true);
        assertThat(affiliatedRow.get("organisationCovered")).isEqualTo(false);
        assertThat(affiliatedRow.get("declaredFullMembers")).isEqualTo(4);
        Map<?, ?> oldRow = rowOf(list(admin, "?facet=notCovered"), "久未活动企业");
        assertThat(oldRow.get("workCovered")).isEqualTo(false);
        assertThat(oldRow.get("lastActivityReachedAt")).isNotNull();

        // per location: park 2 holds joint, affiliated, recent, old, dissolved in scope
        Map<?, ?> park2 = coverage(admin, "?scopeType=PARK&scopeId=" + PARK_2);
        assertThat(park2.get("scopeName")).isEqualTo("金桥园区");
        assertThat(park2.get("inScope")).isEqualTo(5);
        assertThat(park2.get("organisationCovered")).isEqualTo(1);
        assertThat(park2.get("singleEstablished")).isEqualTo(0);
        assertThat(park2.get("workCovered")).isEqualTo(1);
        Map<?, ?> building = coverage(admin, "?scopeType=BUILDING&scopeId=" + BUILDING_1);
        assertThat(building.get("inScope")).isEqualTo(2);
        assertThat(building.get("shouldEstablishCount")).isEqualTo(1);
        assertThat(coverage(admin, "?scopeType=DISTRICT&scopeId=" + DISTRICT).get("inScope")).isEqualTo(8);
        assertThat(coverage(admin, "?scopeType=STREET&scopeId=" + STREET).get("scopeName")).isEqualTo("张江镇");

        // work coverage expires with time: the daily job re-evaluates, 91 days after the recent activity it is gone
        assertThat(maintenance.expireActivityWindows(Instant.now().plus(Duration.ofDays(81))).block()).isEqualTo(1);
        assertThat(coverage(admin, "").get("workCovered")).isEqualTo(1);
        assertThat(names(list(admin, "?facet=workCovered"))).containsExactly("指导员企业");
        assertThat(maintenance.reconcile(alliance).block()).isZero();
    }

    private static Map<?, ?> rowOf(Map<?, ?> page, String name) {
        return ((List<?>) page.get("content")).stream().map(m -> (Map<?, ?>) m).filter(m -> name.equals(m.get("name")))
                .findFirst().orElseThrow();
    }

    @Test
    void withoutActivityEventsWorkCoverageCountsInstructorsOnlyAndSaysSo() {
        String instructedId = id("e");
        Map<String, Object> instructed = TestEvents.located(TestEvents.enterprise(alliance, instructedId, "指导员企业", 20, 1), IN_PARK_1);
        instructed.put("instructorAccountId", "acct-instructor");
        enterpriseEvent(instructed, "EnterpriseOnboarded");
        enterprise("普通企业", 20, IN_PARK_1);
        events.awaitConsumed();

        Map<?, ?> c = coverage(admin, "");
        assertThat(c.get("inScope")).isEqualTo(2);
        assertThat(c.get("workCoverage")).isEqualTo(0.5);
        assertThat(c.get("activityFactsIncluded")).isEqualTo(false);
        assertThat(c.get("workCoverageBasis")).isEqualTo("仅统计党建指导员，活动数据尚未接入");
    }

    @Test
    void emptyScopesAnswerZeroRatesAndUnknownScopesAre404() {
        places();
        events.awaitConsumed();
        Map<?, ?> c = coverage(admin, "?scopeType=PARK&scopeId=" + PARK_2);
        assertThat(c.get("inScope")).isEqualTo(0);
        assertThat(c.get("organisationCoverage")).isEqualTo(0.0);
        assertThat(c.get("scopeName")).isEqualTo("金桥园区");
        assertThat(coverage(admin, "").get("inScope")).isEqualTo(0);
        Api.get(web, admin, "/api/org/coverage?scopeType=PARK&scopeId=no-such-park").expectStatus().isNotFound();
        Api.get(web, admin, "/api/org/coverage?scopeType=DISTRICT&scopeId=" + PARK_2).expectStatus().isNotFound();
        Api.get(web, admin, "/api/org/coverage?scopeType=ALLIANCE&scopeId=other-alliance").expectStatus().isNotFound();
        // another alliance's park is unknown here
        Api.get(web, TestTokens.allianceAdmin("a-other"), "/api/org/coverage?scopeType=PARK&scopeId=" + PARK_2).expectStatus().isNotFound();
    }

    @Test
    void badParametersAre400NamingTheFieldAndOtherRolesAre403() {
        Api.get(web, admin, "/api/org/coverage?scopeType=CITY").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scopeType");
        Api.get(web, admin, "/api/org/coverage?scopeType=PARK").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scopeId");
        Api.get(web, admin, "/api/org/coverage/enterprises?facet=everything").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("facet");
        Api.get(web, admin, "/api/org/coverage/enterprises?size=500").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        Api.get(web, admin, "/api/org/coverage/enterprises?sort=creditCode").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");
        for (String token : List.of(TestTokens.member(alliance, "t1"), TestTokens.enterpriseAdmin(alliance, "t1"),
                TestTokens.user("auditor").alliance(alliance).roles(Role.AUDITOR).token(),
                TestTokens.user("org-admin").alliance(alliance).tenant("t1").roles(Role.ORG_ADMIN).token())) {
            Api.get(web, token, "/api/org/coverage").expectStatus().isForbidden();
            Api.get(web, token, "/api/org/coverage/enterprises?facet=everything").expectStatus().isForbidden();
            Api.get(web, token, "/api/org/coverage/export").expectStatus().isForbidden();
        }
        Api.get(web, null, "/api/org/coverage").expectStatus().isUnauthorized();
    }

    @Test
    void districtStaffSeeTheirPatchOnly() {
        places();
        String inPark1 = enterprise("园区一企业", 30, IN_PARK_1);
        singleOrganisation(inPark1, "园区一企业党支部");
        enterprise("楼宇企业", 30, IN_BUILDING_1);
        enterprise("园区二企业", 30, IN_PARK_2);
        enterprise("园区二企业乙", 30, IN_PARK_2);
        events.awaitConsumed();

        String parkStaff = staff("park-staff", List.of(PARK_1), List.of());
        Map<?, ?> patch = coverage(parkStaff, "");
        assertThat(patch.get("inScope")).isEqualTo(2);
        assertThat(patch.get("organisationCovered")).isEqualTo(1);
        assertThat(patch.get("scopeName").toString()).contains("挂联");
        assertThat(coverage(parkStaff, "?scopeType=PARK&scopeId=" + PARK_1).get("inScope")).isEqualTo(2);
        assertThat(coverage(parkStaff, "?scopeType=BUILDING&scopeId=" + BUILDING_1).get("inScope")).isEqualTo(1);
        Map<?, ?> district = coverage(parkStaff, "?scopeType=DISTRICT&scopeId=" + DISTRICT);
        assertThat(district.get("inScope")).isEqualTo(2);   // the district has 4; the patch inside it 2
        assertThat(district.get("scopeName").toString()).startsWith("浦东新区");
        assertThat(names(list(parkStaff, "?facet=all"))).containsExactly("园区一企业", "楼宇企业");
        assertThat(names(list(parkStaff, "?scopeType=STREET&scopeId=" + STREET + "&facet=inScope"))).containsExactly("园区一企业", "楼宇企业");
        Api.get(web, parkStaff, "/api/org/coverage?scopeType=PARK&scopeId=" + PARK_2).expectStatus().isNotFound();
        Api.get(web, parkStaff, "/api/org/coverage/enterprises?scopeType=PARK&scopeId=" + PARK_2).expectStatus().isNotFound();
        Api.get(web, parkStaff, "/api/org/coverage?scopeType=DISTRICT&scopeId=d-elsewhere").expectStatus().isNotFound();

        String buildingStaff = staff("building-staff", List.of(), List.of(BUILDING_1));
        assertThat(coverage(buildingStaff, "?scopeType=BUILDING&scopeId=" + BUILDING_1).get("inScope")).isEqualTo(1);
        assertThat(coverage(buildingStaff, "").get("inScope")).isEqualTo(1);
        Api.get(web, buildingStaff, "/api/org/coverage?scopeType=PARK&scopeId=" + PARK_1).expectStatus().isNotFound();

        String otherAllianceStaff = TestTokens.user("stranger").alliance("a-other").roles(Role.DISTRICT_STAFF).parks(PARK_1).token();
        assertThat(coverage(otherAllianceStaff, "?scopeType=PARK&scopeId=" + PARK_1).get("inScope")).isEqualTo(0);
        assertThat(coverage(otherAllianceStaff, "").get("enterprises")).isEqualTo(0);
    }

    @Test
    void theSameEventTwiceAndOlderVersionsLateChangeNothing() {
        String e = id("e");
        Map<String, Object> v1 = TestEvents.located(TestEvents.enterprise(alliance, e, "幂等企业", 50, 1), IN_PARK_1);
        Map<String, Object> v2 = TestEvents.located(TestEvents.enterprise(alliance, e, "幂等企业（更名）", 50, 2), IN_PARK_2);
        v2.put("partyMemberCount", 2);
        enterpriseEvent(v1, "EnterpriseOnboarded");
        enterpriseEvent(v2, "EnterpriseUpdated");
        String org = id("o");
        Map<String, Object> orgV1 = TestEvents.organisation(alliance, org, e, "幂等企业党支部", "BRANCH", "SINGLE", "ACTIVE", List.of(e), 1);
        Map<String, Object> orgV2 = TestEvents.organisation(alliance, org, e, "幂等企业党支部", "BRANCH", "SINGLE", "DISSOLVED", List.of(e), 2);
        organisationEvent(orgV1, "OrganisationCreated");
        organisationEvent(orgV2, "OrganisationDissolved");
        String m = id("m");
        memberEvent(TestEvents.member(alliance, m, e, org, "FULL", true, 1), "MemberJoined");
        memberEvent(TestEvents.member(alliance, m, e, org, "PROBATIONARY", true, 2), "MemberUpdated");
        Instant held = Instant.now().minus(Duration.ofDays(5));
        events.publish(CoverageProjector.ACTIVITY_TOPIC, "ActivityHeld", "act-x", alliance, null,
                TestEvents.activityHeld(alliance, "act-x", held, List.of(e)));
        events.awaitConsumed();
        Map<?, ?> settled = coverage(admin, "");
        Map<?, ?> settledPark2 = coverage(admin, "?scopeType=PARK&scopeId=" + PARK_2);
        Map<?, ?> settledRow = list(admin, "?facet=all");

        // duplicates of each, and each aggregate's older version after the newer one
        enterpriseEvent(v2, "EnterpriseUpdated");
        enterpriseEvent(v1, "EnterpriseOnboarded");
        organisationEvent(orgV2, "OrganisationDissolved");
        organisationEvent(orgV1, "OrganisationCreated");
        memberEvent(TestEvents.member(alliance, m, e, org, "PROBATIONARY", true, 2), "MemberUpdated");
        memberEvent(TestEvents.member(alliance, m, e, org, "FULL", true, 1), "MemberJoined");
        events.publish(CoverageProjector.ACTIVITY_TOPIC, "ActivityHeld", "act-x", alliance, null,
                TestEvents.activityHeld(alliance, "act-x", held, List.of(e)));
        events.publish(CoverageProjector.ACTIVITY_TOPIC, "ActivityHeld", "act-older", alliance, null,
                TestEvents.activityHeld(alliance, "act-older", Instant.now().minus(Duration.ofDays(50)), List.of(e)));
        events.awaitConsumed();

        assertThat(coverage(admin, "")).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(settled);
        assertThat(coverage(admin, "?scopeType=PARK&scopeId=" + PARK_2)).usingRecursiveComparison().ignoringFields("asOf").isEqualTo(settledPark2);
        assertThat(list(admin, "?facet=all")).isEqualTo(settledRow);
        Map<?, ?> row = (Map<?, ?>) ((List<?>) settledRow.get("content")).get(0);
        assertThat(row.get("name")).isEqualTo("幂等企业（更名）");
        assertThat(row.get("parkId")).isEqualTo(PARK_2);
        assertThat(row.get("ownOrganisation")).isEqualTo(false);
        assertThat(row.get("countedFullMembers")).isEqualTo(0);
        assertThat(row.get("workCovered")).isEqualTo(true);
        assertThat(settled.get("inScope")).isEqualTo(1);
        assertThat(settled.get("enterprises")).isEqualTo(1);
        Api.get(web, admin, "/api/org/coverage?scopeType=PARK&scopeId=" + PARK_1).expectStatus().isOk()
                .expectBody().jsonPath("$.enterprises").isEqualTo(0);   // moved away: the old park's totals went back to 0
        assertThat(maintenance.reconcile(alliance).block()).isZero();
    }

    @Test
    void reconcileRepairsTotalsThatDriftedFromTheFacts() {
        enterprise("对账企业甲", 30, IN_PARK_1);
        String listed = id("e");
        Map<String, Object> should = TestEvents.located(TestEvents.enterprise(alliance, listed, "对账企业乙", 30, 1), IN_PARK_2);
        should.put("partyMemberCount", 3);
        enterpriseEvent(should, "EnterpriseOnboarded");
        events.awaitConsumed();
        assertThat(coverage(admin, "").get("inScope")).isEqualTo(2);
        assertThat((List<?>) coverage(admin, "").get("shouldEstablish")).hasSize(1);
        // a crash between the facts write and the should-establish entry: simulate a lost entry
        store.shouldEstablish.updateOne(cn.lianmeng.platform.data.Scope.system(alliance, listed),
                com.mongodb.client.model.Filters.eq("_id", listed), com.mongodb.client.model.Updates.combine(
                        com.mongodb.client.model.Updates.set("active", false), com.mongodb.client.model.Updates.set("version", 0L))).block();
        assertThat((List<?>) coverage(admin, "").get("shouldEstablish")).isEmpty();

        // a crash between the facts write and the totals write leaves totals behind: simulate it
        store.totals.updateOne(cn.lianmeng.platform.data.Scope.system(alliance, null),
                com.mongodb.client.model.Filters.eq("_id", CoverageProjector.totalsId(alliance, ScopeType.ALLIANCE.key(alliance))),
                com.mongodb.client.model.Updates.set("counts.inScope", 7)).block();
        store.totals.updateOne(cn.lianmeng.platform.data.Scope.system(alliance, null),
                com.mongodb.client.model.Filters.eq("_id", CoverageProjector.totalsId(alliance, ScopeType.PARK.key(PARK_2))),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("counts.inScope", 0),
                        com.mongodb.client.model.Updates.set("counts.enterprises", 0))).block();
        assertThat(coverage(admin, "").get("inScope")).isEqualTo(7);

        assertThat(maintenance.reconcileAll().block()).isGreaterThanOrEqualTo(3);
        assertThat(coverage(admin, "").get("inScope")).isEqualTo(2);
        assertThat((List<?>) coverage(admin, "").get("shouldEstablish")).hasSize(1);
        assertThat(coverage(admin, "?scopeType=PARK&scopeId=" + PARK_2).get("inScope")).isEqualTo(1);
        assertThat(maintenance.reconcile(alliance).block()).isZero();
    }

    @Test
    void exportIsAWorkbookWithSummaryBreakdownsAndTheEnterpriseList() throws Exception {
        places();
        String own = enterprise("甲科技有限公司", 50, IN_BUILDING_1);
        singleOrganisation(own, "甲科技党支部");
        enterprise("乙贸易有限公司", 30, IN_PARK_2);
        enterprise("丙小店", 5, IN_PARK_2);
        events.awaitConsumed();

        var result = Api.get(web, admin, "/api/org/coverage/export").expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult();
        String disposition = result.getResponseHeaders().getFirst("Content-Disposition");
        assertThat(disposition).startsWith("attachment; filename=\"coverage-alliance-")
                .contains("filename*=UTF-8''%E4%B8%A4%E4%B8%AA%E8%A6%86%E7%9B%96");   // 两个覆盖…
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(result.getResponseBody()))) {
            assertThat(java.util.stream.IntStream.range(0, wb.getNumberOfSheets()).mapToObj(wb::getSheetName))
                    .containsExactly("汇总", "按区", "按街道", "按园区", "按楼宇", "企业明细");
            var summary = wb.getSheet("汇总");
            assertThat(cell(summary, "纳入统计企业数", 1)).isEqualTo("2");
            assertThat(cell(summary, "组织覆盖", 1)).isEqualTo("1");
            assertThat(cell(summary, "组织覆盖", 2)).isEqualTo("2");
            assertThat(cell(summary, "组织覆盖", 3)).isEqualTo("50");
            assertThat(cell(summary, "单独组建", 3)).isEqualTo("50");
            assertThat(cell(summary, "工作覆盖", 3)).isEqualTo("0");
            assertThat(cell(summary, "工作覆盖口径", 1)).isEqualTo("仅统计党建指导员，活动数据尚未接入");
            assertThat(cell(summary, "组织覆盖", 4)).contains("挂靠不计入");
            var parks = wb.getSheet("按园区");
            assertThat(cell(parks, "张江科学园", 2)).isEqualTo("1");     // in scope
            assertThat(cell(parks, "张江科学园", 4)).isEqualTo("100");   // organisation coverage %
            assertThat(cell(parks, "金桥园区", 1)).isEqualTo("2");
            assertThat(cell(parks, "金桥园区", 2)).isEqualTo("1");
            var buildings = wb.getSheet("按楼宇");
            assertThat(cell(buildings, "创新大厦", 1)).isEqualTo("1");
            assertThat(cell(buildings, "（未在楼宇）", 1)).isEqualTo("2");
            var list = wb.getSheet("企业明细");
            assertThat(list.getLastRowNum()).isEqualTo(3);
            assertThat(cell(list, "甲科技有限公司", 10)).isEqualTo("是");   // 纳入统计
            assertThat(cell(list, "甲科技有限公司", 11)).isEqualTo("是");   // 单独组建
            assertThat(cell(list, "丙小店", 10)).isEqualTo("否");
            assertThat(cell(list, "丙小店", 9)).isEqualTo("5");
        }

        // a park's export: breakdown by building only; a district staff member's export is their patch
        try (var wb = workbook(Api.get(web, admin, "/api/org/coverage/export?scopeType=PARK&scopeId=" + PARK_2))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(cell(wb.getSheet("汇总"), "统计范围", 1)).isEqualTo("金桥园区");
        }
        try (var wb = workbook(Api.get(web, staff("export-staff", List.of(PARK_1), List.of()), "/api/org/coverage/export"))) {
            assertThat(wb.getSheet("企业明细").getLastRowNum()).isEqualTo(1);
        }
        Api.get(web, staff("export-staff", List.of(PARK_1), List.of()), "/api/org/coverage/export?scopeType=PARK&scopeId=" + PARK_2)
                .expectStatus().isNotFound();
    }
}
