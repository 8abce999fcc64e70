package cn.lianmeng.org.enterprise;

import java.util.Arrays;
import java.util.Optional;

/** 企业类型 (DESIGN §1). */
public enum EnterpriseType {
    STATE_OWNED("国有企业"),
    PRIVATE("民营企业"),
    FOREIGN("外资企业"),
    JOINT_VENTURE("合资企业"),
    SOCIAL_ORG("社会组织");

    private final String label;

    EnterpriseType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the identifier or the Chinese label. */
    public static Optional<EnterpriseType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(v) || t.label.equals(v)).findFirst();
    }
}
