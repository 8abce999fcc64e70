package cn.lianmeng.activity.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.MalformedEventException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * activity-service's local copy of what it needs from org-service (organisations, members, district staff
 * assignments, parks and buildings), fed by org events so that scheduling and check-in never call org-service.
 * Every event body is the aggregate's snapshot with its version; writes are version-guarded upserts, so duplicates and
 * out-of-order deliveries leave the newest state. Upserts filter on the alliance only (never on the tenant), so a
 * member transferred to another tenant is updated in place.
 */
@Service
public class OrgDirectory {

    public static final String ORGANISATION_TOPIC = "org.organisation.v1";
    public static final String MEMBER_TOPIC = "org.member.v1";
    public static final String STAFF_TOPIC = "org.staff.v1";
    public static final String REGION_TOPIC = "org.region.v1";

    static final Set<String> ORGANISATION_TYPES = Set.of("OrganisationCreated", "OrganisationRenamed", "OrganisationMoved",
            "OrganisationDissolved", "OfficersChanged", "TermRenewed");
    static final Set<String> MEMBER_TYPES = Set.of("MemberJoined", "MemberUpdated", "MemberLeft", "MemberTransferred");
    static final Set<String> STAFF_TYPES = Set.of("StaffAssignmentChanged");
    static final Set<String> REGION_TYPES = Set.of("RegionCreated", "RegionUpdated", "ParkCreated", "ParkUpdated",
            "BuildingCreated", "BuildingUpdated");

    private static final Logger log = LoggerFactory.getLogger(OrgDirectory.class);

    private final ScopedCollection organisations;
    private final ScopedCollection members;
    private final ScopedCollection staff;
    private final ScopedCollection places;
    private final Clock clock;

    public OrgDirectory(MongoAccess mongo, Clock clock) {
        this.organisations = mongo.collection("directory_organisations", ScopeRule.tenantOwned());
        this.members = mongo.collection("directory_members", ScopeRule.tenantOwned());
        this.staff = mongo.collection("directory_staff", ScopeRule.allianceOwned());
        this.places = mongo.collection("directory_places", ScopeRule.allianceOwned());
        this.clock = clock;
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "name"), new IndexOptions().name("alliance_tenant_name"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "ancestors"), new IndexOptions().name("alliance_ancestors"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "orgId", "status"), new IndexOptions().name("alliance_org_status"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "orgAncestors"), new IndexOptions().name("alliance_org_ancestors"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId"), new IndexOptions().name("alliance_tenant"));
        members.ensureIndexInBackground(Indexes.ascending("accountId"), new IndexOptions().sparse(true).name("account"));
        members.ensureIdInAllianceIndex();
        organisations.ensureIdInAllianceIndex();
    }

    // ---- applying events -------------------------------------------------------------------------------------

    /** Applies one {@code org.organisation.v1} event; answers whether the stored copy changed. */
    public Mono<Boolean> applyOrganisation(IncomingEvent e) {
        if (!ORGANISATION_TYPES.contains(e.type())) {
            return Mono.just(false);
        }
        String id = e.text("orgId");
        Document fields = new Document("allianceId", e.text("allianceId"))
                .append("tenantId", e.optionalText("tenantId"))
                .append("ownerType", e.optionalText("ownerType"))
                .append("ownerId", e.optionalText("ownerId"))
                .append("name", e.text("name"))
                .append("kind", e.text("kind"))
                .append("formation", e.optionalText("formation"))
                .append("parentId", e.optionalText("parentId"))
                .append("ancestors", strings(e.data().get("ancestors")))
                .append("coveredEnterpriseIds", strings(e.data().get("coveredEnterpriseIds")))
                .append("officers", officers(e.data().get("officers")))
                .append("status", e.text("status"))
                .append("updatedAt", Date.from(clock.instant()));
        return upsert(organisations, e, id, fields);
    }

