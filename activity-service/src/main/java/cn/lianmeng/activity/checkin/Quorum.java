package cn.lianmeng.activity.checkin;

import cn.lianmeng.activity.activity.ActivityType;

/**
 * Validity of a meeting (DESIGN §3): a branch assembly (支部党员大会) is valid only with more than half of the
 * organisation's full members present; probationary members attend but do not count. Other types have no quorum.
 */
public final class Quorum {

    private Quorum() {
    }

    public static boolean required(ActivityType type) {
        return type == ActivityType.BRANCH_ASSEMBLY;
    }

    /** Whether {@code fullPresent} full members out of {@code fullMembers} make a quorum: strictly more than half. */
    public static boolean met(int fullMembers, int fullPresent) {
        return fullMembers > 0 && 2L * fullPresent > fullMembers;
    }

    /** The record's answer: types without a quorum rule are always met. */
    public static boolean met(ActivityType type, int fullMembers, int fullPresent) {
        return !required(type) || met(fullMembers, fullPresent);
    }
}
