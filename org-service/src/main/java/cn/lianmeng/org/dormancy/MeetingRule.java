package cn.lianmeng.org.dormancy;

import java.util.Set;

/**
 * How often one meeting type is required and of which organisations.
 *
 * @param kinds         organisation kinds the meeting is required of (COMMITTEE, GENERAL_BRANCH, BRANCH, JOINT_BRANCH, GROUP)
 * @param committeeOnly required only of organisations that have a committee (see {@link DormancyRules#hasCommittee})
 */
public record MeetingRule(MeetingType type, Frequency frequency, Set<String> kinds, boolean committeeOnly) {

    public MeetingRule {
        kinds = Set.copyOf(kinds);
    }

    /** Whether an organisation of this kind, with or without a committee, must hold the meeting. */
    public boolean appliesTo(String kind, boolean hasCommittee) {
        return frequency != Frequency.NONE && kinds.contains(kind) && (!committeeOnly || hasCommittee);
    }
}
