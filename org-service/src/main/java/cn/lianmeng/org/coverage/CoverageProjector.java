package cn.lianmeng.org.coverage;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.MalformedEventException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the coverage facts current from events. Every step is idempotent and order-safe:
 * <ul>
 * <li>enterprise snapshots are version-guarded upserts into the facts document;</li>
 * <li>an organisation or member event is compared with the last applied state of that aggregate (version-guarded);
 *     its contribution to the affected enterprises' links is changed with set operations ($addToSet/$pull) before the
 *     new state is stored, so a crash in between is repaired by the redelivery;</li>
 * <li>then only the affected enterprises' facts are recomputed ({@link #recompute}); the recomputation writes the facts
 *     with a revision check (concurrent recomputations retry) and applies the difference between the enterprise's
 *     previous and new contribution to the per-scope totals.</li>
 * </ul>
 */
@Component
public class CoverageProjector {

    public static final String ENTERPRISE_TOPIC = "org.enterprise.v1";
    public static final String ORGANISATION_TOPIC = "org.organisation.v1";
    public static final String MEMBER_TOPIC = "org.member.v1";
    public static final String REGION_TOPIC = "org.region.v1";
    public static final String ACTIVITY_TOPIC = "activity.activity.v1";

    static final Set<String> ENTERPRISE_TYPES = Set.of("EnterpriseOnboarded", "EnterpriseUpdated", "EnterpriseSuspended",
            "EnterpriseReactivated", "EnterpriseLeft", "InstructorAssigned", "InstructorUnassigned");
    static final String OWN = "ownOrgIds";
    static final String JOINT = "jointOrgIds";
    static final String AFFILIATED = "affiliatedOrgIds";
    static final String FULL_MEMBERS = "fullMemberIds";
    private static final List<String> ORG_LINKS = List.of(OWN, JOINT, AFFILIATED);
    private static final Logger log = LoggerFactory.getLogger(CoverageProjector.class);

    private final CoverageStore store;
    private final CoverageProperties properties;
    private final Clock clock;
    private final ObjectProvider<CoverageLocationListener> locationListeners;

