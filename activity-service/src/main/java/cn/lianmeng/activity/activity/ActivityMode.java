package cn.lianmeng.activity.activity;

import java.util.Arrays;
import java.util.Optional;

/** Where an activity happens: at a venue room or an address, through a meeting link, or both. */
public enum ActivityMode {
    OFFLINE("线下"),
    ONLINE("线上"),
    HYBRID("线上线下结合");

    private final String label;

    ActivityMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean online() {
        return this != OFFLINE;
    }

    public boolean offline() {
        return this != ONLINE;
    }

    public static Optional<ActivityMode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(v) || t.label.equals(v)).findFirst();
    }
}
