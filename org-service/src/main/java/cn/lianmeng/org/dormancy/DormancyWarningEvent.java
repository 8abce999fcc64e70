package cn.lianmeng.org.dormancy;

import java.util.List;

/**
 * Body of {@code org.warning.v1} events (key = organisation id): {@code DormancyWarningRaised} when an organisation's
 * warning appears or its level or reasons change, {@code DormancyWarningCleared} when it goes away (level NONE, no
 * reasons). The snapshot after the change with its {@code version}; names only, no other personal data.
 *
 * @param level         NONE, YELLOW, ORANGE or RED — the highest level among the reasons
 * @param previousLevel the level before this change
 * @param reasons       every reason, highest level first
 * @param since         when the current level was reached (null when cleared)
 */
public record DormancyWarningEvent(String orgId, String allianceId, String tenantId, String orgName, String kind,
                                   String parkId, String buildingId, String level, String levelLabel, String previousLevel,
                                   List<ReasonBody> reasons, String secretaryMemberId, String secretaryName, String since,
                                   long version, String occurredAt) {

    /** One reason: a stable code ({@code NO_ACTIVITY_30}, {@code NO_ACTIVITY_90}, {@code SECRETARY_VACANT},
     * {@code TERM_OVERDUE}, {@code MEETING_MISSED:<type>:<period>}), its level, Chinese text and the day it applies from. */
    public record ReasonBody(String code, String level, String text, String since) {
    }
}
