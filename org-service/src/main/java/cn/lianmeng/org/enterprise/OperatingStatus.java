package cn.lianmeng.org.enterprise;

import java.util.Arrays;
import java.util.Optional;

/** Whether an enterprise operates for real; shell and zombie enterprises are left out of coverage (DESIGN §3). */
public enum OperatingStatus {
    OPERATING("正常经营"),
    SHELL("空壳企业"),
    ZOMBIE("僵尸企业");

    private final String label;

    OperatingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the identifier or the Chinese label (also without 企业: 空壳, 僵尸). */
    public static Optional<OperatingStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(v) || s.label.equals(v) || s.label.replace("企业", "").equals(v))
                .findFirst();
    }
}
