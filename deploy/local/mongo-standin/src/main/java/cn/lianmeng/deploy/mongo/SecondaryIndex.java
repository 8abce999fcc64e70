package cn.lianmeng.deploy.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * constraints, and — on the field after them — to an anchored literal prefix ({@code /^\Qtext\E/}, {@code /^text/}
 * without metacharacters or options), the shape an index range serves in MongoDB; the collection then applies the
 * full query to those candidates, so answers are exactly those of a scan — only faster. Other ranges, {@code $or},
 * other regexes, nulls and array equality are not narrowed (the query falls back to another index or a scan), which
 * keeps the candidate set a guaranteed superset of the matches. A sparse index holds, as in MongoDB, only documents in
 * which at least one of its fields exists, and so also answers {@code {field: {$exists: true}}} on its first field —
 * the outbox sweep's query ({@code outbox.id}), which otherwise scans every aggregate of a collection every few
 * seconds while holding the collection's lock.
 *
 * <p>Structure: a trie over the index's key fields, children kept in key order; each node holds the positions of
 * every document below it, so a lookup on any prefix of the keys is one walk, and a string prefix one range.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /**
     * Order of the trie's children: by kind (null, numbers, strings, anything else), then naturally. Only the trie's
     * layout depends on it (answers are sorted by the collection), and keys that compare equal merely share a node —
     * still a superset — so it needs no BSON fidelity beyond keeping strings contiguous by prefix.
     */
    static final Comparator<Object> KEY_ORDER = (a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 0 -> 0;
            case 1 -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case 2 -> ((String) a).compareTo((String) b);
            default -> {
                int byClass = a.getClass().getName().compareTo(b.getClass().getName());
                if (byClass != 0) {
                    yield byClass;
                }
                if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
                    @SuppressWarnings("unchecked")
                    int natural = ((Comparable<Object>) a).compareTo(b);
                    yield natural;
                }
                yield a.equals(b) ? 0 : Integer.compare(a.hashCode(), b.hashCode());
            }
        };
    };

    static boolean isNullKey(Object key) {
        return key == NULL;
    }

    private static int rank(Object key) {
        if (key == NULL) {
            return 0;
        }
        if (key instanceof Number) {
            return 1;
        }
        return key instanceof String ? 2 : 3;
    }

    private static final class Node<P> {
        TreeMap<Object, Node<P>> children; // null for a leaf
        final Set<P> positions = new HashSet<>();

        Node<P> child(Object key) {
            return children == null ? null : children.get(key);
        }

        Node<P> childOrNew(Object key) {
            if (children == null) {
                children = new TreeMap<>(KEY_ORDER);
            }
            return children.computeIfAbsent(key, k -> new Node<>());
        }

        void removeChild(Object key) {
            children.remove(key);
            if (children.isEmpty()) {
                children = null;
            }
        }

        /**
         * The children a range may match: the keys of the bounds' kind that lie in it, and — MongoDB compares only
         * within a kind, but the stand-in's matcher decides — every key of another kind (a superset).
         */
        List<Node<P>> inRange(Range range, boolean bothSides) {
            List<Node<P>> out = new ArrayList<>();
            if (children == null) {
                return out;
            }
            Object bound = range.anyBound();
            for (Map.Entry<Object, Node<P>> e : children.entrySet()) {
                if (!sameKind(e.getKey(), bound) || range.admits(e.getKey(), bothSides)) {
                    out.add(e.getValue());
                }
            }
            return out;
        }

        /**
         * The children a prefix regex may match, in key order: the string keys that start with the prefix (one range
         * of the ordered children) and, since the stand-in's matcher also tries a regex on the text of other values
         * (MongoDB does not), every key that is not a string (null and numbers before the range, the rest after it).
         */
        List<Map.Entry<Object, Node<P>>> withPrefix(String prefix) {
            List<Map.Entry<Object, Node<P>>> out = new ArrayList<>();
            if (children == null) {
                return out;
            }
            for (Map.Entry<Object, Node<P>> e : children.entrySet()) {
                if (rank(e.getKey()) >= 2) {
                    break;
                }
                out.add(e);
            }
            for (Map.Entry<Object, Node<P>> e : children.tailMap(prefix, true).entrySet()) {
                if (!(e.getKey() instanceof String key) || !key.startsWith(prefix)) {
                    break;
                }
                out.add(e);
            }
            List<Map.Entry<Object, Node<P>>> tail = new ArrayList<>();
            for (Map.Entry<Object, Node<P>> e : children.descendingMap().entrySet()) {
                if (rank(e.getKey()) <= 2) {
                    break;
                }
                tail.add(e);
            }
            java.util.Collections.reverse(tail);
            out.addAll(tail);
            return out;
        }
    }

    private final Node<P> root = new Node<>();
    /** Per key field: whether any document ever gave it an array (then a range's two bounds may hold for different elements). */
    private final boolean[] multikey;
    private final Map<Object, P> positionsById = new HashMap<>();

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.multikey = new boolean[keys.size()];
    }

    // ---- maintenance -------------------------------------------------------------------------------------------

    private static Object key(Object value) {
        if (value == null) {
            return NULL;
        }
        Object normalised = new KeyValue(java.util.Collections.singletonList(value)).normalized().get(0);
        return normalised == null ? NULL : normalised;
    }

    /**
     * Whether {@code {path: {$exists: true}}} can match the document, with MongoDB's path semantics: a missing segment
     * ends the path, an array applies the rest of the path to each element (and a numeric segment also indexes it),
     * and anything — also null or an empty array — at the end of the path exists. Errs only towards true.
     */
    static boolean exists(Object value, String path) {
        return exists(value, path.split("\\.", -1), 0);
    }

    private static boolean exists(Object value, String[] segments, int at) {
        if (at == segments.length) {
            return true;
        }
        if (value instanceof Document d) {
            return d.containsKey(segments[at]) && exists(d.get(segments[at]), segments, at + 1);
        }
        if (value instanceof List<?> list) {
            if (!segments[at].isEmpty() && segments[at].chars().allMatch(Character::isDigit)) {
                int index = segments[at].length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(segments[at]);
                if (index < list.size() && exists(list.get(index), segments, at + 1)) {
                    return true;
                }
            }
            for (Object element : list) {
                if (exists(element, segments, at)) {
                    return true;
                }
            }
        }
        return false;
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
        for (int i = 0; i < keys().size(); i++) {
            String field = keys().get(i);
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            List<Object> options = new ArrayList<>();
            if (value instanceof Collection<?> values) {
                multikey[i] = true;
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
        if (isSparse()) {
            if (keys().stream().noneMatch(field -> exists(document, field))) {
                return; // as in MongoDB: a sparse index has no entry for a document that has none of its fields
            }
            root.positions.add(position);
        }
        for (List<Object> values : paths(document)) {
            Node<P> node = root;
            for (Object value : values) {
                node = node.childOrNew(key(value));
                node.positions.add(position);
            }
        }
        positionsById.put(idOf(document), position);
    }

    private void delete(Document document, P position) {
        root.positions.remove(position);
        for (List<Object> values : paths(document)) {
            deletePath(root, values, 0, position);
        }
    }

    private static <P> void deletePath(Node<P> node, List<Object> values, int depth, P position) {
        if (depth == values.size()) {
            return;
        }
        Object k = key(values.get(depth));
        Node<P> child = node.child(k);
        if (child == null) {
            return;
        }
        child.positions.remove(position);
        deletePath(child, values, depth + 1, position);
        if (child.positions.isEmpty()) {
            node.removeChild(k);
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
        root.children = null;
        root.positions.clear();
        positionsById.clear();
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    /** What a query pins one index field to: one of some (normalised) values, a string prefix, or mere existence. */
    record Constraint(List<Object> values, String prefix, boolean exists, Range range) {

        Constraint(List<Object> values, String prefix) {
            this(values, prefix, false, null);
        }

        Constraint(List<Object> values, String prefix, boolean exists) {
            this(values, prefix, exists, null);
        }
    }

    /**
     * A range on one field ({@code $gt}/{@code $gte}/{@code $lt}/{@code $lte} on numbers, strings or dates, also split
     * over several {@code $and} parts); null bounds are open.
     */
    record Range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {

        private static final Set<String> OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

        /** The range of an operator document such as {@code {$gte: a, $lt: b}}, or null if it is anything else. */
        static Range of(Document d) {
            if (d.isEmpty() || !OPERATORS.containsAll(d.keySet())) {
                return null;
            }
            Range r = new Range(null, false, null, false);
            for (Map.Entry<String, Object> e : d.entrySet()) {
                Object bound = e.getValue();
                if (!(bound instanceof Number || bound instanceof String || bound instanceof java.time.Instant || bound instanceof java.util.Date)) {
                    return null;
                }
                Object k = key(bound);
                Range one = e.getKey().startsWith("$gt") ? new Range(k, e.getKey().equals("$gte"), null, false)
                        : new Range(null, false, k, e.getKey().equals("$lte"));
                r = r.intersect(one);
                if (r == null) {
                    return null;
                }
            }
            return r;
        }

        /** Both conditions at once (the tighter bound on each side); null if their bounds are of different kinds. */
        Range intersect(Range o) {
            Object anyMine = low != null ? low : high;
            Object anyTheirs = o.low != null ? o.low : o.high;
            if (anyMine != null && anyTheirs != null && !sameKind(anyMine, anyTheirs)) {
                return null;
            }
            Object lo = low;
            boolean loInc = lowInclusive;
            if (o.low != null && (lo == null || KEY_ORDER.compare(o.low, lo) > 0 || KEY_ORDER.compare(o.low, lo) == 0 && !o.lowInclusive)) {
                lo = o.low;
                loInc = o.lowInclusive;
            }
            Object hi = high;
            boolean hiInc = highInclusive;
            if (o.high != null && (hi == null || KEY_ORDER.compare(o.high, hi) < 0 || KEY_ORDER.compare(o.high, hi) == 0 && !o.highInclusive)) {
                hi = o.high;
                hiInc = o.highInclusive;
            }
            return new Range(lo, loInc, hi, hiInc);
        }

        /** Whether a key of the same kind as the bounds lies in the range; with {@code bothSides} false only the low bound (if any) is applied. */
        boolean admits(Object key, boolean bothSides) {
            boolean useLow = low != null;
            boolean useHigh = high != null && (bothSides || low == null);
            if (useLow) {
                int c = KEY_ORDER.compare(key, low);
                if (c < 0 || c == 0 && !lowInclusive) {
                    return false;
                }
            }
            if (useHigh) {
                int c = KEY_ORDER.compare(key, high);
                return c < 0 || c == 0 && highInclusive;
            }
            return true;
        }

        Object anyBound() {
            return low != null ? low : high;
        }
    }

    /** Keys that MongoDB compares with each other in a range: numbers, strings, or values of one class (dates…). */
    static boolean sameKind(Object a, Object b) {
        int ra = rank(a);
        return ra == rank(b) && ra != 0 && (ra != 3 || a.getClass() == b.getClass());
    }

    /** The equality constraints of a query per field (values already normalised); fields it cannot narrow are absent. */
    static Map<String, List<Object>> equalities(Document query) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        constraints(query).forEach((field, c) -> {
            if (c.values() != null) {
                out.put(field, c.values());
            }
        });
        return out;
    }

    /** The equality and anchored-prefix constraints of a query per field; fields it cannot narrow are absent. */
    static Map<String, Constraint> constraints(Document query) {
        Map<String, Constraint> out = new LinkedHashMap<>();
        collect(query, out);
        return out;
    }

    private static void collect(Document query, Map<String, Constraint> out) {
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
            if (field.startsWith("$") || (out.containsKey(field) && out.get(field).values() != null)) {
                continue; // $or/$nor/$expr… are not narrowed; the first equality on a field is enough for a superset
            }
            Constraint constraint = null;
            String prefix = prefixOf(value);
            if (prefix != null) {
                constraint = new Constraint(null, prefix);
            } else if (value instanceof Document d) {
                Range asRange = Range.of(d);
                if (d.size() == 1 && d.containsKey("$eq") && scalar(d.get("$eq"))) {
                    constraint = new Constraint(List.of(key(d.get("$eq"))), null);
                } else if (d.size() == 1 && d.get("$in") instanceof Collection<?> in && !in.isEmpty() && in.stream().allMatch(SecondaryIndex::scalar)) {
                    constraint = new Constraint(in.stream().map(SecondaryIndex::key).distinct().toList(), null);
                } else if (d.size() == 1 && d.containsKey("$exists") && truthy(d.get("$exists"))) {
                    constraint = new Constraint(null, null, true);
                } else if (asRange != null) {
                    Range range = asRange;
                    Constraint before = out.get(field);
                    if (before != null && before.range() != null) {
                        Range both = before.range().intersect(range);
                        range = both != null ? both : before.range();
                    }
                    constraint = new Constraint(null, null, false, range);
                }
            } else if (scalar(value)) {
                constraint = new Constraint(List.of(key(value)), null);
            }
            if (constraint != null) {
                out.put(field, constraint);
            }
        }
    }

    /**
     * The literal every match starts with, for an anchored pattern that is nothing but a literal ({@code ^\Q…\E} as
     * {@code Pattern.quote} writes it, or {@code ^} followed by characters without any regex meaning), without options
     * that change what {@code ^} or the letters match; null for any other pattern (then nothing is narrowed).
     */
    /** The literal prefix of a condition that is a regex ({@code /…/} or {@code {$regex, $options}}), else null. */
    private static String prefixOf(Object value) {
        if (value instanceof BsonRegularExpression regex) {
            return literalPrefix(regex.getPattern(), regex.getOptions() == null ? "" : regex.getOptions());
        }
        if (value instanceof Document d && d.get("$regex") != null && (d.size() == 1 || d.size() == 2 && d.containsKey("$options"))) {
            return literalPrefix(String.valueOf(d.get("$regex")), d.get("$options") == null ? "" : String.valueOf(d.get("$options")));
        }
        return null;
    }

    static String literalPrefix(String pattern, String options) {
        if (!options.isEmpty() || pattern == null || !pattern.startsWith("^") || pattern.length() < 2) {
            return null;
        }
        String rest = pattern.substring(1);
        if (rest.startsWith("\\Q") && rest.endsWith("\\E")) {
            String literal = rest.substring(2, rest.length() - 2);
            return literal.isEmpty() || literal.contains("\\E") ? null : literal;
        }
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if ("\\^$.|?*+()[]{}".indexOf(ch) >= 0 || Character.isSurrogate(ch) || ch == '\n' || ch == '\r') {
                return null;
            }
        }
        return rest;
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof Number n && n.doubleValue() != 0;
    }

    private static boolean scalar(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>) && !(value instanceof Object[])
                && !(value instanceof BsonRegularExpression) && !(value instanceof Pattern);
    }

    /**
     * The deepest nodes reachable with the query's equalities on a prefix of the keys, then at most one string prefix
     * on the next key; null if the first key is unconstrained.
     */
    private List<Node<P>> nodes(Document query) {
        Map<String, Constraint> constraints = constraints(query);
        List<Node<P>> level = null;
        for (int depth = 0; depth < keys().size(); depth++) {
            String field = keys().get(depth);
            Constraint c = constraints.get(field);
            if (c != null && c.exists()) {
                if (level == null && isSparse()) {
                    level = List.of(root); // every entry of a sparse index has one of its fields: a superset
                }
                break;
            }
            if (c == null) {
                break;
            }
            List<Node<P>> next = new ArrayList<>();
            for (Node<P> parent : level == null ? List.of(root) : level) {
                if (c.values() != null) {
                    for (Object v : c.values()) {
                        Node<P> child = parent.child(v);
                        if (child != null) {
                            next.add(child);
                        }
                    }
                } else if (c.range() != null) {
                    next.addAll(parent.inRange(c.range(), !multikey[depth]));
                } else {
                    parent.withPrefix(c.prefix()).forEach(e -> next.add(e.getValue()));
                }
            }
            level = next;
            if (level.isEmpty() || c.values() == null) {
                break; // a prefix or a range spans many keys: what follows it is not narrowed
            }
        }
        return level;
    }

    /**
     * Candidates of an ordered walk: the positions of complete key groups of the sort field, in sort order, below the
     * node the query's single-valued equalities pin ({@code depth} leading keys); {@code exhausted} when no group was
     * left out.
     */
    record Ordered<P>(List<P> positions, boolean exhausted, int depth) {
    }

    /**
     * For a query sorted by the index key that follows its pinned equality prefix (e.g. {@code (allianceId, orgPath,
     * name)} with {@code allianceId} and {@code orgPath} equal, sorted by {@code name}): the positions of the first
     * groups of that key in sort order, at least {@code need} of them (or all there are). Every document whose sort
     * key precedes the last group's key is among them, so the first matches of the query in sort order are too, once
     * enough of them match. Null when the walk does not apply (no pinned prefix, another sort field, keys other than
     * null, numbers and strings, a descending sort over a prefix range).
     */
    synchronized Ordered<P> ordered(Document query, String sortField, boolean ascending, int need) {
        if (isSparse()) {
            return null; // it lacks the documents without its fields, which a sort must still return
        }
        Map<String, Constraint> constraints = constraints(query);
        List<String> keys = keys();
        Node<P> node = root;
        int depth = 0;
        for (; depth < keys.size(); depth++) {
            Constraint c = constraints.get(keys.get(depth));
            if (c == null || c.values() == null || c.values().size() != 1) {
                break;
            }
            node = node.child(c.values().get(0));
            if (node == null) {
                return new Ordered<>(List.of(), true, depth + 1); // nothing has that value: no document matches
            }
        }
        if (depth == 0 || depth >= keys.size() || !keys.get(depth).equals(sortField)) {
            return null;
        }
        Constraint onSort = constraints.get(sortField);
        String prefix = onSort == null ? null : onSort.prefix();
        if (onSort != null && prefix == null || prefix != null && !ascending) {
            return null;
        }
        if (node.children == null) {
            return new Ordered<>(List.of(), true, depth);
        }
        Iterable<Map.Entry<Object, Node<P>>> groups = prefix != null ? node.withPrefix(prefix)
                : ascending ? node.children.entrySet() : node.children.descendingMap().entrySet();
        Set<P> out = new LinkedHashSet<>();
        for (Map.Entry<Object, Node<P>> group : groups) {
            Object key = group.getKey();
            if (rank(key) == 3) {
                return null; // dates, booleans, documents…: their order here is not MongoDB's
            }
            if (out.size() >= need) {
                return new Ordered<>(new ArrayList<>(out), false, depth);
            }
            out.addAll(group.getValue().positions);
        }
        return new Ordered<>(new ArrayList<>(out), true, depth);
    }

    /**
     * The number of documents matching the query, read off the index without matching a single document, when the
     * index answers it exactly: every condition of the query is an equality ({@code field: value}, {@code $eq},
     * {@code $in}; strings and booleans only, whose index keys are their values) on a leading index field, or an
     * anchored literal prefix on the field after them over string keys only, and the query has no other condition.
     * That is MongoDB's COUNT_SCAN. -1 otherwise (the caller counts the matching candidates).
     */
    synchronized long exactCount(Document query) {
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        if (!exact(query, constraints) || constraints.isEmpty()) {
            return -1;
        }
        List<String> keys = keys();
        List<Node<P>> level = List.of(root);
        int used = 0;
        for (String field : keys) {
            Constraint c = constraints.get(field);
            if (c == null) {
                break;
            }
            used++;
            List<Node<P>> next = new ArrayList<>();
            for (Node<P> parent : level) {
                if (c.values() != null) {
                    for (Object v : c.values()) {
                        Node<P> child = parent.child(key(v));
                        if (child != null) {
                            next.add(child);
                        }
                    }
                } else {
                    if (parent.children != null && (rank(parent.children.firstKey()) != 2 || rank(parent.children.lastKey()) != 2)) {
                        return -1; // the stand-in's matcher also tries the regex on the text of non-strings: count those
                    }
                    parent.withPrefix(c.prefix()).forEach(e -> next.add(e.getValue()));
                }
            }
            level = next;
            if (c.values() == null) {
                break;
            }
        }
        if (used != constraints.size()) {
            return -1; // a condition on a field the index does not pin
        }
        if (level.size() == 1) {
            return level.get(0).positions.size();
        }
        Set<P> union = new HashSet<>();
        level.forEach(n -> union.addAll(n.positions));
        return union.size();
    }

    /** Collects the query's conditions into {@code out} if each is one that {@link #exactCount} can answer. */
    private static boolean exact(Document query, Map<String, Constraint> out) {
        for (Map.Entry<String, Object> e : query.entrySet()) {
            String field = e.getKey();
            Object value = e.getValue();
            if (field.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (!(part instanceof Document d) || !exact(d, out)) {
                        return false;
                    }
                }
                continue;
            }
            if (field.startsWith("$") || field.contains(".") || out.containsKey(field)) {
                return false; // dotted paths (through arrays of documents) are left to the matcher
            }
            Constraint c;
            String prefix = prefixOf(value);
            if (exactKey(value)) {
                c = new Constraint(List.of(value), null);
            } else if (value instanceof Document d && d.size() == 1 && exactKey(d.get("$eq"))) {
                c = new Constraint(List.of(d.get("$eq")), null);
            } else if (value instanceof Document d && d.size() == 1 && d.get("$in") instanceof Collection<?> in && !in.isEmpty()
                    && in.stream().allMatch(SecondaryIndex::exactKey)) {
                c = new Constraint(in.stream().map(v -> (Object) v).distinct().toList(), null);
            } else if (prefix != null) {
                c = new Constraint(null, prefix);
            } else {
                return false;
            }
            out.put(field, c);
        }
        return true;
    }

    /** Values whose index key is the value itself and whose equality is MongoDB's: strings and booleans. */
    private static boolean exactKey(Object value) {
        return value instanceof String || value instanceof Boolean;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return constraints(query).containsKey(keys().get(0));
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
