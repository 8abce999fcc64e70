package cn.lianmeng.platform.events;

import java.time.Clock;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Idempotent consumption by event id: a handler's work runs at most once per (consumer, event id) under normal
 * operation. Markers expire after 14 days (TTL index; correctness never depends on the expiry). Work that must be
 * exact even across a crash between the work and the marker also uses deterministic ids or version guards.
 */
public final class ProcessedEvents {

    private static final Scope MARKERS = Scope.unrestricted("processed-event markers");

    private final ScopedCollection markers;
    private final Clock clock;

    public ProcessedEvents(MongoAccess mongo, Clock clock) {
        this.markers = mongo.collection("processed_events", ScopeRule.allianceOwned());
        this.clock = clock;
        markers.ensureIndexInBackground(Indexes.ascending("at"), new IndexOptions().expireAfter(14L, TimeUnit.DAYS).name("expire"));
    }

    /** Runs {@code work} unless this consumer already processed the event; answers whether it ran. */
    public Mono<Boolean> once(String consumer, IncomingEvent event, Supplier<Mono<Void>> work) {
        String id = consumer + ":" + event.id();
        return markers.findById(MARKERS, id)
                .map(found -> false)
                .switchIfEmpty(Mono.defer(() -> work.get()
                        .then(markers.insert(MARKERS, new Document("_id", id).append("type", event.type())
                                        .append("allianceId", event.allianceId()).append("at", Date.from(clock.instant())))
                                .onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.empty()))
                        .thenReturn(true)));
    }
}
