package cn.lianmeng.content.school;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** The online Party school through HTTP: progress rules, completion, study hours, quizzes, reports, events. */
class SchoolIntegrationTest extends ContentTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;

    World.Alliance alliance;
    String tenant;
    String committee;
    String branch;
    String member;
    String secretary;
    String courseId;
    final Instant t0 = Instant.now().minusSeconds(600);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void course() {
        alliance = world.alliance();
        tenant = alliance.enterprise("上海江川电力设备有限公司", null, null);
        committee = alliance.org(tenant, "江川党委", "COMMITTEE", null, List.of());
        branch = alliance.org(tenant, "检修党支部", "BRANCH", committee, List.of(committee));
        member = alliance.member(tenant, branch, List.of(committee), "蒋一");
        secretary = alliance.member(tenant, branch, List.of(committee), "沈书记", "SECRETARY");
        String admin = alliance.enterpriseAdmin(tenant);
        byte[] video = new byte[40_000];
        new Random(3).nextBytes(video);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, video, 0, 12);
        String videoId = body(web.post().uri("/api/content/files?name=第一课.mp4").header("Authorization", "Bearer " + admin)
                .bodyValue(video).exchange().expectStatus().isCreated()).get("id").toString();
        byte[] pdf = "%PDF-1.7\n学习材料".getBytes(UTF_8);
        String pdfId = body(web.post().uri("/api/content/files?name=材料.pdf").header("Authorization", "Bearer " + admin)
                .bodyValue(pdf).exchange().expectStatus().isCreated()).get("id").toString();

        Map<String, Object> course = Publishing.item("COURSE", "学习贯彻党的二十届三中全会精神专题课程", Map.of("tenantIds", List.of(tenant)));
        List<Map<String, Object>> lessons = new ArrayList<>();
        lessons.add(Map.of("id", "v1", "title", "全会精神解读（视频）", "type", "VIDEO", "videoFileId", videoId, "durationSeconds", 100,
                "studyHours", 1.5));
        lessons.add(Map.of("id", "t1", "title", "全会公报原文（图文）", "type", "TEXT", "text", "<p>公报全文</p>", "studyHours", 1.0));
        lessons.add(Map.of("id", "a1", "title", "辅导材料（附件）", "type", "ATTACHMENT", "attachmentFileIds", List.of(pdfId), "studyHours", 0.5,
                "quiz", Map.of("passPercent", 60, "questions", List.of(
                        Map.of("text", "全会召开于哪一年？", "type", "SINGLE", "options", List.of("2023 年", "2024 年"), "correct", List.of(1)),
                        Map.of("text", "以下哪些是全会主题词？", "type", "MULTIPLE", "options", List.of("进一步全面深化改革", "推进中国式现代化", "其他"),
                                "correct", List.of(0, 1))))));
        course.put("course", Map.of("required", true, "lessons", lessons));
        courseId = Publishing.publish(web, admin, alliance.enterpriseAdmin(tenant), course);
    }

    private String at(long seconds) {
        return OffsetDateTime.ofInstant(t0.plusSeconds(seconds), ZoneOffset.ofHours(8)).toString();
    }

    private Map<String, Object> watch(String token, double position, long atSeconds, int status) {
        Map<String, Object> body = new HashMap<>();
        body.put("positionSeconds", position);
        body.put("at", at(atSeconds));
        return body(put(token, "/api/content/school/courses/{c}/lessons/v1/progress", body, courseId).expectStatus().isEqualTo(status));
    }

    @Test
    void videoProgressResumesCompletesAt90PercentAndRefusesImpossibleReports() {
        String token = alliance.memberToken(member, tenant, branch);
        watch(token, 0, 0, 200);
        Map<String, Object> halfway = watch(token, 50, 50, 200);
        assertThat(halfway.get("percent")).isEqualTo(50.0);
        assertThat(halfway.get("completed")).isEqualTo(false);
        // beyond 100% and back in time: 400, and nothing stored
        assertThat(watch(token, 120, 60, 400).get("errors").toString()).contains("positionSeconds");
        assertThat(watch(token, 55, 40, 400).get("errors").toString()).contains("at");
        get(token, "/api/content/school/courses/{c}", courseId).expectStatus().isOk().expectBody()
                .jsonPath("$.progress.lessonStates[0].positionSeconds").isEqualTo(50.0)
                .jsonPath("$.progress.lessonStates[0].completed").isEqualTo(false)
                .jsonPath("$.course.course.lessons[2].quiz.questions[0].correct").doesNotExist()
                .jsonPath("$.course.course.lessons[2].quiz.questions[0].options[1].text").isEqualTo("2024 年");
        // jumping to the end is not watching
        assertThat(watch(token, 99, 55, 200).get("completed")).isEqualTo(false);
        watch(token, 50, 56, 200);
        Map<String, Object> done = watch(token, 92, 100, 200);
        assertThat(done.get("completed")).isEqualTo(true);
        assertThat(done.get("completedAt")).isNotNull();

        // reading lessons: beyond 100% refused, 100 completes
        put(token, "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("readPercent", 101), courseId).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("readPercent");
        put(token, "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("positionSeconds", 3), courseId).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("readPercent");
        put(token, "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("readPercent", 100), courseId).expectStatus().isOk()
                .expectBody().jsonPath("$.completed").isEqualTo(true);
        put(token, "/api/content/school/courses/{c}/lessons/nope/progress", Map.of("readPercent", 100), courseId).expectStatus().isNotFound();

        get(token, "/api/content/school/me").expectStatus().isOk().expectBody()
                .jsonPath("$.hours").isEqualTo(2.5).jsonPath("$.target").isEqualTo(32.0).jsonPath("$.officer").isEqualTo(false)
                .jsonPath("$.lessonsCompleted").isEqualTo(2).jsonPath("$.points").doesNotExist()
                .jsonPath("$.requiredCourses[0].courseId").isEqualTo(courseId)
                .jsonPath("$.requiredCourses[0].completedLessons").isEqualTo(2)
                .jsonPath("$.requiredCourses[0].completed").isEqualTo(false);
        get(alliance.memberToken(secretary, tenant, branch), "/api/content/school/me").expectStatus().isOk().expectBody()
                .jsonPath("$.target").isEqualTo(56.0).jsonPath("$.officer").isEqualTo(true).jsonPath("$.hours").isEqualTo(0.0);
    }

    @Test
    void quizzesAreScoredOnTheServerAndAnswersComeOnlyAfterSubmission() {
        String token = alliance.memberToken(member, tenant, branch);
        post(token, "/api/content/school/courses/{c}/lessons/a1/quiz", Map.of("answers", Map.of("Q9", List.of("A"))), courseId)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("answers.Q9");
        post(token, "/api/content/school/courses/{c}/lessons/a1/quiz", Map.of("answers", Map.of("Q1", List.of("B"), "Q2", List.of("A"))), courseId)
                .expectStatus().isOk().expectBody().jsonPath("$.score").isEqualTo(50).jsonPath("$.passed").isEqualTo(false)
                .jsonPath("$.questions[1].correctOptions[1]").isEqualTo("B");
        post(token, "/api/content/school/courses/{c}/lessons/a1/quiz", Map.of("answers", Map.of("Q1", List.of("B"), "Q2", List.of("B", "A"))), courseId)
                .expectStatus().isOk().expectBody().jsonPath("$.score").isEqualTo(100).jsonPath("$.passed").isEqualTo(true);
        get(token, "/api/content/school/courses/{c}", courseId).expectStatus().isOk().expectBody()
                .jsonPath("$.progress.lessonStates[2].bestQuizScore").isEqualTo(100)
                .jsonPath("$.progress.lessonStates[2].quizPassed").isEqualTo(true)
                .jsonPath("$.progress.lessonStates[2].completed").isEqualTo(false);
        post(token, "/api/content/school/courses/{c}/lessons/t1/quiz", Map.of("answers", Map.of()), courseId).expectStatus().isNotFound();
        // not a member of the audience / not a member at all
        String outsiderTenant = alliance.enterprise("上海莘庄新材料有限公司", null, null);
        String outsiderOrg = alliance.org(outsiderTenant, "莘庄党支部", "BRANCH", null, List.of());
        String outsider = alliance.member(outsiderTenant, outsiderOrg, List.of(), "韩二");
        get(alliance.memberToken(outsider, outsiderTenant, outsiderOrg), "/api/content/school/courses/{c}", courseId).expectStatus().isNotFound();
        put(alliance.enterpriseAdmin(tenant), "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("readPercent", 10), courseId)
                .expectStatus().isForbidden();
    }

    @Test
    void completionsLeaveAsEventsAndTheOrganisationReportShowsWhoIsBehind() throws Exception {
        String token = alliance.memberToken(member, tenant, branch);
        put(token, "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("readPercent", 100), courseId).expectStatus().isOk();
        put(token, "/api/content/school/courses/{c}/lessons/a1/progress", Map.of("readPercent", 100), courseId).expectStatus().isOk();
        // completing again credits nothing more
        put(token, "/api/content/school/courses/{c}/lessons/t1/progress", Map.of("readPercent", 100), courseId).expectStatus().isOk();

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "school-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, "content.study.v1");
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(300)).forEach(r -> {
                    if (member.equals(r.key())) {
                        mine.add(r);
                    }
                });
                assertThat(mine).hasSize(4);
            });
            assertThat(mine.stream().map(r -> new String(r.headers().lastHeader("ce_type").value(), UTF_8)))
                    .containsExactly("LessonCompleted", "StudyHoursRecorded", "LessonCompleted", "StudyHoursRecorded");
            assertThat(new String(mine.get(3).value(), UTF_8)).contains("\"hours\":0.5").contains("\"yearTotalHours\":1.5")
                    .contains("\"orgId\":\"" + branch + "\"");
        }

        String admin = alliance.enterpriseAdmin(tenant);
        get(admin, "/api/content/school/report?orgId={o}", committee).expectStatus().isOk().expectBody()
                .jsonPath("$.members").isEqualTo(2)
                .jsonPath("$.rows[?(@.memberId=='" + member + "')].hours").isEqualTo(1.5)
                .jsonPath("$.rows[?(@.memberId=='" + secretary + "')].target").isEqualTo(56.0)
                .jsonPath("$.rows[?(@.memberId=='" + secretary + "')].role").isEqualTo("书记");
        get(alliance.orgAdmin(tenant, branch), "/api/content/school/report?orgId={o}", committee).expectStatus().isNotFound();
        get(alliance.orgAdmin(tenant, branch), "/api/content/school/report?orgId={o}", branch).expectStatus().isOk();
        get(alliance.enterpriseAdmin("another-tenant"), "/api/content/school/report?orgId={o}", branch).expectStatus().isNotFound();
        get(token, "/api/content/school/report?orgId={o}", branch).expectStatus().isForbidden();

        byte[] xlsx = web.get().uri("/api/content/school/report.xlsx?orgId={o}&year={y}", committee, OffsetDateTime.now(ZoneOffset.ofHours(8)).getYear())
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectHeader().contentType(StudyWorkbook.MEDIA_TYPE)
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("姓名");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
            List<String> names = List.of(sheet.getRow(4).getCell(1).getStringCellValue(), sheet.getRow(5).getCell(1).getStringCellValue());
            assertThat(names).containsExactlyInAnyOrder("蒋一", "沈书记");
        }
    }
}
