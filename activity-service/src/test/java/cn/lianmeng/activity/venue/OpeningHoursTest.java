package cn.lianmeng.activity.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.web.FieldProblem;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    // Monday to Friday, 08:30–21:00
    private final OpeningHours hours = OpeningHours.parse("08:30", "21:00", List.of(1, 2, 3, 4, 5), new ArrayList<>());

    private String problem(String start, String end) {
        return hours.problem(ZonedDateTime.of(java.time.LocalDateTime.parse(start), SH).toInstant(),
                ZonedDateTime.of(java.time.LocalDateTime.parse(end), SH).toInstant(), SH);
    }

    @Test
    void withinTheHoursOfAnOpenDay() {
        // 2026-11-23 is a Monday
        assertThat(problem("2026-11-23T08:30", "2026-11-23T21:00")).isNull();
        assertThat(problem("2026-11-23T08:00", "2026-11-23T09:00")).contains("开放时间");
        assertThat(problem("2026-11-23T20:30", "2026-11-23T21:30")).contains("开放时间");
        assertThat(problem("2026-11-22T10:00", "2026-11-22T11:00")).isEqualTo("会议室周日不开放");
        assertThat(problem("2026-11-23T20:00", "2026-11-24T09:00")).isEqualTo("会议室预订不能跨天");
    }

    @Test
    void badDefinitionsNameTheirField() {
        List<FieldProblem> errors = new ArrayList<>();
        OpeningHours.parse("9点", "08:00", List.of(0, 8), errors);
        assertThat(errors).extracting(FieldProblem::field).containsExactly("openingHours.opensAt", "openingHours.days");
        errors.clear();
        OpeningHours.parse("18:00", "08:00", List.of(), errors);
        assertThat(errors).extracting(FieldProblem::field).containsExactly("openingHours.closesAt", "openingHours.days");
    }
}
