package cn.lianmeng.activity.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;

/**
 * org-service owns the meeting frequencies: activity-service follows {@code MeetingSettingsChanged} (version-guarded)
 * and judges compliance with them; its own settings endpoint refuses to change them.
 */
class MeetingSettingsFollowTest extends ActivityTestBase {

    /** 2027-06-10 10:00 in Shanghai: May is over, the second quarter is still running. */
    private static final Instant NOW = Instant.parse("2027-06-10T02:00:00Z");

    private static Map<String, Object> rule(String type, String frequency, List<String> kinds, boolean committeeOnly) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        r.put("frequency", frequency);
        r.put("kinds", kinds);
        r.put("committeeOnly", committeeOnly);
        return r;
    }

    /** A {@code MeetingSettingsChanged} body as org-service publishes it: the complete list, the version. */
    private static Map<String, Object> settings(String alliance, long version, String themeDay, List<String> groupMeetingKinds) {
        List<String> branches = List.of("BRANCH", "JOINT_BRANCH");
        List<Map<String, Object>> rules = new ArrayList<>(List.of(
                rule("BRANCH_ASSEMBLY", "QUARTERLY", branches, false),
                rule("BRANCH_COMMITTEE", "MONTHLY", branches, true),
                rule("GROUP_MEETING", "MONTHLY", groupMeetingKinds, false),
                rule("PARTY_LESSON", "QUARTERLY", branches, false),
                rule("THEME_DAY", themeDay, branches, false),
                rule("ORG_LIFE_MEETING", "YEARLY", branches, false),
                rule("DEMOCRATIC_APPRAISAL", "YEARLY", branches, false)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allianceId", alliance);
        body.put("version", version);
        body.put("meetings", rules);
        body.put("committeeFullMembers", 7);
        body.put("updatedAt", "2027-06-01T01:00:00Z");
        body.put("occurredAt", "2027-06-01T01:00:00Z");
        return body;
    }

    private void publishSettings(String alliance, Map<String, Object> body) {
        events.publish(MeetingSettingsReadModel.TOPIC, MeetingSettingsReadModel.CHANGED, alliance, alliance, null, body);
    }


    @SuppressWarnings("unchecked")
    private Map<String, Object> row(String token, String period, String orgId) {
        Map<String, Object> report = body(get(token, "/compliance?period={p}&size=100", period).expectStatus().isOk());
        return content((Map<String, Object>) report.get("organisations")).stream().filter(r -> r.get("orgId").equals(orgId))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + orgId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meeting(Map<String, Object> row, String type) {
        return ((List<Map<String, Object>>) row.get("meetings")).stream().filter(m -> m.get("type").equals(type)).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstCell(Map<String, Object> row, String type) {
        return ((List<Map<String, Object>>) meeting(row, type).get("periods")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void orgServicesChangeDecidesComplianceAndReplaysChangeNothing() {
        clock.shift(Duration.between(Instant.now(), NOW));
        String tenant = World.tenant();
        World.Org active = world.org(tenant, "四月开过主题党日的支部", "BRANCH");
        World.Org quiet = world.org(tenant, "未开主题党日的支部", "BRANCH");
        String admin = world.allianceAdmin();
        world.held(active, "THEME_DAY", "2027-04-12T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(firstCell(row(admin, "2027-04", active.id()), "THEME_DAY")).containsEntry("status", "HELD"));

        // the defaults (version 0): a monthly theme day, missed in May by both
        assertThat(firstCell(row(admin, "2027-05", active.id()), "THEME_DAY")).containsEntry("status", "MISSED").containsEntry("period", "2027-05");
        assertThat(firstCell(row(admin, "2027-05", quiet.id()), "THEME_DAY")).containsEntry("status", "MISSED");
        assertThat(meeting(row(admin, "2027-05", quiet.id()), "GROUP_MEETING")).as("party groups only, by default").isNull();
        Map<String, Object> defaults = body(get(admin, "/settings").expectStatus().isOk());
        assertThat((Map<String, Object>) defaults.get("meetingFrequencies")).containsEntry("THEME_DAY", "MONTHLY");
        assertThat((Map<String, Object>) defaults.get("meetingSettings")).containsEntry("version", 0).containsEntry("defaults", true)
                .containsEntry("readOnly", true);

        // org-service changes them: a quarterly theme day, group meetings also required of branches
        publishSettings(world.alliance, settings(world.alliance, 2, "QUARTERLY", List.of("GROUP", "BRANCH")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(meeting(row(admin, "2027-05", active.id()), "THEME_DAY")).containsEntry("frequency", "QUARTERLY"));
        assertThat(firstCell(row(admin, "2027-05", active.id()), "THEME_DAY")).as("April's theme day covers the quarter")
                .containsEntry("status", "HELD").containsEntry("period", "2027-Q2").containsEntry("held", 1);
        assertThat(firstCell(row(admin, "2027-05", quiet.id()), "THEME_DAY")).as("the quarter is still running").containsEntry("status", "DUE");
        assertThat(firstCell(row(admin, "2027-05", quiet.id()), "GROUP_MEETING")).as("kinds come from org's rule").containsEntry("status", "MISSED");
        Map<String, Object> followed = body(get(world.enterpriseAdmin(tenant), "/settings").expectStatus().isOk());
        assertThat((Map<String, Object>) followed.get("meetingFrequencies")).containsEntry("THEME_DAY", "QUARTERLY");
        Map<String, Object> meetingSettings = (Map<String, Object>) followed.get("meetingSettings");
        assertThat(meetingSettings).containsEntry("version", 2).containsEntry("defaults", false).containsEntry("owner", "org-service")
                .containsEntry("managedAt", "PUT /api/org/alliance-settings/meetings");
        assertThat((List<Map<String, Object>>) meetingSettings.get("rules")).anySatisfy(r -> assertThat(r)
                .containsEntry("type", "GROUP_MEETING").containsEntry("kinds", List.of("BRANCH", "GROUP")));

        // a replay of an older version and a duplicate of the current one change nothing; another alliance's change,
        // published after them on the same partition, proves they were consumed
        publishSettings(world.alliance, settings(world.alliance, 1, "MONTHLY", List.of("GROUP")));
        publishSettings(world.alliance, settings(world.alliance, 2, "YEARLY", List.of("GROUP")));
        World other = new World(events);
        publishSettings(other.alliance, settings(other.alliance, 1, "YEARLY", List.of("GROUP")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((Map<String, Object>) body(get(other.allianceAdmin(), "/settings")
                .expectStatus().isOk()).get("meetingFrequencies")).containsEntry("THEME_DAY", "YEARLY"));
        Map<String, Object> after = body(get(admin, "/settings").expectStatus().isOk());
        assertThat((Map<String, Object>) after.get("meetingFrequencies")).containsEntry("THEME_DAY", "QUARTERLY");
        assertThat((Map<String, Object>) after.get("meetingSettings")).containsEntry("version", 2);
        assertThat(firstCell(row(admin, "2027-05", active.id()), "THEME_DAY")).containsEntry("status", "HELD").containsEntry("period", "2027-Q2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void activitySettingsRefuseMeetingFrequencies() {
        String admin = world.allianceAdmin();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("version", 0, "checkInEnabled", false, "pointsEnabled", false,
                "checkInOpensMinutesBefore", 15, "checkInClosesMinutesAfter", 15, "lateAfterMinutes", 5));
        body.put("meetingFrequencies", Map.of("THEME_DAY", "QUARTERLY"));
        put(admin, "/settings", body).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("meetingFrequencies")
                .jsonPath("$.errors[0].message").value(m -> assertThat(m.toString()).contains("/api/org/alliance-settings/meetings")
                        .contains("会议频次"));
        Map<String, Object> unchanged = body(get(admin, "/settings").expectStatus().isOk());
        assertThat(unchanged).as("nothing stored").containsEntry("version", 0).containsEntry("checkInEnabled", true);
        assertThat((Map<String, Object>) unchanged.get("meetingFrequencies")).containsEntry("THEME_DAY", "MONTHLY");

        body.remove("meetingFrequencies");
        Map<String, Object> saved = body(put(admin, "/settings", body).expectStatus().isOk());
        assertThat(saved).containsEntry("version", 1).containsEntry("checkInEnabled", false).containsEntry("checkInOpensMinutesBefore", 15);
        assertThat((Map<String, Object>) saved.get("meetingFrequencies")).as("still shown, read-only").containsEntry("THEME_DAY", "MONTHLY");
    }
}
