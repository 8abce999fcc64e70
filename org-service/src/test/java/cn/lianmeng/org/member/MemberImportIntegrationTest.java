package cn.lianmeng.org.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.org.spreadsheet.Workbooks;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The member .xlsx import: per-row report, valid rows in, invalid rows out, re-upload harmless, logins on demand. */
@OrgIntegrationTest
class MemberImportIntegrationTest {

    private static final String URI = "/api/org/members/import";


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

    private MemberFixtures fx;
    private String alliance;
    private String tenant;
    private String partner;
    private String partnerCode;
    private String admin;

    @BeforeEach
    void enterpriseWithOrganisations() {
        fx = new MemberFixtures(web, mongo, tokenIssuer, outbox, relay, broker);
        alliance = MemberFixtures.newAlliance();
        tenant = fx.enterprise(alliance, "上海导入测试科技有限公司", null);
        partner = fx.enterprise(alliance, "上海导入伙伴有限公司", null);
        partnerCode = Api.get(web, fx.allianceAdmin(alliance), "/api/org/enterprises/" + partner).expectBody(Map.class)
                .returnResult().getResponseBody().get("creditCode").toString();
        String committee = fx.organisation(alliance, tenant, "导入测试党委", "COMMITTEE", "SINGLE", null);
        fx.branch(alliance, tenant, "第一党支部", committee);
        fx.branch(alliance, tenant, "第二党支部", committee);
        fx.organisation(alliance, tenant, "园区联合党支部", "JOINT_BRANCH", "JOINT", null, tenant, partner);
        fx.branch(alliance, "someone-else", "外单位党支部", null);
        admin = fx.enterpriseAdmin(alliance, tenant);
    }

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    /** 姓名, 性别, 出生日期, 身份证号, 手机号, 入党日期, 党员状态, 预备期满日期, 所在党组织, 工作单位统一社会信用代码, 流动党员, 外出日期, 失联 */
    private byte[] file(String valid1, String valid2, String valid3, String dup) {
        String bad = valid1.substring(0, 17) + (valid1.charAt(17) == '0' ? '1' : '0');
        return Workbooks.xlsx(List.of(
                row(MemberImportColumns.HEADERS.toArray()),
                row("王一", "男", null, valid1, MemberFixtures.newPhone(), "2016-07-01", "正式", null, "第一党支部", null, "否", null, "否"),
                row("李二", null, null, valid2, null, LocalDate.of(2025, 3, 1), "预备", LocalDate.of(2026, 3, 1), "第二党支部", null, "是",
                        "2025-01-10", null),
                row("赵三", "女", null, valid3, null, "2014/7/1", "正式", null, "园区联合党支部", partnerCode, null, null, "是"),
                row("错号", null, null, bad, null, "2016-07-01", "正式", null, "第一党支部"),
                row("无组织", null, null, MemberFixtures.newIdNumber(), null, "2016-07-01", "正式", null, "外单位党支部"),
                row("坏日期", null, null, MemberFixtures.newIdNumber(), null, "2016-02-30", "正式", null, "第一党支部"),
                row("重复", null, null, dup, null, "2016-07-01", "正式", null, "第一党支部"),
                row("缺期满", null, null, MemberFixtures.newIdNumber(), null, "2016-07-01", "预备", null, "第二党支部"),
                row("未登记单位", null, null, MemberFixtures.newIdNumber(), null, "2016-07-01", "正式", null, "园区联合党支部",
                        Api.newCreditCode())));
    }

    private Map<?, ?> upload(String token, byte[] file) {
        return Api.upload(web, token, URI, "党员.xlsx", file).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<?, ?> report) {
        return (List<Map<String, Object>>) report.get("errors");
    }

