package cn.lianmeng.org.dormancy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alliance's meeting frequencies: one {@link MeetingRule} per {@link MeetingType}, always complete (types an alliance
 * never configured keep the DESIGN §3 default).
 */
public record MeetingSettings(List<MeetingRule> rules) {

    /** The organisation kinds of DESIGN §1. */
    public static final List<String> KINDS = List.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH", "JOINT_BRANCH", "GROUP");
    private static final Set<String> BRANCHES = Set.of("BRANCH", "JOINT_BRANCH");

    /**
     * DESIGN §3 defaults: BRANCH_ASSEMBLY quarterly, BRANCH_COMMITTEE monthly (branches with a committee only),
     * GROUP_MEETING monthly (party groups), PARTY_LESSON quarterly, THEME_DAY monthly, ORG_LIFE_MEETING and
     * DEMOCRATIC_APPRAISAL yearly — the branch meetings required of BRANCH and JOINT_BRANCH organisations.
     */
    public static final MeetingSettings DEFAULTS = new MeetingSettings(List.of(
            new MeetingRule(MeetingType.BRANCH_ASSEMBLY, Frequency.QUARTERLY, BRANCHES, false),
            new MeetingRule(MeetingType.BRANCH_COMMITTEE, Frequency.MONTHLY, BRANCHES, true),
            new MeetingRule(MeetingType.GROUP_MEETING, Frequency.MONTHLY, Set.of("GROUP"), false),
            new MeetingRule(MeetingType.PARTY_LESSON, Frequency.QUARTERLY, BRANCHES, false),
            new MeetingRule(MeetingType.THEME_DAY, Frequency.MONTHLY, BRANCHES, false),
            new MeetingRule(MeetingType.ORG_LIFE_MEETING, Frequency.YEARLY, BRANCHES, false),
            new MeetingRule(MeetingType.DEMOCRATIC_APPRAISAL, Frequency.YEARLY, BRANCHES, false)));

    public MeetingSettings {
        Map<MeetingType, MeetingRule> byType = new EnumMap<>(MeetingType.class);
        if (DEFAULTS != null) {
            DEFAULTS.rules().forEach(r -> byType.put(r.type(), r));
        }
        rules.forEach(r -> byType.put(r.type(), r));
        List<MeetingRule> complete = new ArrayList<>(byType.values());
        complete.sort(Comparator.comparing(MeetingRule::type));
        rules = List.copyOf(complete);
    }

    public MeetingRule rule(MeetingType type) {
        return rules.stream().filter(r -> r.type() == type).findFirst().orElseThrow();
    }

    /** These settings with some rules replaced. */
    public MeetingSettings with(List<MeetingRule> changes) {
        List<MeetingRule> all = new ArrayList<>(rules);
        all.addAll(changes); // later entries win in the constructor
        return new MeetingSettings(all);
    }

    /** The rules an organisation of this kind must follow. */
    public List<MeetingRule> applicable(String kind, boolean hasCommittee) {
        return rules.stream().filter(r -> r.appliesTo(kind, hasCommittee)).toList();
    }
}
