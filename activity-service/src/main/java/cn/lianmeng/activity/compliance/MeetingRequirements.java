package cn.lianmeng.activity.compliance;

import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.directory.OrgRecord;

/**
 * Which regular meetings an organisation must hold (DESIGN §1, §3). Branches (and joint branches) hold the 三会一课
 * — branch assembly, party lesson, the branch committee's meeting when they have a committee (three or more
 * officers) — the monthly theme day, and the yearly organisational-life meeting and democratic appraisal. Party
 * groups hold group meetings; committees and general branches hold committee meetings and the yearly
 * organisational-life meeting. Plain class, unit-tested.
 */
public final class MeetingRequirements {

    private MeetingRequirements() {
    }

    public static List<ActivityType> of(String kind, int officers) {
        List<ActivityType> out = new ArrayList<>();
        switch (kind == null ? "" : kind) {
            case "BRANCH", "JOINT_BRANCH" -> {
                out.add(ActivityType.BRANCH_ASSEMBLY);
                if (officers >= 3) {
                    out.add(ActivityType.BRANCH_COMMITTEE);
                }
                out.add(ActivityType.PARTY_LESSON);
                out.add(ActivityType.THEME_DAY);
                out.add(ActivityType.ORG_LIFE_MEETING);
                out.add(ActivityType.DEMOCRATIC_APPRAISAL);
            }
            case "GROUP" -> out.add(ActivityType.GROUP_MEETING);
            case "COMMITTEE", "GENERAL_BRANCH" -> {
                out.add(ActivityType.BRANCH_COMMITTEE);
                out.add(ActivityType.ORG_LIFE_MEETING);
            }
            default -> {
            }
        }
        return out;
    }

    public static List<ActivityType> of(OrgRecord org) {
        return of(org.kind(), org.officers().size());
    }
}
