package cn.lianmeng.deploy.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique (optionally compound, multikey) index for the mongo-java-server stand-in, which otherwise accepts
 * such indexes but scans the whole collection for every query. It narrows a query to the documents whose leading
 * index fields equal the query's equality ({@code field: value}, {@code $eq}, {@code $in}, also inside {@code $and})
 * constraints; the collection then applies the full query to those candidates, so answers are exactly those of a
 * scan — only faster. Ranges, {@code $or}, regexes, nulls and array equality are not narrowed (the query falls
 * back to another index or a scan), which keeps the candidate set a guaranteed superset of the matches.
 *
 * <p>Structure: a trie over the index's key fields; each node holds the positions of every document below it, so
 * a lookup on any prefix of the keys is one walk.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final class Node<P> {
        final Map<Object, Node<P>> children = new HashMap<>();
        final Set<P> positions = new HashSet<>();
    }

    private final Node<P> root = new Node<>();
    private final Map<Object, P> positionsById = new HashMap<>();

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    // ---- maintenance -------------------------------------------------------------------------------------------

    private static Object key(Object value) {
        if (value == null) {
            return NULL;
        }
        Object normalised = new KeyValue(java.util.Collections.singletonList(value)).normalized().get(0);
        return normalised == null ? NULL : normalised;
    }

    private static Object idOf(Document document) {
        return key(document.get("_id"));
    }

    /**
     * Every combination of the document's key values: an array contributes each element (an empty array, like a
     * missing field, contributes null), so a multikey document is reachable under each of its elements.
     */
    private List<List<Object>> paths(Document document) {
        List<List<Object>> paths = new ArrayList<>();
        paths.add(new ArrayList<>());
        for (String field : keys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            List<Object> options = new ArrayList<>();
            if (value instanceof Collection<?> values) {
                values.forEach(options::add);
            } else if (!(value instanceof de.bwaldvogel.mongo.backend.Missing)) {
                options.add(value);
            }
            if (options.isEmpty()) {
                options.add(null);
            }
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : paths) {
                for (Object option : options) {
                    List<Object> path = new ArrayList<>(prefix);
                    path.add(option);
                    next.add(path);
                }
            }
            paths = next;
        }
        return paths;
    }

    private void insert(Document document, P position) {
        for (List<Object> values : paths(document)) {
            Node<P> node = root;
            for (Object value : values) {
                node = node.children.computeIfAbsent(key(value), k -> new Node<>());
                node.positions.add(position);
            }
        }
        positionsById.put(idOf(document), position);
    }

    private void delete(Document document, P position) {
        for (List<Object> values : paths(document)) {
            deletePath(root, values, 0, position);
        }
    }

    private static <P> void deletePath(Node<P> node, List<Object> values, int depth, P position) {
        if (depth == values.size()) {
            return;
        }
        Object k = key(values.get(depth));
        Node<P> child = node.children.get(k);
        if (child == null) {
            return;
        }
        child.positions.remove(position);
        deletePath(child, values, depth + 1, position);
        if (child.positions.isEmpty()) {
            node.children.remove(k);
        }
    }

    @Override
    public P getPosition(Document document) {
        return positionsById.get(idOf(document));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        getKeyValues(document); // non-unique: only refuse what MongoDB refuses too (e.g. parallel arrays in a compound index)
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        insert(document, position);
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionsById.remove(idOf(document));
        if (position != null) {
            delete(document, position);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        delete(oldDocument, position);
        positionsById.remove(idOf(oldDocument));
        insert(newDocument, position);
    }

    @Override
    public synchronized long getCount() {
        return positionsById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        root.children.clear();
        positionsById.clear();
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    /** The equality constraints of a query per field (values already normalised); fields it cannot narrow are absent. */
    static Map<String, List<Object>> equalities(Document query) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        collect(query, out);
        return out;
    }

    private static void collect(Document query, Map<String, List<Object>> out) {
        for (Map.Entry<String, Object> e : query.entrySet()) {
            String field = e.getKey();
            Object value = e.getValue();
            if (field.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        collect(d, out);
                    }
                }
                continue;
            }
            if (field.startsWith("$") || out.containsKey(field)) {
                continue; // $or/$nor/$expr… are not narrowed; the first constraint on a field is enough for a superset
            }
            List<Object> values = null;
            if (value instanceof Document d) {
                if (d.size() == 1 && d.containsKey("$eq") && scalar(d.get("$eq"))) {
                    values = List.of(key(d.get("$eq")));
                } else if (d.size() == 1 && d.get("$in") instanceof Collection<?> in && !in.isEmpty() && in.stream().allMatch(SecondaryIndex::scalar)) {
                    values = in.stream().map(SecondaryIndex::key).distinct().toList();
                }
            } else if (scalar(value)) {
                values = List.of(key(value));
            }
            if (values != null) {
                out.put(field, values);
            }
        }
    }

    private static boolean scalar(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>) && !(value instanceof Object[])
                && !(value instanceof BsonRegularExpression) && !(value instanceof Pattern);
    }

    /** The deepest nodes reachable with the query's equalities on a prefix of the keys; null if the first key is unconstrained. */
    private List<Node<P>> nodes(Document query) {
        Map<String, List<Object>> eq = equalities(query);
        List<Node<P>> level = null;
        for (String field : keys()) {
            List<Object> values = eq.get(field);
            if (values == null) {
                break;
            }
            List<Node<P>> next = new ArrayList<>();
            for (Node<P> parent : level == null ? List.of(root) : level) {
                for (Object v : values) {
                    Node<P> child = parent.children.get(v);
                    if (child != null) {
                        next.add(child);
                    }
                }
            }
            level = next;
            if (level.isEmpty()) {
                break;
            }
        }
        return level;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return equalities(query).containsKey(keys().get(0));
    }

    /** How many candidates this index would hand the collection for the query (an upper bound), or -1 if it can't narrow it. */
    synchronized long estimate(Document query) {
        List<Node<P>> nodes = nodes(query);
        if (nodes == null) {
            return -1;
        }
        long n = 0;
        for (Node<P> node : nodes) {
            n += node.positions.size();
        }
        return n;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        List<Node<P>> nodes = nodes(query);
        if (nodes == null || nodes.isEmpty()) {
            return List.of();
        }
        if (nodes.size() == 1) {
            return new ArrayList<>(nodes.get(0).positions);
        }
        Set<P> union = new LinkedHashSet<>();
        for (Node<P> node : nodes) {
            union.addAll(node.positions);
        }
        return new ArrayList<>(union);
    }
}
