package cn.lianmeng.org.organisation;

import java.util.ArrayList;
import java.util.List;

/**
 * The branch committee rule (DESIGN §3): a branch with at least 7 full members sets up a branch committee of 3–5
 * members (at most 7), the secretary and deputies counting as committee members; below 7 full members there is no
 * committee, only a secretary and, where needed, one deputy. Every organisation except a group needs a secretary.
 * The rule warns, it never refuses a change.
 */
public final class CommitteeRule {

    public static final int COMMITTEE_THRESHOLD = 7;
    public static final int COMMITTEE_MIN = 3;
    public static final int COMMITTEE_USUAL_MAX = 5;
    public static final int COMMITTEE_MAX = 7;

    /** One finding of the rule: a warning code, its severity and the reason in Chinese. */
    public record Finding(String code, Severity severity, String message) {
    }

    private CommitteeRule() {
    }

    public static List<Finding> check(OrganisationKind kind, int fullMembers, List<OfficerRole> officers) {
        List<Finding> findings = new ArrayList<>();
        if (kind == OrganisationKind.GROUP) {
            return findings;
        }
        long secretaries = officers.stream().filter(r -> r == OfficerRole.SECRETARY).count();
        long deputies = officers.stream().filter(r -> r == OfficerRole.DEPUTY_SECRETARY).count();
        long committeeMembers = officers.stream().filter(r -> r == OfficerRole.COMMITTEE_MEMBER).count();
        int committee = officers.size();
        if (secretaries == 0) {
            findings.add(new Finding("SECRETARY_MISSING", Severity.WARNING, kind.label() + "尚未配备书记，应尽快选举产生书记"));
        }
        if (!kind.isBranch()) {
            return findings;
        }
        if (fullMembers >= COMMITTEE_THRESHOLD) {
            String basis = "正式党员 " + fullMembers + " 名（达到 " + COMMITTEE_THRESHOLD + " 名），应设立支部委员会，委员一般 "
                    + COMMITTEE_MIN + "–" + COMMITTEE_USUAL_MAX + " 名、最多不超过 " + COMMITTEE_MAX + " 名（含书记、副书记）";
            if (committee < COMMITTEE_MIN) {
                findings.add(new Finding("COMMITTEE_TOO_SMALL", Severity.WARNING, basis + "，现有 " + committee + " 名"));
            } else if (committee > COMMITTEE_MAX) {
                findings.add(new Finding("COMMITTEE_TOO_LARGE", Severity.WARNING, basis + "，现有 " + committee + " 名，超过上限"));
            } else if (committee > COMMITTEE_USUAL_MAX) {
                findings.add(new Finding("COMMITTEE_ABOVE_USUAL", Severity.INFO, basis + "，现有 " + committee + " 名，多于一般规模"));
            }
        } else {
            String basis = "正式党员 " + fullMembers + " 名（不足 " + COMMITTEE_THRESHOLD + " 名），不设支部委员会，设书记 1 名，必要时设副书记 1 名";
            if (committeeMembers > 0) {
                findings.add(new Finding("COMMITTEE_NOT_EXPECTED", Severity.INFO, basis + "，现登记委员 " + committeeMembers + " 名"));
            }
            if (deputies > 1) {
                findings.add(new Finding("TOO_MANY_DEPUTIES", Severity.INFO, basis + "，现有副书记 " + deputies + " 名"));
            }
        }
        return findings;
    }
}
