package cn.lianmeng.activity.settings;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;

/**
 * How often a required meeting must be held (DESIGN §3), and the period a date falls into under that frequency.
 * {@link #NONE} means the alliance does not require the meeting (org-service's setting); it has no period.
 */
public enum Frequency {
    MONTHLY("每月"),
    QUARTERLY("每季度"),
    YEARLY("每年"),
    NONE("不作要求");

    private final String label;

    Frequency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Frequency> parse(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(f -> f.name().equals(value)).findFirst();
    }

    /** The period key of a date: {@code 2026-11}, {@code 2026-Q4} or {@code 2026}. */
    public String periodOf(LocalDate date) {
        return switch (this) {
            case MONTHLY -> YearMonth.from(date).toString();
            case QUARTERLY -> date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
            case YEARLY -> String.valueOf(date.getYear());
            case NONE -> throw new IllegalStateException("a meeting that is not required has no period");
        };
    }
}
