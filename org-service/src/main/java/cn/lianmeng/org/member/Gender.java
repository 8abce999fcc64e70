package cn.lianmeng.org.member;

import java.util.Arrays;
import java.util.Optional;

public enum Gender {
    MALE("男"), FEMALE("女");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From the identifier or the Chinese label. */
    public static Optional<Gender> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(g -> g.name().equalsIgnoreCase(v) || g.label.equals(v)).findFirst();
    }
}
