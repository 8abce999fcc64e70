package cn.lianmeng.activity.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.settings.MeetingRules;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The report's one pass over the organisations, without Spring: judging, counting and building only the wanted rows. */
class ComplianceComputeTest {

    /** 2026-11-22: the third quarter is over, the fourth is running. */
    private final ComplianceService service = new ComplianceService(null, null, null, null,
            Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC));

    private static Document tally(String orgId, String type, String month, int valid) {
        return new Document("orgId", orgId).append("type", type).append("month", month).append("held", 1).append("valid", valid)
                .append("lastHeldAt", Date.from(Instant.parse(month + "-15T06:00:00Z")));
    }

    /** Six branches named 支部0…支部5 (listed out of order); the even ones held everything the third quarter and the year required. */
    private ComplianceService.Input q3(String status) {
        List<ComplianceOrg> orgs = new ArrayList<>();
        MeetingTallies.Table table = new MeetingTallies.Table();
        for (int i = 5; i >= 0; i--) {
            String id = "o-" + i;
            orgs.add(new ComplianceOrg(id, "支部" + i, "BRANCH", "t-1", 0));
            if (i % 2 == 0) {
                for (String month : List.of("2026-07", "2026-08", "2026-09")) {
                    table.add(tally(id, "THEME_DAY", month, 1));
                }
                table.add(tally(id, "BRANCH_ASSEMBLY", "2026-08", 1));
                table.add(tally(id, "PARTY_LESSON", "2026-09", 1));
                table.add(tally(id, "ORG_LIFE_MEETING", "2026-03", 1)); // yearly: any month of the year
                table.add(tally(id, "DEMOCRATIC_APPRAISAL", "2026-09", 1));
            } else {
                table.add(tally(id, "BRANCH_ASSEMBLY", "2026-08", 0)); // held without a quorum: does not count
            }
        }
        orgs.add(new ComplianceOrg("o-group", "党小组", "GROUP", "t-1", 0));
        orgs.add(new ComplianceOrg("o-committee", "党委", "COMMITTEE", "t-1", 0)); // owes nothing under the defaults
        orgs.sort(ComplianceOrg.ORDER);
        return new ComplianceService.Input(null, Period.parse("2026-Q3").orElseThrow(), status, null, null, orgs, table, Map.of(),
                MeetingRules.DEFAULTS);
    }

    @Test
    void judgesEveryOrganisationButBuildsOnlyTheWantedRows() {
        List<ComplianceService.OrgCompliance> rows = new ArrayList<>();
        ComplianceService.Summary summary = service.compute(q3(null), i -> i >= 2 && i < 4, rows::add);

        assertThat(summary.organisations()).as("the committee owes no meeting").isEqualTo(7);
        assertThat(summary.compliant()).isEqualTo(3);
        assertThat(summary.missing()).isEqualTo(4);
        // three odd branches × (assembly + lesson + 3 theme days) and the group's three monthly meetings, in type order
        assertThat(summary.missedByType()).containsExactly(Map.entry("BRANCH_ASSEMBLY", 3), Map.entry("GROUP_MEETING", 3),
                Map.entry("PARTY_LESSON", 3), Map.entry("THEME_DAY", 9));
        assertThat(rows).extracting(ComplianceService.OrgCompliance::orgName).as("positions 2 and 3 in name order")
                .containsExactly("支部1", "支部2");
        ComplianceService.OrgCompliance missing = rows.get(0);
        assertThat(missing.status()).isEqualTo("MISSING");
        assertThat(missing.missed()).contains("支部党员大会（2026-Q3）", "主题党日（2026-07）");
        ComplianceService.Meeting assembly = missing.meetings().stream().filter(m -> m.type().equals("BRANCH_ASSEMBLY")).findFirst().orElseThrow();
        assertThat(assembly.periods()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("MISSED");
            assertThat(c.held()).isEqualTo(1);
            assertThat(c.valid()).isZero();
        });
        ComplianceService.OrgCompliance held = rows.get(1);
        assertThat(held.status()).isEqualTo("COMPLIANT");
        assertThat(held.meetings()).filteredOn(m -> m.type().equals("THEME_DAY")).singleElement()
                .satisfies(m -> assertThat(m.periods()).extracting(ComplianceService.Cell::status).containsExactly("HELD", "HELD", "HELD"));
    }

    @Test
    void aStatusFilterPagesAmongTheMatchingOrganisations() {
        List<ComplianceService.OrgCompliance> rows = new ArrayList<>();
        ComplianceService.Summary summary = service.compute(q3("MISSING"), i -> i == 0 || i == 3, rows::add);
        assertThat(summary.missing()).as("the summary still counts everything").isEqualTo(4);
        assertThat(summary.compliant()).isEqualTo(3);
        assertThat(rows).extracting(ComplianceService.OrgCompliance::orgName).containsExactly("党小组", "支部5");
    }

    @Test
    void theCurrentQuarterIsDueNotMissed() {
        List<ComplianceService.OrgCompliance> rows = new ArrayList<>();
        ComplianceService.Input q3 = q3(null);
        ComplianceService.Input q4 = new ComplianceService.Input(null, Period.parse("2026-Q4").orElseThrow(), null, null, null, q3.orgs(),
                q3.tallies(), Map.of(), MeetingRules.DEFAULTS);
        ComplianceService.Summary summary = service.compute(q4, i -> true, rows::add);
        assertThat(summary.due()).isEqualTo(0);
        assertThat(summary.missing()).as("October is over and nobody held its theme day").isEqualTo(7);
        assertThat(rows.get(rows.size() - 1).meetings()).filteredOn(m -> m.type().equals("THEME_DAY")).singleElement()
                .satisfies(m -> assertThat(m.periods()).extracting(ComplianceService.Cell::status).containsExactly("MISSED", "DUE", "UPCOMING"));
    }
}
