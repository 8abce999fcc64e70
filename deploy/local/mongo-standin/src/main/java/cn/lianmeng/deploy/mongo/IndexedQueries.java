package cn.lianmeng.deploy.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/** Shared pieces of the indexed stand-in backends: index choice and the count-shaped aggregation shortcut. */
final class IndexedQueries {

    private IndexedQueries() {
    }

    /**
     * The candidate positions to answer a query with, or null to scan: a unique index that can answer it exactly, else
     * the {@code _id} index when the query pins {@code _id} among other conditions (e.g. {@code {$and: [scope, {_id}]}},
     * which the stand-in's own unique index does not take), else the narrowest secondary index.
     */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        Index<P> best = null;
        long bestEstimate = Long.MAX_VALUE;
        Index<P> byId = null;
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P> secondary) {
                long estimate = secondary.estimate(query);
                if (estimate >= 0 && estimate < bestEstimate) {
                    best = index;
                    bestEstimate = estimate;
                }
            } else if (index.canHandle(query)) {
                return index.getPositions(query);
            } else if (index.getKeys().size() == 1 && "_id".equals(index.getKeys().get(0).getKey())) {
                byId = index;
            }
        }
        List<Object> ids = byId == null ? null : SecondaryIndex.equalities(query).get("_id");
        if (ids != null && ids.size() < bestEstimate && ids.stream().noneMatch(SecondaryIndex::isNullKey)) {
            Document idQuery = new Document("_id", new Document("$in", ids));
            if (byId.canHandle(idQuery)) {
                return byId.getPositions(idQuery);
            }
        }
        return best == null ? null : best.getPositions(query);
    }

    /**
     * The drivers' {@code countDocuments} is an aggregation {@code [$match, ($skip), ($limit), $group{_id:1, n:{$sum:1}}]},
     * which the stand-in runs as a full scan. Answer exactly that shape from an (indexed) count instead — the
     * reply is the one MongoDB gives (an empty batch when nothing matches). Anything else returns null.
     */
    /** An index's exact count when one has it ({@link SecondaryIndex#exactCount}), else the matching candidates counted. */
    static int count(MongoCollection<?> collection, Document match, int skip, int limit) {
        for (Index<?> index : collection.getIndexes()) {
            if (index instanceof SecondaryIndex<?> secondary) {
                long n = secondary.exactCount(match);
                if (n >= 0) {
                    long left = Math.max(0, n - Math.max(0, skip));
                    return (int) (limit > 0 ? Math.min(left, limit) : left);
                }
            }
        }
        return collection.count(match, skip, limit);
    }

    static Document countShortcut(String databaseName, String command, Document query, java.util.function.Function<String, MongoCollection<?>> collections) {
        if (!"aggregate".equals(command) || !(query.get("aggregate") instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2) {
            return null;
        }
        if (!(pipeline.get(0) instanceof Document first) || first.size() != 1 || !(first.get("$match") instanceof Document match)) {
            return null;
        }
        int skip = 0;
        int limit = 0;
        for (int i = 1; i < pipeline.size() - 1; i++) {
            if (!(pipeline.get(i) instanceof Document stage) || stage.size() != 1) {
                return null;
            }
            if (stage.get("$skip") instanceof Number n) {
                skip = n.intValue();
            } else if (stage.get("$limit") instanceof Number n) {
                limit = n.intValue();
            } else {
                return null;
            }
        }
        if (!(pipeline.get(pipeline.size() - 1) instanceof Document last) || last.size() != 1
                || !(last.get("$group") instanceof Document group) || group.size() != 2
                || !(group.get("n") instanceof Document sum) || sum.size() != 1 || !(sum.get("$sum") instanceof Number one)
                || one.intValue() != 1 || !(group.get("_id") instanceof Number) || ((Number) group.get("_id")).intValue() != 1) {
            return null;
        }
        MongoCollection<?> collection = collections.apply(collectionName);
        int count = collection == null ? 0 : count(collection, match, skip, limit);
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append("n", count));
        Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", databaseName + "." + collectionName);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
