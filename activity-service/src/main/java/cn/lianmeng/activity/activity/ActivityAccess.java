package cn.lianmeng.activity.activity;

import java.util.List;
import java.util.Objects;

import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Who may do what with an activity (plain rules, unit-tested). Managers of an organisation: the alliance's
 * administrators, the administrators of the organisation's tenant, and organisation administrators whose subtree
 * (the {@code orgs} claim) contains it.
 */
public final class ActivityAccess {

    private ActivityAccess() {
    }

    /** Whether the caller manages the organisation (may host activities for it, answer its invitations, approve leave). */
    public static boolean managesOrg(Caller caller, OrgRecord org) {
        if (org == null || !Objects.equals(org.allianceId(), caller.allianceId())) {
            return false;
        }
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return true;
        }
        if (caller.has(Role.ENTERPRISE_ADMIN) && org.tenantId() != null && org.tenantId().equals(caller.tenantId())) {
            return true;
        }
        return caller.has(Role.ORG_ADMIN) && Objects.equals(org.tenantId(), caller.tenantId())
                && org.path().stream().anyMatch(caller.orgIds()::contains);
    }

    /** Whether the caller manages an organisation given by its tenant and path (root → itself). */
    public static boolean managesOrg(Caller caller, String allianceId, String tenantId, List<String> orgPath) {
        if (!Objects.equals(allianceId, caller.allianceId())) {
            return false;
        }
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return true;
        }
        if (caller.has(Role.ENTERPRISE_ADMIN) && tenantId != null && tenantId.equals(caller.tenantId())) {
            return true;
        }
        return caller.has(Role.ORG_ADMIN) && Objects.equals(tenantId, caller.tenantId())
                && orgPath.stream().anyMatch(caller.orgIds()::contains);
    }

    /** Whether the caller manages the activity: edit, publish, cancel, hold, minutes, check-in code, full attendance. */
    public static boolean manages(Caller caller, Document activity) {
        return managesOrg(caller, activity.getString("allianceId"), activity.getString("tenantId"),
                activity.getList("hostOrgPath", String.class, List.of()));
    }

    /** Whether the member belongs to the activity's audience (before sign-up rules). */
    public static boolean inAudience(MemberRecord member, Document activity) {
        if (member == null || !member.active() || !Objects.equals(member.allianceId(), activity.getString("allianceId"))) {
            return false;
        }
        Document audience = activity.get("audience", Document.class);
        AudienceScope scope = AudienceScope.valueOf(audience.getString("scope"));
        return switch (scope) {
            case ALLIANCE -> true;
            case TENANT -> member.tenantId() != null && member.tenantId().equals(activity.getString("tenantId"));
            case ORGANISATIONS -> member.orgPath().stream()
                    .anyMatch(activity.getList("audienceOrgIds", String.class, List.of())::contains);
        };
    }

    /**
     * The participating organisation a member's attendance counts for: for an organisation audience (and joint
     * activities) the nearest audience organisation on the member's path; for tenant- and alliance-wide audiences the
     * member's own organisation.
     */
    public static String attendanceOrg(MemberRecord member, Document activity) {
        Document audience = activity.get("audience", Document.class);
        if (!AudienceScope.ORGANISATIONS.name().equals(audience.getString("scope"))) {
            return member.orgId();
        }
        List<String> audienceOrgs = activity.getList("audienceOrgIds", String.class, List.of());
        List<String> path = member.orgPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (audienceOrgs.contains(path.get(i))) {
                return path.get(i);
            }
        }
        return member.orgId();
    }

    /** The member-directory filter for the activity's audience (active members are added by the directory). */
    public static Bson audienceMembers(Document activity) {
        Document audience = activity.get("audience", Document.class);
        return switch (AudienceScope.valueOf(audience.getString("scope"))) {
            case ALLIANCE -> new Document();
            case TENANT -> Filters.eq("tenantId", activity.getString("tenantId"));
            case ORGANISATIONS -> OrgDirectory.inSubtrees(activity.getList("audienceOrgIds", String.class, List.of()));
        };
    }
}
