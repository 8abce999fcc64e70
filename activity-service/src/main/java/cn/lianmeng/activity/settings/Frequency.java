package cn.lianmeng.activity.settings;

import java.time.LocalDate;
import java.time.YearMonth;

/** How often a required meeting must be held (DESIGN §3), and the period a date falls into under that frequency. */
public enum Frequency {
    MONTHLY("每月"),
    QUARTERLY("每季度"),
    YEARLY("每年");

    private final String label;

    Frequency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The period key of a date: {@code 2026-11}, {@code 2026-Q4} or {@code 2026}. */
    public String periodOf(LocalDate date) {
        return switch (this) {
            case MONTHLY -> YearMonth.from(date).toString();
            case QUARTERLY -> date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
            case YEARLY -> String.valueOf(date.getYear());
        };
    }
}
