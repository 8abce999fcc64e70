package cn.lianmeng.org.organisation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finishes moves. A move writes the moved organisation's new parent and ancestors together with a
 * {@code pendingMove} marker (one document, one write); then every descendant's {@code ancestors} is rewritten from
 * the moved organisation's current path — descendants are found by {@code ancestors} containing the moved
 * organisation's id, which stays true before and after — and the marker is removed. Each step is idempotent
 * (a descendant already right is skipped), so a re-run of the move request, the next structural change of the tree,
 * or the periodic sweep finishes a move interrupted by a crash. Rewritten descendants get a new version and an
 * {@code OrganisationMoved} event with their new snapshot, so read models follow.
 */
@Component
class PendingMoves implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingMoves.class);
    private static final Scope SWEEP = Scope.unrestricted("pending-move sweep");

    private final OrganisationStore store;
    private final TreeLocks locks;
    private final Duration sweepInterval;
    private volatile Disposable sweeper;

    PendingMoves(OrganisationStore store, TreeLocks locks,
                 @Value("${lianmeng.organisation.move-sweep-interval:30s}") Duration sweepInterval) {
        this.store = store;
        this.locks = locks;
        this.sweepInterval = sweepInterval;
    }

    /** Completes every pending move of one tree; the caller holds the tree's lock. */
    Mono<Void> settle(String allianceId, String ownerType, String ownerId) {
        return store.organisations().find(Scope.system(allianceId, null), Filters.and(Filters.eq("ownerType", ownerType),
                        Filters.eq("ownerId", ownerId), Filters.exists("pendingMove.id")), Sorts.ascending("depth"), 0, 0)
                .concatMap(this::complete)
                .then();
    }

    /** Rewrites the descendants of a moved organisation and clears its marker; the caller holds the tree's lock. */
    Mono<Void> complete(Document moved) {
        Scope scope = OrganisationStore.system(moved);
        String id = moved.getString("_id");
        return store.organisations().findById(scope, id).flatMap(current -> {
            Document pending = current.get("pendingMove", Document.class);
            if (pending == null) {
                return Mono.empty();
            }
            List<String> prefix = new ArrayList<>(current.getList("ancestors", String.class, List.of()));
            prefix.add(id);
            return store.organisations().find(scope, Filters.and(Filters.eq("tenantId", current.getString("tenantId")),
                            Filters.eq("ancestors", id)), Projections.include("_id"), Sorts.ascending("depth"), 0, 0)
                    .concatMap(d -> fix(scope, d.getString("_id"), id, prefix, 0))
                    .then(store.organisations().updateOne(scope, Filters.and(Filters.eq("_id", id),
                            Filters.eq("pendingMove.id", pending.getString("id"))), Updates.unset("pendingMove")))
                    .then();
        });
    }

    private Mono<Void> fix(Scope scope, String descendantId, String movedId, List<String> prefix, int attempt) {
        return store.organisations().findById(scope, descendantId).flatMap(d -> {
            List<String> ancestors = d.getList("ancestors", String.class, List.of());
            int at = ancestors.indexOf(movedId);
            if (at < 0) {
                return Mono.empty(); // moved out of the subtree meanwhile
            }
            List<String> wanted = new ArrayList<>(prefix);
            wanted.addAll(ancestors.subList(at + 1, ancestors.size()));
            if (wanted.equals(ancestors)) {
                return Mono.empty();
            }
            long version = d.get("version", Number.class).longValue();
            Document after = new Document(d);
            after.put("ancestors", wanted);
            after.put("depth", wanted.size());
            after.put("version", version + 1);
            OutboxMessage event = store.event("OrganisationMoved", after);
            return store.organisations().updateOne(scope, Filters.and(Filters.eq("_id", descendantId), Filters.eq("version", version)),
                            Updates.combine(Updates.set("ancestors", wanted), Updates.set("depth", wanted.size()),
                                    Updates.set("version", version + 1), Updates.set("updatedAt", java.util.Date.from(store.now())),
                                    Outbox.push(event)))
                    .flatMap(r -> {
                        if (r.getMatchedCount() > 0) {
                            store.relay().relaySoon(store.organisations(), descendantId);
                            return Mono.<Void>empty();
                        }
                        // renamed or re-staffed meanwhile: read again and retry
                        return attempt < 5 ? fix(scope, descendantId, movedId, prefix, attempt + 1)
                                : Mono.error(new IllegalStateException("descendant " + descendantId + " keeps changing"));
                    });
        });
    }

    /** One sweep: finishes moves left pending (e.g. by a crash), tree by tree, skipping trees whose lock is held. */
    Mono<Long> sweep() {
        return store.organisations().find(SWEEP, Filters.exists("pendingMove.id"),
                        Projections.include("allianceId", "ownerType", "ownerId"), null, 0, 100)
                .map(d -> List.of(d.getString("allianceId"), d.getString("ownerType"), d.getString("ownerId")))
                .distinct()
                .concatMap(t -> locks.ifFree(t.get(0), OrganisationStore.treeKey(t.get(0), t.get(1), t.get(2)),
                                () -> settle(t.get(0), t.get(1), t.get(2)).thenReturn(1L))
                        .onErrorResume(e -> {
                            log.warn("Could not finish pending moves of tree {}: {}", t, e.toString());
                            return Mono.empty();
                        }))
                .count();
    }

    @Override
    public void start() {
        sweeper = Flux.interval(sweepInterval, sweepInterval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("Pending-move sweep failed: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable s = sweeper;
        if (s != null) {
            s.dispose();
        }
        sweeper = null;
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }
}
