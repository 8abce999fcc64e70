package cn.lianmeng.platform.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The only way application code reads or writes MongoDB: every operation takes a {@link Scope} and the collection's
 * {@link ScopeRule} adds the tenancy filter, so no handler can forget it. Inserts outside the scope are refused.
 */
public final class ScopedCollection {

    private final MongoCollection<Document> collection;
    private final ScopeRule rule;

    ScopedCollection(MongoCollection<Document> collection, ScopeRule rule) {
        this.collection = collection;
        this.rule = rule;
    }

    public String name() {
        return collection.getNamespace().getCollectionName();
    }

    private Bson scoped(Scope scope, Bson filter) {
        Bson restriction = rule.filter(scope);
        if (restriction instanceof Document d && d.isEmpty()) {
            return filter;
        }
        return Filters.and(restriction, filter);
    }

    public Mono<Document> findOne(Scope scope, Bson filter) {
        return Mono.from(collection.find(scoped(scope, filter)).limit(1).first());
    }

    public Mono<Document> findById(Scope scope, Object id) {
        return findOne(scope, Filters.eq("_id", id));
    }

    /**
     * One document by id within the scope's alliance, as the flat query {@code {_id, allianceId}} (not an {@code $and}),
     * for hot paths: MongoDB answers it from the {@code _id} index, and the local stand-in — which uses an index only
     * when a query's keys equal the index's keys — from a unique {@code (_id, allianceId)} index the collection's
     * owner declares ({@link #ensureIdInAllianceIndex()}). Used only when the collection's rule restricts the scope to
     * exactly its alliance; any other restriction falls back to {@link #findById}.
     */
    public Mono<Document> findByIdInAlliance(Scope scope, Object id) {
        org.bson.BsonDocument restriction = rule.filter(scope)
                .toBsonDocument(Document.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry());
        if (restriction.size() == 1 && restriction.isString(ScopeRule.ALLIANCE)) {
            return Mono.from(collection.find(new Document("_id", id).append(ScopeRule.ALLIANCE, scope.allianceId())).limit(1).first());
        }
        return findById(scope, id);
    }

    /** The unique {@code (_id, allianceId)} index that lets the stand-in serve {@link #findByIdInAlliance} without a scan. */
    public void ensureIdInAllianceIndex() {
        ensureIndexInBackground(com.mongodb.client.model.Indexes.ascending("_id", ScopeRule.ALLIANCE),
                new IndexOptions().unique(true).name("id_alliance"));
    }

    public Flux<Document> find(Scope scope, Bson filter, Bson sort, long skip, int limit) {
        return find(scope, filter, null, sort, skip, limit);
    }

    public Flux<Document> find(Scope scope, Bson filter, Bson projection, Bson sort, long skip, int limit) {
        var find = collection.find(scoped(scope, filter));
        if (projection != null) {
            find = find.projection(projection);
        }
        if (sort != null) {
            find = find.sort(sort);
        }
        return Flux.from(find.skip((int) skip).limit(limit));
    }

    /**
     * Every document in scope that matches, unsorted, in large batches ({@value #BULK_BATCH} documents per round trip):
     * for reports that read tens of thousands of small projected documents.
     */
    public Flux<Document> stream(Scope scope, Bson filter, Bson projection) {
        return Flux.from(collection.find(scoped(scope, filter)).projection(projection).batchSize(BULK_BATCH));
    }

    static final int BULK_BATCH = 5_000;

    /** One page of the documents in scope that match, mapped for the API, with the total count. */
    public <T> Mono<PageResult<T>> page(Scope scope, Bson filter, PageQuery page, Function<Document, T> mapper) {
        return find(scope, filter, page.mongoSort(), page.skip(), page.size()).map(mapper).collectList()
                .zipWith(count(scope, filter))
                .map(t -> PageResult.of(t.getT1(), page, t.getT2()));
    }

    public Mono<Long> count(Scope scope, Bson filter) {
        return Mono.from(collection.countDocuments(scoped(scope, filter)));
    }

    public Flux<Document> aggregate(Scope scope, List<Bson> pipeline) {
        List<Bson> stages = new ArrayList<>(pipeline.size() + 1);
        stages.add(Aggregates.match(rule.filter(scope)));
        stages.addAll(pipeline);
        return Flux.from(collection.aggregate(stages));
    }

