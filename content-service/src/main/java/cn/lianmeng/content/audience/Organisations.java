package cn.lianmeng.content.audience;

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
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * content-service's copy of org-service's organisations ({@code org.organisation.v1}, docs/org-contracts.md): the
 * tree (ancestors), owner tenant, kind and officers — what audiences, mailboxes and reports need. Version-guarded
 * upserts, so duplicate and out-of-order deliveries leave the newest snapshot.
 */
@Component
public class Organisations {

    public static final Set<String> TYPES = Set.of("OrganisationCreated", "OrganisationRenamed", "OrganisationMoved",
            "OrganisationDissolved", "OfficersChanged", "TermRenewed", "OrganisationUpdated");

    private final ScopedCollection orgs;
    private final Clock clock;

    public Organisations(MongoAccess mongo, Clock clock) {
        this.orgs = mongo.collection("organisations", ScopeRule.tenantOwned());
        this.clock = clock;
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "name"), new IndexOptions().name("alliance_tenant_name"));
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "ancestors"), new IndexOptions().name("alliance_ancestors"));
        // by-id lookups carry the alliance ({$and: [{allianceId}, {_id: …}]}): real MongoDB answers them from _id, the
        // indexed stand-in from this index
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "_id"), new IndexOptions().name("alliance_id"));
    }

    public record Officer(String memberId, String name, String role) {
    }

    /** Applies one organisation event; answers whether the stored copy changed. */
    public Mono<Boolean> apply(IncomingEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.just(false);
        }
        String id = event.text("orgId");
        String allianceId = event.text("allianceId");
        List<Document> officers = new ArrayList<>();
        JsonNode list = event.data().get("officers");
        if (list != null && list.isArray()) {
            for (JsonNode o : list) {
                officers.add(new Document("memberId", text(o, "memberId")).append("name", text(o, "name")).append("role", text(o, "role")));
            }
        }
        Document fields = new Document("allianceId", allianceId)
                .append("tenantId", event.optionalText("tenantId"))
                .append("ownerType", event.optionalText("ownerType"))
                .append("ownerId", event.optionalText("ownerId"))
                .append("name", event.text("name"))
                .append("kind", event.optionalText("kind"))
                .append("formation", event.optionalText("formation"))
                .append("parentId", event.optionalText("parentId"))
                .append("ancestors", strings(event.data().get("ancestors")))
                .append("officers", officers)
                .append("status", event.optionalText("status") == null ? "ACTIVE" : event.optionalText("status"))
                .append("updatedAt", Date.from(clock.instant()));
        return orgs.upsertIfNewer(Scope.system(allianceId, null), id, event.number("version"), fields);
    }

    public Mono<Document> find(String allianceId, String orgId) {
        return orgs.findById(Scope.system(allianceId, null), orgId);
    }

    public Flux<Document> findAll(String allianceId, Collection<String> orgIds) {
        return orgs.find(Scope.system(allianceId, null), Filters.in("_id", orgIds), null, 0, orgIds.size());
    }

    /** The organisation and every organisation below it, within the alliance. */
    public Flux<Document> subtree(String allianceId, String orgId) {
        return orgs.find(Scope.system(allianceId, null), Filters.or(Filters.eq("_id", orgId), Filters.eq("ancestors", orgId)),
                null, 0, 10_000);
    }

    public ScopedCollection collection() {
        return orgs;
    }

    /** The organisation path root → org of a stored organisation. */
    public static List<String> path(Document org) {
        List<String> path = new ArrayList<>(org.getList("ancestors", String.class, List.of()));
        path.add(org.getString("_id"));
        return path;
    }

    /** Whether the organisation lies in the subtree of any of the given organisations. */
    public static boolean within(Document org, Collection<String> roots) {
        return path(org).stream().anyMatch(roots::contains);
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n.asString());
                }
            });
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
