package cn.lianmeng.org.dormancy;

import java.util.Arrays;
import java.util.Optional;

/** How often a required meeting is due. {@link #NONE} means the alliance does not require it. */
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
}
