package cn.lianmeng.org.organisation;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.web.ApiException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Serialises structural changes (create, move, dissolve, coverage) of one organisation tree with a leased lock
 * document — single-document atomicity only, no transactions. A crashed holder's lease expires; the pending-move sweep
 * then finishes whatever it left. Renames, officers and terms do not take the lock (their version check suffices).
 */
@Component
class TreeLocks {

    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    private static final int WAIT_STEPS = 50;

    private final ScopedCollection locks;
    private final Clock clock;

    TreeLocks(MongoAccess mongo, Clock clock) {
        this.locks = mongo.collection("organisation_tree_locks", ScopeRule.allianceOwned());
        this.clock = clock;
    }

    private static final class Busy extends RuntimeException {
        Busy() {
            super("tree lock held", null, false, false);
        }
    }

    /** Runs {@code work} holding the tree's lock, waiting up to ~5 s for it; 409 when it stays busy. */
    <T> Mono<T> withLock(String allianceId, String treeKey, Supplier<Mono<T>> work) {
        Scope scope = Scope.system(allianceId, null);
        String holder = UUID.randomUUID().toString();
        Mono<String> acquire = tryAcquire(scope, treeKey, holder)
                .flatMap(ok -> ok ? Mono.just(holder) : Mono.<String>error(new Busy()))
                .retryWhen(Retry.fixedDelay(WAIT_STEPS, WAIT_STEP).filter(Busy.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> ApiException.conflict("该组织树正在调整结构（移动、撤销或新建组织），请稍后重试")));
        return Mono.usingWhen(acquire, h -> work.get(), h -> release(scope, treeKey, h));
    }

    /** One attempt, for the sweep: empty when the lock is busy. */
    <T> Mono<T> ifFree(String allianceId, String treeKey, Supplier<Mono<T>> work) {
        Scope scope = Scope.system(allianceId, null);
        String holder = UUID.randomUUID().toString();
        return Mono.usingWhen(tryAcquire(scope, treeKey, holder).filter(ok -> ok).map(ok -> holder),
                h -> work.get(), h -> release(scope, treeKey, h));
    }

    private Mono<Boolean> tryAcquire(Scope scope, String key, String holder) {
        Date now = Date.from(clock.instant());
        Date until = Date.from(clock.instant().plus(LEASE));
        return locks.updateOne(scope, Filters.and(Filters.eq("_id", key), Filters.lt("until", now)),
                        Updates.combine(Updates.set("holder", holder), Updates.set("until", until)))
                .flatMap(r -> r.getMatchedCount() > 0 ? Mono.just(true)
                        : locks.insert(scope, new Document("_id", key).append("allianceId", scope.allianceId())
                                        .append("holder", holder).append("until", until))
                                .thenReturn(true)
                                .onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.just(false)));
    }

    private Mono<Void> release(Scope scope, String key, String holder) {
        return locks.updateOne(scope, Filters.and(Filters.eq("_id", key), Filters.eq("holder", holder)),
                Updates.combine(Updates.set("until", new Date(0)), Updates.unset("holder"))).then();
    }
}
