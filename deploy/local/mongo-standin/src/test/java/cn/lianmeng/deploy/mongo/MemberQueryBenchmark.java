package cn.lianmeng.deploy.mongo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stand-in's cost of the member roster queries at the scale of one large tenant (20,000 members in a tree of 600
 * organisations) among 200,000 members: the outbox sweep's query (which every service runs every 2 s on every aggregate
 * collection, and which the stand-in answers while holding the collection's lock), page and count of a subtree and of
 * a name prefix, one at a time. Run with {@code ./mvnw -pl deploy/local/mongo-standin test -Dtest=MemberQueryBenchmark
 * -Dbenchmark=true}; prints p50/p95/max per query shape.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MemberQueryBenchmark {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    @Test
    void memberRosterQueries() {
        MongoServer server = new MongoServer(new IndexedMemoryBackend());
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        try {
            MongoCollection<Document> members = client.getDatabase("b").getCollection("members");
            // org-service's member indexes (MemberService) and the outbox index every aggregate collection gets (OutboxRelay)
            Mono.from(members.createIndex(Indexes.ascending("allianceId", "orgPath", "name"), new IndexOptions().name("alliance_subtree_name"))).block();
            Mono.from(members.createIndex(Indexes.ascending("tenantId", "name"), new IndexOptions().name("tenant_name"))).block();
            Mono.from(members.createIndex(Indexes.ascending("tenantId", "orgId", "name"))).block();
            Mono.from(members.createIndex(Indexes.ascending("allianceId", "orgId"))).block();
            Mono.from(members.createIndex(Indexes.ascending("outbox.id"), new IndexOptions().sparse(true).name("outbox_pending"))).block();
            Random rnd = new Random(7);
            List<String> tenantOrgs = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int tenant = 0; tenant < 10; tenant++) {
                // tenant 0: committee → 20 general branches → 30 branches each (601 orgs); 20,000 members
                String root = "t" + tenant + "-root";
                List<List<String>> paths = new ArrayList<>();
                for (int g = 0; g < 20; g++) {
                    for (int b = 0; b < 30; b++) {
                        paths.add(List.of(root, "t" + tenant + "-g" + g, "t" + tenant + "-g" + g + "-b" + b));
                    }
                }
                if (tenant == 0) {
                    tenantOrgs.add(root);
                    paths.forEach(p -> tenantOrgs.add(p.get(2)));
                    for (int g = 0; g < 20; g++) {
                        tenantOrgs.add("t0-g" + g);
                    }
                }
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    List<String> path = paths.get(rnd.nextInt(paths.size()));
                    batch.add(new Document("_id", "m" + tenant + "-" + i).append("allianceId", "A").append("tenantId", "T" + tenant)
                            .append("orgId", path.get(2)).append("orgPath", path).append("orgAncestors", path.subList(0, 2))
                            .append("name", SURNAMES.charAt(rnd.nextInt(SURNAMES.length())) + "某" + i)
                            .append("active", rnd.nextInt(50) > 0).append("status", "FULL").append("version", 1L)
                            .append("phoneCipher", "x".repeat(40)).append("idNumberCipher", "y".repeat(60)));
                    if (batch.size() == 2000) {
                        Mono.from(members.insertMany(batch)).block();
                        batch.clear();
                    }
                }
            }
            System.out.printf("inserted 200,000 members in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            measure("outbox sweep", () -> Flux.from(members.find(Filters.exists("outbox.id")).projection(new Document("_id", 1)).limit(200)).then());
            Bson scope = Filters.and(Filters.eq("allianceId", "A"), Filters.eq("tenantId", "T0"));
            measure("subtree page", () -> {
                String org = tenantOrgs.get(rnd.nextInt(tenantOrgs.size()));
                return Flux.from(members.find(Filters.and(scope, Filters.and(Filters.eq("orgPath", org), Filters.eq("active", true))))
                        .sort(Sorts.ascending("name", "_id")).limit(20)).then();
            });
            measure("subtree count", () -> {
                String org = tenantOrgs.get(rnd.nextInt(tenantOrgs.size()));
                return Mono.from(members.countDocuments(Filters.and(scope, Filters.and(Filters.eq("orgPath", org), Filters.eq("active", true))))).then();
            });
            measure("root count", () -> Mono.from(members.countDocuments(Filters.and(scope,
                    Filters.and(Filters.eq("orgPath", "t0-root"), Filters.eq("active", true))))).then());
            measure("prefix page", () -> {
                String prefix = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
                return Flux.from(members.find(Filters.and(scope, Filters.and(Filters.eq("active", true),
                        Filters.regex("name", "^" + java.util.regex.Pattern.quote(prefix))))).sort(Sorts.ascending("name", "_id")).limit(20)).then();
            });
            measure("prefix count", () -> {
                String prefix = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
                return Mono.from(members.countDocuments(Filters.and(scope, Filters.and(Filters.eq("active", true),
                        Filters.regex("name", "^" + java.util.regex.Pattern.quote(prefix)))))).then();
            });
        } finally {
            client.close();
            server.shutdownNow();
        }
    }

    private static void measure(String name, Supplier<Mono<Void>> query) {
        for (int i = 0; i < 50; i++) {
            query.get().block();
        }
        long[] ms = new long[300];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            query.get().block();
            ms[i] = System.nanoTime() - t;
        }
        Arrays.sort(ms);
        System.out.printf("%-14s p50 %6.2f  p95 %6.2f  max %7.2f ms%n", name, ms[150] / 1e6, ms[285] / 1e6, ms[299] / 1e6);
    }
}
