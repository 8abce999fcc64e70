package cn.lianmeng.org.organisation;

import java.util.Arrays;
import java.util.Optional;

/** How an organisation was formed (组建方式). */
public enum Formation {
    SINGLE("单独组建"),
    JOINT("联合组建"),
    AFFILIATED("挂靠");

    private final String label;

    Formation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Formation> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(v) || f.label.equals(v)).findFirst();
    }
}
