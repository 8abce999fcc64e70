package cn.lianmeng.org.importer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.spreadsheet.Workbooks;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The .xlsx import through HTTP: the contract, per-row errors, duplicates, re-upload, limits, roles, template and jobs. */
@OrgIntegrationTest
class ImportIntegrationTest {

    static final String URI = "/api/org/enterprises/import";
    static final List<Object> HEADER = List.of("企业名称", "统一社会信用代码", "企业类型", "所属行业", "从业人数", "区", "街道", "社区", "园区",
            "楼宇", "正式党员人数", "联系人", "联系电话");


    @Autowired
    WebTestClient client;
    @Autowired
    EmbeddedKafkaBroker broker;

    private WebTestClient web;
    private Api.AllianceAdmin alliance;
    private String admin;

    @BeforeEach
    void allianceWithLocations() {
        web = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        alliance = Api.newAlliance(web, "导入测试联盟");
        admin = alliance.token();
        Api.standardLocations(web, admin);
    }

    /** A valid data row. */
    static List<Object> row(String name, String creditCode) {
        return Arrays.asList(name, creditCode, "民营企业", "软件和信息技术服务业", 120, "浦东新区", "张江镇", "张江社区", null, "创新大厦", 8, "王五",
                13812345678L);
    }

    static List<Object> with(List<Object> row, String column, Object value) {
        List<Object> copy = new ArrayList<>(row);
        copy.set(HEADER.indexOf(column), value);
        return copy;
    }

    static byte[] workbook(List<List<Object>> dataRows) {
        List<List<Object>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(dataRows);
        return Workbooks.xlsx(all);
    }

    private Map<?, ?> upload(String token, byte[] file) {
        return Api.upload(web, token, URI, "成员单位.xlsx", file).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private long enterpriseCount() {
        return ((Number) Api.get(web, admin, "/api/org/enterprises?size=1").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("totalElements")).longValue();
    }

    @Test
    void validRowsAreImportedAndEveryBadRowIsReportedByRowColumnAndMessage() {
        String a = Api.newCreditCode();
        String b = Api.newCreditCode();
        String c = Api.newCreditCode();
        String wrongCheck = a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0');
        byte[] file = workbook(List.of(
                row("上海导入甲有限公司", a),                                          // row 2: valid
                with(row("上海导入乙有限公司", b), "楼宇", null),                      // row 3: valid, no building
                with(row("坏代码有限公司", wrongCheck), "区", "浦西区"),               // row 4: two problems
                row("重复的甲", a),                                                  // row 5: duplicate of row 2
                with(with(row("上海导入丙有限公司", c), "企业类型", "个体户"), "联系电话", "12345"))); // row 6
        Map<?, ?> report = upload(admin, file);
        assertThat(report.get("imported")).isEqualTo(2);
        assertThat(report.get("rejected")).isEqualTo(3);
        assertThat(report.get("total")).isEqualTo(5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) report.get("errors");
        assertThat(errors).allSatisfy(e -> assertThat(e).containsOnlyKeys("row", "field", "message"));
        assertThat(errors).extracting(e -> e.get("row") + " " + e.get("field")).containsExactly(
                "4 统一社会信用代码", "4 区", "5 统一社会信用代码", "6 企业类型", "6 联系电话");
        assertThat(errors.get(0).get("message")).isEqualTo("校验位不正确");
        assertThat(errors.get(1).get("message")).isEqualTo("本联盟没有名为“浦西区”的区");
        assertThat(errors.get(2).get("message")).isEqualTo("与第 2 行的统一社会信用代码重复");

        Map<?, ?> imported = Api.get(web, admin, "/api/org/enterprises?q=上海导入甲").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        Map<?, ?> first = (Map<?, ?>) ((List<?>) imported.get("content")).get(0);
        assertThat(first.get("creditCode")).isEqualTo(a);
        assertThat(first.get("source")).isEqualTo("IMPORT");
        assertThat(first.get("park")).isEqualTo("张江科学城");
        assertThat(first.get("communityId")).isNotNull();
        assertThat(first.get("staffCount")).isEqualTo(120);
        assertThat(first.get("contactPhone")).isEqualTo("13812345678");
        assertThat(first.get("adminAccountId")).isNull();
        assertThat(enterpriseCount()).isEqualTo(2);

        // the job shows the outcome; the audit has the summary and one record per enterprise
        String jobId = report.get("jobId").toString();
        Api.get(web, admin, "/api/org/imports/" + jobId).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DONE").jsonPath("$.total").isEqualTo(5).jsonPath("$.processed").isEqualTo(5)
                .jsonPath("$.imported").isEqualTo(2).jsonPath("$.rejected").isEqualTo(3)
                .jsonPath("$.fileName").isEqualTo("成员单位.xlsx").jsonPath("$.errors.length()").isEqualTo(5);
        String auditor = TestTokens.user("auditor-" + jobId).alliance(alliance.allianceId()).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?action=ENTERPRISES_IMPORTED").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].targetId").isEqualTo(jobId);
        Api.get(web, auditor, "/api/org/audit?action=ENTERPRISE_ONBOARDED").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);

