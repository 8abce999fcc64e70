package cn.lianmeng.org.dormancy;

import java.util.Arrays;
import java.util.Optional;

/** Dormancy warning levels of DESIGN §3, lowest first; the highest level among an organisation's reasons wins. */
public enum WarningLevel {
    NONE("无预警"),
    YELLOW("黄色预警"),
    ORANGE("橙色预警"),
    RED("红色预警");

    private final String label;

    WarningLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 0 for NONE up to 3 for RED; stored for sorting and filtering. */
    public int rank() {
        return ordinal();
    }

    public static Optional<WarningLevel> parse(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(l -> l.name().equals(value)).findFirst();
    }

    public static WarningLevel max(WarningLevel a, WarningLevel b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
