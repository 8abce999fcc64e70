package cn.lianmeng.deploy.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: the indexed stand-in must answer every query, count and update exactly as the plain (scanning)
 * stand-in does, while documents are inserted, updated (also moving between index keys, and in arrays) and deleted.
 */
class IndexedMemoryBackendTest {

    static MongoServer plainServer;
    static MongoServer indexedServer;
    static MongoServer h2Server;
    static MongoClient plainClient;
    static MongoClient indexedClient;
    static MongoClient h2Client;

    @BeforeAll
    static void start() throws Exception {
        plainServer = new MongoServer(new MemoryBackend());
        indexedServer = new MongoServer(new IndexedMemoryBackend());
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("standin").resolve("test.mv.db");
        h2Server = new MongoServer(new IndexedH2Backend(file.toString()));
        plainClient = MongoClients.create("mongodb://127.0.0.1:" + plainServer.bind().getPort());
        indexedClient = MongoClients.create("mongodb://127.0.0.1:" + indexedServer.bind().getPort());
        h2Client = MongoClients.create("mongodb://127.0.0.1:" + h2Server.bind().getPort());
    }

    @AfterAll
    static void stop() {
        plainClient.close();
        indexedClient.close();
        h2Client.close();
        plainServer.shutdownNow();
        indexedServer.shutdownNow();
        h2Server.shutdownNow();
    }

    /** The reference (scanning) collection first, then the indexed in-memory and the indexed file-backed ones. */
    private static List<MongoCollection<Document>> both(String name) {
        return List.of(plainClient.getDatabase("d").getCollection(name), indexedClient.getDatabase("d").getCollection(name),
                h2Client.getDatabase("d").getCollection(name));
    }

    private static Document doc(Random rnd, int i) {
        List<String> tags = new ArrayList<>();
        for (int t = 0; t < rnd.nextInt(4); t++) {
            tags.add("k" + rnd.nextInt(6));
        }
        Document d = new Document("_id", "d" + i).append("tenantId", "t" + rnd.nextInt(5)).append("tags", tags)
                .append("n", rnd.nextBoolean() ? rnd.nextInt(4) : (double) rnd.nextInt(4))
                .append("name", NAMES[rnd.nextInt(NAMES.length)] + rnd.nextInt(30));
        if (rnd.nextInt(5) > 0) {
            d.append("status", rnd.nextBoolean() ? "A" : "B");
        }
        switch (rnd.nextInt(20)) { // names that are missing, null, numbers or booleans
            case 0 -> d.remove("name");
            case 1 -> d.put("name", null);
            case 2 -> d.put("name", rnd.nextInt(3));
            case 3 -> d.put("name", rnd.nextBoolean()); // a kind whose order the index does not model
            default -> { }
        }
        switch (rnd.nextInt(8)) { // times: one, none, or several (multikey: a range's bounds may hold for different elements)
            case 0 -> { }
            case 1 -> d.put("at", List.of(day(rnd.nextInt(30)), day(rnd.nextInt(30))));
            case 2 -> d.put("at", rnd.nextInt(30)); // a number where the others have dates
            default -> d.put("at", day(rnd.nextInt(30)));
        }
        switch (rnd.nextInt(7)) { // outboxes: missing, drained, pending, and shapes where outbox.id does or doesn't exist
            case 0 -> d.put("outbox", List.of());
            case 1 -> d.put("outbox", List.of(new Document("id", "o" + i)));
            case 2 -> d.put("outbox", List.of(new Document(), new Document("id", "o" + i)));
            case 3 -> d.put("outbox", List.of(new Document()));
            case 4 -> d.put("outbox", List.of(new Document("id", null)));
            case 5 -> d.put("outbox", new Document("id", List.of()));
            default -> { }
        }
        return d;
    }

    private static java.util.Date day(int n) {
        return java.util.Date.from(java.time.Instant.parse("2026-11-01T00:00:00Z").plus(java.time.Duration.ofHours(12L * n)));
    }

