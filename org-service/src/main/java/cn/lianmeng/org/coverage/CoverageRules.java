package cn.lianmeng.org.coverage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coverage rules of DESIGN §3 for one enterprise, as a plain function of what is known about it: its own
 * snapshot (from {@code org.enterprise.v1}) and its links (organisations, counted members, activities reaching it).
 * No I/O; the projector stores the result as the enterprise's coverage facts.
 */
public final class CoverageRules {

    /** Full members from which an enterprise should have its own organisation (DESIGN §3). */
    public static final int SHOULD_ESTABLISH_MIN_MEMBERS = 3;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * @param minStaff       staff from which an ACTIVE, operating enterprise is in scope (default 10)
     * @param activityWindow how long an activity that reached an enterprise counts for work coverage (default 90 days)
     */
    public record Settings(int minStaff, Duration activityWindow) {

        public static final Settings DEFAULT = new Settings(10, Duration.ofDays(90));

        public long windowDays() {
            return activityWindow.toDays();
        }

        /** Changes when a setting that changes facts changes: stored per alliance, a difference triggers a full recompute. */
        public String signature() {
            return "minStaff=" + minStaff + ";window=" + activityWindow.toSeconds();
        }
    }

    /** What the enterprise's own snapshot says. {@code operatingStatus} null means OPERATING (older producers omit it). */
    public record Enterprise(String status, String operatingStatus, Integer staffCount, Integer partyMemberCount,
                             String instructorAccountId) {
    }

    /** What other aggregates say about the enterprise. */
    public record Links(int ownOrganisations, int jointOrganisations, int affiliatedOrganisations, int countedFullMembers,
                        Instant lastActivityAt) {

        public static final Links NONE = new Links(0, 0, 0, 0, null);
    }

    /**
     * One enterprise's coverage facts. {@code member}: still a member enterprise (not LEFT) — counted among the scope's
     * enterprises. The facet booleans are the ones that count (each implies {@code inScope}).
     */
    public record Facts(boolean member, boolean inScope, boolean ownOrganisation, boolean jointCovered, boolean affiliated,
                        int declaredFullMembers, int countedFullMembers, int fullMembers, boolean instructorAssigned,
                        Instant lastActivityReachedAt, boolean activityCovered, Instant activityCoverageEndsAt,
                        boolean workCovered, boolean organisationCovered, boolean singleEstablished,
                        boolean workCoveredInScope, boolean shouldEstablish, boolean notCovered) {

        /** The facets as counters (1 or 0), in {@link Facet} order, plus {@code enterprises}: what the totals hold. */
        public Map<String, Integer> counters() {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (Facet f : Facet.values()) {
                m.put(f.field(), is(f) ? 1 : 0);
            }
            return m;
        }

        public boolean is(Facet facet) {
            return switch (facet) {
                case ALL -> member;
                case IN_SCOPE -> inScope;
                case ORGANISATION_COVERED -> organisationCovered;
                case SINGLE_ESTABLISHED -> singleEstablished;
                case WORK_COVERED -> workCoveredInScope;
                case SHOULD_ESTABLISH -> shouldEstablish;
                case NOT_COVERED -> notCovered;
            };
        }
    }

    private CoverageRules() {
    }

    public static Facts evaluate(Enterprise e, Links links, Instant now, Settings settings) {
        boolean active = "ACTIVE".equals(e.status());
        boolean operating = e.operatingStatus() == null || "OPERATING".equals(e.operatingStatus());
        boolean enoughStaff = e.staffCount() != null && e.staffCount() >= settings.minStaff();
        boolean inScope = active && operating && enoughStaff;

        boolean own = links.ownOrganisations() > 0;
        boolean joint = links.jointOrganisations() > 0;
        boolean affiliated = links.affiliatedOrganisations() > 0;
        int declared = e.partyMemberCount() == null ? 0 : Math.max(0, e.partyMemberCount());
        int counted = Math.max(0, links.countedFullMembers());
        int full = Math.max(declared, counted);

        boolean instructor = e.instructorAccountId() != null && !e.instructorAccountId().isBlank();
        Instant last = links.lastActivityAt();
        Instant endsAt = last == null ? null : last.plus(settings.activityWindow());
        boolean activityCovered = endsAt != null && endsAt.isAfter(now);
        boolean work = instructor || activityCovered;

        boolean orgCovered = inScope && (own || joint);
        return new Facts(!"LEFT".equals(e.status()), inScope, own, joint, affiliated, declared, counted, full, instructor, last, activityCovered, endsAt,
                work, orgCovered, inScope && own, inScope && work,
                inScope && full >= SHOULD_ESTABLISH_MIN_MEMBERS && !own, inScope && !orgCovered);
    }

