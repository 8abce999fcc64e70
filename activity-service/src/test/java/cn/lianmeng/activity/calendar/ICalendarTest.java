package cn.lianmeng.activity.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ICalendarTest {

    @Test
    void eventsAreEscapedFoldedAndInUtc() {
        Instant start = Instant.parse("2026-11-23T11:00:00Z");
        String ics = ICalendar.write("联盟党建活动", List.of(new ICalendar.Event("a1@lianmeng", start, start.plusSeconds(3600),
                "主题党日：学习, 讨论; 交流", "党群服务中心\n二楼", "很长的说明".repeat(20), "https://m.example.cn/j/1", false, 3, start)));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics).contains("DTSTART:20261123T110000Z\r\n", "DTEND:20261123T120000Z\r\n", "SEQUENCE:3\r\n", "STATUS:CONFIRMED\r\n",
                "SUMMARY:主题党日：学习\\, 讨论\\; 交流\r\n", "LOCATION:党群服务中心\\n二楼\r\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("DESCRIPTION:" + "很长的说明".repeat(20) + "\r\n");
    }

    @Test
    void aCancelledEventSaysSo() {
        Instant t = Instant.parse("2026-11-23T11:00:00Z");
        assertThat(ICalendar.write("x", List.of(new ICalendar.Event("b@lianmeng", t, t.plusSeconds(60), "s", null, null, null, true, 1, t))))
                .contains("STATUS:CANCELLED\r\n").doesNotContain("LOCATION");
    }
}
