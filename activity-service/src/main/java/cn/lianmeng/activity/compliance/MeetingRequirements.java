package cn.lianmeng.activity.compliance;

import java.util.List;

import cn.lianmeng.activity.directory.OrgRecord;
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

    /** Officers with the role COMMITTEE_MEMBER (委员). */
    public static int committeeMembers(OrgRecord org) {
        return (int) org.officers().stream().filter(o -> "COMMITTEE_MEMBER".equals(o.role())).count();
    }

    public static boolean hasCommittee(MeetingRules rules, OrgRecord org, int fullMembers) {
        return rules.hasCommittee(org.kind(), committeeMembers(org), fullMembers);
    }

    /** The rules the organisation must follow, in type order; {@code fullMembers} = its own active full members. */
    public static List<MeetingRule> of(MeetingRules rules, OrgRecord org, int fullMembers) {
        return rules.applicable(org.kind(), hasCommittee(rules, org, fullMembers));
    }

    /** Whether {@link #of} needs the organisation's full-member count (only for a committee-only rule still undecided). */
    public static boolean needsFullMembers(MeetingRules rules, OrgRecord org) {
        return rules.committeeMatters(org.kind()) && committeeMembers(org) == 0;
    }
}
