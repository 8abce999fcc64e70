package cn.lianmeng.activity.venue;

import static cn.lianmeng.activity.support.Activities.SHANGHAI;
import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.Tokens;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Service centres, rooms and bookings: no two bookings of a room overlap, also under 100 concurrent requests. */
class VenueBookingTest extends ActivityTestBase {

    private String centre(String adminToken, String name) {
        return body(post(adminToken, "/service-centres", Map.of("name", name, "ownerType", "ALLIANCE", "address", "浦东新区张江路 1 号",
                "contactName", "王主任", "contactPhone", "13800001111")).expectStatus().isCreated()).get("id").toString();
    }

    private String room(String adminToken, String centreId, String name, int capacity) {
        return body(post(adminToken, "/service-centres/{id}/rooms", Map.of("name", name, "capacity", capacity,
                "facilities", List.of("投影仪", "话筒"), "openingHours", Map.of("opensAt", "08:00", "closesAt", "21:00",
                        "days", List.of(1, 2, 3, 4, 5, 6, 7))), centreId).expectStatus().isCreated()).get("id").toString();
    }

    private static OffsetDateTime tomorrowAt(int hour, int minute) {
        return LocalDate.now(SHANGHAI).plusDays(1).atTime(LocalTime.of(hour, minute)).atZone(SHANGHAI).toOffsetDateTime();
    }

    private Map<String, Object> at(Map<String, Object> body, OffsetDateTime start, Duration length) {
        return with(body, "startAt", start.toString(), "endAt", start.plus(length).toString());
    }

    @Test
    void aHundredConcurrentConflictingBookingsLeaveExactlyOneWinner() throws Exception {
        String admin = world.allianceAdmin();
        String roomId = room(admin, centre(admin, "张江党群服务中心-" + System.nanoTime()), "第一会议室", 50);
        List<String> tenants = new ArrayList<>();
        List<String> activities = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tenant = World.tenant();
            World.Org branch = world.org(tenant, "第" + i + "党支部", "BRANCH");
            tenants.add(tenant);
            for (int j = 0; j < 10; j++) {
                Map<String, Object> draft = at(with(meeting(branch.id(), "THEME_DAY", 0), "publish", false),
                        tomorrowAt(14, j * 3), Duration.ofHours(1));
                activities.add(tenant + "|" + body(post(world.enterpriseAdmin(tenant), "/activities", draft).expectStatus().isCreated()).get("id"));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> winners = new ArrayList<>();
        for (String a : activities) {
            String tenant = a.split("\\|")[0];
            String id = a.split("\\|")[1];
            pool.submit(() -> {
                start.await();
                int status = web.put().uri(API + "/activities/{id}/booking", id).contentType(MediaType.APPLICATION_JSON)
                        .header("Authorization", "Bearer " + world.enterpriseAdmin(tenant)).bodyValue(Map.of("roomId", roomId))
                        .exchange().expectBody().returnResult().getStatus().value();
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                if (status == 200) {
                    synchronized (winners) {
                        winners.add(id);
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 409);
        assertThat(statuses.get(200).get()).isEqualTo(1);
        assertThat(statuses.get(409).get()).isEqualTo(99);

        String day = tomorrowAt(0, 0).toLocalDate().toString();
        List<?> bookings = web.get().uri(API + "/rooms/{id}/bookings?from={d}&to={d}", roomId, day, day)
                .header("Authorization", "Bearer " + admin).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(bookings).hasSize(1);
        assertThat(((Map<?, ?>) bookings.get(0)).get("activityId")).isEqualTo(winners.get(0));
    }

    @Test
    void openingHoursCapacityOtherAlliancesAndCancellationFreesTheRoom() {
        String admin = world.allianceAdmin();
        String centreId = centre(admin, "陆家嘴党群服务中心-" + System.nanoTime());
        String roomId = room(admin, centreId, "小会议室", 10);
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "金融党支部", "BRANCH");
        String ent = world.enterpriseAdmin(tenant);
        Map<String, Object> base = with(meeting(branch.id(), "PARTY_LESSON", 0), "address", null, "roomId", roomId);

        post(ent, "/activities", at(base, tomorrowAt(21, 30), Duration.ofHours(1))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("startAt");
        post(ent, "/activities", with(at(base, tomorrowAt(9, 0), Duration.ofHours(1)), "capacity", 30)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("roomId");
        World other = new World(events);
        String foreignRoom = room(other.allianceAdmin(), centre(other.allianceAdmin(), "外联盟中心-" + System.nanoTime()), "外会议室", 50);
        post(ent, "/activities", with(at(base, tomorrowAt(9, 0), Duration.ofHours(1)), "roomId", foreignRoom)).expectStatus().isNotFound();
        get(ent, "/rooms/{id}", foreignRoom).expectStatus().isNotFound();

        Map<String, Object> first = body(post(ent, "/activities", at(base, tomorrowAt(9, 0), Duration.ofHours(1))).expectStatus().isCreated());
        assertThat(((Map<?, ?>) first.get("room")).get("roomName")).isEqualTo("小会议室");
        // back-to-back is fine, an overlap is not — and a refused create stores nothing
        post(ent, "/activities", at(base, tomorrowAt(10, 0), Duration.ofHours(1))).expectStatus().isCreated();
        post(ent, "/activities", with(at(base, tomorrowAt(9, 30), Duration.ofHours(1)), "title", "冲突的党课")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("roomId");
        Map<String, Object> page = body(get(ent, "/activities?orgId={o}", branch.id()).expectStatus().isOk());
        assertThat(content(page)).extracting(m -> m.get("title")).doesNotContain("冲突的党课");

        post(ent, "/activities/{id}/cancel", Map.of("reason", "场地另有安排"), first.get("id")).expectStatus().isOk();
        String day = tomorrowAt(0, 0).toLocalDate().toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(web.get()
                .uri(API + "/rooms/{id}/bookings?from={d}&to={d}", roomId, day, day).header("Authorization", "Bearer " + ent)
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody()).hasSize(1));
        post(ent, "/activities", at(base, tomorrowAt(9, 0), Duration.ofHours(1))).expectStatus().isCreated();

        // a room is managed by alliance administrators only; phones are masked for others
        post(ent, "/service-centres", Map.of("name", "私建中心", "ownerType", "ALLIANCE", "address", "某地")).expectStatus().isForbidden();
        get(ent, "/service-centres/{id}", centreId).expectStatus().isOk().expectBody().jsonPath("$.contactPhone").isEqualTo("138****1111");
        get(Tokens.auditor(world.alliance), "/rooms/{id}", roomId).expectStatus().isForbidden();
    }
}
