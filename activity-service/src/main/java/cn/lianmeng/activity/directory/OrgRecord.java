package cn.lianmeng.activity.directory;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

/**
 * An organisation as activity-service knows it from {@code org.organisation.v1}: enough to check who may host,
 * who is in an audience and whether a required meeting applies. {@code tenantId} is null for alliance- and
 * park-owned organisations.
 */
public record OrgRecord(String id, String allianceId, String tenantId, String ownerType, String ownerId, String name,
                        String kind, String formation, String parentId, List<String> ancestors,
                        List<String> coveredEnterpriseIds, List<Officer> officers, String status, long version) {

    public record Officer(String memberId, String name, String role) {
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** This organisation and its ancestors, root first: the keys a subtree query on a descendant matches. */
    public List<String> path() {
        List<String> path = new ArrayList<>(ancestors);
        path.add(id);
        return path;
    }

    static OrgRecord of(Document d) {
        List<Officer> officers = new ArrayList<>();
        for (Document o : d.getList("officers", Document.class, List.of())) {
            officers.add(new Officer(o.getString("memberId"), o.getString("name"), o.getString("role")));
        }
        Number version = d.get("version", Number.class);
        return new OrgRecord(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("ownerType"),
                d.getString("ownerId"), d.getString("name"), d.getString("kind"), d.getString("formation"), d.getString("parentId"),
                d.getList("ancestors", String.class, List.of()), d.getList("coveredEnterpriseIds", String.class, List.of()),
                officers, d.getString("status"), version == null ? 0 : version.longValue());
    }
}
