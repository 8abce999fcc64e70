package cn.lianmeng.org.coverage;

import java.util.function.Supplier;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The coverage package's collections. All are fed by events only (read models), reached through
 * {@link ScopedCollection} like everything else:
 * <ul>
 * <li>{@code coverage_facts} — one per enterprise: its snapshot from {@code org.enterprise.v1}, the derived facts and
 *     {@code counted} (what the per-scope totals currently hold for it). Tenant-owned with {@code parkId}/{@code buildingId},
 *     so district staff scope applies.</li>
 * <li>{@code coverage_links} — one per enterprise: ids of the organisations that cover it (own / joint / affiliated),
 *     of its counted full members, and the last activity that reached it. Set operations keep it idempotent.</li>
 * <li>{@code coverage_organisations}, {@code coverage_members} — the last applied state of each organisation and
 *     member (version-guarded) with what it contributed to links.</li>
 * <li>{@code coverage_places} — regions, parks and buildings from {@code org.region.v1} (names, nesting).</li>
 * <li>{@code coverage_totals} — per-scope counters, maintained from each recomputation's before/after and reconciled
 *     from the facts. PARK and BUILDING totals carry {@code parkId}/{@code buildingId} so staff scope applies.</li>
 * <li>{@code coverage_alliances} — per alliance: whether activity facts were ever seen, the rule settings last applied.</li>
 * <li>{@code coverage_should_establish} — the should-establish list (应建未建): one entry per enterprise that ever was on
 *     it, {@code active} while it is; small by nature, so the coverage answer lists it without scanning every facts
 *     document. Written after the facts, guarded by the facts' write sequence, repaired by the reconcile job.</li>
 * </ul>
 */
@Component
public class CoverageStore {

    final ScopedCollection facts;
    final ScopedCollection links;
    final ScopedCollection organisations;
    final ScopedCollection members;
    final ScopedCollection places;
    final ScopedCollection totals;
    final ScopedCollection alliances;
    final ScopedCollection shouldEstablish;

    public CoverageStore(MongoAccess mongo) {
        this.facts = mongo.collection("coverage_facts", ScopeRule.tenantOwned());
        this.links = mongo.collection("coverage_links", ScopeRule.tenantOwned());
        this.organisations = mongo.collection("coverage_organisations", ScopeRule.tenantOwned());
        this.members = mongo.collection("coverage_members", ScopeRule.tenantOwned());
        this.places = mongo.collection("coverage_places", ScopeRule.allianceOwned());
        this.totals = mongo.collection("coverage_totals", ScopeRule.tenantOwned());
        this.alliances = mongo.collection("coverage_alliances", ScopeRule.allianceOwned());
        this.shouldEstablish = mongo.collection("coverage_should_establish", ScopeRule.tenantOwned());
        shouldEstablish.ensureIndexInBackground(Indexes.ascending("allianceId", "active", "name"), new IndexOptions().name("alliance_active_name"));

        // what real MongoDB needs for the scope filters, lists and jobs (the stand-in scans, see the report)
        for (ScopeType t : ScopeType.values()) {
            if (t != ScopeType.ALLIANCE) {
                facts.ensureIndexInBackground(Indexes.ascending("allianceId", t.idField(), "name"),
                        new IndexOptions().name("alliance_" + t.idField() + "_name"));
            }
        }
        facts.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().name("alliance_name"));
        facts.ensureIndexInBackground(Indexes.ascending("allianceId", "facets.shouldEstablish", "name"),
                new IndexOptions().name("alliance_should_establish"));
        facts.ensureIndexInBackground(Indexes.ascending("activityCovered", "activityCoverageEndsAt"),
                new IndexOptions().name("activity_window"));
        organisations.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId"), new IndexOptions().name("alliance_tenant"));
        totals.ensureIndexInBackground(Indexes.ascending("allianceId", "scopeType"), new IndexOptions().name("alliance_scope_type"));
    }

    /**
     * Applies {@code update} to the document {@code id}, creating it from {@code initial} first when it does not exist
     * (the scoped collections offer no upsert with operators; a concurrent creation is a harmless duplicate key).
     */
    static Mono<Void> updateCreating(ScopedCollection collection, Scope scope, String id, Bson update, Supplier<Document> initial) {
        return collection.updateOne(scope, Filters.eq("_id", id), update)
                .flatMap(r -> r.getMatchedCount() > 0 ? Mono.<Void>empty()
                        : collection.insert(scope, initial.get())
                                .onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.empty())
                                .then(collection.updateOne(scope, Filters.eq("_id", id), update))
                                .flatMap(again -> again.getMatchedCount() > 0 ? Mono.<Void>empty()
                                        : Mono.error(new IllegalStateException("could not create " + collection.name() + "/" + id))));
    }

    static long number(Document d, String field) {
        Object v = d == null ? null : d.get(field);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
