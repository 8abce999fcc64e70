package cn.lianmeng.org.dormancy;

import java.util.Arrays;
import java.util.Optional;

/** The required meetings of DESIGN §1 (三会一课, 主题党日, 组织生活会, 民主评议党员), with their Chinese names. */
public enum MeetingType {
    BRANCH_ASSEMBLY("支部党员大会"),
    BRANCH_COMMITTEE("支委会"),
    GROUP_MEETING("党小组会"),
    PARTY_LESSON("党课"),
    THEME_DAY("主题党日"),
    ORG_LIFE_MEETING("组织生活会"),
    DEMOCRATIC_APPRAISAL("民主评议党员");

    private final String label;

    MeetingType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<MeetingType> parse(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
    }

    /** Whether an activity of this type (as activity-service names it) is organisational life (组织生活) for a member. */
    public static boolean isOrganisationalLife(String activityType) {
        return activityType == null || parse(activityType).isPresent();
    }
}
