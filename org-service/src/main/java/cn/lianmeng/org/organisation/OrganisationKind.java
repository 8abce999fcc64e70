package cn.lianmeng.org.organisation;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of Party organisation (DESIGN §1). */
public enum OrganisationKind {
    COMMITTEE("党委"),
    GENERAL_BRANCH("党总支"),
    BRANCH("党支部"),
    JOINT_BRANCH("联合党支部"),
    GROUP("党小组");

    private final String label;

    OrganisationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A branch in the sense of the size and committee rules: an ordinary or a joint branch. */
    public boolean isBranch() {
        return this == BRANCH || this == JOINT_BRANCH;
    }

    /** By identifier or Chinese label. */
    public static Optional<OrganisationKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(v) || k.label.equals(v)).findFirst();
    }
}