    /** Applies one {@code org.member.v1} event. */
    public Mono<Boolean> applyMember(IncomingEvent e) {
        if (!MEMBER_TYPES.contains(e.type())) {
            return Mono.just(false);
        }
        String id = e.text("memberId");
        JsonNode active = e.data().get("active");
        Document fields = new Document("allianceId", e.text("allianceId"))
                .append("tenantId", e.optionalText("tenantId"))
                .append("enterpriseId", e.optionalText("enterpriseId"))
                .append("orgId", e.optionalText("orgId"))
                .append("orgAncestors", strings(e.data().get("orgAncestors")))
                .append("name", e.text("name"))
                .append("status", e.text("status"))
                .append("flags", strings(e.data().get("flags")))
                .append("officerRoles", strings(e.data().get("officerRoles")))
                .append("accountId", e.optionalText("accountId"))
                .append("active", "MemberLeft".equals(e.type()) ? Boolean.FALSE
                        : active == null || active.isNull() || active.asBoolean())
                .append("updatedAt", Date.from(clock.instant()));
        return upsert(members, e, id, fields);
    }

    /** Applies one {@code org.staff.v1} event. */
    public Mono<Boolean> applyStaff(IncomingEvent e) {
        if (!STAFF_TYPES.contains(e.type())) {
            return Mono.just(false);
        }
        Document fields = new Document("allianceId", e.text("allianceId"))
                .append("name", e.optionalText("name"))
                .append("parkIds", strings(e.data().get("parkIds")))
                .append("buildingIds", strings(e.data().get("buildingIds")))
                .append("updatedAt", Date.from(clock.instant()));
        return upsert(staff, e, e.text("accountId"), fields);
    }

    /** Applies one {@code org.region.v1} event (regions, parks, buildings). */
    public Mono<Boolean> applyRegion(IncomingEvent e) {
        if (!REGION_TYPES.contains(e.type())) {
            return Mono.just(false);
        }
        Document fields = new Document("allianceId", e.text("allianceId"))
                .append("kind", e.text("kind"))
                .append("name", e.text("name"))
                .append("level", e.optionalText("level"))
                .append("parentId", e.optionalText("parentId"))
                .append("parkId", e.optionalText("parkId"))
                .append("districtId", e.optionalText("districtId"))
                .append("streetId", e.optionalText("streetId"))
                .append("updatedAt", Date.from(clock.instant()));
        return upsert(places, e, e.text("id"), fields);
    }

