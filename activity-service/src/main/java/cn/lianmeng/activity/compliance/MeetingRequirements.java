package cn.lianmeng.activity.compliance;

import java.util.List;

import cn.lianmeng.activity.settings.MeetingRule;
import cn.lianmeng.activity.settings.MeetingRules;

/**
 * Which regular meetings an organisation must hold — decided exactly as org-service's dormancy warnings decide it, from
 * the alliance's rules (owned by org-service, DESIGN §3 defaults): a rule applies to the organisation kinds it lists;
 * a committee-only rule (the branch committee's meeting by default) applies only to organisations that have a
 * committee — a committee or general branch, an organisation with committee members (委员) among its officers, or one
 * with at least {@link MeetingRules#committeeFullMembers()} full members. Plain class, unit-tested.
 */
public final class MeetingRequirements {

    private MeetingRequirements() {
    }

    /**
     * The rules an organisation must follow, in type order, given its kind, its committee members (委员 among its
     * officers) and its own active full members.
     */
    public static List<MeetingRule> of(MeetingRules rules, String kind, int committeeMembers, int fullMembers) {
        return of(rules, kind, rules.hasCommittee(kind, committeeMembers, fullMembers));
    }

    /** The same once it is known whether the organisation has a committee. */
    public static List<MeetingRule> of(MeetingRules rules, String kind, boolean hasCommittee) {
        return rules.applicable(kind, hasCommittee);
    }

    /** Whether {@link #of} needs the organisation's full-member count (only for a committee-only rule still undecided). */
    public static boolean needsFullMembers(MeetingRules rules, String kind, int committeeMembers) {
        return rules.committeeMatters(kind) && committeeMembers == 0;
    }
}
