package cn.lianmeng.content.audience;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The audience of an item and the audience memberships of a reader, as plain strings, so that "may this reader see
 * this item" is one indexed set intersection: items carry {@code audienceKeys}, a reader's keys are computed from the
 * read models, and the feed query is {@code {allianceId, status: PUBLISHED, audienceKeys: {$in: readerKeys}}}.
 *
 * <pre>
 * A:&lt;allianceId&gt;    everyone in the alliance          T:&lt;tenantId&gt;   the members of an enterprise
 * O:&lt;orgId&gt;         an organisation and its subtree   P:&lt;parkId&gt;     enterprises located in a park
 * B:&lt;buildingId&gt;    enterprises in a building         PUB:&lt;alliance&gt; public disclosures (any role in the alliance)
 * &lt;key&gt;#&lt;ROLE&gt;     the same, officers holding ROLE only (e.g. {@code A:a1#SECRETARY}: all secretaries of the alliance)
 * </pre>
 */
public final class AudienceKeys {

    public static final Set<String> OFFICER_ROLES = Set.of("SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER");

    private AudienceKeys() {
    }

    public static String alliance(String allianceId) {
        return "A:" + allianceId;
    }

    public static String tenant(String tenantId) {
        return "T:" + tenantId;
    }

    public static String org(String orgId) {
        return "O:" + orgId;
    }

    public static String park(String parkId) {
        return "P:" + parkId;
    }

    public static String building(String buildingId) {
        return "B:" + buildingId;
    }

    public static String publicIn(String allianceId) {
        return "PUB:" + allianceId;
    }

    public static String withRole(String key, String role) {
        return key + "#" + role;
    }

    /** The facts about a member that decide their audience memberships. */
    public record MemberFacts(String allianceId, String tenantId, String enterpriseId, String orgId, List<String> orgAncestors,
                              String parkId, String buildingId, String ownerParkId, Collection<String> officerRoles, boolean active) {
    }

    /** A member's keys: every base key, each again with each officer role they hold; none when they have left. */
    public static List<String> forMember(MemberFacts m) {
        if (!m.active()) {
            return List.of();
        }
        Set<String> base = new LinkedHashSet<>();
        base.add(alliance(m.allianceId()));
        addIf(base, "T:", m.tenantId());
        addIf(base, "T:", m.enterpriseId());
        addIf(base, "O:", m.orgId());
        if (m.orgAncestors() != null) {
            m.orgAncestors().forEach(a -> addIf(base, "O:", a));
        }
        addIf(base, "P:", m.parkId());
        addIf(base, "P:", m.ownerParkId());
        addIf(base, "B:", m.buildingId());
        Set<String> keys = new LinkedHashSet<>(base);
        if (m.officerRoles() != null) {
            for (String role : m.officerRoles()) {
                if (OFFICER_ROLES.contains(role)) {
                    base.forEach(k -> keys.add(withRole(k, role)));
                }
            }
        }
        keys.add(publicIn(m.allianceId()));
        return List.copyOf(keys);
    }

    /** An item's keys for its audience within the alliance. */
    public static List<String> forAudience(String allianceId, Audience a) {
        Set<String> base = new LinkedHashSet<>();
        if (Boolean.TRUE.equals(a.allianceWide())) {
            base.add(alliance(allianceId));
        }
        each(a.tenantIds()).forEach(t -> base.add(tenant(t)));
        each(a.orgIds()).forEach(o -> base.add(org(o)));
        each(a.parkIds()).forEach(p -> base.add(park(p)));
        each(a.buildingIds()).forEach(b -> base.add(building(b)));
        Set<String> keys = new LinkedHashSet<>();
        List<String> roles = each(a.roles());
        if (roles.isEmpty()) {
            keys.addAll(base);
        } else {
            base.forEach(k -> roles.forEach(r -> keys.add(withRole(k, r))));
        }
        if (Boolean.TRUE.equals(a.publicInAlliance())) {
            keys.add(publicIn(allianceId));
        }
        return List.copyOf(keys);
    }

    private static List<String> each(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static void addIf(Set<String> keys, String prefix, String id) {
        if (id != null && !id.isBlank()) {
            keys.add(prefix + id);
        }
    }
}
