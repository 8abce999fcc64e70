package cn.lianmeng.content.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.lianmeng.content.audience.DirectoryListeners;
import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectoryListener;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the org-side world content-service sees (enterprises, organisations, members) by handing org-service-shaped
 * events straight to the listener beans — the same parsing and writes as from Kafka, without waiting for the broker.
 */
public class World {

    private final DirectoryListeners listeners;
    private final TenantDirectoryListener tenantDirectory;
    private final Events events;
    private final Map<String, Long> versions = new HashMap<>();

    public World(DirectoryListeners listeners, TenantDirectoryListener tenantDirectory, KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.listeners = listeners;
        this.tenantDirectory = tenantDirectory;
        this.events = new Events(kafka, json);
    }

    public Events events() {
        return events;
    }

    private long nextVersion(String id) {
        return versions.merge(id, 1L, Long::sum);
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Alliance alliance() {
        return new Alliance(id("a"));
    }

    public final class Alliance {
        public final String id;

        Alliance(String id) {
            this.id = id;
        }

        public String enterprise(String name, String parkId, String buildingId) {
            String tenant = id("t");
            enterprise(tenant, name, parkId, buildingId);
            return tenant;
        }

        public void enterprise(String tenant, String name, String parkId, String buildingId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("enterpriseId", tenant);
            body.put("allianceId", id);
            body.put("name", name);
            body.put("status", "ACTIVE");
            body.put("type", "PRIVATE");
            body.put("parkId", parkId);
            body.put("buildingId", buildingId);
            body.put("version", nextVersion(tenant));
            Events.Sent e = events.event(TopicsConfiguration.ENTERPRISES, "EnterpriseUpdated", tenant, id, tenant, body);
            tenantDirectory.onEnterpriseEvent(Events.record(e));
            listeners.onEnterprise(Events.record(e));
        }

        /** An organisation; {@code parent} null for a root. Answers its id. */
        public String org(String tenant, String name, String kind, String parent, List<String> ancestors) {
            String org = id("o");
            org(org, tenant, name, kind, parent, ancestors, List.of());
            return org;
        }

        public void org(String org, String tenant, String name, String kind, String parent, List<String> ancestors, List<Map<String, String>> officers) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orgId", org);
            body.put("allianceId", id);
            body.put("tenantId", tenant);
            body.put("ownerType", tenant == null ? "ALLIANCE" : "ENTERPRISE");
            body.put("ownerId", tenant == null ? id : tenant);
            body.put("name", name);
            body.put("kind", kind);
            body.put("formation", "SINGLE");
            body.put("parentId", parent);
            body.put("ancestors", ancestors);
            body.put("coveredEnterpriseIds", tenant == null ? List.of() : List.of(tenant));
            body.put("officers", officers);
            body.put("status", "ACTIVE");
            body.put("version", nextVersion(org));
            listeners.onOrganisation(Events.record(events.event(TopicsConfiguration.ORGANISATIONS, "OrganisationCreated", org, id, tenant, body)));
        }

        /** A member with an account; answers the member id (account id = "acct-" + member id). */
        public String member(String tenant, String org, List<String> orgAncestors, String name, String... officerRoles) {
            String member = id("m");
            member(member, tenant, org, orgAncestors, name, true, officerRoles);
            return member;
        }

        public void member(String member, String tenant, String org, List<String> orgAncestors, String name, boolean active, String... officerRoles) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("memberId", member);
            body.put("allianceId", id);
            body.put("tenantId", tenant);
            body.put("enterpriseId", tenant);
            body.put("orgId", org);
            body.put("orgAncestors", orgAncestors);
            body.put("name", name);
            body.put("status", "FULL");
            body.put("flags", List.of());
            body.put("officerRoles", List.of(officerRoles));
            body.put("accountId", "acct-" + member);
            body.put("active", active);
            body.put("version", nextVersion(member));
            listeners.onMember(Events.record(events.event(TopicsConfiguration.MEMBERS, active ? "MemberUpdated" : "MemberLeft", member, id, tenant, body)));
        }

        public String memberToken(String member, String tenant, String org) {
            return Tokens.account("acct-" + member).name("党员" + member).alliance(id).tenant(tenant).member(member)
                    .orgs(org).roles(Role.MEMBER).token();
        }

        public String allianceAdmin() {
            return Tokens.allianceAdmin(id);
        }

        public String enterpriseAdmin(String tenant) {
            return Tokens.enterpriseAdmin(id, tenant);
        }

        public String orgAdmin(String tenant, String... orgs) {
            return Tokens.orgAdmin(id, tenant, orgs);
        }
    }

    public static List<String> path(String... ids) {
        return new ArrayList<>(List.of(ids));
    }
}
