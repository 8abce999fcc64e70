package cn.lianmeng.org.dormancy;

import static cn.lianmeng.org.dormancy.DormancyTestEvents.activity;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.attendance;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.attending;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.enterprise;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.member;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.officer;
import static cn.lianmeng.org.dormancy.DormancyTestEvents.organisation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.EmbeddedMongo;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dormancy warnings end to end inside org-service: events in (as the organisation, member and activity producers
 * publish them), warnings out through HTTP and {@code org.warning.v1}. Time is a {@link MutableClock}: days pass by
 * moving it and running the daily job.
 */
@OrgIntegrationTest
@SuppressWarnings("unchecked")
@TestPropertySource(properties = "lianmeng.dormancy.schedule-enabled=false")
class DormancyIntegrationTest {

    /** 10:00 on 15 April 2026 in Shanghai. */
    static final Instant T0 = Instant.parse("2026-04-15T02:00:00Z");
    static final MutableClock CLOCK = new MutableClock(T0);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        // a database of its own: the other test context's daily job (real clock) must not re-evaluate these organisations
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("org_dormancy_it"));
    }

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    DormancyJob job;

    static Consumer<String, byte[]> warnings;
    static final List<ConsumerRecord<String, byte[]>> WARNING_EVENTS = new ArrayList<>();

    DormancyTestEvents events;
    String alliance;
    String admin;

    @BeforeAll
    static void listenToWarnings(@Autowired EmbeddedKafkaBroker broker) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dormancy-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        warnings = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        broker.consumeFromAnEmbeddedTopic(warnings, DormancyEvaluator.TOPIC);
    }

    @AfterAll
    static void close() {
        warnings.close();
    }

    @BeforeEach
    void setUp() {
        CLOCK.set(T0);
        events = new DormancyTestEvents(kafka);
        alliance = unique("al");
        admin = TestTokens.allianceAdmin(alliance);
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    // ---- publishing ----

    void enterpriseIn(String tenant, String parkId, String buildingId) {
        events.send(DormancyConsumer.ENTERPRISES, "EnterpriseOnboarded", tenant, alliance, tenant,
                enterprise(alliance, tenant, "企业" + tenant, parkId, buildingId, 1));
    }

    void organisationCreated(String tenant, String orgId, String name, String kind, List<String> ancestors, String createdAt) {
        events.send(DormancyConsumer.ORGANISATIONS, "OrganisationCreated", orgId, alliance, tenant,
                organisation(alliance, tenant, orgId, name, kind, ancestors, List.of(officer("sec-" + orgId, "张书记", "SECRETARY", "2025-01-01")),
                        "2028-12-31", createdAt, 1, CLOCK.instant()));
    }

    void held(String tenant, String orgId, String type, String heldAt) {
        String id = unique("act");
        events.send(DormancyConsumer.ACTIVITIES, "ActivityHeld", id, alliance, tenant,
                activity(alliance, tenant, id, type, heldAt, List.of(attending(orgId, 5, 8, 5, true)), List.of(tenant), 3));
    }

    // ---- reading ----

    Map<String, Object> getJson(String token, String uri) {
        return (Map<String, Object>) Api.get(web, token, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    List<Map<String, Object>> content(String token, String uri) {
        return ((List<?>) getJson(token, uri).get("content")).stream().map(o -> (Map<String, Object>) o).toList();
    }

    List<String> warnedOrgIds(String token, String query) {
        return content(token, "/api/org/warnings?size=100" + query).stream().map(m -> m.get("orgId").toString()).toList();
    }

    Map<String, Object> status(String orgId) {
        return getJson(admin, "/api/org/organisations/" + orgId + "/activity-status");
    }

    /** Waits until the organisation is known (its first event consumed) and answers its activity status. */
    Map<String, Object> awaitKnown(String orgId) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.get(web, admin, "/api/org/organisations/" + orgId + "/activity-status").returnResult(String.class).getStatus().value() == 200);
        return status(orgId);
    }

    static List<String> codes(Map<String, Object> warningOrStatus) {
        return ((List<?>) warningOrStatus.get("reasons")).stream().map(r -> ((Map<String, Object>) r).get("code").toString()).toList();
    }

    Map<String, Object> warning(String orgId) {
        return content(admin, "/api/org/warnings?size=100").stream().filter(m -> orgId.equals(m.get("orgId"))).findFirst().orElse(null);
    }

    static synchronized List<ConsumerRecord<String, byte[]>> warningEvents(String orgId) {
        KafkaTestUtils.getRecords(warnings, Duration.ofMillis(300)).forEach(WARNING_EVENTS::add);
        return WARNING_EVENTS.stream().filter(r -> orgId.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), UTF_8);
    }

    static JsonNode body(ConsumerRecord<String, byte[]> r) {
        return JSON.readTree(r.value());
    }

    /** Waits for the daily job's run to have been applied (runs it now, on the current clock). */
    void dayPasses(Instant to) {
        CLOCK.set(to);
        job.runOnce().block(Duration.ofSeconds(60));
    }

    // ---- tests ----

    @Test
    void aWarningComesFromWhatHappenedAndClearsWhenTheMissingMeetingsAreHeld() {
        String tenant = unique("t");
        String park = unique("p");
        String org = unique("o");
        enterpriseIn(tenant, park, null);
        organisationCreated(tenant, org, "测试第一党支部", "BRANCH", List.of(), "2026-01-01T09:00:00+08:00");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNotNull());
        Map<String, Object> w = warning(org);
        assertThat(w.get("level")).isEqualTo("RED");
        assertThat(w.get("levelLabel")).isEqualTo("红色预警");
        assertThat(w.get("name")).isEqualTo("测试第一党支部");
        assertThat(w.get("tenantId")).isEqualTo(tenant);
        assertThat(w.get("parkId")).isEqualTo(park);
        assertThat(w.get("enterpriseName")).isEqualTo("企业" + tenant);
        assertThat(codes(w)).containsExactly("NO_ACTIVITY_90", "MEETING_MISSED:BRANCH_ASSEMBLY:2026-Q1",
                "MEETING_MISSED:PARTY_LESSON:2026-Q1", "MEETING_MISSED:THEME_DAY:2026-03");
        assertThat(((Map<String, Object>) ((List<?>) w.get("reasons")).get(0)).get("text")).isEqualTo("自 2026-01-01 建立以来尚未开展活动，已满90天");

        Map<String, Object> status = status(org);
        assertThat(status.get("lastActivityDate")).isNull();
        assertThat(status.get("asOf")).isEqualTo("2026-04-15");
        assertThat(status.get("secretary")).isEqualTo(Map.of("name", "张书记", "since", "2025-01-01"));
        assertThat(meeting(status, "current", "MONTH", "THEME_DAY").get("status")).isEqualTo("DUE");
        assertThat(meeting(status, "previous", "MONTH", "THEME_DAY").get("status")).isEqualTo("MISSED");
        assertThat(meeting(status, "previous", "YEAR", "ORG_LIFE_MEETING").get("status")).isEqualTo("NOT_REQUIRED");
        assertThat(period(status, "current", "QUARTER").get("label")).isEqualTo("2026年第二季度");

        // a theme day that took place at 23:30 on 31 March in Shanghai (15:30 UTC), marked held the next day: it counts
        // for March, and it is activity again
        held(tenant, org, "THEME_DAY", "2026-03-31T15:30:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org).get("level")).isEqualTo("ORANGE"));
        assertThat(codes(warning(org))).containsExactly("MEETING_MISSED:BRANCH_ASSEMBLY:2026-Q1", "MEETING_MISSED:PARTY_LESSON:2026-Q1");
        assertThat(warning(org).get("lastActivityDate")).isEqualTo("2026-03-31");
        assertThat(meeting(status(org), "previous", "MONTH", "THEME_DAY")).containsEntry("status", "HELD").containsEntry("held", 1);

        // a branch assembly without quorum does not count; a party lesson does
        String assembly = unique("act");
        events.send(DormancyConsumer.ACTIVITIES, "ActivityHeld", assembly, alliance, tenant, activity(alliance, tenant, assembly,
                "BRANCH_ASSEMBLY", "2026-04-12T09:00:00+08:00", List.of(attending(org, 4, 10, 4, false)), List.of(tenant), 4));
        held(tenant, org, "PARTY_LESSON", "2026-04-13T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(codes(warning(org))).containsExactly("MEETING_MISSED:BRANCH_ASSEMBLY:2026-Q1"));
        Map<String, Object> afterInvalid = status(org);
        assertThat(meeting(afterInvalid, "current", "QUARTER", "BRANCH_ASSEMBLY")).containsEntry("held", 0).containsEntry("invalid", 1)
                .containsEntry("status", "DUE");

        // an assembly with quorum: nothing missing any more, the warning clears by itself
        held(tenant, org, "BRANCH_ASSEMBLY", "2026-04-14T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNull());
        Map<String, Object> cleared = status(org);
        assertThat(cleared.get("level")).isEqualTo("NONE");
        assertThat(cleared.get("reasons")).isEqualTo(List.of());
        assertThat(cleared.get("lastActivityDate")).isEqualTo("2026-04-14");
        assertThat(cleared.get("enterpriseLastActivityDate")).isEqualTo("2026-04-14");
        assertThat(meeting(cleared, "previous", "QUARTER", "BRANCH_ASSEMBLY").get("status")).isEqualTo("MADE_UP");
        assertThat(meeting(cleared, "current", "QUARTER", "BRANCH_ASSEMBLY")).containsEntry("held", 1).containsEntry("status", "HELD");

        // what left through the outbox: raised (RED), raised (ORANGE, twice as reasons went away), cleared
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(warningEvents(org)).extracting(r -> header(r, "ce_type")).last().isEqualTo("DormancyWarningCleared"));
        List<ConsumerRecord<String, byte[]>> published = warningEvents(org);
        assertThat(published).extracting(r -> header(r, "ce_type") + "/" + body(r).get("level").asString())
                .containsExactly("DormancyWarningRaised/RED", "DormancyWarningRaised/ORANGE", "DormancyWarningRaised/ORANGE",
                        "DormancyWarningCleared/NONE");
        ConsumerRecord<String, byte[]> first = published.get(0);
        assertThat(header(first, "tenantid")).isEqualTo(tenant);
        assertThat(header(first, "allianceid")).isEqualTo(alliance);
        JsonNode raised = body(first);
        assertThat(raised.get("orgId").asString()).isEqualTo(org);
        assertThat(raised.get("orgName").asString()).isEqualTo("测试第一党支部");
        assertThat(raised.get("secretaryName").asString()).isEqualTo("张书记");
        assertThat(raised.get("reasons").size()).isEqualTo(4);
        assertThat(raised.get("previousLevel").asString()).isEqualTo("NONE");
        assertThat(body(published.get(3)).get("previousLevel").asString()).isEqualTo("ORANGE");
        assertThat(published).extracting(r -> body(r).get("version").asLong()).isSorted();
    }

    static Map<String, Object> period(Map<String, Object> status, String which, String granularity) {
        return ((List<?>) status.get(which)).stream().map(p -> (Map<String, Object>) p).filter(p -> granularity.equals(p.get("granularity")))
                .findFirst().orElseThrow();
    }

    static Map<String, Object> meeting(Map<String, Object> status, String which, String granularity, String type) {
        return ((List<?>) period(status, which, granularity).get("meetings")).stream().map(m -> (Map<String, Object>) m)
                .filter(m -> type.equals(m.get("type"))).findFirst().orElseThrow();
    }

    @Test
    void aDayPassingRaisesYellowThenRedWithoutAnyEvent() {
        String tenant = unique("t");
        String org = unique("o");
        enterpriseIn(tenant, null, null);
        // a committee (党委) owes no branch meetings by default: only the activity rules apply
        organisationCreated(tenant, org, "测试党委", "COMMITTEE", List.of(), "2025-01-01T09:00:00+08:00");
        held(tenant, org, "VOLUNTEER", "2026-04-14T15:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitKnown(org).get("lastActivityDate")).isEqualTo("2026-04-14"));
        assertThat(warning(org)).isNull();

        dayPasses(Instant.parse("2026-05-13T02:00:00Z")); // 29 days
        assertThat(warning(org)).isNull();
        dayPasses(Instant.parse("2026-05-14T02:00:00Z")); // 30 days
        assertThat(warning(org)).isNotNull();
        assertThat(warning(org).get("level")).isEqualTo("YELLOW");
        assertThat(codes(warning(org))).containsExactly("NO_ACTIVITY_30");
        dayPasses(Instant.parse("2026-07-12T02:00:00Z")); // 89 days
        assertThat(warning(org).get("level")).isEqualTo("YELLOW");
        dayPasses(Instant.parse("2026-07-13T02:00:00Z")); // 90 days
        assertThat(warning(org).get("level")).isEqualTo("RED");
        assertThat(codes(warning(org))).containsExactly("NO_ACTIVITY_90");

        // the next activity clears it
        held(tenant, org, "STUDY", "2026-07-13T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNull());
    }

    @Test
    void aVacantSecretaryTurnsRedAfterThreeMonthsAndANewSecretaryClearsIt() {
        String tenant = unique("t");
        String org = unique("o");
        enterpriseIn(tenant, null, null);
        events.send(DormancyConsumer.ORGANISATIONS, "OrganisationCreated", org, alliance, tenant, organisation(alliance, tenant, org,
                "测试总支", "GENERAL_BRANCH", List.of(), List.of(officer("m1", "李书记", "SECRETARY", "2023-05-01")), "2026-04-30",
                "2023-05-01T09:00:00+08:00", 1, Instant.parse("2023-05-01T01:00:00Z")));
        held(tenant, org, "JOINT", "2026-04-14T15:00:00+08:00");
        // the secretary leaves today
        events.send(DormancyConsumer.ORGANISATIONS, "OfficersChanged", org, alliance, tenant, organisation(alliance, tenant, org,
                "测试总支", "GENERAL_BRANCH", List.of(), List.of(officer("m2", "王委员", "COMMITTEE_MEMBER", "2023-05-01")), "2026-04-30",
                null, 2, T0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitKnown(org).get("secretaryVacantSince")).isEqualTo("2026-04-15"));
        assertThat(status(org).get("secretary")).isNull();
        assertThat(warning(org)).isNull();

        // exactly three months later (activity kept up): only the term, which ended on 30 April, is overdue
        held(tenant, org, "JOINT", "2026-07-14T15:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(org).get("lastActivityDate")).isEqualTo("2026-07-14"));
        dayPasses(Instant.parse("2026-07-15T02:00:00Z"));
        assertThat(warning(org).get("level")).isEqualTo("ORANGE");
        assertThat(codes(warning(org))).containsExactly("TERM_OVERDUE");
        dayPasses(Instant.parse("2026-07-16T02:00:00Z"));
        assertThat(warning(org).get("level")).isEqualTo("RED");
        assertThat(codes(warning(org))).containsExactly("SECRETARY_VACANT", "TERM_OVERDUE");
        assertThat(((Map<String, Object>) ((List<?>) warning(org).get("reasons")).get(0)).get("text")).isEqualTo("书记自 2026-04-15 起空缺，已超过3个月");

        // term renewed with a new secretary: cleared
        events.send(DormancyConsumer.ORGANISATIONS, "TermRenewed", org, alliance, tenant, organisation(alliance, tenant, org,
                "测试总支", "GENERAL_BRANCH", List.of(), List.of(officer("m3", "赵书记", "SECRETARY", "2026-07-16")), "2031-07-15",
                null, 3, CLOCK.instant()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNull());
        assertThat(status(org).get("secretary")).isEqualTo(Map.of("name", "赵书记", "since", "2026-07-16"));
    }

    @Test
    void membersWithoutOrganisationalLifeForSixMonthsAreListedByName() {
        String tenant = unique("t");
        String org = unique("o");
        enterpriseIn(tenant, null, null);
        organisationCreated(tenant, org, "测试第二党支部", "BRANCH", List.of(), "2025-01-01T09:00:00+08:00");
        String m1 = unique("m");
        String m2 = unique("m");
        String m3 = unique("m");
        String m4 = unique("m");
        String m5 = unique("m");
        String m6 = unique("m");
        sendMember(tenant, m1, org, "甲党员", "2025-09-01", true, Instant.parse("2025-09-01T01:00:00Z"));
        sendMember(tenant, m2, org, "乙党员", null, true, Instant.parse("2026-02-01T01:00:00Z")); // joined 1 Feb: within six months
        sendMember(tenant, m3, org, "丙党员", "2025-01-01", true, T0);
        sendMember(tenant, m4, org, "丁党员", "2025-01-01", true, T0);
        sendMember(tenant, m5, org, "戊党员", "2025-01-01", true, T0);
        sendMember(tenant, m6, org, "己党员", "2024-01-01", false, T0); // left
        events.send(DormancyConsumer.ATTENDANCE, "AttendanceRecorded", "a1", alliance, tenant,
                attendance(alliance, tenant, "a1", org, m3, "PRESENT", "PARTY_LESSON", "2025-12-01T09:00:00+08:00"));
        events.send(DormancyConsumer.ATTENDANCE, "AttendanceRecorded", "a2", alliance, tenant,
                attendance(alliance, tenant, "a2", org, m4, "LATE", "THEME_DAY", "2025-10-14T09:00:00+08:00")); // six months on 14 April
        events.send(DormancyConsumer.ATTENDANCE, "AttendanceRecorded", "a3", alliance, tenant,
                attendance(alliance, tenant, "a3", org, m5, "ON_LEAVE", "THEME_DAY", "2026-04-01T09:00:00+08:00"));

        String uri = "/api/org/warnings/members?orgId=" + org;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(content(admin, uri)).extracting(m -> m.get("name")).containsExactly("丁党员", "戊党员", "甲党员"));
        Map<String, Object> first = content(admin, uri).get(0);
        assertThat(first.keySet()).containsExactlyInAnyOrder("memberId", "name", "orgId", "orgName", "lastOrgLifeDate", "joinedDate",
                "reason", "since");
        assertThat(first.get("orgName")).isEqualTo("测试第二党支部");
        assertThat(first.get("reason")).isEqualTo("最近一次参加组织生活为 2025-10-14，已满6个月未参加组织生活");
        assertThat(content(admin, uri).get(2).get("reason")).isEqualTo("自 2025-09-01 加入以来已满6个月未参加组织生活");
        assertThat(status(org).get("memberWarnings")).isEqualTo(3);

        // 甲 attends a theme day: cleared; 丁 volunteers, which is not organisational life: still listed
        events.send(DormancyConsumer.ATTENDANCE, "AttendanceRecorded", "a4", alliance, tenant,
                attendance(alliance, tenant, "a4", org, m1, "PRESENT", "THEME_DAY", "2026-04-14T09:00:00+08:00"));
        events.send(DormancyConsumer.ATTENDANCE, "AttendanceRecorded", "a5", alliance, tenant,
                attendance(alliance, tenant, "a5", org, m4, "PRESENT", "VOLUNTEER", "2026-04-14T09:00:00+08:00"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(content(admin, uri)).extracting(m -> m.get("name")).containsExactly("丁党员", "戊党员"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(org).get("memberWarnings")).isEqualTo(2));
        assertThat(getJson(TestTokens.enterpriseAdmin(alliance, tenant), "/api/org/warnings/summary").get("memberWarnings")).isEqualTo(2);

        // six months after 乙 joined, a day passing lists them too
        dayPasses(Instant.parse("2026-08-01T02:00:00Z"));
        assertThat(content(admin, uri)).extracting(m -> m.get("name")).contains("乙党员");
        Api.get(web, admin, "/api/org/warnings/members?orgId=" + unique("nope")).expectStatus().isNotFound();
    }

    void sendMember(String tenant, String memberId, String orgId, String name, String joinedAt, boolean active, Instant occurredAt) {
        events.send(DormancyConsumer.MEMBERS, active ? "MemberJoined" : "MemberLeft", memberId, alliance, tenant,
                member(alliance, tenant, memberId, orgId, name, "FULL", joinedAt, active, active ? 1 : 2, occurredAt));
    }

    @Test
    void everyRoleSeesItsScopeAndNothingElse() {
        String t1 = unique("t");
        String t2 = unique("t");
        String park1 = unique("p");
        String building2 = unique("b");
        enterpriseIn(t1, park1, null);
        enterpriseIn(t2, null, building2);
        String o1 = unique("o");
        String o1child = unique("o");
        String o2 = unique("o");
        String allianceOrg = unique("o");
        organisationCreated(t1, o1, "甲企业党支部", "BRANCH", List.of(), "2025-01-01T09:00:00+08:00");
        organisationCreated(t1, o1child, "甲企业第一党小组", "GROUP", List.of(o1), "2025-01-01T09:00:00+08:00");
        organisationCreated(t2, o2, "乙企业党支部", "BRANCH", List.of(), "2025-01-01T09:00:00+08:00");
        organisationCreated(null, allianceOrg, "联盟联合党支部", "JOINT_BRANCH", List.of(), "2025-01-01T09:00:00+08:00");
        held(t2, o2, "VOLUNTEER", "2026-04-14T09:00:00+08:00"); // active, but meetings missed: ORANGE

        String otherAlliance = unique("al");
        String t3 = unique("t");
        String o3 = unique("o");
        events.send(DormancyConsumer.ORGANISATIONS, "OrganisationCreated", o3, otherAlliance, t3, organisation(otherAlliance, t3, o3,
                "别的联盟党支部", "BRANCH", List.of(), List.of(), null, "2025-01-01", 1, T0));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(warnedOrgIds(admin, "")).containsExactlyInAnyOrder(o1, o1child, o2, allianceOrg);
            assertThat(warning(o2).get("level")).isEqualTo("ORANGE");
        });
        assertThat(warnedOrgIds(admin, "&tenantId=" + t1)).containsExactlyInAnyOrder(o1, o1child);
        assertThat(warnedOrgIds(admin, "&level=RED")).containsExactlyInAnyOrder(o1, o1child, allianceOrg);
        assertThat(warnedOrgIds(admin, "&level=ORANGE")).containsExactly(o2);
        assertThat(warnedOrgIds(admin, "&level=YELLOW")).isEmpty();
        // names sort by code point (乙 < 甲 < 联; 党 < 第), as MongoDB's default collation does
        assertThat(warnedOrgIds(admin, "&sort=name,asc")).containsExactly(o2, o1, o1child, allianceOrg);
        assertThat(getJson(admin, "/api/org/warnings/summary")).containsEntry("organisations", 4).containsEntry("red", 3)
                .containsEntry("orange", 1).containsEntry("yellow", 0).containsEntry("none", 0);

        String ent1 = TestTokens.enterpriseAdmin(alliance, t1);
        assertThat(warnedOrgIds(ent1, "")).containsExactlyInAnyOrder(o1, o1child);
        assertThat(warnedOrgIds(ent1, "&tenantId=" + t2)).isEmpty();
        assertThat(getJson(ent1, "/api/org/warnings/summary")).containsEntry("organisations", 2).containsEntry("red", 2);
        Api.get(web, ent1, "/api/org/organisations/" + o1 + "/activity-status").expectStatus().isOk();
        Api.get(web, ent1, "/api/org/organisations/" + o2 + "/activity-status").expectStatus().isNotFound();
        Api.get(web, ent1, "/api/org/warnings/members?orgId=" + o2).expectStatus().isNotFound();

        String staff1 = TestTokens.user(unique("staff")).alliance(alliance).roles(Role.DISTRICT_STAFF).parks(park1).token();
        String staff2 = TestTokens.user(unique("staff")).alliance(alliance).roles(Role.DISTRICT_STAFF).buildings(building2).token();
        String staffNone = TestTokens.user(unique("staff")).alliance(alliance).roles(Role.DISTRICT_STAFF).token();
        assertThat(warnedOrgIds(staff1, "")).containsExactlyInAnyOrder(o1, o1child);
        assertThat(warnedOrgIds(staff2, "")).containsExactly(o2);
        assertThat(warnedOrgIds(staffNone, "")).isEmpty();
        Api.get(web, staff2, "/api/org/organisations/" + o2 + "/activity-status").expectStatus().isOk();
        Api.get(web, staff2, "/api/org/organisations/" + o1 + "/activity-status").expectStatus().isNotFound();

        String orgAdmin = OrgAdminTokens.orgAdmin(alliance, t1, o1child);
        assertThat(warnedOrgIds(orgAdmin, "")).containsExactly(o1child);
        Api.get(web, orgAdmin, "/api/org/organisations/" + o1child + "/activity-status").expectStatus().isOk();
        Api.get(web, orgAdmin, "/api/org/organisations/" + o1 + "/activity-status").expectStatus().isNotFound();
        String parentAdmin = OrgAdminTokens.orgAdmin(alliance, t1, o1);
        assertThat(warnedOrgIds(parentAdmin, "")).containsExactlyInAnyOrder(o1, o1child);

        String otherAdmin = TestTokens.allianceAdmin(otherAlliance);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warnedOrgIds(otherAdmin, "")).containsExactly(o3));
        Api.get(web, otherAdmin, "/api/org/organisations/" + o1 + "/activity-status").expectStatus().isNotFound();
        Api.get(web, admin, "/api/org/organisations/" + o3 + "/activity-status").expectStatus().isNotFound();

        String member = TestTokens.member(alliance, t1);
        String auditor = TestTokens.user(unique("aud")).alliance(alliance).roles(Role.AUDITOR).token();
        for (String forbidden : List.of(member, auditor)) {
            for (String uri : List.of("/api/org/warnings", "/api/org/warnings/summary", "/api/org/warnings/members",
                    "/api/org/warnings/members?orgId=" + o1, "/api/org/organisations/" + o1 + "/activity-status",
                    "/api/org/warnings/export", "/api/org/alliance-settings/meetings")) {
                Api.get(web, forbidden, uri).expectStatus().isForbidden();
            }
        }
        Api.get(web, null, "/api/org/warnings").expectStatus().isUnauthorized();
        Api.get(web, admin, "/api/org/warnings?level=PURPLE").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("level");
        Api.get(web, admin, "/api/org/warnings?size=500").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        Api.get(web, admin, "/api/org/warnings?sort=reasons").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");

        // the export for upward reporting: the caller's scope, organisations and members
        assertThat(exportedOrgNames(admin)).containsExactlyInAnyOrder("甲企业党支部", "甲企业第一党小组", "乙企业党支部", "联盟联合党支部");
        assertThat(exportedOrgNames(ent1)).containsExactlyInAnyOrder("甲企业党支部", "甲企业第一党小组");
        assertThat(exportedOrgNames(staff2)).containsExactly("乙企业党支部");
    }

    List<String> exportedOrgNames(String token) {
        byte[] xlsx = Api.get(web, token, "/api/org/warnings/export").expectStatus().isOk()
                .expectHeader().contentType(WarningController.XLSX)
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("attachment"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet orgs = book.getSheet("组织预警");
            assertThat(book.getSheet("党员预警")).isNotNull();
            assertThat(orgs.getRow(1).getCell(0).getStringCellValue()).isEqualTo("党组织");
            List<String> names = new ArrayList<>();
            for (int i = 2; i <= orgs.getLastRowNum(); i++) {
                Row row = orgs.getRow(i);
                names.add(row.getCell(0).getStringCellValue());
                assertThat(row.getCell(3).getStringCellValue()).endsWith("预警");
                assertThat(row.getCell(4).getStringCellValue()).isNotBlank();
            }
            return names;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSameEventTwiceChangesNothingAndOlderSnapshotsAreIgnored() {
        String tenant = unique("t");
        String org = unique("o");
        String barrierOrg = unique("o");
        String barrierTenant = unique("t");
        enterpriseIn(tenant, null, null);
        organisationCreated(tenant, org, "幂等测试党委", "COMMITTEE", List.of(), "2025-01-01T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNotNull());

        String activityId = unique("act");
        Map<String, Object> heldBody = activity(alliance, tenant, activityId, "STUDY", "2026-04-14T09:00:00+08:00",
                List.of(attending(org, 6, null, null, null)), List.of(tenant), 3);
        String eventId = events.send(DormancyConsumer.ACTIVITIES, "ActivityHeld", activityId, alliance, tenant, heldBody);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNull());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warningEvents(org)).hasSize(2));
        Map<String, Object> before = status(org);

        // the same event again, and the same snapshot under a new event id (a producer's redelivery)
        events.send(eventId, DormancyConsumer.ACTIVITIES, "ActivityHeld", activityId, alliance, tenant, heldBody);
        events.send(DormancyConsumer.ACTIVITIES, "ActivityHeld", activityId, alliance, tenant, heldBody);
        // an older snapshot of the same activity, cancelled: ignored
        Map<String, Object> olderCancel = new HashMap<>(heldBody);
        olderCancel.put("version", 2);
        events.send(DormancyConsumer.ACTIVITIES, "ActivityCancelled", activityId, alliance, tenant, olderCancel);
        // a later activity on the same topic partition: once it is visible, everything before it was consumed
        organisationCreated(barrierTenant, barrierOrg, "屏障党委", "COMMITTEE", List.of(), "2025-01-01T09:00:00+08:00");
        awaitKnown(barrierOrg);
        held(barrierTenant, barrierOrg, "STUDY", "2026-04-15T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(barrierOrg).get("lastActivityDate")).isEqualTo("2026-04-15"));

        assertThat(status(org)).isEqualTo(before);
        assertThat(warningEvents(org)).hasSize(2);

        // a cancellation that overtakes the held event it follows: the late, older held event is ignored
        String cancelledFirst = unique("act");
        Map<String, Object> cancelled = activity(alliance, tenant, cancelledFirst, "STUDY", "2026-04-15T10:00:00+08:00",
                List.of(attending(barrierOrg, 3, null, null, null)), List.of(tenant), 5);
        cancelled.put("organisations", List.of());
        events.send(DormancyConsumer.ACTIVITIES, "ActivityCancelled", cancelledFirst, alliance, tenant, cancelled);
        events.send(DormancyConsumer.ACTIVITIES, "ActivityHeld", cancelledFirst, alliance, tenant, activity(alliance, tenant, cancelledFirst,
                "STUDY", "2026-04-15T10:00:00+08:00", List.of(attending(org, 3, null, null, null)), List.of(tenant), 4));

        // a later change of the held activity without status or attendance (minutes added): it still counts
        events.send(DormancyConsumer.ACTIVITIES, "ActivityChanged", activityId, alliance, tenant,
                Map.of("activityId", activityId, "allianceId", alliance, "minutes", Map.of("topic", "学习贯彻会议精神"), "version", 6));

        // organisation snapshots: v3 then a late v2 — the name stays v3's
        events.send(DormancyConsumer.ORGANISATIONS, "OrganisationRenamed", org, alliance, tenant, organisation(alliance, tenant, org,
                "幂等测试党委（新名）", "COMMITTEE", List.of(), List.of(officer("s", "张书记", "SECRETARY", "2025-01-01")), "2028-12-31", null, 3, T0));
        events.send(DormancyConsumer.ORGANISATIONS, "OrganisationRenamed", org, alliance, tenant, organisation(alliance, tenant, org,
                "幂等测试党委（旧名）", "COMMITTEE", List.of(), List.of(), "2020-12-31", null, 2, T0));
        String barrier2 = unique("o");
        organisationCreated(tenant, barrier2, "屏障党委二", "COMMITTEE", List.of(), "2025-01-01T09:00:00+08:00");
        held(tenant, barrier2, "STUDY", "2026-04-15T11:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(awaitKnown(barrier2).get("lastActivityDate")).isEqualTo("2026-04-15"));
        Map<String, Object> after = status(org);
        assertThat(after.get("name")).isEqualTo("幂等测试党委（新名）");
        assertThat(after.get("termEnd")).isEqualTo("2028-12-31");
        assertThat(after.get("lastActivityDate")).as("the overtaken held event was ignored").isEqualTo("2026-04-14");
        assertThat(after.get("level")).isEqualTo("NONE");
    }

    @Test
    void meetingFrequenciesAreTheAlliancesToSet() {
        String tenant = unique("t");
        String org = unique("o");
        enterpriseIn(tenant, null, null);
        organisationCreated(tenant, org, "频次测试党支部", "BRANCH", List.of(), "2026-03-01T09:00:00+08:00");
        held(tenant, org, "VOLUNTEER", "2026-04-10T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(codes(warning(org))).containsExactly("MEETING_MISSED:THEME_DAY:2026-03"));

        String ent = TestTokens.enterpriseAdmin(alliance, tenant);
        Map<String, Object> defaults = getJson(ent, "/api/org/alliance-settings/meetings");
        assertThat(defaults.get("version")).isEqualTo(0);
        assertThat(defaults.get("defaults")).isEqualTo(true);
        List<?> meetings = (List<?>) defaults.get("meetings");
        assertThat(meetings).hasSize(7);
        assertThat(meetings).anySatisfy(m -> assertThat((Map<String, Object>) m).containsEntry("type", "THEME_DAY").containsEntry("frequency", "MONTHLY")
                .containsEntry("label", "主题党日").containsEntry("kinds", List.of("BRANCH", "JOINT_BRANCH")));
        assertThat(meetings).anySatisfy(m -> assertThat((Map<String, Object>) m).containsEntry("type", "BRANCH_COMMITTEE").containsEntry("committeeOnly", true));

        Map<String, Object> quarterly = Map.of("version", 0, "meetings",
                List.of(Map.of("type", "THEME_DAY", "frequency", "QUARTERLY", "kinds", List.of("BRANCH", "JOINT_BRANCH"))));
        Api.put(web, ent, "/api/org/alliance-settings/meetings", quarterly).expectStatus().isForbidden();
        Api.put(web, admin, "/api/org/alliance-settings/meetings", Map.of("version", 0, "meetings",
                        List.of(Map.of("type", "THEME_DAY", "frequency", "WEEKLY", "kinds", List.of("BRANCH")))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("meetings[0].frequency");
        Api.put(web, admin, "/api/org/alliance-settings/meetings", Map.of("version", 0, "meetings",
                        List.of(Map.of("type", "TEA_PARTY", "frequency", "MONTHLY", "kinds", List.of("CLUB")))))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("meetings[0].type")
                .jsonPath("$.errors[1].field").isEqualTo("meetings[0].kinds[0]");
        Api.put(web, admin, "/api/org/alliance-settings/meetings", Map.of("meetings", List.of())).expectStatus().isBadRequest();

        Map<String, Object> updated = (Map<String, Object>) Api.put(web, admin, "/api/org/alliance-settings/meetings", quarterly).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(updated.get("version")).isEqualTo(1);
        assertThat(updated.get("defaults")).isEqualTo(false);
        assertThat((List<?>) updated.get("meetings")).anySatisfy(m -> assertThat((Map<String, Object>) m).containsEntry("type", "THEME_DAY")
                .containsEntry("frequency", "QUARTERLY"));
        assertThat((List<?>) updated.get("meetings")).anySatisfy(m -> assertThat((Map<String, Object>) m).containsEntry("type", "BRANCH_ASSEMBLY")
                .containsEntry("frequency", "QUARTERLY"));
        Api.put(web, admin, "/api/org/alliance-settings/meetings", quarterly).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");

        // a quarterly theme day is not owed for a quarter the branch did not exist through: the warning goes away
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warning(org)).isNull());
        Map<String, Object> status = status(org);
        assertThat(meeting(status, "current", "QUARTER", "THEME_DAY").get("status")).isEqualTo("DUE");
        assertThat(getJson(TestTokens.allianceAdmin(unique("al")), "/api/org/alliance-settings/meetings").get("version"))
                .as("another alliance keeps the defaults").isEqualTo(0);
        String auditor = TestTokens.user(unique("aud")).alliance(alliance).roles(Role.AUDITOR).token();
        assertThat(content(auditor, "/api/org/audit?action=MEETING_SETTINGS_UPDATED&targetId=" + alliance))
                .singleElement().satisfies(e -> assertThat(e.get("result")).isEqualTo("SUCCESS"));
    }
}