    /** Inserts a new document that must lie within the scope; a duplicate key surfaces as a MongoWriteException. */
    public Mono<Document> insert(Scope scope, Document doc) {
        if (!rule.admits(scope, doc)) {
            return Mono.error(new IllegalArgumentException("document outside " + scope + " refused in " + name()));
        }
        return Mono.from(collection.insertOne(doc)).thenReturn(doc);
    }

    /**
     * Inserts many new documents in one unordered batch (bulk imports); every document must lie within the scope.
     * Documents refused by a unique index are skipped, the others are inserted: answers the positions (in
     * {@code docs}) of the duplicates. Any other write error fails the call.
     */
    public Mono<Set<Integer>> insertAll(Scope scope, List<Document> docs) {
        if (docs.isEmpty()) {
            return Mono.just(Set.of());
        }
        for (Document doc : docs) {
            if (!rule.admits(scope, doc)) {
                return Mono.error(new IllegalArgumentException("document outside " + scope + " refused in " + name()));
            }
        }
        return Mono.from(collection.insertMany(docs, new InsertManyOptions().ordered(false)))
                .<Set<Integer>>map(r -> Set.of())
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    Set<Integer> duplicates = new TreeSet<>();
                    for (BulkWriteError error : e.getWriteErrors()) {
                        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            return Mono.error(e);
                        }
                        duplicates.add(error.getIndex());
                    }
                    return e.getWriteConcernError() == null ? Mono.just(duplicates) : Mono.error(e);
                });
    }

    public Mono<UpdateResult> updateOne(Scope scope, Bson filter, Bson update) {
        return Mono.from(collection.updateOne(scoped(scope, filter), update));
    }

    public Mono<UpdateResult> updateMany(Scope scope, Bson filter, Bson update) {
        return Mono.from(collection.updateMany(scoped(scope, filter), update));
    }

    /** Applies the update and answers the document after it, or empty when nothing in scope matched. */
    public Mono<Document> updateAndGet(Scope scope, Bson filter, Bson update) {
        return Mono.from(collection.findOneAndUpdate(scoped(scope, filter), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Version-guarded upsert for read models fed by events: writes {@code fields} only when the stored version is
     * older than {@code version} (or nothing is stored). Answers true when applied, false when the stored copy is
     * already as new or newer — so duplicate and out-of-order deliveries leave the newest state in place.
     */
    public Mono<Boolean> upsertIfNewer(Scope scope, String id, long version, Document fields) {
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.lt("version", version));
        Document set = new Document(fields).append("version", version);
        set.remove("_id");
        return Mono.from(collection.updateOne(scoped(scope, filter), new Document("$set", set), new UpdateOptions().upsert(true)))
                .map(r -> r.getModifiedCount() > 0 || r.getUpsertedId() != null)
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.just(false) : Mono.error(e));
    }

    /** Removes one element from an array field by its {@code id}, e.g. a relayed outbox message. */
    public Mono<UpdateResult> pullById(Scope scope, Object docId, String arrayField, String elementId) {
        return updateOne(scope, Filters.eq("_id", docId), Updates.pull(arrayField, new Document("id", elementId)));
    }

    public Mono<String> ensureIndex(Bson keys, IndexOptions options) {
        return Mono.from(collection.createIndex(keys, options));
    }

    /**
     * Creates the index in the background, retrying with back-off while the database is unreachable or busy (services
     * start before, and survive, a late database, a primary election or a long index build that makes the driver clear
     * its pool); a definition conflict is logged, never fatal.
     */
    public void ensureIndexInBackground(Bson keys, IndexOptions options) {
        ensureIndex(keys, options)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10))
                        .filter(ScopedCollection::isTransient))
                .subscribe(null, e -> LoggerFactory.getLogger(ScopedCollection.class)
                        .warn("Could not create index {} on {}: {}", options.getName(), name(), e.toString()));
    }

    /** A failure that says nothing about the request: worth trying again later. */
    static boolean isTransient(Throwable e) {
        return e instanceof MongoTimeoutException || e instanceof MongoSocketException || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException;
    }

    public static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