    private Mono<Boolean> upsert(ScopedCollection target, IncomingEvent e, String id, Document fields) {
        long version = e.number("version");
        // the alliance only: a member moving between tenants must hit the stored copy, not insert a second one
        return target.upsertIfNewer(Scope.system(fields.getString("allianceId"), null), id, version, fields)
                .doOnNext(applied -> {
                    if (!applied) {
                        log.debug("Stale {} v{} for {} ignored", e.type(), version, id);
                    }
                });
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                if (n != null && !n.isNull()) {
                    out.add(n.asString());
                }
            }
        } else if (node != null && !node.isNull()) {
            throw new MalformedEventException("expected an array but got " + node.getNodeType(), null);
        }
        return out;
    }

    private static List<Document> officers(JsonNode node) {
        List<Document> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                out.add(new Document("memberId", text(n, "memberId")).append("name", text(n, "name")).append("role", text(n, "role")));
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    // ---- lookups ----------------------------------------------------------------------------------------------

    /** An organisation of the alliance, whatever its tenant (joint activities cross tenants within one alliance). */
    public Mono<OrgRecord> organisation(String allianceId, String orgId) {
        return organisations.findByIdInAlliance(Scope.system(allianceId, null), orgId).map(OrgRecord::of);
    }

    /** An organisation as the given scope may see it (another tenant's organisation is empty). */
    public Mono<OrgRecord> organisation(Scope scope, String orgId) {
        return organisations.findById(scope, orgId).map(OrgRecord::of);
    }

    public Flux<OrgRecord> organisations(String allianceId, Collection<String> ids) {
        return organisations.find(Scope.system(allianceId, null), Filters.in("_id", ids), null, 0, 0).map(OrgRecord::of);
    }

    /** Organisations in the scope that match the filter, by name. */
    /** Only the projected fields of the organisations matching a filter, in no particular order (large reports). */
    public Flux<Document> organisationFields(Scope scope, Bson filter, Bson projection) {
        return organisations.stream(scope, filter, projection);
    }

    public Flux<OrgRecord> organisations(Scope scope, Bson filter, long skip, int limit) {
        return organisations.find(scope, filter, Sorts.ascending("name", "_id"), skip, limit).map(OrgRecord::of);
    }

    public Mono<Long> countOrganisations(Scope scope, Bson filter) {
        return organisations.count(scope, filter);
    }

    /**
     * Active FULL (正式) members per organisation (their own organisation only, not the subtree), for the
     * organisations given — or for every organisation in the scope when {@code orgIds} is null. Organisations without
     * full members are absent from the map.
     */
    public Mono<java.util.Map<String, Integer>> fullMemberCounts(Scope scope, Collection<String> orgIds) {
        if (orgIds != null && orgIds.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        List<Bson> match = new ArrayList<>(List.of(Filters.eq("status", "FULL"), Filters.eq("active", true)));
        if (orgIds != null) {
            match.add(Filters.in("orgId", List.copyOf(orgIds)));
        }
        return members.aggregate(scope, List.of(com.mongodb.client.model.Aggregates.match(Filters.and(match)),
                        com.mongodb.client.model.Aggregates.group("$orgId", com.mongodb.client.model.Accumulators.sum("n", 1))))
                .filter(d -> d.get("_id") != null)
                .collectMap(d -> d.get("_id").toString(), d -> d.get("n", Number.class).intValue());
    }

    /** A member of the alliance by id (the caller's own record comes from the token's {@code mid} claim). */
    public Mono<MemberRecord> member(String allianceId, String memberId) {
        if (memberId == null) {
            return Mono.empty();
        }
        return members.findByIdInAlliance(Scope.system(allianceId, null), memberId).map(MemberRecord::of);
    }

    public Flux<MemberRecord> members(String allianceId, Collection<String> ids) {
        return members.find(Scope.system(allianceId, null), Filters.in("_id", ids), null, 0, 0).map(MemberRecord::of);
    }

    /** Active members matching a filter within the alliance (audience resolution). */
    public Flux<MemberRecord> activeMembers(String allianceId, Bson filter) {
        return members.find(Scope.system(allianceId, null), Filters.and(Filters.eq("active", true), filter), null, 0, 0)
                .map(MemberRecord::of);
    }

    public Mono<Long> countActiveMembers(String allianceId, Bson filter) {
        return members.count(Scope.system(allianceId, null), Filters.and(Filters.eq("active", true), filter));
    }

    /** Filter: members of any of the organisations' subtrees. */
    public static Bson inSubtrees(Collection<String> orgIds) {
        List<String> ids = List.copyOf(orgIds);
        return Filters.or(Filters.in("orgId", ids), Filters.in("orgAncestors", ids));
    }

    /** The district staff member's current patch, if org-service has published it. */
    public Mono<Document> staffAssignment(String allianceId, String accountId) {
        return staff.findById(Scope.system(allianceId, null), accountId);
    }

    /** A park (or building/region) of the alliance. */
    public Mono<Document> place(String allianceId, String id, String kind) {
        return places.findOne(Scope.system(allianceId, null), Filters.and(Filters.eq("_id", id), Filters.eq("kind", kind)));
    }

    /** Alliances with organisations in the read model, for the demo seeder. */
    public Flux<String> alliancesWithOrganisations() {
        return organisations.aggregate(Scope.unrestricted("demo seeder: which alliances have organisations"),
                        List.of(new Document("$group", new Document("_id", "$allianceId"))))
                .map(d -> d.getString("_id"));
    }

    public ScopedCollection organisationCollection() {
        return organisations;
    }

    public ScopedCollection memberCollection() {
        return members;
    }
}
