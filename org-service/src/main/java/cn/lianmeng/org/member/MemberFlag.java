package cn.lianmeng.org.member;

import java.util.Arrays;
import java.util.Optional;

/** Flags of a member: 流动党员 (MOBILE, with the date they left) and 失联党员 (LOST_CONTACT). */
public enum MemberFlag {
    MOBILE("流动党员"), LOST_CONTACT("失联党员");

    private final String label;

    MemberFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<MemberFlag> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(v) || f.label.equals(v)).findFirst();
    }
}
