package cn.lianmeng.activity.settings;

import java.util.Set;

import cn.lianmeng.activity.activity.ActivityType;

/**
 * How often one required meeting type is due and of which organisations — the rule as org-service owns it
 * ({@code org.meeting-settings.v1}).
 *
 * @param kinds         organisation kinds the meeting is required of (COMMITTEE, GENERAL_BRANCH, BRANCH, JOINT_BRANCH, GROUP)
 * @param committeeOnly required only of organisations that have a committee ({@link MeetingRules#hasCommittee})
 */
public record MeetingRule(ActivityType type, Frequency frequency, Set<String> kinds, boolean committeeOnly) {

    public MeetingRule {
        kinds = Set.copyOf(kinds);
    }

    /** Whether an organisation of this kind, with or without a committee, must hold the meeting. */
    public boolean appliesTo(String kind, boolean hasCommittee) {
        return frequency != Frequency.NONE && kinds.contains(kind) && (!committeeOnly || hasCommittee);
    }
}
