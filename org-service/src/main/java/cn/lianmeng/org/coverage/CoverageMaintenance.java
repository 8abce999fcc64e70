package cn.lianmeng.org.coverage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Background upkeep of the coverage facts:
 * <ul>
 * <li><b>expiry</b> (daily by default): enterprises whose last activity left the work-coverage window are re-evaluated
 *     — time alone changes their facts, no event does;</li>
 * <li><b>reconcile</b> (at startup and every 15 minutes by default): per-scope totals are recomputed from the facts
 *     and corrected where they differ, because a recomputation writes the facts and then the totals (two writes, not
 *     atomic). A scope whose totals change while it is being reconciled is left for the next round;</li>
 * <li><b>settings</b>: when the configured rules (minimum staff, activity window) differ from those an alliance's facts
 *     were computed with, all its enterprises are recomputed first.</li>
 * </ul>
 */
@Component
public class CoverageMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CoverageMaintenance.class);
    private static final Scope JOB = Scope.unrestricted("coverage maintenance job");

    private final CoverageStore store;
    private final CoverageProjector projector;
    private final CoverageProperties properties;
    private final Clock clock;
    private volatile Disposable reconciler;
    private volatile Disposable expirer;

    public CoverageMaintenance(CoverageStore store, CoverageProjector projector, CoverageProperties properties, Clock clock) {
        this.store = store;
        this.projector = projector;
        this.properties = properties;
        this.clock = clock;
    }

    /** Re-evaluates the enterprises whose activity coverage ended by {@code now}; answers how many. */
    public Mono<Long> expireActivityWindows(Instant now) {
        return store.facts.find(JOB, Filters.and(Filters.eq("activityCovered", true), Filters.lte("activityCoverageEndsAt", Date.from(now))),
                        Projections.include("_id", "allianceId"), null, 0, 0)
                .concatMap(f -> projector.recompute(f.getString("allianceId"), f.getString("_id"), now).thenReturn(1L))
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Coverage: {} enterprise(s) left the {}-day activity window", n, properties.settings().windowDays());
                    }
                });
    }

    /** Reconciles every alliance that has facts; answers the number of corrected scopes. */
    public Mono<Long> reconcileAll() {
        return store.facts.aggregate(JOB, List.of(Aggregates.group("$allianceId", Accumulators.sum("n", 1))))
                .map(d -> d.getString("_id"))
                .concatMap(a -> applySettings(a).then(reconcile(a)))
                .reduce(0L, Long::sum);
    }

    /** Recomputes all facts of an alliance when the rule settings changed since they were computed. */
    Mono<Void> applySettings(String allianceId) {
        Scope scope = Scope.system(allianceId, null);
        String signature = properties.settings().signature();
        return store.alliances.findById(scope, allianceId)
                .map(d -> String.valueOf(d.getString("settings")))
                .defaultIfEmpty("")
                .flatMap(stored -> {
                    if (stored.equals(signature)) {
                        return Mono.empty();
                    }
                    log.info("Coverage rules of alliance {} changed ({} → {}): recomputing all its enterprises", allianceId, stored, signature);
                    Instant now = clock.instant();
                    return store.facts.find(scope, new Document(), Projections.include("_id"), null, 0, 0)
                            .concatMap(f -> projector.recompute(allianceId, f.getString("_id"), now))
                            .then(CoverageStore.updateCreating(store.alliances, scope, allianceId, Updates.set("settings", signature),
                                    () -> new Document("_id", allianceId).append("allianceId", allianceId)));
                });
    }

    /** Recomputes the totals of one alliance from its facts and corrects the scopes that drifted; answers how many. */
    public Mono<Long> reconcile(String allianceId) {
        Scope scope = Scope.system(allianceId, null);
        return stamps(scope).flatMap(before -> store.facts.find(scope, new Document(),
                                Projections.include("counted", "listed", "factsSeq", "district", "street", "park", "building", "parkId"), null, 0, 0)
                        .collectList()
                        .flatMap(facts -> stamps(scope).flatMap(after -> {
                            Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
                            Map<String, Document> labels = new HashMap<>();
                            for (Document f : facts) {
                                Document counted = f.get("counted", Document.class);
                                if (counted == null) {
                                    continue;
                                }
                                Document counters = counted.get("counters", Document.class);
                                for (String key : counted.getList("keys", String.class, List.of())) {
                                    Map<String, Integer> sums = expected.computeIfAbsent(key, k -> new LinkedHashMap<>());
                                    counters.forEach((c, v) -> sums.merge(c, ((Number) v).intValue(), Integer::sum));
                                    labels.putIfAbsent(key, CoverageProjector.totalsLabels(key, f));
                                }
                            }
                            Set<String> keys = new HashSet<>(expected.keySet());
                            before.keySet().forEach(id -> keys.add(id.substring(allianceId.length() + 1)));
                            return Flux.fromIterable(keys)
                                    .<Long>concatMap(key -> correct(scope, allianceId, key, expected.getOrDefault(key, Map.of()),
                                            labels.getOrDefault(key, new Document()), before, after))
                                    .concatWith(repairList(scope, allianceId, facts))
                                    .reduce(0L, (x, y) -> x + y);
                        })))
                .doOnNext(n -> {
                    if (n > 0) {
                        log.warn("Coverage totals of alliance {}: {} scope(s) corrected from the facts", allianceId, n);
                    }
                });
    }

    /** Re-writes the should-establish entries that do not match the facts (a crash between the two writes). */
    private Mono<Long> repairList(Scope scope, String allianceId, List<Document> facts) {
        return store.shouldEstablish.find(scope, new Document(), Projections.include("active", "version"), null, 0, 0)
                .collectMap(d -> d.getString("_id"), d -> d)
                .flatMapMany(entries -> Flux.fromIterable(facts).concatMap(f -> {
                    Document listed = f.get("listed", Document.class);
                    boolean active = listed != null && Boolean.TRUE.equals(listed.getBoolean("active"));
                    Document entry = entries.get(f.getString("_id"));
                    boolean entryActive = entry != null && Boolean.TRUE.equals(entry.getBoolean("active"));
                    long seq = CoverageStore.number(f, "factsSeq");
                    if (active == entryActive && (entry == null || CoverageStore.number(entry, "version") >= seq)) {
                        return Mono.<Long>empty();
                    }
                    log.warn("Coverage should-establish entry of {} is stale; rewriting it from the facts", f.getString("_id"));
                    return projector.list(allianceId, f.getString("_id"), seq, listed == null ? new Document("active", false) : listed)
                            .thenReturn(1L);
                }))
                .reduce(0L, Long::sum);
    }

    /** Totals of an alliance: id → (seq, counts). */
    private Mono<Map<String, Document>> stamps(Scope scope) {
        return store.totals.find(scope, new Document(), Projections.include("seq", "counts"), null, 0, 0)
                .collectMap(d -> d.getString("_id"), d -> d);
    }

    private Mono<Long> correct(Scope scope, String allianceId, String key, Map<String, Integer> expected, Document labels,
                               Map<String, Document> before, Map<String, Document> after) {
        String id = CoverageProjector.totalsId(allianceId, key);
        Document counts = new Document();
        for (Facet f : Facet.values()) {
            counts.append(f.field(), expected.getOrDefault(f.field(), 0));
        }
        Document stored = after.get(id);
        if (stored == null) {
            if (before.containsKey(id) || expected.values().stream().allMatch(v -> v == 0)) {
                return Mono.just(0L);
            }
            Document doc = CoverageProjector.newTotals(allianceId, key, labels).append("counts", counts).append("reconciledAt", Date.from(clock.instant()));
            return store.totals.insert(scope, doc).thenReturn(1L).onErrorResume(e -> Mono.just(0L));
        }
        Document prior = before.get(id);
        long seq = CoverageStore.number(stored, "seq");
        if (prior == null || CoverageStore.number(prior, "seq") != seq) {
            return Mono.just(0L); // being updated right now: next round
        }
        Document current = stored.get("counts", Document.class);
        boolean same = true;
        for (Facet f : Facet.values()) {
            same &= CoverageStore.number(current, f.field()) == counts.getInteger(f.field());
        }
        if (same) {
            return Mono.just(0L);
        }
        log.warn("Coverage totals {} drifted: stored {}, facts say {}", id, current, counts);
        return store.totals.updateOne(scope, Filters.and(Filters.eq("_id", id), Filters.eq("seq", seq)),
                        Updates.combine(Updates.set("counts", counts), Updates.set("reconciledAt", Date.from(clock.instant()))))
                .map(r -> r.getModifiedCount() > 0 ? 1L : 0L);
    }

    @Override
    public void start() {
        if (!properties.isMaintenanceEnabled()) {
            return;
        }
        Duration delay = properties.getInitialDelay();
        reconciler = Flux.interval(delay, properties.getReconcileInterval(), Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> reconcileAll().onErrorResume(e -> {
                    log.warn("Coverage reconcile failed, retrying next round: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
        expirer = Flux.interval(delay.plusSeconds(5), properties.getExpiryInterval(), Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> expireActivityWindows(clock.instant()).onErrorResume(e -> {
                    log.warn("Coverage activity-window expiry failed, retrying next round: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        for (Disposable d : new Disposable[]{reconciler, expirer}) {
            if (d != null) {
                d.dispose();
            }
        }
        reconciler = null;
        expirer = null;
    }

    @Override
    public boolean isRunning() {
        return reconciler != null;
    }
}
