package cn.lianmeng.org.dormancy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/** What the warning endpoints answer. Names only: no member personal data beyond names. */
public final class WarningViews {

    static final Map<String, String> KIND_LABELS = Map.of("COMMITTEE", "党委", "GENERAL_BRANCH", "党总支", "BRANCH", "党支部",
            "JOINT_BRANCH", "联合党支部", "GROUP", "党小组");

    private WarningViews() {
    }

    public record ReasonView(String code, String level, String levelLabel, String text, LocalDate since) {

        static ReasonView of(Document d) {
            WarningLevel level = WarningLevel.parse(d.getString("level")).orElse(WarningLevel.NONE);
            return new ReasonView(d.getString("code"), level.name(), level.label(), d.getString("text"),
                    DormancyEvaluator.parseDate(d.getString("since")));
        }
    }

    /** One organisation with a warning. */
    public record OrgWarning(String orgId, String name, String kind, String kindLabel, String tenantId, String enterpriseName,
                             String parkId, String buildingId, String level, String levelLabel, List<ReasonView> reasons,
                             LocalDate lastActivityDate, int memberWarnings, OffsetDateTime since, OffsetDateTime changedAt) {

        static OrgWarning of(Document d) {
            WarningLevel level = WarningLevel.parse(d.getString("level")).orElse(WarningLevel.NONE);
            return new OrgWarning(d.getString("_id"), d.getString("name"), d.getString("kind"), KIND_LABELS.get(d.getString("kind")),
                    d.getString("tenantId"), d.getString("enterpriseName"), d.getString("parkId"), d.getString("buildingId"),
                    level.name(), level.label(), d.getList("reasons", Document.class, List.of()).stream().map(ReasonView::of).toList(),
                    day(d.getDate("lastActivityAt")), d.getInteger("memberWarnings", 0), time(d.getDate("warningSince")),
                    time(d.getDate("changedAt")));
        }
    }

    /** Counts per level in the caller's scope. */
    public record Summary(long organisations, long red, long orange, long yellow, long none, long memberWarnings) {
    }

    /** A member without organisational life for six months: the name and the facts, nothing else. */
    public record MemberWarning(String memberId, String name, String orgId, String orgName, LocalDate lastOrgLifeDate,
                                LocalDate joinedDate, String reason, LocalDate since) {
    }

    public record Secretary(String name, LocalDate since) {
    }

    public record MeetingView(String type, String label, String frequency, String frequencyLabel, int held, int invalid,
                              String status, String statusLabel) {
    }

    /** The required meetings of one period (a month, quarter or year) for the organisation. */
    public record PeriodView(String granularity, String key, String label, LocalDate start, LocalDate end, boolean completed,
                             List<MeetingView> meetings) {
    }

    /**
     * An organisation's activity and meeting compliance, computed now from the facts. {@code enterpriseLastActivityDate}
     * is the last held activity that reached the organisation's enterprise (also one hosted by another organisation).
     */
    public record ActivityStatus(String orgId, String name, String kind, String kindLabel, String tenantId, String enterpriseName,
                                 String status, LocalDate asOf, LocalDate lastActivityDate, Long daysSinceLastActivity,
                                 LocalDate enterpriseLastActivityDate,
                                 LocalDate existedSince, Secretary secretary, LocalDate secretaryVacantSince, LocalDate termEnd,
                                 boolean termOverdue, int fullMembers, boolean hasCommittee, String level, String levelLabel,
                                 List<ReasonView> reasons, int memberWarnings, List<PeriodView> current, List<PeriodView> previous) {
    }

    static final Map<DormancyRules.Status, String> STATUS_LABELS = Map.of(
            DormancyRules.Status.HELD, "已召开",
            DormancyRules.Status.DUE, "待召开",
            DormancyRules.Status.MISSED, "未召开",
            DormancyRules.Status.MADE_UP, "已补开",
            DormancyRules.Status.NOT_REQUIRED, "不作要求（组织成立不满该周期）");

    static LocalDate day(Date d) {
        return d == null ? null : DormancyRules.date(d.toInstant());
    }

    static OffsetDateTime time(Date d) {
        return d == null ? null : OffsetDateTime.ofInstant(d.toInstant(), DormancyRules.ZONE);
    }
}
