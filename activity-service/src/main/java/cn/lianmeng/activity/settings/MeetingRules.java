package cn.lianmeng.activity.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityType;
import org.bson.Document;

/**
 * An alliance's meeting frequencies as org-service owns them: one {@link MeetingRule} per required meeting type,
 * always complete. Version 0 is the implicit DESIGN §3 default, identical to org-service's
 * {@code MeetingSettings.DEFAULTS} (org publishes nothing until an administrator changes them); later versions come
 * from {@code MeetingSettingsChanged}. Plain class, unit-tested.
 *
 * @param committeeFullMembers a branch with this many full members or more has (must have) a committee
 */
public record MeetingRules(long version, List<MeetingRule> rules, int committeeFullMembers, Date updatedAt) {

    /** The meeting types that have a required frequency (三会一课, 主题党日, 组织生活会, 民主评议党员). */
    public static final Set<ActivityType> TYPES = Set.of(ActivityType.BRANCH_ASSEMBLY, ActivityType.BRANCH_COMMITTEE,
            ActivityType.GROUP_MEETING, ActivityType.PARTY_LESSON, ActivityType.THEME_DAY, ActivityType.ORG_LIFE_MEETING,
            ActivityType.DEMOCRATIC_APPRAISAL);
    /** The organisation kinds of DESIGN §1, in display order. */
    public static final List<String> KINDS = List.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH", "JOINT_BRANCH", "GROUP");
    /** DESIGN §3: a branch with 7 or more full members needs a branch committee. */
    public static final int COMMITTEE_FULL_MEMBERS = 7;
    private static final Set<String> BRANCHES = Set.of("BRANCH", "JOINT_BRANCH");
    private static final Set<String> COMMITTEE_KINDS = Set.of("COMMITTEE", "GENERAL_BRANCH");

    /**
     * DESIGN §3 defaults as org-service applies them: BRANCH_ASSEMBLY quarterly, BRANCH_COMMITTEE monthly (branches
     * with a committee only), GROUP_MEETING monthly (party groups), PARTY_LESSON quarterly, THEME_DAY monthly,
     * ORG_LIFE_MEETING and DEMOCRATIC_APPRAISAL yearly — the branch meetings required of BRANCH and JOINT_BRANCH.
     */
    public static final MeetingRules DEFAULTS = new MeetingRules(0, List.of(
            new MeetingRule(ActivityType.BRANCH_ASSEMBLY, Frequency.QUARTERLY, BRANCHES, false),
            new MeetingRule(ActivityType.BRANCH_COMMITTEE, Frequency.MONTHLY, BRANCHES, true),
            new MeetingRule(ActivityType.GROUP_MEETING, Frequency.MONTHLY, Set.of("GROUP"), false),
            new MeetingRule(ActivityType.PARTY_LESSON, Frequency.QUARTERLY, BRANCHES, false),
            new MeetingRule(ActivityType.THEME_DAY, Frequency.MONTHLY, BRANCHES, false),
            new MeetingRule(ActivityType.ORG_LIFE_MEETING, Frequency.YEARLY, BRANCHES, false),
            new MeetingRule(ActivityType.DEMOCRATIC_APPRAISAL, Frequency.YEARLY, BRANCHES, false)), COMMITTEE_FULL_MEMBERS, null);

    public MeetingRules {
        Map<ActivityType, MeetingRule> byType = new EnumMap<>(ActivityType.class);
        if (DEFAULTS != null) {
            DEFAULTS.rules().forEach(r -> byType.put(r.type(), r));
        }
        rules.stream().filter(r -> TYPES.contains(r.type())).forEach(r -> byType.put(r.type(), r));
        List<MeetingRule> complete = new ArrayList<>(byType.values());
        complete.sort(Comparator.comparing(MeetingRule::type));
        rules = List.copyOf(complete);
        if (committeeFullMembers <= 0) {
            committeeFullMembers = COMMITTEE_FULL_MEMBERS;
        }
    }

    public MeetingRule rule(ActivityType type) {
        return rules.stream().filter(r -> r.type() == type).findFirst().orElse(null);
    }

    /** The frequency of a meeting type (NONE when it is not required or not a required meeting at all). */
    public Frequency frequency(ActivityType type) {
        MeetingRule r = rule(type);
        return r == null ? Frequency.NONE : r.frequency();
    }

    /** Type → frequency, in type order (what {@code GET /api/activity/settings} shows as {@code meetingFrequencies}). */
    public Map<String, String> frequencies() {
        Map<String, String> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.type().name(), r.frequency().name()));
        return out;
    }

    /**
     * Whether an organisation has (or must have) a committee, as org-service's dormancy rules decide it: a committee
     * or general branch by kind, an organisation whose officers include committee members (委员), or one with at least
     * {@code committeeFullMembers} full members.
     */
    public boolean hasCommittee(String kind, int committeeMembers, int fullMembers) {
        return COMMITTEE_KINDS.contains(kind) || committeeMembers > 0 || fullMembers >= committeeFullMembers;
    }

    /** Whether the committee question can matter for an organisation of this kind (some committee-only rule lists it). */
    public boolean committeeMatters(String kind) {
        return !COMMITTEE_KINDS.contains(kind)
                && rules.stream().anyMatch(r -> r.committeeOnly() && r.frequency() != Frequency.NONE && r.kinds().contains(kind));
    }

    /** The rules an organisation of this kind must follow, in type order. */
    public List<MeetingRule> applicable(String kind, boolean hasCommittee) {
        return rules.stream().filter(r -> r.appliesTo(kind, hasCommittee)).toList();
    }

    // ---- the read model document ----------------------------------------------------------------------------------

    static List<Document> toDocuments(Collection<MeetingRule> rules) {
        return rules.stream().map(r -> new Document("type", r.type().name()).append("frequency", r.frequency().name())
                .append("kinds", KINDS.stream().filter(r.kinds()::contains).toList()).append("committeeOnly", r.committeeOnly())).toList();
    }

    static MeetingRules of(Document d) {
        if (d == null) {
            return DEFAULTS;
        }
        List<MeetingRule> rules = new ArrayList<>();
        for (Document r : d.getList("meetings", Document.class, List.of())) {
            ActivityType type = ActivityType.parse(r.getString("type")).orElse(null);
            Frequency frequency = Frequency.parse(r.getString("frequency")).orElse(null);
            if (type != null && frequency != null) {
                rules.add(new MeetingRule(type, frequency, Set.copyOf(r.getList("kinds", String.class, List.of())),
                        Boolean.TRUE.equals(r.getBoolean("committeeOnly"))));
            }
        }
        Number version = d.get("version", Number.class);
        Number threshold = d.get("committeeFullMembers", Number.class);
        return new MeetingRules(version == null ? 0 : version.longValue(), rules, threshold == null ? 0 : threshold.intValue(),
                d.getDate("updatedAt"));
    }
}
