package cn.lianmeng.org.organisation;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.ProcessedEvents;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Keeps each organisation's member counts (full / probationary / total) current from {@code org.member.v1}.
 * Per member it keeps the last known {@code orgId, enterpriseId, status, active} in {@code organisation_member_index}
 * (a version-guarded upsert, so duplicates and out-of-order deliveries leave the newest state), then recounts the
 * organisations the member was and is in with count queries on that index — joins, leaves, transfers and status
 * changes all reduce to "recount these organisations", which is idempotent. It also marks officers who left or were
 * transferred out ({@code officers.$.active}), for the officer warning. Event ids are remembered per consumer.
 */
@Component
class MemberCounts {

    static final String CONSUMER = "org-service.organisation-member-counts";
    static final Set<String> TYPES = Set.of("MemberJoined", "MemberUpdated", "MemberLeft", "MemberTransferred");

    private final OrganisationStore store;
    private final ProcessedEvents processed;

    MemberCounts(OrganisationStore store, ProcessedEvents processed) {
        this.store = store;
        this.processed = processed;
    }

    /** Applies one member event; answers whether it was new to this consumer. */
    Mono<Boolean> apply(IncomingEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.just(false);
        }
        String memberId = event.text("memberId");
        String allianceId = event.text("allianceId");
        long version = event.number("version");
        JsonNode activeNode = event.data().get("active");
        boolean active = activeNode != null && !activeNode.isNull() ? activeNode.asBoolean() : !"MemberLeft".equals(event.type());
        Document fields = new Document("allianceId", allianceId)
                .append("tenantId", event.optionalText("tenantId"))
                .append("enterpriseId", event.optionalText("enterpriseId"))
                .append("orgId", event.optionalText("orgId"))
                .append("status", event.optionalText("status"))
                .append("active", active)
                .append("updatedAt", new Date());
        Scope scope = Scope.system(allianceId, null);
        return processed.once(CONSUMER, event, () -> store.memberIndex().findById(scope, memberId).map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(previous -> store.memberIndex().upsertIfNewer(scope, memberId, version, fields)
                        .then(store.memberIndex().findById(scope, memberId))
                        .flatMap(current -> {
                            Set<String> orgs = new LinkedHashSet<>();
                            previous.ifPresent(p -> orgs.add(p.getString("orgId")));
                            orgs.add(current.getString("orgId"));
                            orgs.add(event.optionalText("orgId"));
                            orgs.add(event.optionalText("previousOrgId"));
                            orgs.remove(null);
                            return Flux.fromIterable(orgs).concatMap(o -> recount(scope, o)).then(markOfficer(scope, memberId, current));
                        })));
    }

    /** Recounts one organisation from the index; repeats while a concurrent recount changed the answer. */
    Mono<Void> recount(Scope scope, String orgId) {
        return counts(scope, orgId).flatMap(first -> write(scope, orgId, first)
                .then(counts(scope, orgId))
                .flatMap(second -> second.equals(first) ? Mono.<Void>empty() : write(scope, orgId, second)));
    }

    private Mono<Document> counts(Scope scope, String orgId) {
        Mono<Long> full = store.memberIndex().count(scope, Filters.and(Filters.eq("orgId", orgId), Filters.eq("active", true),
                Filters.eq("status", "FULL")));
        Mono<Long> probationary = store.memberIndex().count(scope, Filters.and(Filters.eq("orgId", orgId), Filters.eq("active", true),
                Filters.eq("status", "PROBATIONARY")));
        return Mono.zip(full, probationary).map(t -> new Document("full", t.getT1().intValue())
                .append("probationary", t.getT2().intValue()).append("total", (int) (t.getT1() + t.getT2())));
    }

    private Mono<Void> write(Scope scope, String orgId, Document counts) {
        // derived data: no version bump and no event (the contract snapshot does not carry counts)
        return store.organisations().updateOne(scope, Filters.eq("_id", orgId),
                Updates.set("memberCounts", new Document(counts).append("updatedAt", new Date()))).then();
    }

    /** An officer who is no longer an active member of the organisation is marked, and unmarked on return. */
    private Mono<Void> markOfficer(Scope scope, String memberId, Document current) {
        String here = current.getBoolean("active", false) ? current.getString("orgId") : null;
        Mono<Void> elsewhere = store.organisations().updateMany(scope,
                Filters.and(Filters.eq("officers.memberId", memberId), Filters.ne("_id", here)),
                Updates.set("officers.$.active", false)).then();
        Mono<Void> back = here == null ? Mono.empty()
                : store.organisations().updateOne(scope, Filters.and(Filters.eq("_id", here), Filters.eq("officers.memberId", memberId)),
                Updates.set("officers.$.active", true)).then();
        return elsewhere.then(back);
    }
}
