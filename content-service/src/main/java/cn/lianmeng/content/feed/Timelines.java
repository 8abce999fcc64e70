package cn.lianmeng.content.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.content.config.ContentProperties;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The newest published items per audience key ({@code feed_timelines}, one document {@code <allianceId>|<key>} with at
 * most {@code lianmeng.content.feed.timeline-size} entries, newest first), so a reader's first feed pages are a
 * handful of lookups by id — one per key — merged in memory, instead of a query over every item. The items collection
 * stays the truth: timelines are updated right after each publication, withdrawal and archiving, and again by the
 * {@code content.item.v1} consumer (idempotent repair); the feed verifies every item it shows against the items
 * collection and falls back to the indexed query whenever a timeline cannot answer (deep pages, truncated timelines).
 */
@Component
public class Timelines {

    static final Set<String> ADD = Set.of("ContentPublished");
    static final Set<String> REMOVE = Set.of("ContentWithdrawn", "ContentArchived");

    private final ScopedCollection timelines;
    private final int size;

    public Timelines(MongoAccess mongo, ContentProperties properties) {
        this.timelines = mongo.collection("feed_timelines", ScopeRule.tenantOwned());
        this.size = properties.getFeed().getTimelineSize();
        timelines.ensureIndexInBackground(com.mongodb.client.model.Indexes.ascending("allianceId", "_id"),
                new com.mongodb.client.model.IndexOptions().name("alliance_id"));
    }

    public int size() {
        return size;
    }

    /** One timeline entry: item id and publication time. */
    public record Entry(String id, Date at) {
    }

    static String id(String allianceId, String key) {
        return allianceId + "|" + key;
    }

    /**
     * Adds a published item to the timelines of its audience keys. Idempotent and atomic per timeline: the entry is
     * pushed only where it is absent (so a repeated add never makes it disappear for a moment); an entry left from an
     * earlier publication of the same item with another time is replaced.
     */
    public Mono<Void> add(String allianceId, String itemId, Date publishedAt, Collection<String> keys) {
        Scope scope = Scope.system(allianceId, null);
        Document entry = new Document("id", itemId).append("at", publishedAt);
        return Flux.fromIterable(keys).concatMap(key -> {
            String id = id(allianceId, key);
            Mono<Long> pushIfAbsent = Mono.defer(() -> timelines.updateOne(scope,
                            Filters.and(Filters.eq("_id", id), Filters.ne("entries.id", itemId)),
                            Updates.pushEach("entries", List.of(entry), new PushOptions().sortDocument(new Document("at", -1).append("id", -1)).slice(size)))
                    .map(r -> r.getModifiedCount()));
            Mono<Void> replaceOutdated = timelines.updateOne(scope,
                            Filters.and(Filters.eq("_id", id), Filters.elemMatch("entries", Filters.and(Filters.eq("id", itemId), Filters.ne("at", publishedAt)))),
                            Updates.pull("entries", new Document("id", itemId)))
                    .flatMap(r -> r.getModifiedCount() > 0 ? pushIfAbsent.then() : Mono.<Void>empty());
            return timelines.insert(scope, new Document("_id", id).append("allianceId", allianceId).append("key", key).append("entries", List.of()))
                    .then().onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.empty())
                    .then(pushIfAbsent)
                    .flatMap(pushed -> pushed > 0 ? Mono.<Void>empty() : replaceOutdated);
        }, 4).then();
    }

    /** Removes an item (withdrawn, archived) from the timelines of its audience keys. */
    public Mono<Void> remove(String allianceId, String itemId, Collection<String> keys) {
        Scope scope = Scope.system(allianceId, null);
        return Flux.fromIterable(keys).concatMap(key -> timelines.updateOne(scope, Filters.eq("_id", id(allianceId, key)),
                Updates.pull("entries", new Document("id", itemId))), 4).then();
    }

    /** Applies a {@code content.item.v1} event (repair path: the same changes the write path made right away). */
    public Mono<Void> apply(IncomingEvent event) {
        if (!ADD.contains(event.type()) && !REMOVE.contains(event.type())) {
            return Mono.empty();
        }
        String allianceId = event.text("allianceId");
        String itemId = event.text("itemId");
        List<String> keys = new ArrayList<>();
        JsonNode node = event.data().get("audienceKeys");
        if (node != null && node.isArray()) {
            node.forEach(k -> keys.add(k.asString()));
        }
        if (REMOVE.contains(event.type())) {
            return remove(allianceId, itemId, keys);
        }
        String at = event.optionalText("publishedAt");
        return at == null ? Mono.empty() : add(allianceId, itemId, Date.from(java.time.Instant.parse(at)), keys);
    }

    /** Merged entries, newest first; {@code complete} when no timeline was truncated (then they are all there are). */
    public record Newest(List<Entry> entries, boolean complete) {
    }

    /**
     * The newest entries visible through the keys, newest first, deduplicated — as far as the timelines are complete:
     * a full timeline has dropped older entries, so the merge is only exact down to the newest of the full timelines'
     * oldest entries. Answers exactly those entries (possibly fewer than wanted).
     */
    public Mono<Newest> newest(String allianceId, Collection<String> keys) {
        List<String> ids = keys.stream().map(k -> id(allianceId, k)).toList();
        return timelines.find(Scope.system(allianceId, null), Filters.in("_id", ids), null, null, 0, ids.size())
                .collectList()
                .map(docs -> {
                    Comparator<Entry> newestFirst = Comparator.comparing(Entry::at).thenComparing(Entry::id).reversed();
                    Entry horizon = null;
                    Map<String, Entry> merged = new LinkedHashMap<>();
                    for (Document d : docs) {
                        List<Document> entries = d.getList("entries", Document.class, List.of());
                        for (Document e : entries) {
                            merged.putIfAbsent(e.getString("id"), new Entry(e.getString("id"), e.getDate("at")));
                        }
                        if (entries.size() >= size && !entries.isEmpty()) {
                            Document last = entries.get(entries.size() - 1);
                            Entry oldest = new Entry(last.getString("id"), last.getDate("at"));
                            if (horizon == null || newestFirst.compare(oldest, horizon) < 0) {
                                horizon = oldest; // the newest "oldest entry" among full timelines
                            }
                        }
                    }
                    Entry limit = horizon;
                    return new Newest(merged.values().stream()
                            .filter(e -> limit == null || newestFirst.compare(e, limit) <= 0)
                            .sorted(newestFirst)
                            .toList(), limit == null);
                });
    }
}
