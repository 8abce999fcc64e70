package cn.lianmeng.activity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.support.ActivityTestBase;
import cn.lianmeng.activity.support.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo quarter: mixed compliance, a joint activity across three enterprises, bookings; seeding twice changes nothing. */
class DemoHistoryTest extends ActivityTestBase {

    @Autowired
    DemoHistory history;

    @Test
    @SuppressWarnings("unchecked")
    void aQuarterOfMixedHistoryFromTheReadModels() {
        for (int i = 0; i < 4; i++) {
            World.Org branch = world.org(World.tenant(), "演示单位" + i + "党支部", "BRANCH");
            world.members(branch, 4, 2);
        }
        DemoHistory.Summary summary = history.seed(world.alliance, clock.instant()).block(Duration.ofMinutes(2));
        assertThat(summary.branches()).isEqualTo(4);
        assertThat(summary.jointEnterprises()).hasSize(3);
        assertThat(summary.held()).isGreaterThan(10);
        assertThat(summary.cancelled()).isZero();
        assertThat(summary.upcoming()).isEqualTo(3);

        String admin = world.allianceAdmin();
        Map<String, Object> joint = body(get(admin, "/activities/{id}", summary.jointActivityId()).expectStatus().isOk());
        assertThat(joint.get("status")).isEqualTo("HELD");
        assertThat((List<?>) ((Map<String, Object>) joint.get("attendance")).get("organisations")).hasSize(3);
        assertThat(((Map<?, ?>) joint.get("room")).get("roomName")).isEqualTo("多功能厅");

        long total = ((Number) body(get(admin, "/activities?size=1").expectStatus().isOk()).get("totalElements")).longValue();
        String lastQuarter = YearMonth.now(Times.ZONE).minusMonths(3).getYear() + "-Q" + ((YearMonth.now(Times.ZONE).minusMonths(3).getMonthValue() - 1) / 3 + 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> report = body(get(admin, "/compliance?period={p}", lastQuarter).expectStatus().isOk());
            Map<String, Object> s = (Map<String, Object>) report.get("summary");
            assertThat(s.get("organisations")).isEqualTo(4);
            assertThat((Map<String, Integer>) s.get("missedByType")).containsKey("BRANCH_ASSEMBLY");
            assertThat(((Number) s.get("missing")).intValue()).isGreaterThan(0);
        });

        history.seed(world.alliance, clock.instant()).block(Duration.ofMinutes(2));
        assertThat(((Number) body(get(admin, "/activities?size=1").expectStatus().isOk()).get("totalElements")).longValue()).isEqualTo(total);
    }
}
