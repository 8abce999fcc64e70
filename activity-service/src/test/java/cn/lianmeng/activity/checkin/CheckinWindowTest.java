package cn.lianmeng.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CheckinWindowTest {

    private final Instant start = Instant.parse("2026-11-21T06:00:00Z");
    private final CheckinWindow window = new CheckinWindow(start, start.plus(Duration.ofHours(2)), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(5));

    @Test
    void offlineOpensThirtyMinutesBeforeAndClosesThirtyAfterTheStart() {
        assertThat(window.position(start.minusSeconds(30 * 60 + 1), false)).isEqualTo(CheckinWindow.Position.TOO_EARLY);
        assertThat(window.position(start.minusSeconds(30 * 60), false)).isEqualTo(CheckinWindow.Position.OPEN);
        assertThat(window.position(start.plusSeconds(30 * 60), false)).isEqualTo(CheckinWindow.Position.OPEN);
        assertThat(window.position(start.plusSeconds(30 * 60 + 1), false)).isEqualTo(CheckinWindow.Position.CLOSED);
    }

    @Test
    void onlineJoiningStaysOpenUntilTheEnd() {
        assertThat(window.position(start.plus(Duration.ofMinutes(90)), true)).isEqualTo(CheckinWindow.Position.OPEN);
        assertThat(window.position(start.plus(Duration.ofMinutes(121)), true)).isEqualTo(CheckinWindow.Position.CLOSED);
    }

    @Test
    void lateAfterTheGrace() {
        assertThat(window.late(start.plus(Duration.ofMinutes(5)))).isFalse();
        assertThat(window.late(start.plus(Duration.ofMinutes(5)).plusSeconds(1))).isTrue();
    }
}
