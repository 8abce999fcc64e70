package cn.lianmeng.org.dormancy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One calendar period of a meeting frequency — a month, a quarter or a year — as dates in Asia/Shanghai.
 * {@code start} is inclusive and {@code end} exclusive.
 */
public record Period(Frequency frequency, LocalDate start, LocalDate end) {

    private static final String[] QUARTERS = {"一", "二", "三", "四"};

    public Period {
        Objects.requireNonNull(frequency);
        if (frequency == Frequency.NONE) {
            throw new IllegalArgumentException("a meeting that is not required has no period");
        }
    }

    /** The period of {@code frequency} that contains the date. */
    public static Period containing(Frequency frequency, LocalDate date) {
        return switch (frequency) {
            case MONTHLY -> {
                LocalDate s = date.withDayOfMonth(1);
                yield new Period(frequency, s, s.plusMonths(1));
            }
            case QUARTERLY -> {
                LocalDate s = LocalDate.of(date.getYear(), ((date.getMonthValue() - 1) / 3) * 3 + 1, 1);
                yield new Period(frequency, s, s.plusMonths(3));
            }
            case YEARLY -> {
                LocalDate s = LocalDate.of(date.getYear(), 1, 1);
                yield new Period(frequency, s, s.plusYears(1));
            }
            case NONE -> throw new IllegalArgumentException("a meeting that is not required has no period");
        };
    }

    public Period previous() {
        return containing(frequency, start.minusDays(1));
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** The last day of the period (inclusive). */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    /** {@code 2026-04}, {@code 2026-Q2} or {@code 2026}. */
    public String key() {
        return switch (frequency) {
            case MONTHLY -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTERLY -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            default -> String.valueOf(start.getYear());
        };
    }

    /** {@code 2026年4月}, {@code 2026年第二季度} or {@code 2026年度}. */
    public String label() {
        return switch (frequency) {
            case MONTHLY -> start.getYear() + "年" + start.getMonthValue() + "月";
            case QUARTERLY -> start.getYear() + "年第" + QUARTERS[(start.getMonthValue() - 1) / 3] + "季度";
            default -> start.getYear() + "年度";
        };
    }
}
