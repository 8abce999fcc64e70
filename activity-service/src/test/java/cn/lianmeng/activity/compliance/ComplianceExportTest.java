package cn.lianmeng.activity.compliance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import cn.lianmeng.platform.events.CloudEventHeaders;
import cn.lianmeng.platform.tenancy.TenantDirectoryListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The .xlsx export of meeting compliance: the JSON report's rows and totals, every row, same scope rules and errors. */
class ComplianceExportTest extends ActivityTestBase {

    /** 2027-06-10 10:00 in Shanghai: April and May are over, the second quarter is still running. */
    private static final Instant NOW = Instant.parse("2027-06-10T02:00:00Z");
    private static final DataFormatter FORMAT = new DataFormatter();

    @Autowired
    TenantDirectoryListener tenants;

    private void onboard(String tenant, String name) {
        byte[] body = json.writeValueAsBytes(Map.of("enterpriseId", tenant, "allianceId", world.alliance, "name", name,
                "status", "ACTIVE", "version", 1));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("org.enterprise.v1", 0, 0L, tenant, body);
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "EnterpriseOnboarded".getBytes(UTF_8));
        tenants.onEnterpriseEvent(record);
    }


    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> jsonRows(String token, String query) {
        Map<String, Object> report = body(get(token, "/compliance?size=100&" + query).expectStatus().isOk());
        return content((Map<String, Object>) report.get("organisations"));
    }

    private EntityExchangeResult<byte[]> export(String token, String query) {
        return get(token, "/compliance/export?" + query).expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class).returnResult();
    }

    private static List<String> cells(Row row) {
        List<String> out = new ArrayList<>();
        if (row != null) {
            for (int i = 0; i < row.getLastCellNum(); i++) {
                Cell c = row.getCell(i);
                out.add(c == null ? "" : FORMAT.formatCellValue(c));
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkbookIsTheJsonReportWithEveryRow() throws IOException {
        clock.shift(Duration.between(Instant.now(), NOW));
        String t1 = World.tenant();
        String t2 = World.tenant();
        onboard(t1, "示范科技有限公司");
        onboard(t2, "另一家公司");
        World.Org committee = world.org(t1, "示范科技党委", "COMMITTEE");
        World.Org active = world.org(t1, "甲党支部", "BRANCH", committee);
        World.Org group = world.org(t1, "甲党支部第一党小组", "GROUP", active);
        for (int i = 10; i < 33; i++) { // more than one page of the JSON report
            world.org(t1, "第" + i + "党支部", "BRANCH", committee);
        }
        World.Org elsewhere = world.org(t2, "另一家公司党支部", "BRANCH");
        world.held(active, "THEME_DAY", "2027-04-12T02:00:00Z");
        world.held(active, "BRANCH_ASSEMBLY", "2027-05-08T02:00:00Z");
        world.held(group, "GROUP_MEETING", "2027-05-20T02:00:00Z");
        String admin = world.enterpriseAdmin(t1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jsonRows(admin, "period=2027-Q2"))
                .filteredOn(r -> r.get("orgId").equals(group.id())).singleElement()
                .satisfies(r -> assertThat(r.get("status")).isEqualTo("MISSING")) // April missed, May held
                .satisfies(r -> assertThat(r.get("meetings").toString()).contains("HELD")));

        Map<String, Object> report = body(get(admin, "/compliance?period=2027-Q2&size=100").expectStatus().isOk());
        List<Map<String, Object>> rows = content((Map<String, Object>) report.get("organisations"));
        Map<String, Object> summary = (Map<String, Object>) report.get("summary");
        assertThat(rows).hasSize(25); // 24 branches and the group; the committee owes nothing under the defaults
        assertThat((List<?>) ((Map<String, Object>) body(get(admin, "/compliance?period=2027-Q2").expectStatus().isOk())
                .get("organisations")).get("content")).as("the JSON report pages").hasSizeLessThan(25);

        EntityExchangeResult<byte[]> result = export(admin, "period=2027-Q2");
        String disposition = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(disposition).startsWith("attachment; filename=\"compliance-2027-Q2.xlsx\"; filename*=UTF-8''");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), UTF_8))
                .isEqualTo("会议落实情况_示范科技有限公司_2027-Q2.xlsx");

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
            assertThat(wb.getSheetName(0)).isEqualTo("汇总");
            Sheet detail = wb.getSheet("明细");
            assertThat(cells(detail.getRow(0)).get(0)).contains("示范科技有限公司").contains("2027年第二季度");
            List<String> header = cells(detail.getRow(1));
            assertThat(header.subList(0, 4)).containsExactly("序号", "党组织", "类别", "所属单位");
            assertThat(header).contains("主题党日（每月）", "支部党员大会（每季度）", "党小组会（每月）", "状态");
            assertThat(detail.getLastRowNum() - 1).as("every row, not a page").isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> json = rows.get(i);
                List<String> xlsx = cells(detail.getRow(i + 2));
                Map<String, String> byHeader = new HashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    byHeader.put(header.get(c), c < xlsx.size() ? xlsx.get(c) : "");
                }
                assertThat(byHeader.get("组织编号")).as("row order").isEqualTo(json.get("orgId"));
                assertThat(byHeader.get("党组织")).isEqualTo(json.get("orgName"));
                assertThat(byHeader.get("所属单位")).isEqualTo("示范科技有限公司");
                assertThat(byHeader.get("类别")).isEqualTo(ComplianceExport.KIND_LABELS.get(json.get("kind").toString()));
                assertThat(byHeader.get("状态")).isEqualTo(ComplianceExport.STATUS_LABELS.get(json.get("status").toString()));
                assertThat(byHeader.get("未召开明细")).isEqualTo(String.join("、", (List<String>) json.get("missed")));
                List<Map<String, Object>> meetings = (List<Map<String, Object>>) json.get("meetings");
                for (String column : header.subList(4, header.size() - 3)) {
                    Map<String, Object> meeting = meetings.stream().filter(m -> column.startsWith(m.get("typeLabel").toString()))
                            .findFirst().orElse(null);
                    if (meeting == null) {
                        assertThat(byHeader.get(column)).as(column).isEqualTo("—");
                        continue;
                    }
                    List<Map<String, Object>> periods = (List<Map<String, Object>>) meeting.get("periods");
                    String[] lines = byHeader.get(column).split("\n");
                    assertThat(lines).as(column).hasSize(periods.size());
                    for (int p = 0; p < periods.size(); p++) {
                        assertThat(lines[p]).as(column).contains(ComplianceExport.CELL_LABELS.get(periods.get(p).get("status").toString()));
                    }
                }
            }
            Map<String, String> activeRow = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                activeRow.put(header.get(c), cells(detail.getRow(2 + indexOf(rows, active.id()))).get(c));
            }
            assertThat(activeRow.get("主题党日（每月）")).isEqualTo("2027-04 已召开（1次）\n2027-05 未召开\n2027-06 本期未召开");
            assertThat(activeRow.get("支部党员大会（每季度）")).isEqualTo("已召开（1次）");

            Map<String, String> totals = new HashMap<>();
            Sheet summarySheet = wb.getSheet("汇总");
            for (int r = 2; r <= summarySheet.getLastRowNum(); r++) {
                List<String> line = cells(summarySheet.getRow(r));
                totals.put(line.get(0), line.size() > 1 ? line.get(1) : "");
            }
            assertThat(totals).containsEntry("统计范围", "示范科技有限公司").containsEntry("统计期间", "2027年第二季度")
                    .containsEntry("应开会议的党组织", summary.get("organisations").toString())
                    .containsEntry("已落实", summary.get("compliant").toString())
                    .containsEntry("有未召开", summary.get("missing").toString())
                    .containsEntry("本期进行中", summary.get("due").toString())
                    .containsEntry("未召开：主题党日", String.valueOf(((Map<String, Object>) summary.get("missedByType")).get("THEME_DAY")))
                    .containsEntry("明细行数", String.valueOf(rows.size()));
        }

        // a status filter and an organisation subtree narrow the rows exactly like the JSON report
        String alliance = world.allianceAdmin();
        for (String query : List.of("period=2027-Q2&status=MISSING", "period=2027-05&orgId=" + active.id(), "period=2027&tenantId=" + t2)) {
            List<Map<String, Object>> expected = jsonRows(alliance, query);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export(alliance, query).getResponseBody()))) {
                Sheet detail = wb.getSheet("明细");
                List<String> ids = new ArrayList<>();
                int idColumn = cells(detail.getRow(1)).indexOf("组织编号");
                for (int r = 2; r <= detail.getLastRowNum(); r++) {
                    ids.add(cells(detail.getRow(r)).get(idColumn));
                }
                assertThat(ids).as(query).isNotEmpty().isEqualTo(expected.stream().map(m -> m.get("orgId").toString()).toList());
            }
        }

        // the same errors as the JSON report, for the same inputs
        for (String uri : List.of("/compliance", "/compliance/export")) {
            get(admin, uri + "?period=2027-Q2&orgId={o}", elsewhere.id()).expectStatus().isNotFound();
            get(admin, uri + "?period=2027-Q2&tenantId={t}", t2).expectStatus().isNotFound();
            get(admin, uri + "?orgId=o-unknown").expectStatus().isNotFound();
            get(Tokens.orgAdmin(world.alliance, t1, group.id()), uri + "?orgId={o}", active.id()).expectStatus().isNotFound();
            get(Tokens.member(world.alliance, t1, "m-1"), uri).expectStatus().isForbidden();
            get(Tokens.auditor(world.alliance), uri).expectStatus().isForbidden();
            get(null, uri).expectStatus().isUnauthorized();
            get(admin, uri + "?period=2027-Q5").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("period");
            get(admin, uri + "?status=LATE").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        }

        // audited: who exported which scope
        Map<String, Object> audit = body(get(Tokens.auditor(world.alliance), "/audit?action=COMPLIANCE_EXPORTED&size=100").expectStatus().isOk());
        assertThat(content(audit)).anySatisfy(e -> {
            assertThat(e.get("actorName").toString()).contains(t1);
            assertThat(e.get("tenantId")).isEqualTo(t1);
            assertThat((Map<String, Object>) e.get("details")).containsEntry("period", "2027-Q2").containsEntry("scope", "示范科技有限公司")
                    .containsEntry("rows", 25);
        });
    }

    @Test
    void theExportIsDocumentedAsABinaryWorkbook() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/activity/compliance/export'].get.responses['200'].content['"
                        + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema.format").isEqualTo("binary")
                .jsonPath("$.paths['/api/activity/compliance/export'].get.responses['404']").exists();
    }

    private static int indexOf(List<Map<String, Object>> rows, String orgId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get("orgId").equals(orgId)) {
                return i;
            }
        }
        throw new AssertionError(orgId);
    }
}
