package cn.lianmeng.activity.activity;

import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import cn.lianmeng.platform.events.CloudEventHeaders;
import cn.lianmeng.platform.tenancy.TenantDirectoryListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every activity endpoint × every role on one joint activity: the host side manages, a participating tenant sees its
 * part, everyone else gets 404 (another tenant, another alliance, a sibling branch, a member outside the audience), a
 * role that may not act gets 403, no token 401.
 */
class AccessMatrixTest extends ActivityTestBase {

    @Autowired
    TenantDirectoryListener tenants;

    private void onboard(String tenant, String parkId) {
        byte[] body = json.writeValueAsBytes(Map.of("enterpriseId", tenant, "allianceId", world.alliance, "name", "单位" + tenant.substring(2, 6),
                "status", "ACTIVE", "version", 1, "parkId", parkId));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("org.enterprise.v1", 0, 0L, tenant, body);
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "EnterpriseOnboarded".getBytes(UTF_8));
        tenants.onEnterpriseEvent(record);
    }

    private record Call(String label, HttpMethod method, String uri, Object body) {
    }

    @Test
    void everyEndpointForEveryRole() {
        String t1 = World.tenant();
        String t2 = World.tenant();
        String t3 = World.tenant();
        onboard(t1, "park-1");
        World.Org committee = world.org(t1, "总公司党委", "COMMITTEE");
        World.Org host = world.org(t1, "一支部", "BRANCH", committee);
        World.Org sibling = world.org(t1, "二支部", "BRANCH", committee);
        World.Org guest = world.org(t3, "合作单位党支部", "BRANCH");
        World.Org elsewhere = world.org(t2, "无关单位党支部", "BRANCH");
        String mHost = world.member(host, "FULL");
        String mSibling = world.member(sibling, "FULL");
        String mGuest = world.member(guest, "FULL");
        String mElsewhere = world.member(elsewhere, "FULL");

        String hostAdmin = world.enterpriseAdmin(t1);
        String id = body(post(hostAdmin, "/activities", with(meeting(host.id(), "JOINT", 10), "invitedOrgIds", List.of(guest.id())))
                .expectStatus().isCreated()).get("id").toString();
        post(world.enterpriseAdmin(t3), "/activities/{id}/invitations/{o}/accept", null, id, guest.id()).expectStatus().isOk();

        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("allianceAdmin", world.allianceAdmin());
        roles.put("otherAllianceAdmin", Tokens.allianceAdmin("a-other-" + UUID.randomUUID()));
        roles.put("hostEnterpriseAdmin", hostAdmin);
        roles.put("otherEnterpriseAdmin", world.enterpriseAdmin(t2));
        roles.put("guestEnterpriseAdmin", world.enterpriseAdmin(t3));
        roles.put("hostOrgAdmin", Tokens.orgAdmin(world.alliance, t1, host.id()));
        roles.put("siblingOrgAdmin", Tokens.orgAdmin(world.alliance, t1, sibling.id()));
        roles.put("hostMember", Tokens.member(world.alliance, t1, mHost));
        roles.put("siblingMember", Tokens.member(world.alliance, t1, mSibling));
        roles.put("guestMember", Tokens.member(world.alliance, t3, mGuest));
        roles.put("otherMember", Tokens.member(world.alliance, t2, mElsewhere));
        roles.put("staffOfPark", Tokens.staff(world.alliance, List.of("park-1")));
        roles.put("staffElsewhere", Tokens.staff(world.alliance, List.of("park-9")));
        roles.put("auditor", Tokens.auditor(world.alliance));
        roles.put("anonymous", null);

        Map<Call, Map<String, Integer>> matrix = new LinkedHashMap<>();
        matrix.put(new Call("read", HttpMethod.GET, "/activities/" + id, null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "guestEnterpriseAdmin", "hostOrgAdmin", "hostMember", "guestMember", "staffOfPark",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin", "siblingMember", "otherMember", "staffElsewhere",
                403, "auditor", 401, "anonymous"));
        matrix.put(new Call("attendance", HttpMethod.GET, "/activities/" + id + "/attendance", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "guestEnterpriseAdmin", "hostOrgAdmin",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin",
                403, "hostMember", "guestMember", "siblingMember", "otherMember", "staffOfPark", "staffElsewhere", "auditor", 401, "anonymous"));
        matrix.put(new Call("signups", HttpMethod.GET, "/activities/" + id + "/signups", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "guestEnterpriseAdmin", "hostOrgAdmin",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin",
                403, "hostMember", "guestMember", "otherMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("leave list", HttpMethod.GET, "/activities/" + id + "/leave-requests", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "guestEnterpriseAdmin", "hostOrgAdmin",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin",
                403, "hostMember", "guestMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("checkin code", HttpMethod.GET, "/activities/" + id + "/checkin-code", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "hostOrgAdmin",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin", "siblingMember", "otherMember", "staffElsewhere",
                403, "guestEnterpriseAdmin", "hostMember", "guestMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("edit (stale version)", HttpMethod.PUT, "/activities/" + id, Map.of("version", 999, "title", "x", "type", "JOINT",
                "mode", "OFFLINE", "startAt", "2030-01-01T10:00:00+08:00", "endAt", "2030-01-01T11:00:00+08:00", "address", "x")), expect(
                409, "allianceAdmin", "hostEnterpriseAdmin", "hostOrgAdmin",
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin", "otherMember",
                403, "guestEnterpriseAdmin", "hostMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("cancel", HttpMethod.POST, "/activities/" + id + "/cancel", Map.of("reason", "测试")), expect(
                404, "otherAllianceAdmin", "otherEnterpriseAdmin", "siblingOrgAdmin", "siblingMember", "staffElsewhere",
                403, "guestEnterpriseAdmin", "hostMember", "guestMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("hold (not started)", HttpMethod.POST, "/activities/" + id + "/hold", null), expect(
                409, "allianceAdmin", "hostEnterpriseAdmin", "hostOrgAdmin",
                404, "otherEnterpriseAdmin", "siblingOrgAdmin", 403, "guestEnterpriseAdmin", "guestMember", 401, "anonymous"));
        matrix.put(new Call("check in (bad code)", HttpMethod.POST, "/activities/" + id + "/checkin", Map.of("code", "1-x")), expect(
                400, "hostMember", "guestMember",
                404, "siblingMember", "otherMember",
                403, "allianceAdmin", "hostEnterpriseAdmin", "guestEnterpriseAdmin", "hostOrgAdmin", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("sign up (none needed)", HttpMethod.POST, "/activities/" + id + "/signups", null), expect(
                409, "hostMember", "guestMember", 404, "siblingMember", "otherMember", 403, "hostEnterpriseAdmin", "auditor", 401, "anonymous"));
        matrix.put(new Call("leave", HttpMethod.POST, "/activities/" + id + "/leave-requests", Map.of("reason", "")), expect(
                400, "hostMember", "otherMember", 401, "anonymous"));
        matrix.put(new Call("my attendance", HttpMethod.GET, "/activities/" + id + "/attendance/me", null), expect(
                404, "hostMember", "siblingMember", 403, "hostEnterpriseAdmin", "auditor", 401, "anonymous"));
        matrix.put(new Call("invite", HttpMethod.POST, "/activities/" + id + "/invitations", Map.of("orgIds", List.of(elsewhere.id()))), expect(
                404, "otherEnterpriseAdmin", "siblingOrgAdmin", 403, "guestEnterpriseAdmin", "hostMember", 401, "anonymous"));
        matrix.put(new Call("tenant calendar", HttpMethod.GET, "/calendar/tenants/" + t1, null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "staffOfPark", 404, "otherEnterpriseAdmin", 403, "auditor", 401, "anonymous"));
        matrix.put(new Call("compliance", HttpMethod.GET, "/compliance", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "hostOrgAdmin", "staffOfPark", 403, "hostMember", "auditor", 401, "anonymous"));
        matrix.put(new Call("compliance export", HttpMethod.GET, "/compliance/export", null), expect(
                200, "allianceAdmin", "hostEnterpriseAdmin", "hostOrgAdmin", "staffOfPark", 403, "hostMember", "auditor", 401, "anonymous"));
        matrix.put(new Call("settings", HttpMethod.PUT, "/settings", Map.of("version", 0, "checkInEnabled", true, "pointsEnabled", true,
                "checkInOpensMinutesBefore", 30, "checkInClosesMinutesAfter", 30, "lateAfterMinutes", 5)), expect(
                403, "hostEnterpriseAdmin", "hostOrgAdmin", "hostMember", "staffOfPark", "auditor", 401, "anonymous"));
        matrix.put(new Call("audit", HttpMethod.GET, "/audit", null), expect(
                200, "auditor", 403, "allianceAdmin", "hostEnterpriseAdmin", "hostMember", 401, "anonymous"));

        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<Call, Map<String, Integer>> row : matrix.entrySet()) {
            for (Map.Entry<String, Integer> cell : row.getValue().entrySet()) {
                int status = exchange(row.getKey(), roles.get(cell.getKey()));
                cells++;
                if (status != cell.getValue()) {
                    mismatches.add(row.getKey().label() + " as " + cell.getKey() + ": expected " + cell.getValue() + " but was " + status);
                }
            }
        }
        assertThat(mismatches).as("matrix cells that differ").isEmpty();
        assertThat(cells).isGreaterThan(150);

        // finally the host cancels: the one mutating cell that succeeds
        post(hostAdmin, "/activities/{id}/cancel", Map.of("reason", "矩阵测试结束"), id).expectStatus().isOk();
    }

    private int exchange(Call call, String token) {
        WebTestClient.RequestBodySpec spec = web.method(call.method()).uri(API + call.uri());
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        WebTestClient.RequestHeadersSpec<?> ready = call.body() == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
        try {
            return ready.exchange().expectBody().returnResult().getStatus().value();
        } catch (IllegalStateException noAnswer) {
            // no answer within the client's timeout: reported as a mismatching cell (with the server's threads, which
            // run in this JVM, for diagnosis) rather than an aborted matrix
            System.out.println("NO ANSWER to " + call.label() + "; threads:");
            Thread.getAllStackTraces().forEach((t, st) -> {
                System.out.println("\"" + t.getName() + "\" " + t.getState());
                for (StackTraceElement e : st) {
                    System.out.println("    at " + e);
                }
            });
            return -1;
        }
    }

    /** {@code status, role, role, status, role, …} → role → status. */
    private static Map<String, Integer> expect(Object... spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int status = 0;
        for (Object o : spec) {
            if (o instanceof Integer i) {
                status = i;
            } else {
                out.put((String) o, status);
            }
        }
        return out;
    }
}
