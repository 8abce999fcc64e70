package cn.lianmeng.activity.activity;

import java.util.Arrays;
import java.util.Optional;

/** Activity types (DESIGN §1): the 三会一课, theme day, organisational life, appraisal, joint and other activities. */
public enum ActivityType {
    BRANCH_ASSEMBLY("支部党员大会"),
    BRANCH_COMMITTEE("支委会"),
    GROUP_MEETING("党小组会"),
    PARTY_LESSON("党课"),
    THEME_DAY("主题党日"),
    ORG_LIFE_MEETING("组织生活会"),
    DEMOCRATIC_APPRAISAL("民主评议党员"),
    JOINT("联建活动"),
    VOLUNTEER("志愿服务"),
    STUDY("学习"),
    OTHER("其他");

    private final String label;

    ActivityType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The identifier or its Chinese label. */
    public static Optional<ActivityType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(v) || t.label.equals(v)).findFirst();
    }
}