        // each imported enterprise leaves through the outbox like a single registration
        assertThat(onboardedKeys(2)).contains(first.get("id").toString());

        // the error report downloads as a workbook
        byte[] errorsXlsx = Api.get(web, admin, "/api/org/imports/" + jobId + "/errors").expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(new cn.lianmeng.org.spreadsheet.SpreadsheetReader(cn.lianmeng.org.spreadsheet.SpreadsheetLimits.DEFAULT)
                .read(errorsXlsx, List.of("行号", "列", "问题")).rows()).hasSize(5);
    }

    @Test
    void reUploadingTheSameFileImportsNothingTwice() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(row("重复上传企业" + i, Api.newCreditCode()));
        }
        byte[] file = workbook(rows);
        assertThat(upload(admin, file).get("imported")).isEqualTo(12);
        Map<?, ?> again = upload(admin, file);
        assertThat(again.get("imported")).isEqualTo(0);
        assertThat(again.get("rejected")).isEqualTo(12);
        assertThat(((List<?>) again.get("errors")).get(0).toString()).contains("已在本联盟登记");
        assertThat(enterpriseCount()).isEqualTo(12);
    }

    @Test
    void twoConcurrentUploadsOfTheSameFileImportEachRowOnce() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(row("并发导入企业" + i, Api.newCreditCode()));
        }
        byte[] file = workbook(rows);
        List<CompletableFuture<Map<?, ?>>> uploads = List.of(CompletableFuture.supplyAsync(() -> upload(admin, file)),
                CompletableFuture.supplyAsync(() -> upload(admin, file)));
        int imported = uploads.stream().map(CompletableFuture::join).mapToInt(r -> (Integer) r.get("imported")).sum();
        int rejected = uploads.stream().map(CompletableFuture::join).mapToInt(r -> (Integer) r.get("rejected")).sum();
        assertThat(imported).isEqualTo(40);
        assertThat(rejected).isEqualTo(40);
        assertThat(enterpriseCount()).isEqualTo(40);
    }

    @Test
    void whatIsNotAnXlsxIs415AndImportsNothing() {
        Api.upload(web, admin, URI, "成员单位.xlsx", Workbooks.docx()).expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        Api.upload(web, admin, URI, "成员单位.xlsx", "企业名称,统一社会信用代码\n甲,1".getBytes(UTF_8)).expectStatus().isEqualTo(415);
        Api.upload(web, admin, URI, "list.txt", Workbooks.plainZip()).expectStatus().isEqualTo(415);
        web.post().uri(URI).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(workbook(List.of(row("直接上传", Api.newCreditCode())))).exchange().expectStatus().isEqualTo(415);
        Api.post(web, admin, URI, Map.of("file", "x")).expectStatus().isEqualTo(415);
        assertThat(enterpriseCount()).isZero();
    }

    @Test
    void overTenMebibytesIs413AndJustUnderIsRead() {
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        new Random(1).nextBytes(tooLarge);
        tooLarge[0] = 'P';
        tooLarge[1] = 'K';
        Api.upload(web, admin, URI, "大文件.xlsx", tooLarge).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("10 MiB"));
        Api.upload(web, admin, URI, "更大的文件.xlsx", Arrays.copyOf(tooLarge, 13 * 1024 * 1024)).expectStatus().isEqualTo(413);

        // a real workbook of almost 10 MiB (incompressible names) goes through the multipart limits and is read
        byte[] big = bigWorkbook(9_800_000);
        assertThat(big.length).isBetween(8 * 1024 * 1024, 10 * 1024 * 1024);
        Map<?, ?> report = upload(admin, big);
        assertThat(report.get("imported")).isEqualTo(0);
        assertThat((Integer) report.get("rejected")).isPositive();
        assertThat(((List<?>) report.get("errors")).get(0).toString()).contains("企业名称").contains("不能超过 100 字");
        assertThat(enterpriseCount()).isZero();
    }

    /** Rows whose 企业名称 is 30,000 random letters: incompressible, so the file grows to about {@code bytes}. */
    static byte[] bigWorkbook(int bytes) {
        Random random = new Random(7);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        List<List<Object>> rows = new ArrayList<>();
        int rowsNeeded = (int) (bytes / (30_000 * 0.75));
        for (int i = 0; i < rowsNeeded; i++) {
            StringBuilder s = new StringBuilder(30_000);
            for (int k = 0; k < 30_000; k++) {
                s.append(letters.charAt(random.nextInt(letters.length())));
            }
            rows.add(with(row(s.toString(), Api.newCreditCode()), "企业类型", "民营企业"));
        }
        return workbook(rows);
    }

    @Test
    void aRenamedColumnIsOneClearErrorAndImportsNothing() {
        List<Object> header = new ArrayList<>(HEADER);
        header.set(5, "所在区");
        List<List<Object>> all = new ArrayList<>();
        all.add(header);
        all.add(row("表头错误企业", Api.newCreditCode()));
        Api.upload(web, admin, URI, "x.xlsx", Workbooks.xlsx(all)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("file")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("缺少列“区”").contains("无法识别的列“所在区”"));
        Api.upload(web, admin, "/api/org/enterprises/import", "x.xlsx", workbook(List.of())).expectStatus().isBadRequest();
        web.post().uri(URI).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData("other", "x")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        assertThat(enterpriseCount()).isZero();
    }

    @Test
    void onlyAllianceAdministratorsImportDownloadAndSeeJobs() {
        byte[] file = workbook(List.of(row("越权导入", Api.newCreditCode())));
        String jobId = upload(admin, file).get("jobId").toString();
        String aid = alliance.allianceId();
        for (String token : List.of(TestTokens.enterpriseAdmin(aid, "t1"), TestTokens.member(aid, "t1"),
                TestTokens.user("aud").alliance(aid).roles(Role.AUDITOR).token(),
                TestTokens.user("staff").alliance(aid).roles(Role.DISTRICT_STAFF).parks("p").token())) {
            Api.upload(web, token, URI, "x.xlsx", file).expectStatus().isForbidden();
            Api.get(web, token, URI + "/template").expectStatus().isForbidden();
            Api.get(web, token, "/api/org/imports").expectStatus().isForbidden();
            Api.get(web, token, "/api/org/imports/" + jobId).expectStatus().isForbidden();
        }
        Api.upload(web, null, URI, "x.xlsx", file).expectStatus().isUnauthorized();
        String other = TestTokens.allianceAdmin("another-alliance");
        Api.get(web, other, "/api/org/imports/" + jobId).expectStatus().isNotFound();
        Api.get(web, other, "/api/org/imports/" + jobId + "/errors").expectStatus().isNotFound();
        Api.get(web, other, "/api/org/imports").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, admin, "/api/org/imports?kind=ENTERPRISES").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].id").isEqualTo(jobId)
                .jsonPath("$.content[0].status").isEqualTo("DONE").jsonPath("$.content[0].errors").doesNotExist();
        assertThat(enterpriseCount()).isEqualTo(1);
    }

    @Test
    void theTemplateHasTheContractHeaderInOrderAndAChineseFileName() throws Exception {
        EntityExchangeResult<byte[]> result = Api.get(web, admin, URI + "/template").expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult();
        String disposition = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(disposition).startsWith("attachment;")
                .contains("filename*=UTF-8''%E6%88%90%E5%91%98%E5%8D%95%E4%BD%8D%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).containsExactly("企业名称", "统一社会信用代码", "企业类型", "所属行业", "从业人数", "区", "街道", "社区", "园区",
                    "楼宇", "正式党员人数", "联系人", "联系电话");
            assertThat(sheet.getDataValidations()).singleElement().satisfies(v -> assertThat(v.getValidationConstraint()
                    .getExplicitListValues()).containsExactly("国有企业", "民营企业", "外资企业", "合资企业", "社会组织"));
            assertThat(wb.getSheet("填写说明")).isNotNull();
            Set<String> places = new HashSet<>();
            wb.getSheet("地点参考").forEach(r -> places.add(r.getCell(1).getStringCellValue()));
            assertThat(places).contains("浦东新区", "张江镇", "张江社区", "张江科学城", "创新大厦", "陆家嘴大厦");
        }
        // the empty template is a valid upload with no data rows
        Api.upload(web, admin, URI, "模板.xlsx", result.getResponseBody()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("表头下没有数据行");
    }

    @Test
    void importedEnterprisesGetTheirAdminAccountIssuedOnce() {
        String code = Api.newCreditCode();
        upload(admin, workbook(List.of(row("待开通账户有限公司", code))));
        Map<?, ?> page = Api.get(web, admin, "/api/org/enterprises?q=待开通账户").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        String id = ((Map<?, ?>) ((List<?>) page.get("content")).get(0)).get("id").toString();
        String uri = "/api/org/enterprises/" + id + "/admin-account";
        Api.post(web, TestTokens.enterpriseAdmin(alliance.allianceId(), id), uri, Map.of()).expectStatus().isForbidden();
        Api.post(web, TestTokens.allianceAdmin("another-alliance"), uri, Map.of()).expectStatus().isNotFound();
        Map<?, ?> issued = Api.post(web, admin, uri, Map.of()).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> account = (Map<?, ?>) issued.get("adminAccount");
        assertThat(account.get("username")).isEqualTo(code);
        assertThat(account.get("passwordChangeRequired")).isEqualTo(true);
        Api.post(web, admin, uri, Map.of()).expectStatus().isEqualTo(409);
        Api.get(web, admin, "/api/org/enterprises/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.adminUsername").isEqualTo(code).jsonPath("$.adminAccountId").isEqualTo(account.get("accountId"));
        String first = Api.login(web, code, account.get("initialPassword").toString());
        Api.get(web, first, "/api/org/enterprises/" + id).expectStatus().isForbidden();
        Api.get(web, Api.firstLogin(web, code, account.get("initialPassword").toString(), "Ent#2026ok"), "/api/org/enterprises/" + id)
                .expectStatus().isOk();
    }

    private Set<String> onboardedKeys(int atLeast) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "import-it-" + System.nanoTime(), false);
        props.put("auto.offset.reset", "earliest");
        Set<String> keys = new HashSet<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            broker.consumeFromAnEmbeddedTopic(consumer, EnterpriseService.TOPIC);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(r -> {
                    if (new String(r.value(), UTF_8).contains("\"allianceId\":\"" + alliance.allianceId() + "\"")) {
                        keys.add(r.key());
                    }
                });
                assertThat(keys).hasSizeGreaterThanOrEqualTo(atLeast);
            });
        }
        return keys;
    }
}
