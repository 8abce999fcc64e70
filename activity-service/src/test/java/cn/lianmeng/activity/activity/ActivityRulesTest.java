package cn.lianmeng.activity.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.platform.web.FieldProblem;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ActivityRulesTest {

    private final Instant now = Instant.parse("2026-11-21T02:00:00Z");
    private final OffsetDateTime start = OffsetDateTime.of(2026, 11, 22, 14, 0, 0, 0, ZoneOffset.ofHours(8));

    private List<String> fields(String type, String mode, OffsetDateTime s, OffsetDateTime e, String address, String url,
                                Integer capacity, Boolean signUp, boolean timesChanged) {
        List<FieldProblem> errors = new ArrayList<>();
        ActivityRules.check(type, mode, s, e, address, false, url, null, capacity, signUp, now, timesChanged, errors);
        return errors.stream().map(FieldProblem::field).toList();
    }

    @Test
    void validInputHasNoProblems() {
        assertThat(fields("THEME_DAY", "OFFLINE", start, start.plusHours(2), "会议室", null, null, null, true)).isEmpty();
        assertThat(fields("主题党日", "线上", start, start.plusHours(2), null, "https://m.example.cn/1", 10, null, true)).isEmpty();
    }

    @Test
    void eachMistakeNamesItsField() {
        assertThat(fields("PICNIC", "BOAT", start, start.plusHours(1), "x", null, null, null, true)).containsExactly("type", "mode");
        assertThat(fields("STUDY", "OFFLINE", start, start, "x", null, null, null, true)).containsExactly("endAt");
        assertThat(fields("STUDY", "OFFLINE", start, start.plusDays(8), "x", null, null, null, true)).containsExactly("endAt");
        assertThat(fields("STUDY", "OFFLINE", start.minusDays(2), start.minusDays(2).plusHours(1), "x", null, null, null, true))
                .containsExactly("startAt");
        // an edit that keeps the (now past) times is not refused for them
        assertThat(fields("STUDY", "OFFLINE", start.minusDays(2), start.minusDays(2).plusHours(1), "x", null, null, null, false)).isEmpty();
        assertThat(fields("STUDY", "OFFLINE", start, start.plusHours(1), " ", null, null, null, true)).containsExactly("address");
        assertThat(fields("STUDY", "ONLINE", start, start.plusHours(1), null, "ftp://x", null, null, true)).containsExactly("meetingUrl");
        assertThat(fields("STUDY", "OFFLINE", start, start.plusHours(1), "x", "https://m.example.cn", null, null, true)).containsExactly("meetingUrl");
        assertThat(fields("STUDY", "OFFLINE", start, start.plusHours(1), "x", null, 5, false, true)).containsExactly("capacity");
    }

    @Test
    void audienceMembershipAndTheOrganisationAttendanceCountsFor() {
        Document activity = new Document("allianceId", "a").append("tenantId", "t1")
                .append("audience", new Document("scope", "ORGANISATIONS").append("orgIds", List.of("branch")))
                .append("audienceOrgIds", List.of("committee", "branch"));
        MemberRecord inGroup = new MemberRecord("m1", "a", "t1", "t1", "group", List.of("committee", "branch"), "张三", "FULL",
                List.of(), List.of(), null, true, 1);
        MemberRecord elsewhere = new MemberRecord("m2", "a", "t2", "t2", "other", List.of(), "李四", "FULL", List.of(), List.of(), null, true, 1);
        MemberRecord left = new MemberRecord("m3", "a", "t1", "t1", "branch", List.of("committee"), "王五", "FULL", List.of(), List.of(), null, false, 2);
        assertThat(ActivityAccess.inAudience(inGroup, activity)).isTrue();
        assertThat(ActivityAccess.attendanceOrg(inGroup, activity)).isEqualTo("branch");
        assertThat(ActivityAccess.inAudience(elsewhere, activity)).isFalse();
        assertThat(ActivityAccess.inAudience(left, activity)).isFalse();
        activity.put("audience", new Document("scope", "TENANT"));
        assertThat(ActivityAccess.inAudience(inGroup, activity)).isTrue();
        assertThat(ActivityAccess.attendanceOrg(inGroup, activity)).isEqualTo("group");
        assertThat(ActivityAccess.inAudience(elsewhere, activity)).isFalse();
        activity.put("audience", new Document(Map.of("scope", "ALLIANCE")));
        assertThat(ActivityAccess.inAudience(elsewhere, activity)).isTrue();
    }
}
