package cn.lianmeng.deploy.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The in-memory stand-in with real secondary indexes ({@link SecondaryIndex}) and indexed {@code countDocuments}.
 * Used by the tests and the benchmarks, so that query times reflect an indexed store rather than full scans.
 */
public class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
    }

    static final class IndexedMemoryDatabase extends MemoryDatabase {

        IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex<>(indexName, keys, sparse);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            Document counted = IndexedQueries.countShortcut(getDatabaseName(), command, query, name -> resolveCollection(name, false));
            return counted != null ? counted : super.handleCommand(channel, command, query, resolver, oplog);
        }
    }

    static final class IndexedMemoryCollection extends MemoryCollection {

        IndexedMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            QueryResult ordered = ordered(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            if (ordered != null) {
                return ordered;
            }
            Iterable<Integer> positions = IndexedQueries.positions(getIndexes(), query);
            return positions == null ? matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * A sorted, limited query that an index can walk in sort order ({@link SecondaryIndex#ordered}): match and sort
         * only the first key groups, widening until the page is full or the groups run out — the way MongoDB reads an
         * index in sort order instead of sorting every match. Null when no index applies (then the caller sorts all).
         */
        private QueryResult ordered(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            if (limit <= 0 || orderBy == null || orderBy.isEmpty() || !(orderBy.values().iterator().next() instanceof Number direction)) {
                return null;
            }
            String field = orderBy.keySet().iterator().next();
            if (field.startsWith("$") || Math.abs(direction.intValue()) != 1) {
                return null;
            }
            int need = Math.max(64, (skip + limit) * 2);
            while (true) {
                SecondaryIndex.Ordered<Integer> best = null;
                for (Index<Integer> index : getIndexes()) {
                    if (index instanceof SecondaryIndex<Integer> secondary) {
                        SecondaryIndex.Ordered<Integer> o = secondary.ordered(query, field, direction.intValue() == 1, need);
                        if (o != null && (best == null || o.depth() > best.depth())) {
                            best = o;
                        }
                    }
                }
                if (best == null) {
                    return null;
                }
                for (Integer position : best.positions()) {
                    if (de.bwaldvogel.mongo.backend.Utils.getSubdocumentValueCollectionAware(getDocument(position), field)
                            instanceof java.util.Collection<?>) {
                        return null; // an array sort key: leave the order to the full sort
                    }
                }
                // probe without a cursor (one batch, no projection); answer with the real batch size and projection
                if (best.exhausted() || matchDocuments(query, best.positions(), orderBy, skip, limit, Integer.MAX_VALUE, null)
                        .collectDocuments().size() >= limit) {
                    return matchDocuments(query, best.positions(), orderBy, skip, limit, batchSize, fieldSelector);
                }
                need = need * 4;
            }
        }
    }
}
