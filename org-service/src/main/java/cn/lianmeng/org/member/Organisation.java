package cn.lianmeng.org.member;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

/**
 * The facts about a Party organisation that members and transfers need, read from the {@code organisations}
 * collection in the shape of docs/org-contracts.md (owned by the organisation package).
 *
 * @param tenantId null for organisations owned by the alliance or a park
 */
public record Organisation(String id, String allianceId, String tenantId, String ownerType, String name, String kind,
                           String formation, String parentId, List<String> ancestors, List<String> coveredEnterpriseIds,
                           String status) {

    public static final String COLLECTION = "organisations";

    public static Organisation fromDocument(Document d) {
        return new Organisation(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("ownerType"),
                d.getString("name"), d.getString("kind"), d.getString("formation"), d.getString("parentId"),
                List.copyOf(d.getList("ancestors", String.class, List.of())),
                List.copyOf(d.getList("coveredEnterpriseIds", String.class, List.of())), d.getString("status"));
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** Ancestors root→parent followed by the organisation itself. */
    public List<String> path() {
        List<String> path = new ArrayList<>(ancestors);
        path.add(id);
        return path;
    }

    /**
     * The employer of a member of this organisation: the owning tenant for SINGLE organisations; otherwise the
     * requested enterprise if this organisation covers it, or its only covered enterprise when none is requested.
     * Null when no valid employer follows.
     */
    public String employer(String requestedEnterpriseId) {
        if ("SINGLE".equals(formation) && tenantId != null) {
            return requestedEnterpriseId == null || requestedEnterpriseId.equals(tenantId) ? tenantId : null;
        }
        if (requestedEnterpriseId != null) {
            return coveredEnterpriseIds.contains(requestedEnterpriseId) ? requestedEnterpriseId : null;
        }
        return coveredEnterpriseIds.size() == 1 ? coveredEnterpriseIds.get(0) : null;
    }
}