    /** Name stems, including regex metacharacters, a quote terminator and a character outside the BMP. */
    private static final String[] NAMES = {"名", "名字", "王", "王.", "a*b", "A", "x\\Ey", "𠀋", ""};

    private static Bson query(Random rnd) {
        List<Bson> parts = new ArrayList<>();
        if (rnd.nextInt(4) > 0) {
            parts.add(Filters.eq("tenantId", "t" + rnd.nextInt(6)));
        }
        switch (rnd.nextInt(19)) {
            case 0 -> parts.add(Filters.eq("tags", "k" + rnd.nextInt(6)));
            case 1 -> parts.add(Filters.in("tags", "k" + rnd.nextInt(6), "k" + rnd.nextInt(6)));
            case 2 -> parts.add(Filters.eq("status", rnd.nextBoolean() ? "A" : "B"));
            case 3 -> parts.add(Filters.eq("status", null));
            case 4 -> parts.add(Filters.eq("n", rnd.nextInt(4)));
            case 5 -> parts.add(Filters.or(Filters.eq("tenantId", "t1"), Filters.eq("status", "A")));
            case 6 -> parts.add(Filters.regex("name", "^名1"));
            case 7 -> parts.add(Filters.regex("name", "^" + java.util.regex.Pattern.quote(NAMES[rnd.nextInt(NAMES.length)] + (rnd.nextBoolean() ? "" : "1"))));
            case 8 -> parts.add(Filters.regex("name", "^" + java.util.regex.Pattern.quote("a") , "i")); // case-insensitive: not a range
            case 9 -> parts.add(Filters.regex("name", "^王.")); // a metacharacter: not a literal prefix
            case 10 -> parts.add(Filters.eq("_id", "d" + rnd.nextInt(650)));
            case 11 -> parts.add(Filters.in("_id", "d" + rnd.nextInt(650), "d" + rnd.nextInt(650), "missing"));
            case 12 -> parts.add(Filters.exists("outbox.id")); // the outbox sweep, answered by a sparse index
            case 13 -> parts.add(Filters.exists("status", rnd.nextBoolean()));
            case 14 -> { // an overlap window as the calendar writes it: two conditions on one field in separate $and parts
                int from = rnd.nextInt(30);
                parts.add(Filters.gt("at", day(from)));
                parts.add(Filters.lt("at", day(from + rnd.nextInt(8))));
            }
            case 15 -> parts.add(Filters.and(Filters.gte("at", day(rnd.nextInt(30))), Filters.lte("at", day(rnd.nextInt(30)))));
            case 16 -> parts.add(rnd.nextBoolean() ? Filters.lt("n", rnd.nextInt(4)) : Filters.gte("n", (double) rnd.nextInt(4)));
            case 17 -> parts.add(new Document("name", new Document("$gte", "名").append("$lt", "王")));
            default -> parts.add(Filters.regex("name", "名"));
        }
        return Filters.and(parts);
    }

