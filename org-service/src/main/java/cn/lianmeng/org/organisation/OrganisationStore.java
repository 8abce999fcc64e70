package cn.lianmeng.org.organisation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The collections of the organisation package, their indexes, and the mapping of an organisation document to its
 * event snapshot. Reads of other packages' collections ({@code enterprises}, {@code parks}, {@code members}) are
 * read-only and use the documented shapes of docs/org-contracts.md.
 *
 * <p>{@code organisations} document: {@code _id, allianceId, tenantId (null for alliance/park-owned), ownerType,
 * ownerId, name, nameKey (unique among active siblings), kind, formation, parentId, ancestors [root→parent], depth,
 * coveredEnterpriseIds, parkIds, buildingIds, officers [{memberId, name, role, since, active}], termStart, termEnd
 * (ISO dates), termHistory, memberCounts {full, probationary, total}, status ACTIVE|DISSOLVED, pendingMove?, version,
 * outbox}.
 */
@Component
public class OrganisationStore {

    public static final String TOPIC = "org.organisation.v1";
    public static final String COLLECTION = "organisations";
    public static final String MEMBER_INDEX = "organisation_member_index";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ScopedCollection organisations;
    private final ScopedCollection enterprises;
    private final ScopedCollection parks;
    private final ScopedCollection members;
    private final ScopedCollection memberIndex;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public OrganisationStore(MongoAccess mongo, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.organisations = mongo.collection(COLLECTION, new OrganisationScopeRule());
        this.enterprises = mongo.collection("enterprises", ScopeRule.tenantOwned());
        this.parks = mongo.collection("parks", ScopeRule.allianceOwned());
        this.members = mongo.collection("members", ScopeRule.tenantOwned());
        this.memberIndex = mongo.collection(MEMBER_INDEX, ScopeRule.tenantOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        relay.register(organisations);
        // subtree (ancestors) and tree queries of one owner, ordered by depth and name
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "ancestors", "depth", "name"),
                new IndexOptions().name("tenant_ancestors_depth_name"));
        organisations.ensureIndexInBackground(Indexes.ascending("tenantId", "ancestors"), new IndexOptions().name("tenant_ancestors"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "parentId", "name"),
                new IndexOptions().name("tenant_parent_name"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "kind", "name"),
                new IndexOptions().name("tenant_kind_name"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "coveredEnterpriseIds"), new IndexOptions().name("covered"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "status", "termEnd"), new IndexOptions().name("term_end"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "parkIds"), new IndexOptions().name("park_ids"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "buildingIds"), new IndexOptions().name("building_ids"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "officers.memberId"), new IndexOptions().name("officer_member"));
        organisations.ensureIndexInBackground(Indexes.ascending("nameKey"), new IndexOptions().unique(true).sparse(true).name("name_key_unique"));
        organisations.ensureIndexInBackground(Indexes.ascending("pendingMove.id"), new IndexOptions().sparse(true).name("pending_move"));
        memberIndex.ensureIndexInBackground(Indexes.ascending("allianceId", "orgId", "active", "status"), new IndexOptions().name("org_active_status"));
        memberIndex.ensureIndexInBackground(Indexes.ascending("allianceId", "enterpriseId", "active", "status"),
                new IndexOptions().name("enterprise_active_status"));
    }

    ScopedCollection organisations() {
        return organisations;
    }

    ScopedCollection enterprises() {
        return enterprises;
    }

    ScopedCollection parks() {
        return parks;
    }

    ScopedCollection members() {
        return members;
    }

    ScopedCollection memberIndex() {
        return memberIndex;
    }

    OutboxRelay relay() {
        return relay;
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The alliance-wide scope of background work and internal checks on one organisation's alliance. */
    static Scope system(Document org) {
        return Scope.system(org.getString("allianceId"), null);
    }

    /** Identifies one organisation tree: one owner (an enterprise, the alliance or a park) within an alliance. */
    static String treeKey(String allianceId, String ownerType, String ownerId) {
        return allianceId + "|" + ownerType + "|" + ownerId;
    }

    static String treeKey(Document org) {
        return treeKey(org.getString("allianceId"), org.getString("ownerType"), org.getString("ownerId"));
    }

    /** Unique among the active organisations directly under the same parent of the same tree. */
    static String nameKey(String treeKey, String parentId, String name) {
        return treeKey + "|" + (parentId == null ? "-" : parentId) + "|" + name;
    }

    OutboxMessage event(String type, Document after) {
        Instant at = clock.instant();
        return outbox.message(TOPIC, type, after.getString("_id"), after.getString("allianceId"), after.getString("tenantId"),
                snapshot(after, at));
    }

    static OrganisationEvent snapshot(Document d, Instant at) {
        List<OrganisationEvent.Officer> officers = d.getList("officers", Document.class, List.of()).stream()
                .map(o -> new OrganisationEvent.Officer(o.getString("memberId"), o.getString("name"), o.getString("role"), o.getString("since")))
                .toList();
        return new OrganisationEvent(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("ownerType"),
                d.getString("ownerId"), d.getString("name"), d.getString("kind"), d.getString("formation"), d.getString("parentId"),
                d.getList("ancestors", String.class, List.of()), d.getList("coveredEnterpriseIds", String.class, List.of()), officers,
                d.getString("termStart"), d.getString("termEnd"), d.getString("status"), d.get("version", Number.class).longValue(),
                at.toString());
    }

    /** Enterprises of the alliance by id (any status), for coverage checks and locations. */
    Flux<Document> enterprisesById(String allianceId, List<String> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return enterprises.find(Scope.system(allianceId, null), Filters.in("_id", ids), null, 0, ids.size());
    }

    /**
     * Where district staff find an organisation: the parks and buildings of the enterprises it belongs to (owner and
     * covered), the owning park, and for a group without enterprises of its own its parent's places.
     */
    Mono<Places> places(String allianceId, OwnerType ownerType, String ownerId, List<String> covered, Document parent,
                        OrganisationKind kind) {
        Set<String> ids = new LinkedHashSet<>(covered);
        if (ownerType == OwnerType.ENTERPRISE) {
            ids.add(ownerId);
        }
        return enterprisesById(allianceId, new ArrayList<>(ids)).collectList().map(list -> {
            Set<String> parkIds = new LinkedHashSet<>();
            Set<String> buildingIds = new LinkedHashSet<>();
            if (ownerType == OwnerType.PARK) {
                parkIds.add(ownerId);
            }
            for (Document e : list) {
                if (e.getString("parkId") != null) {
                    parkIds.add(e.getString("parkId"));
                }
                if (e.getString("buildingId") != null) {
                    buildingIds.add(e.getString("buildingId"));
                }
            }
            if (kind == OrganisationKind.GROUP && parent != null) {
                parkIds.addAll(parent.getList(OrganisationScopeRule.PARKS, String.class, List.of()));
                buildingIds.addAll(parent.getList(OrganisationScopeRule.BUILDINGS, String.class, List.of()));
            }
            return new Places(List.copyOf(parkIds), List.copyOf(buildingIds));
        });
    }

    record Places(List<String> parkIds, List<String> buildingIds) {
    }
}