    @Test
    @SuppressWarnings("unchecked")
    void importsValidRowsReportsTheOthersAndNeverImportsTwice() {
        String id1 = MemberFixtures.newIdNumber();
        String id2 = MemberFixtures.newIdNumber();
        String id3 = MemberFixtures.newIdNumber();
        byte[] file = file(id1, id2, id3, id1);
        Map<?, ?> report = upload(admin, file);
        assertThat(report.get("imported")).isEqualTo(3);
        assertThat(report.get("rejected")).isEqualTo(6);
        assertThat(report.get("total")).isEqualTo(9);
        assertThat(errors(report)).extracting(e -> e.get("row") + ":" + e.get("field")).containsExactly(
                "5:身份证号", "6:所在党组织", "7:入党日期", "8:身份证号", "9:预备期满日期", "10:工作单位统一社会信用代码");
        assertThat(errors(report).get(0).get("message")).isEqualTo("校验位不正确");
        assertThat(errors(report).get(3).get("message")).isEqualTo("与第 2 行的身份证号重复");

        Map<?, ?> page = Api.get(web, admin, "/api/org/members?size=50").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(page.get("totalElements")).isEqualTo(3);
        List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
        Map<String, Object> li = content.stream().filter(m -> m.get("name").equals("李二")).findFirst().orElseThrow();
        assertThat(li.get("status")).isEqualTo("PROBATIONARY");
        assertThat(li.get("flags")).isEqualTo(List.of("MOBILE"));
        assertThat(li.get("accountStatus")).isEqualTo("NONE");
        assertThat(li.get("gender")).as("from the ID number").isEqualTo(IdNumber.gender(id2).name());
        Map<String, Object> zhao = content.stream().filter(m -> m.get("name").equals("赵三")).findFirst().orElseThrow();
        assertThat(zhao.get("enterpriseId")).isEqualTo(partner);
        assertThat(zhao.get("flags")).isEqualTo(List.of("LOST_CONTACT"));
        Document raw = fx.rawMember(li.get("id").toString());
        assertThat(raw.toJson()).doesNotContain(id2);
        assertThat(raw.getString("source")).isEqualTo("import");
        assertThat(fx.events(MemberService.TOPIC, li.get("id").toString(), 1)).extracting(MemberFixtures::type).containsExactly("MemberJoined");

        // the same file again: nothing twice
        Map<?, ?> again = upload(admin, file);
        assertThat(again.get("imported")).isEqualTo(0);
        assertThat(again.get("rejected")).isEqualTo(9);
        assertThat(errors(again)).filteredOn(e -> e.get("message").toString().contains("不重复导入")).hasSize(3);
        assertThat(Api.get(web, admin, "/api/org/members").expectBody(Map.class).returnResult().getResponseBody().get("totalElements"))
                .isEqualTo(3);
        Api.get(web, fx.auditor(alliance), "/api/org/audit?action=MEMBERS_IMPORTED").expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.tenantId == '" + tenant + "')]").value(l -> assertThat((List<?>) l).hasSize(2));
        Api.get(web, fx.auditor(alliance), "/api/org/audit?action=MEMBER_CREATED&targetId=" + li.get("id")).expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(1);

        // an imported member's login is issued on demand, shown once
        String memberId = li.get("id").toString();
        Api.post(web, admin, "/api/org/members/" + memberId + "/account", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        Map<?, ?> issued = Api.post(web, admin, "/api/org/members/" + memberId + "/account", Map.of("username", "li-er-" + System.nanoTime()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(issued.get("passwordChangeRequired")).isEqualTo(true);
        Api.post(web, admin, "/api/org/members/" + memberId + "/account", Map.of("username", "other-" + System.nanoTime()))
                .expectStatus().isEqualTo(409);
        String token = Api.firstLogin(web, issued.get("username").toString(), issued.get("initialPassword").toString(), "Member#2026");
        Api.get(web, token, "/api/org/members/me").expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(memberId)
                .jsonPath("$.accountStatus").isEqualTo("ACTIVE").jsonPath("$.version").isEqualTo(2);
        assertThat(fx.events(MemberService.TOPIC, memberId, 2)).extracting(MemberFixtures::type).containsExactly("MemberJoined", "MemberUpdated");
    }

    @Test
    void onlyTheEnterpriseAdminImportsAndOnlyXlsxInTheTemplatesShape() {
        byte[] file = file(MemberFixtures.newIdNumber(), MemberFixtures.newIdNumber(), MemberFixtures.newIdNumber(), MemberFixtures.newIdNumber());
        Api.upload(web, fx.allianceAdmin(alliance), URI, "党员.xlsx", file).expectStatus().isForbidden();
        Api.upload(web, fx.orgAdmin(alliance, tenant, "x"), URI, "党员.xlsx", file).expectStatus().isForbidden();
        Api.upload(web, fx.member(alliance, tenant, "m"), URI, "党员.xlsx", file).expectStatus().isForbidden();
        Api.upload(web, null, URI, "党员.xlsx", file).expectStatus().isUnauthorized();
        Api.upload(web, admin, URI, "党员.xlsx", "姓名,身份证号\n张三,1".getBytes()).expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        Api.upload(web, admin, URI, "党员.xlsx", Workbooks.docx()).expectStatus().isEqualTo(415);
        Api.upload(web, admin, URI, "党员.xlsx", Workbooks.xlsx(List.of(row("姓名", "身份证号"), row("张三", MemberFixtures.newIdNumber()))))
                .expectStatus().isBadRequest();
        Api.upload(web, admin, URI, "党员.xlsx", new byte[16]).expectStatus().isEqualTo(415);
        assertThat(Api.get(web, admin, "/api/org/members").expectBody(Map.class).returnResult().getResponseBody().get("totalElements"))
                .isEqualTo(0);
    }

    @Test
    void theTemplateHasTheColumnsDropDownsAndTheEnterprisesOrganisations() {
        byte[] template = web.get().uri(URI + "/template").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("member-import-template.xlsx"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
            var header = wb.getSheet("党员").getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(cell -> headers.add(cell.getStringCellValue().replace("*", "").strip()));
            assertThat(headers).containsExactlyElementsOf(MemberImportColumns.HEADERS);
            assertThat(wb.getSheet("填写说明")).isNotNull();
            var reference = wb.getSheet("党组织参考");
            List<String> names = new ArrayList<>();
            for (int r = 1; r <= reference.getLastRowNum(); r++) {
                names.add(reference.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(names).containsExactlyInAnyOrder("导入测试党委", "第一党支部", "第二党支部", "园区联合党支部");
            assertThat(wb.getSheet("党员").getDataValidations()).hasSizeGreaterThanOrEqualTo(5);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        web.get().uri(URI + "/template").header("Authorization", "Bearer " + fx.allianceAdmin(alliance)).exchange().expectStatus().isForbidden();
    }
}
