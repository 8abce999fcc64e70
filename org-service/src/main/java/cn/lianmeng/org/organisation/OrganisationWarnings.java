package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule warnings of DESIGN §3 as plain functions of an organisation's facts: committee rule, branch size (over 50
 * members a general branch may be formed, over 100 a committee), terms (due within 6 months, overdue, not recorded),
 * officers who are no longer active members here; and should-establish for an enterprise (≥3 full members, no
 * organisation of its own).
 */
public final class OrganisationWarnings {

    public static final int GENERAL_BRANCH_SUGGESTED_ABOVE = 50;
    public static final int COMMITTEE_SUGGESTED_ABOVE = 100;
    public static final int SHOULD_ESTABLISH_FULL_MEMBERS = 3;

    /** Ordering for lists: most severe first, then by owner and name. */
    public static final Comparator<Warning> ORDER = Comparator.comparing(Warning::severity).reversed()
            .thenComparing(w -> w.tenantId() == null ? "" : w.tenantId())
            .thenComparing(w -> w.orgName() != null ? w.orgName() : w.enterpriseName() == null ? "" : w.enterpriseName())
            .thenComparing(Warning::code);

    /** An officer as the rules see them: the role, the name, and whether they are still an active member here. */
    public record Officer(OfficerRole role, String name, boolean activeMember) {
    }

    /** What the warnings of one organisation are computed from; everything is on the organisation document. */
    public record OrgFacts(String orgId, String name, OrganisationKind kind, String tenantId, int fullMembers, int probationaryMembers,
                           List<Officer> officers, LocalDate termEnd) {

        int totalMembers() {
            return fullMembers + probationaryMembers;
        }
    }

    private OrganisationWarnings() {
    }

    public static List<Warning> forOrganisation(OrgFacts org, LocalDate today) {
        List<Warning> warnings = new ArrayList<>();
        for (CommitteeRule.Finding f : CommitteeRule.check(org.kind(), org.fullMembers(), org.officers().stream().map(Officer::role).toList())) {
            warnings.add(Warning.organisation(f.code(), f.severity(), f.message(), org,
                    Map.of("fullMembers", org.fullMembers(), "officers", org.officers().size())));
        }
        for (Officer o : org.officers()) {
            if (!o.activeMember()) {
                warnings.add(Warning.organisation("OFFICER_NOT_ACTIVE_MEMBER", Severity.WARNING,
                        o.role().label() + "“" + o.name() + "”已不是本组织在册党员（已转出或离开），请调整班子成员", org,
                        Map.of("officerName", o.name(), "role", o.role().name())));
            }
        }
        if (org.kind().isBranch()) {
            int total = org.totalMembers();
            if (total > COMMITTEE_SUGGESTED_ABOVE) {
                warnings.add(Warning.organisation("BRANCH_OVER_100", Severity.WARNING,
                        "党员 " + total + " 名，超过 " + COMMITTEE_SUGGESTED_ABOVE + " 名，党支部规模过大，可考虑成立党委", org,
                        Map.of("members", total)));
            } else if (total > GENERAL_BRANCH_SUGGESTED_ABOVE) {
                warnings.add(Warning.organisation("BRANCH_OVER_50", Severity.INFO,
                        "党员 " + total + " 名，超过 " + GENERAL_BRANCH_SUGGESTED_ABOVE + " 名，可考虑成立党总支并分设党支部", org,
                        Map.of("members", total)));
            }
        }
        if (TermRules.hasTerms(org.kind())) {
            switch (TermRules.status(org.termEnd(), today)) {
                case NONE -> warnings.add(Warning.organisation("TERM_MISSING", Severity.INFO,
                        "未登记任期起止日期，无法进行换届提醒", org, Map.of()));
                case OVERDUE -> {
                    long days = ChronoUnit.DAYS.between(org.termEnd(), today);
                    warnings.add(Warning.organisation("TERM_OVERDUE", Severity.CRITICAL,
                            "任期已于 " + org.termEnd() + " 届满，已超期 " + days + " 天未换届", org,
                            Map.of("termEnd", org.termEnd().toString(), "overdueDays", days)));
                }
                case DUE_SOON -> {
                    long days = ChronoUnit.DAYS.between(today, org.termEnd());
                    warnings.add(Warning.organisation("TERM_DUE_SOON", Severity.INFO,
                            "任期将于 " + org.termEnd() + " 届满（还有 " + days + " 天），请做好换届准备", org,
                            Map.of("termEnd", org.termEnd().toString(), "daysLeft", days)));
                }
                case CURRENT -> {
                }
            }
        }
        return warnings;
    }

    /**
     * Should-establish (应建未建): an enterprise with at least 3 full members and no organisation of its own. The
     * full members are the larger of those on record (members employed there) and the number the enterprise declared.
     *
     * @param coveredBy how the enterprise is covered meanwhile (a joint branch, an affiliation), or null
     */
    public static Optional<Warning> shouldEstablish(String enterpriseId, String enterpriseName, long recordedFull, Integer declaredFull,
                                                    boolean hasOwnOrganisation, String coveredBy) {
        long full = Math.max(recordedFull, declaredFull == null ? 0 : declaredFull);
        if (hasOwnOrganisation || full < SHOULD_ESTABLISH_FULL_MEMBERS) {
            return Optional.empty();
        }
        String basis = recordedFull >= declaredOrZero(declaredFull) ? "在册正式党员 " + recordedFull + " 名" : "申报正式党员 " + declaredFull + " 名";
        String message = "“" + enterpriseName + "”" + basis + "（达到 " + SHOULD_ESTABLISH_FULL_MEMBERS + " 名），尚未单独建立党组织，应单独组建党支部"
                + (coveredBy == null ? "" : "（目前由" + coveredBy + "覆盖）");
        return Optional.of(Warning.enterprise("SHOULD_ESTABLISH", Severity.WARNING, message, enterpriseId, enterpriseName,
                Map.of("fullMembers", full, "recordedFullMembers", recordedFull, "declaredFullMembers", declaredOrZero(declaredFull))));
    }

    private static int declaredOrZero(Integer declared) {
        return declared == null ? 0 : declared;
    }
}
