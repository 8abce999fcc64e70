package cn.lianmeng.org.dormancy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dormancy rules of DESIGN §3 (防瘫预警), computed from what actually happened. Plain functions of the facts and
 * the date (Asia/Shanghai), so they are tested without a database:
 * <ul>
 *   <li>YELLOW: no activity for {@value #YELLOW_DAYS} days (calendar days since the last activity; an organisation that
 *       never held one is measured from the day it existed on the platform);</li>
 *   <li>ORANGE: a required meeting missed in its last completed period (month, quarter or year by the alliance's
 *       frequency) and not made up since (补开: a valid meeting of that type held after the period clears it), or the
 *       term overdue (the day after {@code termEnd});</li>
 *   <li>RED: secretary vacant for more than {@value #SECRETARY_VACANT_MONTHS} months, or no activity for
 *       {@value #RED_DAYS} days;</li>
 *   <li>member level: no organisational life for {@value #MEMBER_MONTHS} months, measured from the later of the last
 *       attendance (present or late) and the day the member joined.</li>
 * </ul>
 * A period counts only when the organisation existed for all of it; a branch assembly counts only when its quorum
 * (more than half of the full members present) was met. The highest level wins; every reason is listed.
 */
public final class DormancyRules {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int YELLOW_DAYS = 30;
    public static final int RED_DAYS = 90;
    public static final int SECRETARY_VACANT_MONTHS = 3;
    public static final int MEMBER_MONTHS = 6;
    /** DESIGN §3: a branch with this many full members or more needs a branch committee. */
    public static final int COMMITTEE_FULL_MEMBERS = 7;

    /** Kinds led by a secretary (a party group has a group leader, 组长, instead). */
    private static final Set<String> SECRETARY_LED = Set.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH", "JOINT_BRANCH");
    /** Kinds that are committees by definition (党委, 党总支). */
    private static final Set<String> COMMITTEE_KINDS = Set.of("COMMITTEE", "GENERAL_BRANCH");

    private DormancyRules() {
    }

    /** A held meeting of the organisation; {@code valid} is false for a branch assembly without quorum. */
    public record HeldMeeting(MeetingType type, LocalDate heldOn, boolean valid) {
    }

    /**
     * What is known about one organisation.
     *
     * @param active               ACTIVE and not belonging to an enterprise that left the alliance
     * @param existedSince         the first day the organisation is known to exist: created on the platform, or its
     *                             earliest recorded activity if that is earlier
     * @param lastActivity         the day of its last held activity, or null
     * @param secretaryVacantSince the day the secretary post became vacant (null while a secretary is in office)
     * @param meetings             its held meetings of the required types, at least since the start of last year
     */
    public record OrgFacts(String kind, boolean active, LocalDate existedSince, LocalDate lastActivity,
                           boolean secretaryPresent, LocalDate secretaryVacantSince, LocalDate termEnd,
                           int fullMembers, int committeeMembers, List<HeldMeeting> meetings) {

        public OrgFacts {
            meetings = List.copyOf(meetings);
        }
    }

    /** One reason for a warning: a stable code (changes only when the fact changes), its level, Chinese text, since when. */
    public record Reason(String code, WarningLevel level, String text, LocalDate since) {
    }

    public record Assessment(WarningLevel level, List<Reason> reasons, boolean hasCommittee) {

        public static final Assessment NONE = new Assessment(WarningLevel.NONE, List.of(), false);
    }

    /** The date of an instant in Asia/Shanghai. */
    public static LocalDate date(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZONE);
    }

    /**
     * Whether the organisation has (or must have) a committee: a committee or general branch by kind, a branch whose
     * officers include committee members (委员), or a branch with at least {@value #COMMITTEE_FULL_MEMBERS} full members.
     */
    public static boolean hasCommittee(String kind, int fullMembers, int committeeMembers) {
        return COMMITTEE_KINDS.contains(kind) || committeeMembers > 0 || fullMembers >= COMMITTEE_FULL_MEMBERS;
    }

    public static Assessment assess(OrgFacts org, MeetingSettings settings, LocalDate today) {
        boolean committee = hasCommittee(org.kind(), org.fullMembers(), org.committeeMembers());
        if (!org.active()) {
            return new Assessment(WarningLevel.NONE, List.of(), committee);
        }
        List<Reason> reasons = new ArrayList<>();
        inactivity(org, today).ifPresent(reasons::add);
        secretary(org, today).ifPresent(reasons::add);
        if (org.termEnd() != null && today.isAfter(org.termEnd())) {
            reasons.add(new Reason("TERM_OVERDUE", WarningLevel.ORANGE,
                    "任期已于 " + org.termEnd() + " 届满，尚未换届", org.termEnd().plusDays(1)));
        }
        for (MeetingRule rule : settings.applicable(org.kind(), committee)) {
            Period previous = Period.containing(rule.frequency(), today).previous();
            MeetingLine line = line(org, rule, previous, today, true);
            if (line.status() == Status.MISSED) {
                String text = line.invalid() > 0
                        ? previous.label() + "召开的" + rule.type().label() + "均未达到正式党员过半数到会，不计为有效会议（应"
                        + rule.frequency().label() + "召开），补开后自动解除"
                        : previous.label() + "未召开" + rule.type().label() + "（应" + rule.frequency().label() + "召开），补开后自动解除";
                reasons.add(new Reason("MEETING_MISSED:" + rule.type() + ":" + previous.key(), WarningLevel.ORANGE, text, previous.end()));
            }
        }
        reasons.sort(Comparator.comparing(Reason::level).reversed().thenComparing(Reason::code));
        WarningLevel level = reasons.stream().map(Reason::level).reduce(WarningLevel.NONE, WarningLevel::max);
        return new Assessment(level, List.copyOf(reasons), committee);
    }

    private static Optional<Reason> inactivity(OrgFacts org, LocalDate today) {
        LocalDate reference = org.lastActivity() != null ? org.lastActivity() : org.existedSince();
        if (reference == null) {
            return Optional.empty();
        }
        long days = ChronoUnit.DAYS.between(reference, today);
        int threshold = days >= RED_DAYS ? RED_DAYS : days >= YELLOW_DAYS ? YELLOW_DAYS : 0;
        if (threshold == 0) {
            return Optional.empty();
        }
        String text = org.lastActivity() != null
                ? "最近一次活动为 " + reference + "，已连续" + threshold + "天以上未开展活动"
                : "自 " + reference + " 建立以来尚未开展活动，已满" + threshold + "天";
        return Optional.of(new Reason("NO_ACTIVITY_" + threshold, threshold == RED_DAYS ? WarningLevel.RED : WarningLevel.YELLOW,
                text, reference.plusDays(threshold)));
    }

    private static Optional<Reason> secretary(OrgFacts org, LocalDate today) {
        if (!SECRETARY_LED.contains(org.kind()) || org.secretaryPresent()) {
            return Optional.empty();
        }
        LocalDate vacantSince = org.secretaryVacantSince() != null ? org.secretaryVacantSince() : org.existedSince();
        if (vacantSince == null) {
            return Optional.empty();
        }
        LocalDate limit = vacantSince.plusMonths(SECRETARY_VACANT_MONTHS);
        if (today.isAfter(limit)) {
            return Optional.of(new Reason("SECRETARY_VACANT", WarningLevel.RED,
                    "书记自 " + vacantSince + " 起空缺，已超过" + SECRETARY_VACANT_MONTHS + "个月", limit.plusDays(1)));
        }
        return Optional.empty();
    }

    // ---- meeting compliance per period ----

    public enum Status {
        /** A valid meeting was held in the period. */
        HELD,
        /** The period is still running and no valid meeting has been held yet. */
        DUE,
        /** The period is over without a valid meeting, and none was held since. */
        MISSED,
        /** The period is over without a valid meeting, but one was held after it (补开). */
        MADE_UP,
        /** The organisation did not exist for the whole period. */
        NOT_REQUIRED
    }

    /** One required meeting type in one period: how many valid and invalid (quorum not met) meetings were held. */
    public record MeetingLine(MeetingType type, Frequency frequency, Period period, int held, int invalid, Status status) {
    }

    /** The required meetings in the periods that contain {@code today}. */
    public static List<MeetingLine> current(OrgFacts org, MeetingSettings settings, LocalDate today) {
        boolean committee = hasCommittee(org.kind(), org.fullMembers(), org.committeeMembers());
        return settings.applicable(org.kind(), committee).stream()
                .map(r -> line(org, r, Period.containing(r.frequency(), today), today, false)).toList();
    }

    /** The required meetings in the last completed period of each. */
    public static List<MeetingLine> previous(OrgFacts org, MeetingSettings settings, LocalDate today) {
        boolean committee = hasCommittee(org.kind(), org.fullMembers(), org.committeeMembers());
        return settings.applicable(org.kind(), committee).stream()
                .map(r -> line(org, r, Period.containing(r.frequency(), today).previous(), today, true)).toList();
    }

    private static MeetingLine line(OrgFacts org, MeetingRule rule, Period period, LocalDate today, boolean completed) {
        int held = 0;
        int invalid = 0;
        boolean madeUp = false;
        for (HeldMeeting m : org.meetings()) {
            if (m.type() != rule.type() || m.heldOn().isAfter(today)) {
                continue;
            }
            if (period.contains(m.heldOn())) {
                if (m.valid()) {
                    held++;
                } else {
                    invalid++;
                }
            } else if (m.valid() && !m.heldOn().isBefore(period.end())) {
                madeUp = true;
            }
        }
        Status status;
        if (held > 0) {
            status = Status.HELD;
        } else if (org.existedSince() != null && org.existedSince().isAfter(period.start())) {
            status = Status.NOT_REQUIRED;
        } else if (!completed) {
            status = Status.DUE;
        } else {
            status = madeUp ? Status.MADE_UP : Status.MISSED;
        }
        return new MeetingLine(rule.type(), rule.frequency(), period, held, invalid, status);
    }

    // ---- member level ----

    /**
     * @param joined        the day the member joined (first known on the platform when no join date is given)
     * @param lastOrgLife   the day of their last organisational life (present or late), or null
     */
    public record MemberFacts(boolean active, LocalDate joined, LocalDate lastOrgLife) {
    }

    public record MemberAssessment(boolean warned, String text, LocalDate since, LocalDate reference) {

        public static final MemberAssessment NONE = new MemberAssessment(false, null, null, null);
    }

    public static MemberAssessment assessMember(MemberFacts member, LocalDate today) {
        if (!member.active()) {
            return MemberAssessment.NONE;
        }
        LocalDate life = member.lastOrgLife();
        LocalDate joined = member.joined();
        boolean fromJoin = life == null || (joined != null && joined.isAfter(life));
        LocalDate reference = fromJoin ? joined : life;
        if (reference == null) {
            return MemberAssessment.NONE;
        }
        LocalDate limit = reference.plusMonths(MEMBER_MONTHS);
        if (today.isBefore(limit)) {
            return new MemberAssessment(false, null, null, reference);
        }
        String text = fromJoin
                ? "自 " + reference + " 加入以来已满" + MEMBER_MONTHS + "个月未参加组织生活"
                : "最近一次参加组织生活为 " + reference + "，已满" + MEMBER_MONTHS + "个月未参加组织生活";
        return new MemberAssessment(true, text, limit, reference);
    }
}