    @Test
    void answersExactlyLikeAScanThroughInsertsUpdatesAndDeletes() {
        Random rnd = new Random(42);
        for (MongoCollection<Document> c : both("diff")) {
            Mono.from(c.createIndex(Indexes.ascending("tenantId", "tags", "name"))).block();
            Mono.from(c.createIndex(Indexes.ascending("status"), new IndexOptions().sparse(true))).block();
            Mono.from(c.createIndex(Indexes.ascending("n"))).block();
            Mono.from(c.createIndex(Indexes.ascending("name"))).block();
            Mono.from(c.createIndex(Indexes.ascending("tenantId", "name"))).block();
            Mono.from(c.createIndex(Indexes.ascending("outbox.id"), new IndexOptions().sparse(true))).block();
            Mono.from(c.createIndex(Indexes.ascending("tenantId", "at"))).block();
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            docs.add(doc(rnd, i));
        }
        for (MongoCollection<Document> c : both("diff")) {
            Mono.from(c.insertMany(docs.stream().map(Document::new).toList())).block();
        }
        for (int round = 0; round < 400; round++) {
            Bson q = query(rnd);
            List<MongoCollection<Document>> cs = both("diff");
            List<Document> a = Flux.from(cs.get(0).find(q).sort(Sorts.ascending("name", "_id"))).collectList().block();
            Long n = Mono.from(cs.get(0).countDocuments(q)).block();
            // a page in name order (ascending or descending), which the indexed stand-in may read in index order
            Bson order = rnd.nextBoolean() ? Sorts.ascending("name", "_id") : Sorts.orderBy(Sorts.descending("name"), Sorts.ascending("_id"));
            int skip = rnd.nextInt(3) == 0 ? rnd.nextInt(40) : 0;
            int limit = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 80);
            List<Document> page = Flux.from(cs.get(0).find(q).sort(order).skip(skip).limit(limit)).collectList().block();
            for (MongoCollection<Document> indexed : cs.subList(1, cs.size())) {
                assertThat(Flux.from(indexed.find(q).sort(Sorts.ascending("name", "_id"))).collectList().block()).as("query %s", q).isEqualTo(a);
                assertThat(Mono.from(indexed.countDocuments(q)).block()).as("count %s", q).isEqualTo(n);
                assertThat(Flux.from(indexed.find(q).sort(order).skip(skip).limit(limit)).collectList().block())
                        .as("page %s %s skip %d limit %d", q, order, skip, limit).isEqualTo(page);
            }
            int target = rnd.nextInt(650);
            Bson byId = Filters.eq("_id", "d" + target);
            switch (rnd.nextInt(6)) {
                case 0 -> cs.forEach(c -> Mono.from(c.updateOne(byId, Updates.set("tenantId", "t" + (target % 5)))).block());
                case 1 -> cs.forEach(c -> Mono.from(c.updateOne(byId, Updates.addToSet("tags", "k" + (target % 6)))).block());
                case 2 -> cs.forEach(c -> Mono.from(c.updateMany(Filters.eq("tags", "k" + (target % 6)), Updates.pull("tags", "k" + (target % 6)))).block());
                case 3 -> cs.forEach(c -> Mono.from(c.deleteOne(byId)).block());
                case 4 -> cs.forEach(c -> Mono.from(c.updateOne(byId, switch (target % 3) { // a message written, drained, gone
                    case 0 -> Updates.set("outbox", List.of(new Document("id", "p" + target)));
                    case 1 -> Updates.set("outbox", List.of());
                    default -> Updates.unset("outbox");
                })).block());
                default -> {
                    Document fresh = doc(new Random(target), target);
                    cs.forEach(c -> Mono.from(c.replaceOne(byId, new Document(fresh), new com.mongodb.client.model.ReplaceOptions().upsert(true))).block());
                }
            }
        }
    }

    @Test
    void countsWithSkipAndLimitLikeMongo() {
        List<MongoCollection<Document>> cs = both("counts");
        for (MongoCollection<Document> c : cs) {
            Mono.from(c.createIndex(Indexes.ascending("g"))).block();
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                docs.add(new Document("_id", i).append("g", i % 3));
            }
            Mono.from(c.insertMany(docs)).block();
        }
        var options = new com.mongodb.client.model.CountOptions().skip(3).limit(5);
        for (Bson q : List.of(Filters.eq("g", 1), Filters.eq("g", 9), new Document())) {
            for (MongoCollection<Document> indexed : cs.subList(1, cs.size())) {
                assertThat(Mono.from(indexed.countDocuments(q)).block()).isEqualTo(Mono.from(cs.get(0).countDocuments(q)).block());
                assertThat(Mono.from(indexed.countDocuments(q, options)).block()).isEqualTo(Mono.from(cs.get(0).countDocuments(q, options)).block());
            }
        }
    }

    @Test
    void fileBackedIndexesAreRebuiltWhenTheFileIsReopened() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("standin-reopen").resolve("data.mv.db");
        for (int run = 0; run < 2; run++) {
            MongoServer server = new MongoServer(new IndexedH2Backend(file.toString()));
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
                MongoCollection<Document> c = client.getDatabase("d").getCollection("reopen");
                if (run == 0) {
                    Mono.from(c.createIndex(Indexes.ascending("g"))).block();
                    Mono.from(c.insertMany(List.of(new Document("_id", 1).append("g", "a"), new Document("_id", 2).append("g", "b")))).block();
                } else {
                    Mono.from(c.insertOne(new Document("_id", 3).append("g", "a"))).block();
                }
                assertThat(Flux.from(c.find(Filters.eq("g", "a")).sort(Sorts.ascending("_id"))).map(d -> d.get("_id")).collectList().block())
                        .isEqualTo(run == 0 ? List.of(1) : List.of(1, 3));
            } finally {
                server.shutdownNow();
            }
        }
    }

    @Test
    void narrowsAnchoredLiteralPrefixesAndOnlyThose() {
        SecondaryIndex<Integer> index = new SecondaryIndex<>("t_name", List.of(new de.bwaldvogel.mongo.backend.IndexKey("tenantId", true),
                new de.bwaldvogel.mongo.backend.IndexKey("name", true)), false);
        String[] names = {"王一", "王二", "王小明", "李四", "汪洋", "王", "x\\Ey"};
        for (int i = 0; i < names.length; i++) {
            index.add(new de.bwaldvogel.mongo.bson.Document("_id", i).append("tenantId", "t").append("name", names[i]), i, null);
        }
        index.add(new de.bwaldvogel.mongo.bson.Document("_id", 99).append("tenantId", "u").append("name", "王五"), 99, null);
        java.util.function.Function<String, de.bwaldvogel.mongo.bson.Document> prefix = p -> new de.bwaldvogel.mongo.bson.Document("tenantId", "t")
                .append("name", new de.bwaldvogel.mongo.bson.BsonRegularExpression("^" + java.util.regex.Pattern.quote(p)));
        assertThat(index.estimate(prefix.apply("王"))).isEqualTo(4);
        assertThat(index.estimate(prefix.apply("王小"))).isEqualTo(1);
        assertThat(index.estimate(prefix.apply("x\\E"))).as("a quote terminator inside the literal is not narrowed").isEqualTo(7);
        assertThat(index.estimate(new de.bwaldvogel.mongo.bson.Document("tenantId", "t")
                .append("name", new de.bwaldvogel.mongo.bson.BsonRegularExpression("^王", "i")))).as("options").isEqualTo(7);
        assertThat(index.estimate(new de.bwaldvogel.mongo.bson.Document("tenantId", "t")
                .append("name", new de.bwaldvogel.mongo.bson.BsonRegularExpression("王")))).as("unanchored").isEqualTo(7);
        assertThat(SecondaryIndex.literalPrefix("^王.", "")).isNull();
        assertThat(SecondaryIndex.literalPrefix("^abc", "")).isEqualTo("abc");
    }

    @Test
    void aSparseIndexHoldsOnlyDocumentsWithItsFieldAndAnswersExistsOnIt() {
        SecondaryIndex<Integer> index = new SecondaryIndex<>("outbox_pending", List.of(new de.bwaldvogel.mongo.backend.IndexKey("outbox.id", true)), true);
        java.util.function.Function<Object, de.bwaldvogel.mongo.bson.Document> withOutbox = o -> {
            de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document("_id", o == null ? "none" : o.toString());
            if (o != null) {
                d.append("outbox", o);
            }
            return d;
        };
        Object[] outboxes = {null, List.of(), List.of(new de.bwaldvogel.mongo.bson.Document("id", "m1")),
                List.of(new de.bwaldvogel.mongo.bson.Document()), List.of(new de.bwaldvogel.mongo.bson.Document("id", null))};
        for (int i = 0; i < outboxes.length; i++) {
            index.add(withOutbox.apply(outboxes[i]), i, null);
        }
        de.bwaldvogel.mongo.bson.Document pending = new de.bwaldvogel.mongo.bson.Document("outbox.id", new de.bwaldvogel.mongo.bson.Document("$exists", true));
        assertThat(index.estimate(pending)).as("the pending message and the explicit null").isEqualTo(2);
        assertThat(index.getPositions(pending)).containsExactlyInAnyOrder(2, 4);
        assertThat(index.getCount()).isEqualTo(2);
        index.remove(withOutbox.apply(outboxes[2]));
        assertThat(index.getPositions(pending)).containsExactly(4);
        assertThat(index.estimate(new de.bwaldvogel.mongo.bson.Document("outbox.id", new de.bwaldvogel.mongo.bson.Document("$exists", false))))
                .as("$exists: false is not narrowed").isEqualTo(-1);

        SecondaryIndex<Integer> dense = new SecondaryIndex<>("plain", List.of(new de.bwaldvogel.mongo.backend.IndexKey("outbox.id", true)), false);
        assertThat(dense.estimate(pending)).as("a non-sparse index cannot answer $exists").isEqualTo(-1);

        assertThat(SecondaryIndex.exists(new de.bwaldvogel.mongo.bson.Document("a", new de.bwaldvogel.mongo.bson.Document("b", List.of())), "a.b")).isTrue();
        assertThat(SecondaryIndex.exists(new de.bwaldvogel.mongo.bson.Document("a", List.of(List.of(), new de.bwaldvogel.mongo.bson.Document("b", 1))), "a.b")).isTrue();
        assertThat(SecondaryIndex.exists(new de.bwaldvogel.mongo.bson.Document("a", List.of("x", "y")), "a.1")).isTrue();
        assertThat(SecondaryIndex.exists(new de.bwaldvogel.mongo.bson.Document("a", List.of("x")), "a.1")).isFalse();
        assertThat(SecondaryIndex.exists(new de.bwaldvogel.mongo.bson.Document("a", "scalar"), "a.b")).isFalse();
    }

    @Test
    void countsFromTheIndexAloneOnlyWhatItAnswersExactly() {
        SecondaryIndex<Integer> index = new SecondaryIndex<>("subtree", List.of(new de.bwaldvogel.mongo.backend.IndexKey("tenantId", true),
                new de.bwaldvogel.mongo.backend.IndexKey("orgPath", true), new de.bwaldvogel.mongo.backend.IndexKey("active", true),
                new de.bwaldvogel.mongo.backend.IndexKey("name", true)), false);
        index.add(member(1, "t", List.of("root", "a"), true, "王一"), 1, null);
        index.add(member(2, "t", List.of("root", "a"), true, "王二"), 2, null);
        index.add(member(3, "t", List.of("root", "b"), true, "李三"), 3, null);
        index.add(member(4, "t", List.of("root", "b"), false, "王四"), 4, null);
        index.add(member(5, "u", List.of("x"), true, "王五"), 5, null);
        java.util.function.Function<Object[], de.bwaldvogel.mongo.bson.Document> q = kv -> {
            de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
            for (int i = 0; i < kv.length; i += 2) {
                d.append((String) kv[i], kv[i + 1]);
            }
            return d;
        };
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", "root", "active", true}))).isEqualTo(3);
        assertThat(index.exactCount(new de.bwaldvogel.mongo.bson.Document("$and", List.of(q.apply(new Object[] {"tenantId", "t"}),
                new de.bwaldvogel.mongo.bson.Document(), q.apply(new Object[] {"orgPath", "root", "active", true}))))).as("nested $and, empty parts").isEqualTo(3);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", new de.bwaldvogel.mongo.bson.Document("$in", List.of("a", "b"))})))
                .as("$in: the union, each document once").isEqualTo(4);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", "root", "active", true,
                "name", new de.bwaldvogel.mongo.bson.BsonRegularExpression("^" + java.util.regex.Pattern.quote("王"))}))).as("prefix").isEqualTo(2);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "active", true}))).as("a gap in the keys").isEqualTo(-1);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "status", "FULL"}))).as("a field outside the index").isEqualTo(-1);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", new de.bwaldvogel.mongo.bson.Document("$ne", "a")}))).isEqualTo(-1);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", 7}))).as("numbers are left to the matcher").isEqualTo(-1);
        assertThat(index.exactCount(new de.bwaldvogel.mongo.bson.Document("$and", List.of(q.apply(new Object[] {"tenantId", "t"}),
                q.apply(new Object[] {"tenantId", "u"}))))).as("the same field twice").isEqualTo(-1);
        index.add(member(6, "t", List.of("root", "a"), true, null).append("name", 12), 6, null);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", "a", "active", true,
                "name", new de.bwaldvogel.mongo.bson.BsonRegularExpression("^1")}))).as("a prefix over non-string keys").isEqualTo(-1);
        assertThat(index.exactCount(q.apply(new Object[] {"tenantId", "t", "orgPath", "a", "active", true}))).isEqualTo(3);
    }

    private static de.bwaldvogel.mongo.bson.Document member(int id, String tenant, List<String> path, boolean active, String name) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id).append("tenantId", tenant).append("orgPath", path)
                .append("active", active).append("name", name);
    }

    @Test
    void narrowsRangesAfterThePinnedFieldsAndOnlyOneBoundOverArrays() {
        SecondaryIndex<Integer> index = new SecondaryIndex<>("org_start", List.of(new de.bwaldvogel.mongo.backend.IndexKey("org", true),
                new de.bwaldvogel.mongo.backend.IndexKey("start", true)), false);
        for (int i = 0; i < 10; i++) {
            index.add(new de.bwaldvogel.mongo.bson.Document("_id", i).append("org", "o").append("start", java.time.Instant.ofEpochSecond(i * 100L)), i, null);
        }
        index.add(new de.bwaldvogel.mongo.bson.Document("_id", 10).append("org", "o").append("start", "not a date"), 10, null);
        java.util.function.BiFunction<Long, Long, de.bwaldvogel.mongo.bson.Document> window = (from, to) -> new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("org", "o"),
                new de.bwaldvogel.mongo.bson.Document("start", new de.bwaldvogel.mongo.bson.Document("$gte", java.time.Instant.ofEpochSecond(from))),
                new de.bwaldvogel.mongo.bson.Document("start", new de.bwaldvogel.mongo.bson.Document("$lt", java.time.Instant.ofEpochSecond(to)))));
        assertThat(index.getPositions(window.apply(200L, 500L))).as("both bounds, and the value of another kind").containsExactlyInAnyOrder(2, 3, 4, 10);
        assertThat(index.estimate(new de.bwaldvogel.mongo.bson.Document("org", "o").append("start",
                new de.bwaldvogel.mongo.bson.Document("$gt", java.time.Instant.ofEpochSecond(700)))))
                .as("one bound").isEqualTo(3);
        // an array makes the field multikey: [50, 950] matches {$gte: 200, $lt: 500} (950 ≥ 200, 50 < 500) though
        // neither element lies in [200, 500) — from then on only one bound narrows
        index.add(new de.bwaldvogel.mongo.bson.Document("_id", 11).append("org", "o")
                .append("start", List.of(java.time.Instant.ofEpochSecond(50), java.time.Instant.ofEpochSecond(950))), 11, null);
        assertThat(index.getPositions(window.apply(200L, 500L))).contains(11);
    }
}
