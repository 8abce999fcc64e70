package cn.lianmeng.content.audience;

import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * content-service's copy of org-service's members ({@code org.member.v1}): organisation, tenant, employer, status,
 * officer roles, account, active — plus each member's audience {@code keys} ({@link AudienceKeys#forMember}),
 * recomputed whenever the member, their organisation (moved, officers changed) or their enterprise's location changes.
 *
 * <p>Key recomputation is a compare-and-set loop on {@code keysRev}: it reads the member, organisation and tenant,
 * computes, and writes only if nobody recomputed in between (else it starts over with fresh inputs), so concurrent
 * consumers of the three topics always converge on keys computed from the newest inputs.
 */
@Component
public class Members {

    public static final Set<String> TYPES = Set.of("MemberJoined", "MemberUpdated", "MemberLeft", "MemberTransferred");
    private static final Logger log = LoggerFactory.getLogger(Members.class);

    private final ScopedCollection members;
    private final Organisations organisations;
    private final TenantDirectory tenants;
    private final Clock clock;

    public Members(MongoAccess mongo, Organisations organisations, TenantDirectory tenants, Clock clock) {
        this.members = mongo.collection("members", ScopeRule.tenantOwned());
        this.organisations = organisations;
        this.tenants = tenants;
        this.clock = clock;
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "keys"), new IndexOptions().name("alliance_keys"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "orgId"), new IndexOptions().name("alliance_org"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "enterpriseId"), new IndexOptions().name("alliance_enterprise"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "accountId"), new IndexOptions().name("alliance_account"));
        // by-id lookups carry the alliance ({$and: [{allianceId}, {_id: …}]}): real MongoDB answers them from _id, the
        // indexed stand-in from this index
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "_id"), new IndexOptions().name("alliance_id"));
    }

    /** Applies one member event, then recomputes the member's audience keys; answers whether the stored copy changed. */
    public Mono<Boolean> apply(IncomingEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.just(false);
        }
        String id = event.text("memberId");
        String allianceId = event.text("allianceId");
        JsonText data = new JsonText(event);
        boolean active = !"MemberLeft".equals(event.type()) && !Boolean.FALSE.equals(data.bool("active"));
        Document fields = new Document("allianceId", allianceId)
                .append("tenantId", event.optionalText("tenantId"))
                .append("enterpriseId", event.optionalText("enterpriseId"))
                .append("orgId", event.optionalText("orgId"))
                .append("orgAncestors", Organisations.strings(event.data().get("orgAncestors")))
                .append("name", event.optionalText("name"))
                .append("status", event.optionalText("status"))
                .append("flags", Organisations.strings(event.data().get("flags")))
                .append("officerRoles", Organisations.strings(event.data().get("officerRoles")))
                .append("accountId", event.optionalText("accountId"))
                .append("active", active)
                .append("updatedAt", Date.from(clock.instant()));
        return members.upsertIfNewer(Scope.system(allianceId, null), id, event.number("version"), fields)
                .flatMap(applied -> recompute(allianceId, id).thenReturn(applied));
    }

    public Mono<Document> find(String allianceId, String memberId) {
        return members.findById(Scope.system(allianceId, null), memberId);
    }

    public ScopedCollection collection() {
        return members;
    }

    /** Active members of the alliance holding any of the keys (an item's audience), a page of them at a time. */
    public Flux<Document> inAudience(String allianceId, List<String> keys, Bson projection) {
        return members.find(Scope.system(allianceId, null), Filters.and(Filters.eq("active", true), Filters.in("keys", keys)),
                projection, null, 0, Integer.MAX_VALUE);
    }

    /** Recomputes the keys of every member whose keys name the organisation (its own members and its subtree's). */
    public Mono<Void> recomputeForOrganisation(String allianceId, String orgId) {
        Bson filter = Filters.or(Filters.eq("keys", AudienceKeys.org(orgId)), Filters.eq("orgId", orgId));
        return members.find(Scope.system(allianceId, null), filter, new Document("_id", 1), null, 0, Integer.MAX_VALUE)
                .concatMap(m -> recompute(allianceId, m.getString("_id")), 4)
                .then();
    }

    /** Recomputes the keys of the members employed by (or organised in) an enterprise, after its location changed. */
    public Mono<Void> recomputeForEnterprise(String allianceId, String enterpriseId) {
        Bson filter = Filters.or(Filters.eq("enterpriseId", enterpriseId), Filters.eq("tenantId", enterpriseId));
        return members.find(Scope.system(allianceId, null), filter, new Document("_id", 1), null, 0, Integer.MAX_VALUE)
                .concatMap(m -> recompute(allianceId, m.getString("_id")), 4)
                .then();
    }

    /** Recomputes one member's keys from the current read models (compare-and-set on keysRev, retried on a race). */
    public Mono<Void> recompute(String allianceId, String memberId) {
        Scope scope = Scope.system(allianceId, null);
        return Mono.defer(() -> members.findById(scope, memberId)
                        .flatMap(member -> facts(allianceId, member).flatMap(facts -> {
                            List<String> keys = AudienceKeys.forMember(facts);
                            long rev = member.get("keysRev", Number.class) == null ? 0 : member.get("keysRev", Number.class).longValue();
                            Bson guard = rev == 0
                                    ? Filters.and(Filters.eq("_id", memberId), Filters.or(Filters.exists("keysRev", false), Filters.eq("keysRev", 0L)))
                                    : Filters.and(Filters.eq("_id", memberId), Filters.eq("keysRev", rev));
                            return members.updateOne(scope, guard, Updates.combine(Updates.set("keys", keys),
                                            Updates.set("effectiveRoles", List.copyOf(facts.officerRoles())),
                                            Updates.set("parkId", facts.parkId()), Updates.set("buildingId", facts.buildingId()),
                                            Updates.set("keysRev", rev + 1)))
                                    .flatMap(r -> r.getMatchedCount() == 1 ? Mono.just(true)
                                            : Mono.error(new KeysRace(memberId)));
                        })))
                .retryWhen(Retry.max(20).filter(e -> e instanceof KeysRace))
                .onErrorResume(Exceptions::isRetryExhausted, e -> {
                    log.warn("Gave up recomputing audience keys of member {} after repeated races", memberId);
                    return Mono.empty();
                })
                .then();
    }

    private Mono<AudienceKeys.MemberFacts> facts(String allianceId, Document m) {
        String orgId = m.getString("orgId");
        String enterpriseId = m.getString("enterpriseId") != null ? m.getString("enterpriseId") : m.getString("tenantId");
        Mono<Document> org = orgId == null ? Mono.just(new Document()) : organisations.find(allianceId, orgId).defaultIfEmpty(new Document());
        Mono<Document> tenant = enterpriseId == null ? Mono.just(new Document())
                : tenants.collection().findById(Scope.system(allianceId, null), enterpriseId).defaultIfEmpty(new Document());
        return Mono.zip(org, tenant).map(t -> {
            Document o = t.getT1();
            Document e = t.getT2();
            List<String> ancestors = o.isEmpty() ? m.getList("orgAncestors", String.class, List.of())
                    : o.getList("ancestors", String.class, List.of());
            Set<String> roles = new LinkedHashSet<>(m.getList("officerRoles", String.class, List.of()));
            for (Document officer : o.getList("officers", Document.class, List.of())) {
                if (Objects.equals(officer.getString("memberId"), m.getString("_id")) && officer.getString("role") != null) {
                    roles.add(officer.getString("role"));
                }
            }
            String ownerPark = "PARK".equals(o.getString("ownerType")) ? o.getString("ownerId") : null;
            return new AudienceKeys.MemberFacts(allianceId, m.getString("tenantId"), m.getString("enterpriseId"), orgId, ancestors,
                    e.getString("parkId"), e.getString("buildingId"), ownerPark, roles, Boolean.TRUE.equals(m.getBoolean("active")));
        });
    }

    /** Officer roles count for the 56-hour study target (DESIGN §3: secretaries and committee members). */
    public static boolean isOfficer(Document member) {
        return !member.getList("effectiveRoles", String.class, member.getList("officerRoles", String.class, List.of())).isEmpty();
    }

    private static final class KeysRace extends RuntimeException {
        KeysRace(String memberId) {
            super("concurrent key recomputation of member " + memberId, null, false, false);
        }
    }

    /** Small reader for optional booleans of an event body. */
    private record JsonText(IncomingEvent event) {
        Boolean bool(String field) {
            var node = event.data().get(field);
            return node == null || node.isNull() ? null : node.asBoolean();
        }
    }
}
