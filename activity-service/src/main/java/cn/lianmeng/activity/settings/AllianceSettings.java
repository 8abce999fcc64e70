package cn.lianmeng.activity.settings;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import cn.lianmeng.activity.activity.ActivityType;
import org.bson.Document;

/**
 * An alliance's activity settings. Check-in and points are optional (anti-formalism, DESIGN §3); the check-in window
 * and the meeting frequencies default to DESIGN §3 and are configurable per alliance. No ranking is ever published.
 */
public record AllianceSettings(String allianceId, boolean checkInEnabled, boolean pointsEnabled,
                               int checkInOpensMinutesBefore, int checkInClosesMinutesAfter, int lateAfterMinutes,
                               Map<ActivityType, Frequency> meetingFrequencies, long version) {

    public static final Map<ActivityType, Frequency> DEFAULT_FREQUENCIES = Map.of(
            ActivityType.BRANCH_ASSEMBLY, Frequency.QUARTERLY,
            ActivityType.BRANCH_COMMITTEE, Frequency.MONTHLY,
            ActivityType.GROUP_MEETING, Frequency.MONTHLY,
            ActivityType.PARTY_LESSON, Frequency.QUARTERLY,
            ActivityType.THEME_DAY, Frequency.MONTHLY,
            ActivityType.ORG_LIFE_MEETING, Frequency.YEARLY,
            ActivityType.DEMOCRATIC_APPRAISAL, Frequency.YEARLY);

    public static AllianceSettings defaults(String allianceId) {
        return new AllianceSettings(allianceId, true, true, 30, 30, 5, DEFAULT_FREQUENCIES, 0);
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

    public Frequency frequency(ActivityType type) {
        return meetingFrequencies.get(type);
    }

    static AllianceSettings of(String allianceId, Document d) {
        if (d == null) {
            return defaults(allianceId);
        }
        Map<ActivityType, Frequency> freq = new EnumMap<>(ActivityType.class);
        freq.putAll(DEFAULT_FREQUENCIES);
        Document stored = d.get("meetingFrequencies", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> freq.put(ActivityType.valueOf(k), Frequency.valueOf(v.toString())));
        }
        return new AllianceSettings(allianceId, d.getBoolean("checkInEnabled", true), d.getBoolean("pointsEnabled", true),
                d.getInteger("checkInOpensMinutesBefore", 30), d.getInteger("checkInClosesMinutesAfter", 30),
                d.getInteger("lateAfterMinutes", 5), Map.copyOf(freq), d.get("version", Number.class).longValue());
    }
}