    public CoverageProjector(CoverageStore store, CoverageProperties properties, Clock clock,
                             ObjectProvider<CoverageLocationListener> locationListeners) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.locationListeners = locationListeners;
    }

    /** Applies one consumed event of any of the coverage topics. */
    public Mono<Void> apply(String topic, IncomingEvent event) {
        return switch (topic) {
            case ENTERPRISE_TOPIC -> onEnterprise(event);
            case ORGANISATION_TOPIC -> onOrganisation(event);
            case MEMBER_TOPIC -> onMember(event);
            case REGION_TOPIC -> onPlace(event);
            case ACTIVITY_TOPIC -> onActivity(event);
            default -> Mono.empty();
        };
    }

    // ---------------------------------------------------------------- enterprises

    Mono<Void> onEnterprise(IncomingEvent e) {
        if (!ENTERPRISE_TYPES.contains(e.type())) {
            return Mono.empty();
        }
        String id = e.text("enterpriseId");
        String allianceId = e.text("allianceId");
        long version = e.number("version");
        Document snapshot = new Document("allianceId", allianceId).append("tenantId", id)
                .append("name", e.optionalText("name")).append("creditCode", e.optionalText("creditCode"))
                .append("type", e.optionalText("type")).append("industry", e.optionalText("industry"))
                .append("staffCount", integer(e, "staffCount")).append("partyMemberCount", integer(e, "partyMemberCount"))
                .append("status", e.text("status")).append("operatingStatus", e.optionalText("operatingStatus"))
                .append("instructorAccountId", e.optionalText("instructorAccountId"))
                .append("instructorName", e.optionalText("instructorName"))
                .append("enterpriseUpdatedAt", e.optionalText("occurredAt"))
                .append("revision", revision());
        for (ScopeType t : ScopeType.values()) {
            if (t != ScopeType.ALLIANCE) {
                snapshot.append(t.idField(), e.optionalText(t.idField())).append(t.nameField(), e.optionalText(t.nameField()));
            }
        }
        snapshot.append("communityId", e.optionalText("communityId")).append("community", e.optionalText("community"));
        Scope scope = Scope.system(allianceId, id);
        return store.facts.upsertIfNewer(scope, id, version, snapshot)
                .doOnNext(applied -> {
                    if (!applied) {
                        log.debug("Enterprise {} v{} ({}) is not newer than the stored facts; recomputing only", id, version, e.type());
                    }
                })
                .then(recompute(allianceId, id))
                // always (also for a redelivery): the listeners are version-guarded, and a crash may have come in between
                .then(store.facts.findById(scope, id))
                .flatMap(f -> Flux.fromIterable(locationListeners.orderedStream().toList())
                        .concatMap(l -> l.enterpriseLocated(allianceId, id, f.getString("name"), f.getString("parkId"), f.getString("buildingId"),
                                CoverageStore.number(f, "version")))
                        .then());
    }

    // ---------------------------------------------------------------- organisations

    Mono<Void> onOrganisation(IncomingEvent e) {
        String orgId = e.text("orgId");
        String allianceId = e.text("allianceId");
        long version = e.number("version");
        String tenantId = e.optionalText("tenantId");
        String kind = e.optionalText("kind");
        String formation = e.optionalText("formation");
        String status = e.text("status");
        List<String> covered = strings(e.data().get("coveredEnterpriseIds"));
        Map<String, String> roles = organisationRoles(tenantId, kind, formation, status, covered);

        List<Document> officers = new ArrayList<>();
        JsonNode officerNodes = e.data().get("officers");
        if (officerNodes != null && officerNodes.isArray()) {
            for (JsonNode o : officerNodes) {
                officers.add(new Document("name", text(o, "name")).append("role", text(o, "role")).append("since", text(o, "since")));
            }
        }
        Document state = new Document("_id", orgId).append("allianceId", allianceId).append("tenantId", tenantId)
                .append("name", e.optionalText("name")).append("kind", kind).append("formation", formation).append("status", status)
                .append("ownerType", e.optionalText("ownerType")).append("ownerId", e.optionalText("ownerId"))
                .append("parentId", e.optionalText("parentId")).append("coveredEnterpriseIds", covered)
                .append("officers", officers).append("termStart", e.optionalText("termStart")).append("termEnd", e.optionalText("termEnd"))
                .append("contributions", contributions(roles)).append("version", version);
        Scope scope = Scope.system(allianceId, null);
        return store.organisations.findById(scope, orgId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(stored -> {
                    long storedVersion = stored.map(d -> CoverageStore.number(d, "version")).orElse(0L);
                    if (storedVersion > version) {
                        return Mono.empty(); // an older snapshot after a newer one: nothing to do
                    }
                    Map<String, String> before = storedVersion == version ? roles
                            : stored.map(CoverageProjector::storedRoles).orElse(Map.of());
                    Set<String> affected = new LinkedHashSet<>(before.keySet());
                    affected.addAll(roles.keySet());
                    return Flux.fromIterable(affected)
                            .concatMap(ent -> linkOrganisation(allianceId, ent, orgId, roles.get(ent)))
                            .then(storeState(store.organisations, scope, stored, storedVersion, version, state))
                            .thenMany(Flux.fromIterable(affected))
                            .concatMap(ent -> recompute(allianceId, ent))
                            .then();
                });
    }

    /** Which enterprises an organisation covers and how (DESIGN §3; contract in docs/org-contracts.md). */
    static Map<String, String> organisationRoles(String tenantId, String kind, String formation, String status, List<String> covered) {
        Map<String, String> roles = new LinkedHashMap<>();
        if (!"ACTIVE".equals(status)) {
            return roles;
        }
        if ("SINGLE".equals(formation) && tenantId != null) {
            roles.put(tenantId, OWN);
        } else if ("JOINT_BRANCH".equals(kind)) {
            covered.forEach(ent -> roles.put(ent, JOINT));
        } else if ("AFFILIATED".equals(formation)) {
            covered.forEach(ent -> roles.put(ent, AFFILIATED));
        }
        return roles;
    }

    private static List<Document> contributions(Map<String, String> roles) {
        return roles.entrySet().stream().map(r -> new Document("enterpriseId", r.getKey()).append("link", r.getValue())).toList();
    }

    private static Map<String, String> storedRoles(Document org) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (Document c : org.getList("contributions", Document.class, List.of())) {
            roles.put(c.getString("enterpriseId"), c.getString("link"));
        }
        return roles;
    }

    /** Puts the organisation into exactly the link set {@code link} of the enterprise (none when null). */
    private Mono<Void> linkOrganisation(String allianceId, String enterpriseId, String orgId, String link) {
        List<Bson> ops = new ArrayList<>();
        for (String field : ORG_LINKS) {
            ops.add(field.equals(link) ? Updates.addToSet(field, orgId) : Updates.pull(field, orgId));
        }
        return CoverageStore.updateCreating(store.links, Scope.system(allianceId, enterpriseId), enterpriseId,
                Updates.combine(ops), () -> newLinks(allianceId, enterpriseId));
    }

    private static Document newLinks(String allianceId, String enterpriseId) {
        return new Document("_id", enterpriseId).append("allianceId", allianceId).append("tenantId", enterpriseId)
                .append(OWN, List.of()).append(JOINT, List.of()).append(AFFILIATED, List.of()).append(FULL_MEMBERS, List.of());
    }

    /** Stores an aggregate's new state after its links were changed: insert, or replace the version it was read at. */
    private static Mono<Void> storeState(ScopedCollection collection, Scope scope, Optional<Document> stored, long storedVersion,
                                         long version, Document state) {
        if (stored.isEmpty()) {
            return collection.insert(scope, state).then();
        }
        if (storedVersion == version) {
            return Mono.empty();
        }
        Document set = new Document(state);
        set.remove("_id");
        return collection.updateOne(scope, Filters.and(Filters.eq("_id", state.getString("_id")), Filters.eq("version", storedVersion)),
                        new Document("$set", set))
                .flatMap(r -> r.getMatchedCount() > 0 ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException(collection.name() + "/" + state.get("_id") + " changed concurrently; retrying")));
    }

    // ---------------------------------------------------------------- members

    Mono<Void> onMember(IncomingEvent e) {
        String memberId = e.text("memberId");
        String allianceId = e.text("allianceId");
        long version = e.number("version");
        String enterpriseId = e.optionalText("enterpriseId");
        String status = e.optionalText("status");
        JsonNode activeNode = e.data().get("active");
        boolean active = activeNode == null || activeNode.isNull() ? !"MemberLeft".equals(e.type()) : activeNode.asBoolean();
        String countedFor = active && "FULL".equals(status) ? enterpriseId : null;
        Document state = new Document("_id", memberId).append("allianceId", allianceId).append("tenantId", e.optionalText("tenantId"))
                .append("enterpriseId", enterpriseId).append("orgId", e.optionalText("orgId")).append("status", status)
                .append("active", active).append("countedFor", countedFor).append("version", version);
        Scope scope = Scope.system(allianceId, null);
        return store.members.findById(scope, memberId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(stored -> {
                    long storedVersion = stored.map(d -> CoverageStore.number(d, "version")).orElse(0L);
                    if (storedVersion > version) {
                        return Mono.empty();
                    }
                    String before = storedVersion == version ? countedFor : stored.map(d -> d.getString("countedFor")).orElse(null);
                    Set<String> affected = new LinkedHashSet<>();
                    Mono<Void> links = Mono.empty();
                    if (before != null && !before.equals(countedFor)) {
                        affected.add(before);
                        links = links.then(store.links.updateOne(Scope.system(allianceId, before), Filters.eq("_id", before),
                                Updates.pull(FULL_MEMBERS, memberId)).then());
                    }
                    if (countedFor != null) {
                        affected.add(countedFor);
                        links = links.then(CoverageStore.updateCreating(store.links, Scope.system(allianceId, countedFor), countedFor,
                                Updates.addToSet(FULL_MEMBERS, memberId), () -> newLinks(allianceId, countedFor)));
                    }
                    return links.then(storeState(store.members, scope, stored, storedVersion, version, state))
                            .thenMany(Flux.fromIterable(affected))
                            .concatMap(ent -> recompute(allianceId, ent))
                            .then();
                });
    }

    // ---------------------------------------------------------------- places

    Mono<Void> onPlace(IncomingEvent e) {
        String id = e.text("id");
        String allianceId = e.text("allianceId");
        long version = e.number("version");
        Document place = new Document("allianceId", allianceId).append("kind", e.text("kind")).append("level", e.optionalText("level"))
                .append("name", e.optionalText("name")).append("parentId", e.optionalText("parentId"))
                .append("parkId", e.optionalText("parkId")).append("districtId", e.optionalText("districtId"))
                .append("streetId", e.optionalText("streetId"));
        return store.places.upsertIfNewer(Scope.system(allianceId, null), id, version, place).then();
    }

    // ---------------------------------------------------------------- activities

    Mono<Void> onActivity(IncomingEvent e) {
        if (!"ActivityHeld".equals(e.type())) {
            return Mono.empty();
        }
        String allianceId = e.text("allianceId");
        Instant heldAt = instant(e, "heldAt");
        List<String> reached = strings(e.data().get("reachedEnterpriseIds"));
        String activityId = e.optionalText("activityId");
        Date held = Date.from(heldAt);
        Scope allianceScope = Scope.system(allianceId, null);
        Mono<Void> seen = CoverageStore.updateCreating(store.alliances, allianceScope, allianceId,
                Updates.max("activityLastSeenAt", Date.from(clock.instant())),
                () -> new Document("_id", allianceId).append("allianceId", allianceId))
                .then(store.alliances.updateOne(allianceScope, Filters.and(Filters.eq("_id", allianceId), Filters.exists("activitySeenAt", false)),
                        Updates.set("activitySeenAt", Date.from(clock.instant()))).then());
        return seen.thenMany(Flux.fromIterable(new LinkedHashSet<>(reached)))
                .concatMap(ent -> {
                    Scope scope = Scope.system(allianceId, ent);
                    // only ever moves forward: duplicates and older activities arriving late change nothing
                    Bson newer = Filters.and(Filters.eq("_id", ent),
                            Filters.or(Filters.exists("lastActivityAt", false), Filters.eq("lastActivityAt", null), Filters.lt("lastActivityAt", held)));
                    return store.links.insert(scope, newLinks(allianceId, ent))
                            .onErrorResume(ScopedCollection::isDuplicateKey, x -> Mono.empty())
                            .then(store.links.updateOne(scope, newer, Updates.combine(Updates.set("lastActivityAt", held),
                                    Updates.set("lastActivityId", activityId))))
                            .then(recompute(allianceId, ent));
                })
                .then();
    }

    // ---------------------------------------------------------------- recomputation

    /** Recomputes one enterprise's facts now. */
    public Mono<Void> recompute(String allianceId, String enterpriseId) {
        return recompute(allianceId, enterpriseId, clock.instant());
    }

    /** Recomputes one enterprise's facts as of {@code now} (the expiry job passes its own time). */
    public Mono<Void> recompute(String allianceId, String enterpriseId, Instant now) {
        Scope scope = Scope.system(allianceId, enterpriseId);
        return Mono.defer(() -> store.facts.findById(scope, enterpriseId)
                        .flatMap(facts -> store.links.findById(scope, enterpriseId).map(Optional::of).defaultIfEmpty(Optional.empty())
                                .flatMap(links -> write(scope, facts, links.orElse(null), now))))
                .flatMap(done -> done ? Mono.<Void>empty() : Mono.error(new StaleFacts()))
                .retryWhen(Retry.max(50).filter(StaleFacts.class::isInstance));
    }

    private static final class StaleFacts extends RuntimeException {
        StaleFacts() {
            super("coverage facts changed concurrently", null, false, false);
        }
    }

    /** Writes the recomputed facts unless unchanged; answers false when the facts changed since they were read. */
    private Mono<Boolean> write(Scope scope, Document facts, Document links, Instant now) {
        String id = facts.getString("_id");
        String allianceId = facts.getString("allianceId");
        CoverageRules.Facts computed = CoverageRules.evaluate(enterprise(facts), links(links), now, properties.settings());
        Document derived = derived(computed);
        Set<String> afterKeys = CoverageRules.scopeKeys(allianceId, facts.getString("districtId"), facts.getString("streetId"),
                facts.getString("parkId"), facts.getString("buildingId"));
        Map<String, Integer> after = computed.counters();
        Document counted = facts.get("counted", Document.class);
        Set<String> beforeKeys = counted == null ? Set.of() : new LinkedHashSet<>(counted.getList("keys", String.class, List.of()));
        Map<String, Integer> before = new LinkedHashMap<>();
        if (counted != null && counted.get("counters") instanceof Document c) {
            c.forEach((k, v) -> before.put(k, ((Number) v).intValue()));
        }
        Document listedBefore = facts.get("listed", Document.class);
        Document listed = listing(facts, computed);
        boolean unchanged = derived.entrySet().stream().allMatch(en -> Objects.equals(en.getValue(), facts.get(en.getKey())))
                && beforeKeys.equals(afterKeys) && before.equals(after) && listed.equals(listedBefore);
        if (unchanged) {
            return Mono.just(true);
        }
        String revision = facts.getString("revision");
        Bson current = revision == null ? Filters.and(Filters.eq("_id", id), Filters.exists("revision", false))
                : Filters.and(Filters.eq("_id", id), Filters.eq("revision", revision));
        long seq = CoverageStore.number(facts, "factsSeq") + 1;
        Document set = new Document(derived)
                .append("counted", new Document("keys", new ArrayList<>(afterKeys)).append("counters", new Document(after)))
                .append("listed", listed)
                .append("factsSeq", seq)
                .append("revision", revision())
                .append("evaluatedAt", Date.from(now));
        Map<String, Map<String, Integer>> delta = CoverageRules.delta(beforeKeys, before, afterKeys, after);
        boolean wasListed = listedBefore != null && Boolean.TRUE.equals(listedBefore.getBoolean("active"));
        return store.facts.updateOne(scope, current, new Document("$set", set))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.just(false)
                        : applyTotals(allianceId, facts, afterKeys, delta)
                        .then(wasListed || Boolean.TRUE.equals(listed.getBoolean("active"))
                                ? list(allianceId, id, seq, listed) : Mono.empty())
                        .thenReturn(true));
    }

    /**
     * What the should-establish list holds for an enterprise: its name, place and full members while it should
     * establish an organisation ({@code active}), else only {@code active: false}.
     */
    static Document listing(Document facts, CoverageRules.Facts f) {
        if (!f.shouldEstablish()) {
            return new Document("active", false);
        }
        return new Document("active", true).append("name", facts.getString("name"))
                .append("districtId", facts.getString("districtId")).append("district", facts.getString("district"))
                .append("streetId", facts.getString("streetId")).append("street", facts.getString("street"))
                .append("parkId", facts.getString("parkId")).append("park", facts.getString("park"))
                .append("buildingId", facts.getString("buildingId")).append("building", facts.getString("building"))
                .append("staffCount", facts.getInteger("staffCount")).append("fullMembers", f.fullMembers())
                .append("declaredFullMembers", f.declaredFullMembers()).append("countedFullMembers", f.countedFullMembers())
                .append("jointCovered", f.jointCovered()).append("affiliated", f.affiliated());
    }

    /** Writes an enterprise's entry of the should-establish list, guarded by the facts' write sequence. */
    Mono<Void> list(String allianceId, String enterpriseId, long factsSeq, Document listed) {
        Document fields = new Document(listed).append("allianceId", allianceId).append("tenantId", enterpriseId);
        return store.shouldEstablish.upsertIfNewer(Scope.system(allianceId, enterpriseId), enterpriseId, factsSeq, fields).then();
    }

    /** The derived fields of a facts document. */
    static Document derived(CoverageRules.Facts f) {
        Document facets = new Document();
        for (Facet facet : Facet.values()) {
            facets.append(facet.field(), f.is(facet));
        }
        return new Document("inScope", f.inScope()).append("ownOrganisation", f.ownOrganisation())
                .append("jointCovered", f.jointCovered()).append("affiliated", f.affiliated())
                .append("declaredFullMembers", f.declaredFullMembers()).append("countedFullMembers", f.countedFullMembers())
                .append("fullMembers", f.fullMembers()).append("instructorAssigned", f.instructorAssigned())
                .append("lastActivityReachedAt", f.lastActivityReachedAt() == null ? null : Date.from(f.lastActivityReachedAt()))
                .append("activityCovered", f.activityCovered())
                .append("activityCoverageEndsAt", f.activityCoverageEndsAt() == null ? null : Date.from(f.activityCoverageEndsAt()))
                .append("workCovered", f.workCovered())
                .append("facets", facets);
    }

    static CoverageRules.Enterprise enterprise(Document facts) {
        return new CoverageRules.Enterprise(facts.getString("status"), facts.getString("operatingStatus"),
                facts.getInteger("staffCount"), facts.getInteger("partyMemberCount"), facts.getString("instructorAccountId"));
    }

    static CoverageRules.Links links(Document links) {
        if (links == null) {
            return CoverageRules.Links.NONE;
        }
        Date last = links.getDate("lastActivityAt");
        return new CoverageRules.Links(links.getList(OWN, String.class, List.of()).size(), links.getList(JOINT, String.class, List.of()).size(),
                links.getList(AFFILIATED, String.class, List.of()).size(), links.getList(FULL_MEMBERS, String.class, List.of()).size(),
                last == null ? null : last.toInstant());
    }

    /** Applies one recomputation's difference to the per-scope totals (a second write: see the reconcile job). */
    private Mono<Void> applyTotals(String allianceId, Document facts, Set<String> afterKeys, Map<String, Map<String, Integer>> delta) {
        Scope scope = Scope.system(allianceId, null);
        return Flux.fromIterable(delta.entrySet()).concatMap(entry -> {
            String key = entry.getKey();
            Document inc = new Document("seq", 1L);
            entry.getValue().forEach((counter, d) -> inc.append("counts." + counter, d));
            Document update = new Document("$inc", inc);
            Document labels = afterKeys.contains(key) ? totalsLabels(key, facts) : new Document();
            if (!labels.isEmpty()) {
                update.append("$set", labels);
            }
            String docId = totalsId(allianceId, key);
            return CoverageStore.updateCreating(store.totals, scope, docId, update,
                    () -> newTotals(allianceId, key, labels));
        }).then();
    }

    static String totalsId(String allianceId, String key) {
        return allianceId + "|" + key;
    }

    /** Name and staff-scope fields of a scope's totals, from an enterprise located in it. */
    static Document totalsLabels(String key, Document facts) {
        ScopeType type = ScopeType.valueOf(key.substring(0, key.indexOf(':')));
        Document labels = new Document();
        if (type.nameField() != null && facts.getString(type.nameField()) != null) {
            labels.append("name", facts.getString(type.nameField()));
        }
        if (type == ScopeType.PARK) {
            labels.append("parkId", key.substring(key.indexOf(':') + 1));
        } else if (type == ScopeType.BUILDING) {
            labels.append("buildingId", key.substring(key.indexOf(':') + 1)).append("parkId", facts.getString("parkId"));
        }
        return labels;
    }

    static Document newTotals(String allianceId, String key, Document labels) {
        ScopeType type = ScopeType.valueOf(key.substring(0, key.indexOf(':')));
        Document counts = new Document();
        for (Facet f : Facet.values()) {
            counts.append(f.field(), 0);
        }
        Document doc = new Document("_id", totalsId(allianceId, key)).append("allianceId", allianceId).append("tenantId", null)
                .append("scopeType", type.name()).append("scopeId", key.substring(key.indexOf(':') + 1))
                .append("counts", counts).append("seq", 0L);
        doc.putAll(labels);
        return doc;
    }

    // ---------------------------------------------------------------- helpers

    static String revision() {
        return UUID.randomUUID().toString();
    }

    private static Integer integer(IncomingEvent e, String field) {
        JsonNode n = e.data().get(field);
        return n == null || !n.isNumber() ? null : n.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asString();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                if (n != null && !n.isNull() && !n.asString().isBlank()) {
                    out.add(n.asString());
                }
            }
        }
        return out;
    }

    private static Instant instant(IncomingEvent e, String field) {
        String value = e.text(field);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ex) {
                throw new MalformedEventException("event " + e.id() + " (" + e.type() + ") has an unreadable '" + field + "': " + value, ex);
            }
        }
    }
}
