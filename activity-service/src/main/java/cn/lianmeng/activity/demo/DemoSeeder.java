package cn.lianmeng.activity.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Loads {@link DemoHistory} for local demo runs ({@code lianmeng.demo.enabled}, env LIANMENG_DEMO). org-service creates
 * the demo organisations and members at its own start and they arrive here as events, so this waits: every poll it
 * looks at each alliance in the read model and seeds it once its organisations and members have stopped changing
 * between two polls (and it has at least three branches with members). A marker per alliance keeps later starts from
 * seeding again.
 */
@Component
@ConditionalOnProperty(name = "lianmeng.demo.enabled", havingValue = "true")
public class DemoSeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final Scope MARKERS = Scope.unrestricted("demo seeding markers");

    private final DemoHistory history;
    private final OrgDirectory directory;
    private final ScopedCollection markers;
    private final Clock clock;
    private final Duration poll;
    private final Map<String, List<Long>> lastCounts = new HashMap<>();
    private volatile Disposable running;

    public DemoSeeder(DemoHistory history, OrgDirectory directory, MongoAccess mongo, Clock clock,
                      @Value("${lianmeng.demo.poll:10s}") Duration poll) {
        this.history = history;
        this.directory = directory;
        this.markers = mongo.collection("demo_seeds", ScopeRule.allianceOwned());
        this.clock = clock;
        this.poll = poll;
    }

    /** One poll: seeds every alliance whose read model has settled and is not seeded yet; answers how many it seeded. */
    public Mono<Long> pollOnce() {
        return directory.alliancesWithOrganisations()
                .concatMap(allianceId -> markers.findById(MARKERS, allianceId).map(m -> false).defaultIfEmpty(true)
                        .filter(unseeded -> unseeded)
                        .flatMap(u -> settled(allianceId))
                        .filter(settled -> settled)
                        .flatMap(s -> seed(allianceId)))
                .count();
    }

    private Mono<Boolean> settled(String allianceId) {
        Scope scope = Scope.system(allianceId, null);
        return Mono.zip(directory.countOrganisations(scope, new Document()), directory.countActiveMembers(allianceId, new Document()))
                .map(t -> {
                    List<Long> now = List.of(t.getT1(), t.getT2());
                    List<Long> before = lastCounts.put(allianceId, now);
                    return now.equals(before) && t.getT1() >= 3 && t.getT2() >= 9;
                });
    }

    private Mono<Boolean> seed(String allianceId) {
        Instant now = clock.instant();
        return markers.insert(MARKERS, new Document("_id", allianceId).append("allianceId", allianceId).append("status", "SEEDING")
                        .append("startedAt", Date.from(now)))
                .flatMap(m -> history.seed(allianceId, now))
                .flatMap(summary -> markers.updateOne(MARKERS, Filters.eq("_id", allianceId), Updates.combine(Updates.set("status", "DONE"),
                        Updates.set("summary", new Document("branches", summary.branches()).append("held", summary.held())
                                .append("jointActivityId", summary.jointActivityId()).append("jointEnterprises", summary.jointEnterprises())),
                        Updates.set("doneAt", Date.from(clock.instant())))))
                .thenReturn(true)
                .onErrorResume(e -> {
                    log.warn("Demo history for alliance {} not (fully) seeded: {}", allianceId, e.toString());
                    return markers.updateOne(MARKERS, Filters.eq("_id", allianceId), Updates.combine(Updates.set("status", "FAILED"),
                            Updates.set("error", String.valueOf(e.getMessage())))).thenReturn(false);
                });
    }

    @Override
    public void start() {
        running = Flux.interval(poll, poll, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(t -> pollOnce().onErrorResume(e -> {
                    log.debug("Demo seeding poll failed: {}", e.toString());
                    return Mono.just(0L);
                }))
                .take(Duration.ofMinutes(30))
                .subscribe();
        log.info("Demo history seeding enabled: waiting for org-service's demo organisations and members");
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
