package cn.lianmeng.activity.series;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * When a series occurs: every {@code interval} months on a fixed day of the month (clamped to the month's last day,
 * e.g. a THEME_DAY on the 31st falls on 30 April), or every {@code interval} weeks on a fixed weekday; from
 * {@code first} up to {@code until} (inclusive, optional). Plain class, unit-tested.
 */
public record Recurrence(Frequency frequency, int interval, Integer dayOfMonth, Integer dayOfWeek, LocalDate first, LocalDate until) {

    public enum Frequency { WEEKLY, MONTHLY }

    /** The occurrence dates within {@code [from, to]} (both inclusive). */
    public List<LocalDate> between(LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate end = until != null && until.isBefore(to) ? until : to;
        if (frequency == Frequency.MONTHLY) {
            YearMonth month = YearMonth.from(first);
            for (int guard = 0; guard < 1200; guard++, month = month.plusMonths(interval)) {
                LocalDate date = month.atDay(Math.min(dayOfMonth, month.lengthOfMonth()));
                if (date.isAfter(end)) {
                    break;
                }
                if (!date.isBefore(first) && !date.isBefore(from)) {
                    out.add(date);
                }
            }
        } else {
            LocalDate date = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(dayOfWeek)));
            for (int guard = 0; guard < 5200 && !date.isAfter(end); guard++, date = date.plusWeeks(interval)) {
                if (!date.isBefore(from)) {
                    out.add(date);
                }
            }
        }
        return out;
    }

    /** Whether {@code date} is one of the series' dates. */
    public boolean occursOn(LocalDate date) {
        return between(date, date).contains(date);
    }
}
