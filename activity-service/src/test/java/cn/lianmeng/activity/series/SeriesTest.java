package cn.lianmeng.activity.series;

import static cn.lianmeng.activity.support.Activities.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.support.Activities;
import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;

/** A monthly THEME_DAY: generated ahead, one occurrence edited, all following changed, one skipped, the series ended. */
class SeriesTest extends ActivityTestBase {

    private static Map<String, Object> template(String title, String startTime) {
        Map<String, Object> t = new HashMap<>();
        t.put("title", title);
        t.put("type", "THEME_DAY");
        t.put("mode", "OFFLINE");
        t.put("address", "党员活动室");
        t.put("startTime", startTime);
        t.put("durationMinutes", 120);
        return t;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMonthlyThemeDayAcrossItsLife() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "周期党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        LocalDate first = LocalDate.now(SHANGHAI).plusDays(1);
        Map<String, Object> req = Map.of("hostOrgId", branch.id(), "template", template("每月主题党日", "14:00"), "frequency", "MONTHLY",
                "dayOfMonth", first.getDayOfMonth(), "firstDate", first.toString());
        Map<String, Object> created = body(post(admin, "/series", req).expectStatus().isCreated());
        String id = created.get("id").toString();
        List<Map<String, Object>> occurrences = (List<Map<String, Object>>) created.get("occurrences");
        assertThat(occurrences.size()).isBetween(3, 4);
        assertThat(occurrences).allMatch(o -> o.get("status").equals("SCHEDULED"));
        assertThat(occurrences.get(0).get("date")).isEqualTo(first.toString());

        // edit one occurrence on its own
        String second = occurrences.get(1).get("activityId").toString();
        Map<String, Object> secondView = body(get(admin, "/activities/{id}", second).expectStatus().isOk());
        put(admin, "/activities/{id}", Activities.edit(secondView, "title", "本月主题党日：参观红色教育基地"), second).expectStatus().isOk();

        // change all following from the first: the separately edited one keeps its title
        Map<String, Object> edit = Map.of("version", created.get("version"), "template", template("主题党日（新时间）", "15:00"));
        Map<String, Object> result = body(put(admin, "/series/{id}/occurrences/{d}/following", edit, id, first.toString()).expectStatus().isOk());
        assertThat(result.get("updated")).isEqualTo(occurrences.size() - 1);
        assertThat(body(get(admin, "/activities/{id}", occurrences.get(0).get("activityId")).expectStatus().isOk()).get("title"))
                .isEqualTo("主题党日（新时间）");
        assertThat(body(get(admin, "/activities/{id}", second).expectStatus().isOk()).get("title")).isEqualTo("本月主题党日：参观红色教育基地");
        put(admin, "/series/{id}/occurrences/{d}/following", edit, id, first.toString()).expectStatus().isEqualTo(409);

        // skip the third, then end the series
        String thirdDate = occurrences.get(2).get("date").toString();
        Map<String, Object> skipped = body(post(admin, "/series/{id}/occurrences/{d}/skip", Map.of("reason", "与区委活动冲突"), id, thirdDate)
                .expectStatus().isOk());
        assertThat((List<String>) skipped.get("skipped")).containsExactly(thirdDate);
        assertThat(body(get(admin, "/activities/{id}", occurrences.get(2).get("activityId")).expectStatus().isOk()).get("cancelReason"))
                .isEqualTo("本次跳过：与区委活动冲突");
        post(admin, "/series/{id}/occurrences/{d}/skip", Map.of("reason", "x"), id, first.plusDays(1).toString()).expectStatus().isBadRequest();
        Map<String, Object> ended = body(post(admin, "/series/{id}/end", Map.of("reason", "支部合并"), id).expectStatus().isOk());
        assertThat(ended.get("status")).isEqualTo("ENDED");
        assertThat((List<Map<String, Object>>) ended.get("occurrences")).allMatch(o -> o.get("status").equals("CANCELLED"));

        get(world.enterpriseAdmin(World.tenant()), "/series/{id}", id).expectStatus().isNotFound();
    }

    @Test
    void badSeriesStoreNothing() {
        String tenant = World.tenant();
        World.Org branch = world.org(tenant, "另一党支部", "BRANCH");
        String admin = world.enterpriseAdmin(tenant);
        LocalDate first = LocalDate.now(SHANGHAI).plusDays(1);
        post(admin, "/series", Map.of("hostOrgId", branch.id(), "template", template("x", "25:00"), "frequency", "MONTHLY",
                "dayOfMonth", 1, "firstDate", first.toString())).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("template.startTime");
        post(admin, "/series", Map.of("hostOrgId", branch.id(), "template", template("x", "10:00"), "frequency", "WEEKLY",
                "firstDate", first.toString())).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dayOfWeek");
        post(admin, "/series", Map.of("hostOrgId", "o-unknown", "template", template("x", "10:00"), "frequency", "WEEKLY",
                "dayOfWeek", 3, "firstDate", first.toString())).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("hostOrgId");
        assertThat(body(get(admin, "/activities?orgId={o}", branch.id()).expectStatus().isOk()).get("totalElements")).isEqualTo(0);
    }
}
