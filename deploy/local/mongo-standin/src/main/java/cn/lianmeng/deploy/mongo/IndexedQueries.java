package cn.lianmeng.deploy.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/** Shared pieces of the indexed stand-in backends: index choice and the count-shaped aggregation shortcut. */
final class IndexedQueries {

    private IndexedQueries() {
    }

    /** The index to answer a query with: a unique index that can (exact), else the narrowest secondary index, else null (scan). */
    static <P> Index<P> choose(List<Index<P>> indexes, Document query) {
        Index<P> best = null;
        long bestEstimate = Long.MAX_VALUE;
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P> secondary) {
                long estimate = secondary.estimate(query);
                if (estimate >= 0 && estimate < bestEstimate) {
                    best = index;
                    bestEstimate = estimate;
                }
            } else if (index.canHandle(query)) {
                return index;
            }
        }
        return best;
    }

    /**
     * The drivers' {@code countDocuments} is an aggregation {@code [$match, ($skip), ($limit), $group{_id:1, n:{$sum:1}}]},
     * which the stand-in runs as a full scan. Answer exactly that shape from an (indexed) count instead — the
     * reply is the one MongoDB gives (an empty batch when nothing matches). Anything else returns null.
     */
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
        int count = collection == null ? 0 : collection.count(match, skip, limit);
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append("n", count));
        Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", databaseName + "." + collectionName);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
