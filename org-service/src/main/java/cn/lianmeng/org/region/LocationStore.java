package cn.lianmeng.org.region;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The three alliance-owned location collections ({@code regions}, {@code parks}, {@code buildings}) and the write
 * path they share: insert or version-guarded update with the {@code org.region.v1} event in the same document write,
 * relay, audit. Also who may read and write, and which alliance a platform administrator acts on.
 */
@Component
class LocationStore {

    static final String TOPIC = "org.region.v1";
    private static final Document NONE = new Document();

    final ScopedCollection regions;
    final ScopedCollection parks;
    final ScopedCollection buildings;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final AllianceService alliances;
    private final Clock clock;

    LocationStore(MongoAccess mongo, Outbox outbox, OutboxRelay relay, AuditLog audit, AllianceService alliances, Clock clock) {
        this.regions = mongo.collection("regions", ScopeRule.allianceOwned());
        this.parks = mongo.collection("parks", ScopeRule.allianceOwned());
        this.buildings = mongo.collection("buildings", ScopeRule.allianceOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.alliances = alliances;
        this.clock = clock;
        relay.register(regions);
        relay.register(parks);
        relay.register(buildings);
        regions.ensureIndexInBackground(Indexes.ascending("allianceId", "parentId", "name"),
                new IndexOptions().unique(true).name("alliance_parent_name_unique"));
        regions.ensureIndexInBackground(Indexes.ascending("allianceId", "level", "name"), new IndexOptions().name("alliance_level_name"));
        regions.ensureIndexInBackground(Indexes.ascending("allianceId", "ancestors"), new IndexOptions().name("alliance_ancestors"));
        parks.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().unique(true).name("alliance_name_unique"));
        parks.ensureIndexInBackground(Indexes.ascending("allianceId", "districtId", "streetId"), new IndexOptions().name("alliance_region"));
        buildings.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().unique(true).name("alliance_name_unique"));
        buildings.ensureIndexInBackground(Indexes.ascending("allianceId", "parkId"), new IndexOptions().name("alliance_park"));
        buildings.ensureIndexInBackground(Indexes.ascending("allianceId", "districtId", "streetId"), new IndexOptions().name("alliance_region"));
    }

    // ---- who may do what, and where ----

    /** Every role of an alliance may read locations (district staff and enterprises need the names). */
    static Mono<Caller> reader(Caller caller) {
        return !caller.roles().isEmpty() && (caller.allianceId() != null || caller.has(Role.PLATFORM_ADMIN))
                ? Mono.just(caller) : Mono.error(ApiException.forbidden());
    }

    static Mono<Caller> writer(Caller caller) {
        return caller.hasAny(Role.ALLIANCE_ADMIN, Role.PLATFORM_ADMIN) ? Mono.just(caller)
                : Mono.error(ApiException.forbidden("仅联盟管理员可维护区域、园区和楼宇"));
    }

    /** The scope of a read; a platform administrator naming an alliance is narrowed to it. */
    static Scope readScope(Caller caller, String allianceId) {
        if (caller.has(Role.PLATFORM_ADMIN) && allianceId != null && !allianceId.isBlank()) {
            return Scope.system(allianceId, null);
        }
        return Scope.of(caller);
    }

    /** A read that needs exactly one alliance (tree, catalogue): the platform administrator must name it. */
    static Mono<Scope> oneAllianceScope(Caller caller, String allianceId) {
        if (caller.has(Role.PLATFORM_ADMIN) && (allianceId == null || allianceId.isBlank())) {
            return Mono.error(ApiException.badRequest("allianceId", "平台管理员须指定联盟"));
        }
        return Mono.just(readScope(caller, allianceId));
    }

    /** The scope a new location is written with: the caller's alliance, or the one a platform administrator names. */
    Mono<Scope> createScope(Caller caller, String allianceId) {
        if (!caller.has(Role.PLATFORM_ADMIN)) {
            return Mono.just(Scope.of(caller));
        }
        if (allianceId == null || allianceId.isBlank()) {
            return Mono.error(ApiException.badRequest("allianceId", "平台管理员须指定所属联盟"));
        }
        return alliances.get(caller, allianceId).map(a -> Scope.system(a.id(), null));
    }

    /** The scope for writing an existing location: the platform administrator is narrowed to its alliance. */
    static Scope writeScope(Caller caller, Document existing) {
        return caller.has(Role.PLATFORM_ADMIN) ? Scope.system(existing.getString("allianceId"), null) : Scope.of(caller);
    }

    // ---- the shared write path ----

    /** Inserts a new location with its Created event; a duplicate name is 409 naming {@code name}. */
    Mono<Document> insert(Caller caller, Scope scope, ScopedCollection collection, Document doc, String kind, String eventType,
                          String auditAction, String duplicateMessage) {
        Instant now = clock.instant();
        doc.append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("createdBy", caller.accountId());
        OutboxMessage event = outbox.message(TOPIC, eventType, doc.getString("_id"), doc.getString("allianceId"), null,
                LocationEvent.of(kind, doc, now));
        String id = doc.getString("_id");
        return collection.insert(scope, Outbox.withOutbox(doc, event))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", duplicateMessage))
                .doOnSuccess(d -> relay.relaySoon(collection, id))
                .flatMap(d -> record(caller, d.getString("allianceId"), auditAction, kind, id, Map.of("name", d.getString("name")))
                        .thenReturn(d));
    }

    /**
     * Applies the changes to a location read within scope: the expected version must be the current one (409), and
     * the change, the version bump and the Updated event go in one conditional single-document update.
     */
    Mono<Document> update(Caller caller, Scope scope, ScopedCollection collection, Document current, long expectedVersion,
                          Document changes, String kind, String eventType, String auditAction, String duplicateMessage) {
        long version = LocationViews.version(current);
        if (expectedVersion != version) {
            return Mono.error(ApiException.conflict("version", "该记录已被他人修改（当前版本 " + version + "），请刷新后重试"));
        }
        String id = current.getString("_id");
        Instant now = clock.instant();
        Document after = new Document(current);
        after.putAll(changes);
        after.put("version", version + 1);
        OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), null, LocationEvent.of(kind, after, now));
        List<Bson> sets = new ArrayList<>();
        changes.forEach((k, v) -> sets.add(v == null ? Updates.unset(k) : Updates.set(k, v)));
        sets.add(Updates.set("version", version + 1));
        sets.add(Updates.set("updatedAt", Date.from(now)));
        sets.add(Updates.set("updatedBy", caller.accountId()));
        sets.add(Outbox.push(event));
        Map<String, Object> details = new HashMap<>();
        details.put("name", after.getString("name"));
        details.put("version", version + 1);
        if (!Objects.equals(current.getString("name"), after.getString("name"))) {
            details.put("previousName", current.getString("name"));
        }
        return collection.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), Updates.combine(sets))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", duplicateMessage))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该记录刚被他人修改，请刷新后重试")))
                .doOnSuccess(d -> relay.relaySoon(collection, id))
                .flatMap(d -> record(caller, d.getString("allianceId"), auditAction, kind, id, details).thenReturn(d));
    }

    private Mono<Void> record(Caller caller, String allianceId, String action, String kind, String id, Map<String, ?> details) {
        return audit.record(caller.accountId(), caller.actorName(), allianceId, null, action, kind.toLowerCase(java.util.Locale.ROOT),
                id, Result.SUCCESS, details);
    }

    /** Fails with 409 naming {@code name} when another document of the collection in scope matches. */
    static Mono<Void> unique(ScopedCollection collection, Scope scope, Bson sameName, String exceptId, String message) {
        Bson filter = exceptId == null ? sameName : Filters.and(sameName, Filters.ne("_id", exceptId));
        return collection.count(scope, filter).flatMap(n -> n > 0 ? Mono.error(ApiException.conflict("name", message)) : Mono.empty());
    }

    // ---- where a park or building lies ----

    /** Where a park or building lies; every id verified within the alliance. */
    record Placement(String parkId, String districtId, String streetId) {
    }

    /**
     * Verifies a park's or building's park, district and street (400 naming the field that does not exist or does
     * not fit). A street without a district takes the street's district; a building in a park without a district
     * or street takes the park's.
     */
    Mono<Placement> placement(Scope scope, String parkId, String districtId, String streetId) {
        String p = blankToNull(parkId);
        String d = blankToNull(districtId);
        String s = blankToNull(streetId);
        return Mono.zip(lookup(parks, scope, p), lookup(regions, scope, d), lookup(regions, scope, s)).flatMap(t -> {
            Document park = t.getT1();
            Document district = t.getT2();
            Document street = t.getT3();
            List<FieldProblem> errors = new ArrayList<>();
            if (p != null && park == NONE) {
                errors.add(new FieldProblem("parkId", "园区不存在"));
            }
            if (d != null && (district == NONE || !RegionLevel.DISTRICT.name().equals(district.getString("level")))) {
                errors.add(new FieldProblem("districtId", "区不存在"));
            }
            if (s != null && (street == NONE || !RegionLevel.STREET.name().equals(street.getString("level")))) {
                errors.add(new FieldProblem("streetId", "街道不存在"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            String resolvedDistrict = d;
            String resolvedStreet = s;
            if (resolvedDistrict == null && resolvedStreet == null && park != NONE) {
                resolvedDistrict = park.getString("districtId");
                resolvedStreet = park.getString("streetId");
            }
            if (s != null) {
                String streetDistrict = street.getString("parentId");
                if (resolvedDistrict == null) {
                    resolvedDistrict = streetDistrict;
                } else if (!resolvedDistrict.equals(streetDistrict)) {
                    return Mono.error(ApiException.badRequest("streetId", "该街道不属于所选的区"));
                }
            }
            if (park != NONE && d != null && park.getString("districtId") != null && !d.equals(park.getString("districtId"))) {
                return Mono.error(ApiException.badRequest("districtId", "与所在园区的区不一致"));
            }
            return Mono.just(new Placement(p, resolvedDistrict, resolvedStreet));
        });
    }

    private static Mono<Document> lookup(ScopedCollection collection, Scope scope, String id) {
        return id == null ? Mono.just(NONE) : collection.findById(scope, id).defaultIfEmpty(NONE);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Names of the regions and parks with these ids, for views. */
    Mono<Map<String, String>> names(Scope scope, Collection<String> regionIds, Collection<String> parkIds) {
        List<String> r = regionIds.stream().filter(Objects::nonNull).distinct().toList();
        List<String> p = parkIds.stream().filter(Objects::nonNull).distinct().toList();
        Flux<Document> found = Flux.concat(
                r.isEmpty() ? Flux.empty() : regions.find(scope, Filters.in("_id", r), Projections.include("name"), null, 0, r.size()),
                p.isEmpty() ? Flux.empty() : parks.find(scope, Filters.in("_id", p), Projections.include("name"), null, 0, p.size()));
        return found.collectMap(doc -> doc.getString("_id"), doc -> doc.getString("name"));
    }

    static Set<String> ids(Document d, String... fields) {
        Set<String> ids = new java.util.HashSet<>();
        for (String f : fields) {
            if (d.getString(f) != null) {
                ids.add(d.getString(f));
            }
        }
        return ids;
    }
}
