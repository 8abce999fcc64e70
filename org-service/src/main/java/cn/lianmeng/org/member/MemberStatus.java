package cn.lianmeng.org.member;

import java.util.Arrays;
import java.util.Optional;

/** 党员状态: 正式党员 / 预备党员 (a probationary member has a probation end date). */
public enum MemberStatus {
    FULL("正式党员"), PROBATIONARY("预备党员");

    private final String label;

    MemberStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From the identifier, the label, or the short forms 正式/预备. */
    public static Optional<MemberStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(v) || s.label.equals(v) || s.label.substring(0, 2).equals(v))
                .findFirst();
    }
}
