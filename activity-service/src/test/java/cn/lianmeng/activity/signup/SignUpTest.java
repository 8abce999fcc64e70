package cn.lianmeng.activity.signup;

import static cn.lianmeng.activity.support.Activities.meeting;
import static cn.lianmeng.activity.support.Activities.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Sign-up with capacity and waitlist: never over capacity under concurrent sign-ups; withdrawal promotes in order. */
class SignUpTest extends ActivityTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void concurrentSignUpsNeverExceedTheCapacityAndWithdrawalPromotesTheWaitlist() throws Exception {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "志愿服务队党支部", "BRANCH");
        List<String> members = world.members(branch, 30, 0);
        String admin = world.enterpriseAdmin(tenant);
        String id = body(post(admin, "/activities", with(meeting(branch.id(), "VOLUNTEER", 120), "capacity", 5))
                .expectStatus().isCreated()).get("id").toString();

        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, String> outcome = new ConcurrentHashMap<>();
        for (String m : members) {
            pool.submit(() -> {
                go.await();
                Map<String, Object> r = web.post().uri(API + "/activities/{id}/signups", id).contentType(MediaType.APPLICATION_JSON)
                        .header("Authorization", "Bearer " + world.memberToken(branch, m)).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
                outcome.put(m, r.get("status").toString());
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.values().stream().filter("CONFIRMED"::equals).count()).isEqualTo(5);
        assertThat(outcome.values().stream().filter("WAITLISTED"::equals).count()).isEqualTo(25);
        assertThat(body(get(admin, "/activities/{id}", id).expectStatus().isOk()).get("seatsTaken")).isEqualTo(5);

        // signing up again changes nothing
        String confirmed = outcome.entrySet().stream().filter(e -> e.getValue().equals("CONFIRMED")).findFirst().orElseThrow().getKey();
        assertThat(body(post(world.memberToken(branch, confirmed), "/activities/{id}/signups", null, id).expectStatus().isOk())
                .get("status")).isEqualTo("CONFIRMED");

        Map<String, Object> waitlist = body(get(admin, "/activities/{id}/signups?status=WAITLISTED&sort=waitPosition&size=100", id)
                .expectStatus().isOk());
        String first = content(waitlist).get(0).get("memberId").toString();
        String second = content(waitlist).get(1).get("memberId").toString();
        delete(world.memberToken(branch, confirmed), "/activities/{id}/signups/me", id).expectStatus().isOk();
        assertThat(body(get(world.memberToken(branch, first), "/activities/{id}/signups/me", id).expectStatus().isOk())
                .get("status")).isEqualTo("CONFIRMED");
        // a waitlisted member withdrawing frees nothing; the next confirmed withdrawal promotes the next in line
        assertThat(body(get(world.memberToken(branch, second), "/activities/{id}/signups/me", id).expectStatus().isOk())
                .get("status")).isEqualTo("WAITLISTED");
        delete(world.memberToken(branch, first), "/activities/{id}/signups/me", id).expectStatus().isOk();
        assertThat(body(get(world.memberToken(branch, second), "/activities/{id}/signups/me", id).expectStatus().isOk())
                .get("status")).isEqualTo("CONFIRMED");
        Map<String, Object> confirmedPage = body(get(admin, "/activities/{id}/signups?status=CONFIRMED", id).expectStatus().isOk());
        assertThat(confirmedPage.get("totalElements")).isEqualTo(5);
        assertThat(body(get(admin, "/activities/{id}", id).expectStatus().isOk()).get("seatsTaken")).isEqualTo(5);

        // only members sign up; the list is for organisers
        post(admin, "/activities/{id}/signups", null, id).expectStatus().isForbidden();
        get(world.memberToken(branch, second), "/activities/{id}/signups", id).expectStatus().isForbidden();
        String outsider = world.member(world.org(World.tenant(), "外单位支部", "BRANCH"), "FULL");
        post(world.memberToken(world.org(World.tenant(), "又一支部", "BRANCH"), outsider), "/activities/{id}/signups", null, id)
                .expectStatus().isNotFound();
    }

    @Test
    void anActivityWithoutSignUpOrAlreadyStartedRefusesSignUps() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "党支部", "BRANCH");
        String m = world.member(branch, "FULL");
        String id = body(post(world.enterpriseAdmin(tenant), "/activities", meeting(branch.id(), "STUDY", 60)).expectStatus().isCreated())
                .get("id").toString();
        post(world.memberToken(branch, m), "/activities/{id}/signups", null, id).expectStatus().isEqualTo(409);
    }
}
