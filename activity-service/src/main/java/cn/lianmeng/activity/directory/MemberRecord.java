package cn.lianmeng.activity.directory;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

/**
 * A Party member as activity-service knows it from {@code org.member.v1}: organisation (and its ancestors), tenant,
 * employer, status and whether still a member. No personal data beyond the name.
 */
public record MemberRecord(String id, String allianceId, String tenantId, String enterpriseId, String orgId,
                           List<String> orgAncestors, String name, String status, List<String> flags,
                           List<String> officerRoles, String accountId, boolean active, long version) {

    public boolean full() {
        return "FULL".equals(status);
    }

    /** The member's organisation and its ancestors: an audience of any of these organisations' subtrees includes them. */
    public List<String> orgPath() {
        List<String> path = new ArrayList<>(orgAncestors);
        if (orgId != null) {
            path.add(orgId);
        }
        return path;
    }

    static MemberRecord of(Document d) {
        Number version = d.get("version", Number.class);
        return new MemberRecord(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("enterpriseId"),
                d.getString("orgId"), d.getList("orgAncestors", String.class, List.of()), d.getString("name"), d.getString("status"),
                d.getList("flags", String.class, List.of()), d.getList("officerRoles", String.class, List.of()),
                d.getString("accountId"), d.getBoolean("active", true), version == null ? 0 : version.longValue());
    }
}
