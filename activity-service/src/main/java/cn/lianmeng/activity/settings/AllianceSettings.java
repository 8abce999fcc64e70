package cn.lianmeng.activity.settings;

import java.time.Duration;

import cn.lianmeng.activity.activity.ActivityType;
import org.bson.Document;

/**
 * An alliance's activity settings. Check-in and points are optional (anti-formalism, DESIGN §3) and, with the check-in
 * window, stored here; the meeting frequencies ({@link #meetings()}) are org-service's, followed from
 * {@code org.meeting-settings.v1} and read-only here. No ranking is ever published.
 */
public record AllianceSettings(String allianceId, boolean checkInEnabled, boolean pointsEnabled,
                               int checkInOpensMinutesBefore, int checkInClosesMinutesAfter, int lateAfterMinutes,
                               long version, MeetingRules meetings) {

    public static AllianceSettings defaults(String allianceId) {
        return new AllianceSettings(allianceId, true, true, 30, 30, 5, 0, MeetingRules.DEFAULTS);
    }

    public Duration opensBefore() {
        return Duration.ofMinutes(checkInOpensMinutesBefore);
    }

    public Duration closesAfter() {
        return Duration.ofMinutes(checkInClosesMinutesAfter);
    }

    public Duration lateAfter() {
        return Duration.ofMinutes(lateAfterMinutes);
    }

    /** The frequency org-service set for a meeting type (NONE when not required). */
    public Frequency frequency(ActivityType type) {
        return meetings.frequency(type);
    }

    static AllianceSettings of(String allianceId, Document d, MeetingRules meetings) {
        if (d == null) {
            return new AllianceSettings(allianceId, true, true, 30, 30, 5, 0, meetings);
        }
        return new AllianceSettings(allianceId, d.getBoolean("checkInEnabled", true), d.getBoolean("pointsEnabled", true),
                d.getInteger("checkInOpensMinutesBefore", 30), d.getInteger("checkInClosesMinutesAfter", 30),
                d.getInteger("lateAfterMinutes", 5), d.get("version", Number.class).longValue(), meetings);
    }
}
