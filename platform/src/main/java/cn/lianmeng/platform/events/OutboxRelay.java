package cn.lianmeng.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves outbox messages from aggregate documents to Kafka: right after a write (fast path) and by a periodic sweep
 * that catches anything left behind (a crash between write and publish, a broker outage). Messages of one document
 * are sent in order, one at a time, and each is removed only after the broker acknowledged it: at-least-once.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Scope RELAY = Scope.unrestricted("outbox relay");

    private final EventPublisher publisher;
    private final Duration sweepInterval;
    private final List<ScopedCollection> collections = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
    private volatile Disposable sweeper;

    public OutboxRelay(EventPublisher publisher, Duration sweepInterval) {
        this.publisher = publisher;
        this.sweepInterval = sweepInterval;
    }

    /** Registers a collection whose documents carry an outbox, for the sweep, and indexes the outbox for it. */
    public void register(ScopedCollection collection) {
        collections.add(collection);
        collection.ensureIndexInBackground(Indexes.ascending(OutboxMessage.FIELD + ".id"), new IndexOptions().sparse(true).name("outbox_pending"));
    }

    /** Fast path: relays the document's pending messages in the background; failures are left to the sweep. */
    public void relaySoon(ScopedCollection collection, Object docId) {
        relay(collection, docId).subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, e -> log.warn("Outbox relay of {}/{} failed, the sweep will retry: {}", collection.name(), docId, e.toString()));
    }

    /** Relays every pending message of one document, in order; completes when they are all acknowledged and removed. */
    public Mono<Void> relay(ScopedCollection collection, Object docId) {
        String key = collection.name() + "/" + docId;
        if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
            return Mono.empty(); // the running drain re-reads the document and will pick up new messages
        }
        return drain(collection, docId).doFinally(s -> inFlight.remove(key));
    }

    private Mono<Void> drain(ScopedCollection collection, Object docId) {
        return collection.find(RELAY, Filters.eq("_id", docId), Projections.include(OutboxMessage.FIELD), null, 0, 1)
                .next()
                .flatMap(doc -> {
                    List<Document> pending = doc.getList(OutboxMessage.FIELD, Document.class, List.of());
                    if (pending.isEmpty()) {
                        return Mono.empty();
                    }
                    return Flux.fromIterable(pending)
                            .map(OutboxMessage::fromDocument)
                            .concatMap(m -> publisher.publish(m).then(collection.pullById(RELAY, docId, OutboxMessage.FIELD, m.id())))
                            .then(Mono.defer(() -> drain(collection, docId)));
                });
    }

    /** One sweep over every registered collection; answers how many documents had pending messages. */
    public Mono<Long> sweep() {
        return Flux.fromIterable(collections)
                .concatMap(c -> c.find(RELAY, Filters.exists(OutboxMessage.FIELD + ".id"), Projections.include("_id"), null, 0, 200)
                        .flatMap(d -> relay(c, d.get("_id")).onErrorResume(e -> {
                            log.warn("Outbox sweep could not relay {}/{}: {}", c.name(), d.get("_id"), e.toString());
                            return Mono.empty();
                        }).thenReturn(1L), 4))
                .count();
    }

    @Override
    public void start() {
        sweeper = Flux.interval(sweepInterval, sweepInterval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("Outbox sweep failed: {}", e.toString());
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
