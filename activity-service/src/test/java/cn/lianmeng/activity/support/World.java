package cn.lianmeng.activity.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.activity.directory.OrgDirectory;

/**
 * A fresh alliance per test, built from org events: tenants, organisations (with ancestors) and members. Every id is
 * random so tests never see each other's data.
 */
public final class World {

    private final OrgEvents events;
    public final String alliance = "a-" + UUID.randomUUID();

    public World(OrgEvents events) {
        this.events = events;
    }

    public record Org(String id, String tenant, List<String> ancestors, String name) {
        public List<String> path() {
            List<String> p = new ArrayList<>(ancestors);
            p.add(id);
            return p;
        }
    }

    public static String tenant() {
        return "t-" + UUID.randomUUID();
    }

    public Org org(String tenant, String name, String kind) {
        return org(tenant, name, kind, null);
    }

    public Org org(String tenant, String name, String kind, Org parent) {
        String id = "o-" + UUID.randomUUID();
        List<String> ancestors = parent == null ? List.of() : parent.path();
        events.apply(OrgDirectory.ORGANISATION_TOPIC, "OrganisationCreated", id, alliance, tenant,
                OrgEvents.organisation(id, alliance, tenant, name, kind, parent == null ? null : parent.id(), ancestors, "ACTIVE", 1));
        return new Org(id, tenant, ancestors, name);
    }

    /**
     * Publishes an {@code ActivityHeld} of this service's contract hosted by the organisation (its quorum met), as the
     * meeting tallies consume it.
     */
    public void held(Org org, String type, String startAt) {
        String id = "act-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activityId", id);
        body.put("allianceId", alliance);
        body.put("tenantId", org.tenant());
        body.put("type", type);
        body.put("startAt", startAt);
        body.put("endAt", startAt);
        body.put("heldAt", startAt);
        body.put("hostOrgId", org.id());
        body.put("organisations", List.of(Map.of("orgId", org.id(), "tenantId", org.tenant(), "quorumMet", true)));
        body.put("version", 3);
        events.publish(ActivityEvents.TOPIC, ActivityEvents.HELD, id, alliance, org.tenant(), body);
    }

    public String member(Org org, String status) {
        return member(org, status, "党员" + UUID.randomUUID().toString().substring(0, 4));
    }

    public String member(Org org, String status, String name) {
        String id = "m-" + UUID.randomUUID();
        events.apply(OrgDirectory.MEMBER_TOPIC, "MemberJoined", id, alliance, org.tenant(),
                OrgEvents.member(id, alliance, org.tenant(), org.id(), org.ancestors(), name, status, true, 1));
        return id;
    }

    public List<String> members(Org org, int full, int probationary) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < full; i++) {
            ids.add(member(org, "FULL"));
        }
        for (int i = 0; i < probationary; i++) {
            ids.add(member(org, "PROBATIONARY"));
        }
        return ids;
    }

    public String memberToken(Org org, String memberId) {
        return Tokens.member(alliance, org.tenant(), memberId);
    }

    public String enterpriseAdmin(String tenant) {
        return Tokens.enterpriseAdmin(alliance, tenant);
    }

    public String allianceAdmin() {
        return Tokens.allianceAdmin(alliance);
    }
}