    /** Why the enterprise counts the way it does, in Chinese, for the ledger. */
    public static List<String> reasons(Enterprise e, Facts f, Settings settings) {
        List<String> r = new ArrayList<>();
        if ("SUSPENDED".equals(e.status())) {
            r.add("成员单位已暂停，不纳入覆盖统计");
        } else if ("LEFT".equals(e.status())) {
            r.add("成员单位已退出联盟，不纳入覆盖统计");
        } else if (!"ACTIVE".equals(e.status())) {
            r.add("成员状态未知，不纳入覆盖统计");
        }
        if ("SHELL".equals(e.operatingStatus())) {
            r.add("经营状态为空壳企业，不纳入覆盖统计");
        } else if ("ZOMBIE".equals(e.operatingStatus())) {
            r.add("经营状态为僵尸企业，不纳入覆盖统计");
        }
        if (e.staffCount() == null) {
            r.add("从业人数未填报，不纳入覆盖统计");
        } else if (e.staffCount() < settings.minStaff()) {
            r.add("从业人员 " + e.staffCount() + " 人，少于 " + settings.minStaff() + " 人，不纳入覆盖统计");
        }
        if (f.inScope()) {
            r.add("纳入覆盖统计（在册、正常经营、从业人员不少于 " + settings.minStaff() + " 人）");
        }
        if (f.ownOrganisation()) {
            r.add("已单独组建党组织");
        } else if (f.jointCovered()) {
            r.add("由联合党支部覆盖（计入组织覆盖，不计入单独组建）");
        }
        if (f.affiliated() && !f.ownOrganisation() && !f.jointCovered()) {
            r.add("党员仅挂靠其他党组织，不计入组织覆盖");
        }
        if (!f.ownOrganisation() && !f.jointCovered() && !f.affiliated()) {
            r.add("尚无党组织覆盖");
        }
        if (f.shouldEstablish()) {
            r.add("正式党员 " + f.fullMembers() + " 人（不少于 " + SHOULD_ESTABLISH_MIN_MEMBERS + " 人）且未单独组建党组织：应建未建");
        }
        if (f.instructorAssigned()) {
            r.add("已选派党建指导员（计入工作覆盖）");
        }
        if (f.activityCovered()) {
            r.add("近 " + settings.windowDays() + " 天内有党建活动覆盖（最近一次 " + date(f.lastActivityReachedAt()) + "，计入工作覆盖）");
        } else if (f.lastActivityReachedAt() != null) {
            r.add("最近一次活动覆盖在 " + date(f.lastActivityReachedAt()) + "，已超过 " + settings.windowDays() + " 天");
        }
        if (!f.workCovered()) {
            r.add("无党建指导员且近 " + settings.windowDays() + " 天无活动覆盖：工作未覆盖");
        }
        return r;
    }

    private static LocalDate date(Instant t) {
        return t.atZone(ZONE).toLocalDate();
    }

    /** The scope keys an enterprise counts in: the alliance and each location it has an id for. */
    public static Set<String> scopeKeys(String allianceId, String districtId, String streetId, String parkId, String buildingId) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(ScopeType.ALLIANCE.key(allianceId));
        if (districtId != null) {
            keys.add(ScopeType.DISTRICT.key(districtId));
        }
        if (streetId != null) {
            keys.add(ScopeType.STREET.key(streetId));
        }
        if (parkId != null) {
            keys.add(ScopeType.PARK.key(parkId));
        }
        if (buildingId != null) {
            keys.add(ScopeType.BUILDING.key(buildingId));
        }
        return keys;
    }

    /**
     * The change to per-scope totals when an enterprise's counted contribution goes from {@code before} (keys and
     * counters, either may be empty) to {@code after}: scope key → counter → delta, without zero entries.
     */
    public static Map<String, Map<String, Integer>> delta(Set<String> beforeKeys, Map<String, Integer> before,
                                                          Set<String> afterKeys, Map<String, Integer> after) {
        Map<String, Map<String, Integer>> d = new LinkedHashMap<>();
        for (String k : beforeKeys) {
            before.forEach((c, v) -> d.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(c, -v, Integer::sum));
        }
        for (String k : afterKeys) {
            after.forEach((c, v) -> d.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(c, v, Integer::sum));
        }
        d.values().forEach(m -> m.values().removeIf(v -> v == 0));
        d.values().removeIf(Map::isEmpty);
        return d;
    }
}
