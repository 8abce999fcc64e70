package cn.lianmeng.activity.checkin;

import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Published;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** Check-in: once per member, the window, rotating codes, lateness, geofence, online joining, leave and the off switch. */
class CheckinTest extends ActivityTestBase {

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    CheckinCodes codes;

    private String code(String admin, String id) {
        return body(get(admin, "/activities/{id}/checkin-code", id).expectStatus().isOk()).get("code").toString();
    }

    @Test
    void aMemberIsRecordedOnceHoweverOftenTheyCheckIn() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "一支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        String id = body(post(admin, "/activities", meeting(branch.id(), "THEME_DAY", 10)).expectStatus().isCreated()).get("id").toString();
        String member = world.memberToken(branch, m);

        Map<String, Object> first = body(post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id)), id).expectStatus().isOk());
        assertThat(first).containsEntry("status", "PRESENT").containsEntry("alreadyRecorded", false).containsEntry("message", "签到成功");
        clock.shift(Duration.ofMinutes(12));
        Map<String, Object> again = body(post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id)), id).expectStatus().isOk());
        assertThat(again).containsEntry("status", "PRESENT").containsEntry("alreadyRecorded", true).containsEntry("at", first.get("at"));
        assertThat(body(get(admin, "/activities/{id}/attendance", id).expectStatus().isOk()).get("records"))
                .extracting(r -> ((Map<?, ?>) r).get("totalElements")).isEqualTo(1);
        assertThat(body(get(member, "/activities/{id}/attendance/me", id).expectStatus().isOk()).get("status")).isEqualTo("PRESENT");
        assertThat(body(post(admin, "/activities/{id}/start", null, id).expectStatus().isOk()).get("status")).isEqualTo("IN_PROGRESS");
        try (Published published = new Published(broker, json, AttendanceLedger.TOPIC)) {
            Published.Event e = published.await(ev -> id.equals(ev.key()), 1).get(0);
            assertThat(e.type()).isEqualTo("AttendanceRecorded");
            assertThat(e.body()).containsEntry("memberId", m).containsEntry("orgId", branch.id()).containsEntry("status", "PRESENT")
                    .containsEntry("enterpriseId", tenant).containsEntry("pointsEligible", true);
        }
    }

    @Test
    void windowExpiredCodesLatenessAndForeignCodesAreRefusedWithAReason() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "二支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        String member = world.memberToken(branch, m);
        String id = body(post(admin, "/activities", meeting(branch.id(), "PARTY_LESSON", 60)).expectStatus().isCreated()).get("id").toString();
        String other = body(post(admin, "/activities", meeting(branch.id(), "STUDY", 50)).expectStatus().isCreated()).get("id").toString();

        get(admin, "/activities/{id}/checkin-code", id).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("签到尚未开始"));
        post(member, "/activities/{id}/checkin", Map.of("code", codes.code(id, Instant.now())), id).expectStatus().isEqualTo(409);

        clock.shift(Duration.ofMinutes(40));
        post(member, "/activities/{id}/checkin", Map.of("code", code(admin, other)), id).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("code：签到码无效或不属于本活动");
        String stale = code(admin, id);
        clock.shift(Duration.ofSeconds(40));
        post(member, "/activities/{id}/checkin", Map.of("code", stale), id).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("签到码已过期，请重新扫描现场的二维码");
        clock.shift(Duration.ofMinutes(29));
        // 69½ minutes after creation: 9½ minutes after the start, beyond the 5-minute grace
        assertThat(body(post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id)), id).expectStatus().isOk())
                .get("status")).isEqualTo("LATE");
        clock.shift(Duration.ofMinutes(30));
        get(admin, "/activities/{id}/checkin-code", id).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("签到已截止"));
    }

    @Test
    void theGeofenceKeepsRemoteCheckInsOut() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "三支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        String member = world.memberToken(branch, m);
        String id = body(post(admin, "/activities", with(meeting(branch.id(), "THEME_DAY", 5),
                "geofence", Map.of("latitude", 31.2304, "longitude", 121.4737, "radiusMeters", 200))).expectStatus().isCreated()).get("id").toString();
        post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id)), id).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("latitude");
        post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id), "latitude", 31.2404, "longitude", 121.4737), id)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].message")
                .value(msg -> assertThat(msg.toString()).contains("超出签到范围（200 米）"));
        post(member, "/activities/{id}/checkin", Map.of("code", code(admin, id), "latitude", 31.2310, "longitude", 121.4740), id)
                .expectStatus().isOk();
    }

    @Test
    void joiningAnOnlineActivityRecordsAttendanceOnce() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "四支部", "BRANCH");
        String m = world.member(branch, "PROBATIONARY");
        String admin = world.enterpriseAdmin(tenant);
        String member = world.memberToken(branch, m);
        String id = body(post(admin, "/activities", with(meeting(branch.id(), "STUDY", 20), "mode", "ONLINE", "address", null,
                "meetingUrl", "https://meeting.example.cn/j/889")).expectStatus().isCreated()).get("id").toString();
        get(admin, "/activities/{id}/checkin-code", id).expectStatus().isBadRequest();
        Map<String, Object> joined = body(post(member, "/activities/{id}/join", null, id).expectStatus().isOk());
        assertThat(joined.get("meetingUrl")).isEqualTo("https://meeting.example.cn/j/889");
        assertThat(((Map<?, ?>) joined.get("attendance")).get("method")).isEqualTo("ONLINE");
        clock.shift(Duration.ofMinutes(50));
        Map<String, Object> again = body(post(member, "/activities/{id}/join", null, id).expectStatus().isOk());
        assertThat(((Map<?, ?>) again.get("attendance")).get("alreadyRecorded")).isEqualTo(true);
        assertThat(((Map<?, ?>) again.get("attendance")).get("status")).isEqualTo("PRESENT");
    }

    @Test
    void leaveRequestsAreApprovedByTheOrganisationAndCountAsOnLeave() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "五支部", "BRANCH");
        String m1 = world.member(branch, "FULL");
        String m2 = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        String id = body(post(admin, "/activities", meeting(branch.id(), "BRANCH_ASSEMBLY", 120)).expectStatus().isCreated()).get("id").toString();

        post(world.memberToken(branch, m1), "/activities/{id}/leave-requests", Map.of("reason", ""), id).expectStatus().isBadRequest();
        post(world.memberToken(branch, m1), "/activities/{id}/leave-requests", Map.of("reason", "出差在外地"), id).expectStatus().isOk();
        post(world.memberToken(branch, m1), "/activities/{id}/leave-requests", Map.of("reason", "再次请假"), id).expectStatus().isEqualTo(409);
        post(world.memberToken(branch, m2), "/activities/{id}/leave-requests", Map.of("reason", "不想去"), id).expectStatus().isOk();
        post(world.memberToken(branch, m2), "/activities/{id}/leave-requests/{m}/approve", null, id, m1).expectStatus().isForbidden();
        post(admin, "/activities/{id}/leave-requests/{m}/approve", Map.of("note", "同意"), id, m1).expectStatus().isOk();
        post(admin, "/activities/{id}/leave-requests/{m}/reject", Map.of("note", "理由不充分"), id, m2).expectStatus().isOk();
        assertThat(body(get(admin, "/activities/{id}/leave-requests?status=PENDING", id).expectStatus().isOk()).get("totalElements")).isEqualTo(0);
        assertThat(body(get(world.memberToken(branch, m1), "/activities/{id}/attendance/me", id).expectStatus().isOk())
                .get("status")).isEqualTo("ON_LEAVE");
        get(world.memberToken(branch, m2), "/activities/{id}/attendance/me", id).expectStatus().isNotFound();
        clock.shift(Duration.ofMinutes(100));
        Map<String, Object> scan = body(post(world.memberToken(branch, m1), "/activities/{id}/checkin", Map.of("code", code(admin, id)), id)
                .expectStatus().isOk());
        assertThat(scan).containsEntry("status", "ON_LEAVE").containsEntry("alreadyRecorded", true);
    }

    @Test
    void anAllianceMaySwitchCheckInOffThenOrganisersRecordAttendance() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "六支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String admin = world.enterpriseAdmin(tenant);
        put(world.allianceAdmin(), "/settings", Map.of("version", 0, "checkInEnabled", false, "pointsEnabled", false,
                "checkInOpensMinutesBefore", 30, "checkInClosesMinutesAfter", 30, "lateAfterMinutes", 5)).expectStatus().isOk();
        put(admin, "/settings", Map.of("version", 1, "checkInEnabled", true, "pointsEnabled", true,
                "checkInOpensMinutesBefore", 30, "checkInClosesMinutesAfter", 30, "lateAfterMinutes", 5)).expectStatus().isForbidden();
        String id = body(post(admin, "/activities", meeting(branch.id(), "GROUP_MEETING", 10)).expectStatus().isCreated()).get("id").toString();
        get(admin, "/activities/{id}/checkin-code", id).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("已关闭签到"));
        post(world.memberToken(branch, m), "/activities/{id}/checkin", Map.of("code", codes.code(id, Instant.now())), id)
                .expectStatus().isEqualTo(409);
        put(admin, "/activities/{id}/attendance/{m}", Map.of("status", "PRESENT"), id, m).expectStatus().isOk();
        put(admin, "/activities/{id}/attendance/{m}", Map.of("status", "SLEEPING"), id, m).expectStatus().isBadRequest();
        assertThat(body(get(world.memberToken(branch, m), "/activities/{id}/attendance/me", id).expectStatus().isOk())
                .get("method")).isEqualTo("MANUAL");
        try (Published published = new Published(broker, json, AttendanceLedger.TOPIC)) {
            assertThat(published.await(ev -> id.equals(ev.key()), 1).get(0).body()).containsEntry("pointsEligible", false);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBranchAssemblyIsValidOnlyWithMoreThanHalfOfItsFullMembers() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "七支部", "BRANCH");
        List<String> full = world.members(branch, 5, 0);
        List<String> probationary = world.members(branch, 0, 3);
        String admin = world.enterpriseAdmin(tenant);

        String valid = body(post(admin, "/activities", meeting(branch.id(), "BRANCH_ASSEMBLY", 5)).expectStatus().isCreated()).get("id").toString();
        String invalid = body(post(admin, "/activities", meeting(branch.id(), "BRANCH_ASSEMBLY", 5)).expectStatus().isCreated()).get("id").toString();
        for (String m : full.subList(0, 3)) {
            post(world.memberToken(branch, m), "/activities/{id}/checkin", Map.of("code", code(admin, valid)), valid).expectStatus().isOk();
        }
        for (String m : full.subList(0, 2)) {
            post(world.memberToken(branch, m), "/activities/{id}/checkin", Map.of("code", code(admin, invalid)), invalid).expectStatus().isOk();
        }
        for (String m : probationary) {
            post(world.memberToken(branch, m), "/activities/{id}/checkin", Map.of("code", code(admin, invalid)), invalid).expectStatus().isOk();
        }
        clock.shift(Duration.ofMinutes(10));
        Map<String, Object> okFigures = ((List<Map<String, Object>>) ((Map<String, Object>) body(post(admin, "/activities/{id}/hold", null, valid)
                .expectStatus().isOk()).get("attendance")).get("organisations")).get(0);
        assertThat(okFigures).containsEntry("fullMembers", 5).containsEntry("fullPresent", 3).containsEntry("quorumRequired", true)
                .containsEntry("quorumMet", true).containsEntry("absent", 5);
        Map<String, Object> noFigures = ((List<Map<String, Object>>) ((Map<String, Object>) body(post(admin, "/activities/{id}/hold", null, invalid)
                .expectStatus().isOk()).get("attendance")).get("organisations")).get(0);
        assertThat(noFigures).containsEntry("present", 5).containsEntry("fullPresent", 2).containsEntry("quorumMet", false);
    }
}
