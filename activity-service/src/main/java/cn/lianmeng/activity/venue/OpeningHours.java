package cn.lianmeng.activity.venue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;

/**
 * A room's opening hours: the same hours on the given days of the week (ISO 1 = Monday … 7 = Sunday), in the
 * alliance's zone. A booking must start and end on one day within them. Plain class, unit-tested.
 */
public record OpeningHours(LocalTime opensAt, LocalTime closesAt, Set<Integer> days) {

    public static OpeningHours parse(String opens, String closes, List<Integer> days, List<cn.lianmeng.platform.web.FieldProblem> errors) {
        LocalTime o = time(opens, "openingHours.opensAt", errors);
        LocalTime c = time(closes, "openingHours.closesAt", errors);
        if (o != null && c != null && !c.isAfter(o)) {
            errors.add(new cn.lianmeng.platform.web.FieldProblem("openingHours.closesAt", "须晚于开放时间"));
        }
        Set<Integer> d = new TreeSet<>();
        if (days == null || days.isEmpty()) {
            errors.add(new cn.lianmeng.platform.web.FieldProblem("openingHours.days", "至少选择一天（1=周一 … 7=周日）"));
        } else {
            for (Integer day : days) {
                if (day == null || day < 1 || day > 7) {
                    errors.add(new cn.lianmeng.platform.web.FieldProblem("openingHours.days", "须为 1（周一）到 7（周日）"));
                    break;
                }
                d.add(day);
            }
        }
        return new OpeningHours(o, c, d);
    }

    private static LocalTime time(String value, String field, List<cn.lianmeng.platform.web.FieldProblem> errors) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new cn.lianmeng.platform.web.FieldProblem(field, "须为 HH:mm，例如 08:30"));
            return null;
        }
    }

    /** Null when {@code [start, end)} lies within the opening hours, else the reason. */
    public String problem(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        if (!s.toLocalDate().equals(e.toLocalDate()) && !(e.toLocalTime().equals(LocalTime.MIDNIGHT) && s.toLocalDate().plusDays(1).equals(e.toLocalDate()))) {
            return "会议室预订不能跨天";
        }
        if (!days.contains(s.getDayOfWeek().getValue())) {
            return "会议室" + dayName(s.getDayOfWeek()) + "不开放";
        }
        LocalTime endTime = e.toLocalDate().equals(s.toLocalDate()) ? e.toLocalTime() : LocalTime.MAX;
        if (s.toLocalTime().isBefore(opensAt) || endTime.isAfter(closesAt)) {
            return "不在会议室开放时间内（" + opensAt + "–" + closesAt + "）";
        }
        return null;
    }

    private static String dayName(DayOfWeek d) {
        return List.of("周一", "周二", "周三", "周四", "周五", "周六", "周日").get(d.getValue() - 1);
    }

    public Document toDocument() {
        return new Document("opensAt", opensAt.toString()).append("closesAt", closesAt.toString()).append("days", new ArrayList<>(days));
    }

    public static OpeningHours of(Document d) {
        return new OpeningHours(LocalTime.parse(d.getString("opensAt")), LocalTime.parse(d.getString("closesAt")),
                new TreeSet<>(d.getList("days", Integer.class, List.of())));
    }
}
