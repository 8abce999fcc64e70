package cn.lianmeng.org.coverage;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared context of the coverage and ledger integration tests: org-service with the embedded broker and stand-in,
 * the maintenance jobs switched off (tests run them directly; off in every org-service test context, see
 * Api.register), and one fresh alliance per test built from events.
 */
@OrgIntegrationTest
public abstract class CoverageTestBase {

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected org.springframework.kafka.test.EmbeddedKafkaBroker broker;

    protected TestEvents events;
    protected String alliance;
    protected String admin;

    // place ids are globally unique (ObjectIds in production): fresh ones per test
    protected String DISTRICT;
    protected String STREET;
    protected String PARK_1;
    protected String PARK_2;
    protected String BUILDING_1;
    /** In park 1, no building. */
    protected TestEvents.Location IN_PARK_1;
    /** In building 1, which is inside park 1. */
    protected TestEvents.Location IN_BUILDING_1;
    protected TestEvents.Location IN_PARK_2;

    @BeforeEach
    protected void freshAlliance() {
        events = new TestEvents(kafka, json, broker.getBrokersAsString());
        alliance = "a-" + UUID.randomUUID();
        admin = TestTokens.allianceAdmin(alliance);
        DISTRICT = id("d-pd");
        STREET = id("s-zj");
        PARK_1 = id("p-zj");
        PARK_2 = id("p-jq");
        BUILDING_1 = id("b-cx");
        IN_PARK_1 = new TestEvents.Location(DISTRICT, "浦东新区", STREET, "张江镇", PARK_1, "张江科学园", null, null);
        IN_BUILDING_1 = new TestEvents.Location(DISTRICT, "浦东新区", STREET, "张江镇", PARK_1, "张江科学园", BUILDING_1, "创新大厦");
        IN_PARK_2 = new TestEvents.Location(DISTRICT, "浦东新区", STREET, "张江镇", PARK_2, "金桥园区", null, null);
    }

    protected String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes an enterprise snapshot (ACTIVE, OPERATING) and answers its id. */
    protected String enterprise(String name, int staff, TestEvents.Location location) {
        String id = id("e");
        enterpriseEvent(TestEvents.located(TestEvents.enterprise(alliance, id, name, staff, 1), location), "EnterpriseOnboarded");
        return id;
    }

    protected void enterpriseEvent(Map<String, Object> body, String type) {
        events.publish(CoverageProjector.ENTERPRISE_TOPIC, type, body.get("enterpriseId").toString(), alliance,
                body.get("enterpriseId").toString(), body);
    }

    protected void organisationEvent(Map<String, Object> body, String type) {
        events.publish(CoverageProjector.ORGANISATION_TOPIC, type, body.get("orgId").toString(), alliance,
                (String) body.get("tenantId"), body);
    }

    protected void memberEvent(Map<String, Object> body, String type) {
        events.publish(CoverageProjector.MEMBER_TOPIC, type, body.get("memberId").toString(), alliance, (String) body.get("tenantId"), body);
    }

    protected String singleOrganisation(String enterpriseId, String name) {
        String org = id("o");
        organisationEvent(TestEvents.organisation(alliance, org, enterpriseId, name, "BRANCH", "SINGLE", "ACTIVE",
                List.of(enterpriseId), 1), "OrganisationCreated");
        return org;
    }

    protected void places() {
        events.publish(CoverageProjector.REGION_TOPIC, "RegionCreated", DISTRICT, alliance, null,
                TestEvents.place(alliance, DISTRICT, "REGION", "DISTRICT", "浦东新区", null, null, null, null));
        events.publish(CoverageProjector.REGION_TOPIC, "RegionCreated", STREET, alliance, null,
                TestEvents.place(alliance, STREET, "REGION", "STREET", "张江镇", DISTRICT, null, DISTRICT, null));
        events.publish(CoverageProjector.REGION_TOPIC, "ParkCreated", PARK_1, alliance, null,
                TestEvents.place(alliance, PARK_1, "PARK", null, "张江科学园", null, null, DISTRICT, STREET));
        events.publish(CoverageProjector.REGION_TOPIC, "ParkCreated", PARK_2, alliance, null,
                TestEvents.place(alliance, PARK_2, "PARK", null, "金桥园区", null, null, DISTRICT, STREET));
        events.publish(CoverageProjector.REGION_TOPIC, "BuildingCreated", BUILDING_1, alliance, null,
                TestEvents.place(alliance, BUILDING_1, "BUILDING", null, "创新大厦", null, PARK_1, DISTRICT, STREET));
    }

    protected String staff(String name, List<String> parks, List<String> buildings) {
        return TestTokens.user(name).alliance(alliance).roles(Role.DISTRICT_STAFF)
                .parks(parks.toArray(String[]::new)).buildings(buildings.toArray(String[]::new)).token();
    }

    protected Map<?, ?> coverage(String token, String query) {
        return Api.get(web, token, "/api/org/coverage" + query).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    protected Map<?, ?> list(String token, String query) {
        return Api.get(web, token, "/api/org/coverage/enterprises" + query).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected static List<String> names(Map<?, ?> page) {
        return ((List<Map<String, Object>>) page.get("content")).stream().map(m -> m.get("name").toString()).sorted().toList();
    }

    protected static org.apache.poi.xssf.usermodel.XSSFWorkbook workbook(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec)
            throws java.io.IOException {
        byte[] body = spec.expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        return new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(body));
    }

    /** The text of column {@code col} in the first row whose first cell is {@code label} (numbers without ".0"). */
    protected static String cell(org.apache.poi.ss.usermodel.Sheet sheet, String label, int col) {
        var fmt = new org.apache.poi.ss.usermodel.DataFormatter();
        for (var row : sheet) {
            if (row.getCell(0) != null && label.equals(fmt.formatCellValue(row.getCell(0)))) {
                var c = row.getCell(col);
                if (c == null) {
                    return "";
                }
                return c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? java.math.BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros().toPlainString()
                        : fmt.formatCellValue(c);
            }
        }
        throw new AssertionError("no row " + label + " in " + sheet.getSheetName());
    }
}
