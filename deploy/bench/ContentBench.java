import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import cn.lianmeng.content.audience.Audience;
import cn.lianmeng.content.audience.AudienceKeys;
import cn.lianmeng.content.search.Bigrams;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.bwaldvogel.mongo.MongoServer;
import cn.lianmeng.deploy.mongo.IndexedMemoryBackend;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * content-service benchmark (not a test). Seeds the indexed in-memory MongoDB stand-in (in this JVM) with ITEMS published items
 * across TENANTS tenants, their organisations and members (with audience keys), RECEIPTS read receipts and INBOX inbox
 * messages; starts the real content-service jar against it (no Kafka, no registry) with a key pair of its own; then
 * measures over HTTP on localhost: a member's first feed page, the inbox unread count, search; and STREAMS concurrent
 * clients playing one video with range requests, sampling the service's resident memory. Run by content.sh.
 */
public class ContentBench {

    static final Random RANDOM = new Random(20261122);
    static final String ALLIANCE = "bench-alliance";
    static final String[] TOPICS = {"党建引领", "主题党日", "三会一课", "组织生活会", "理论学习", "志愿服务", "联建共建", "党风廉政",
            "乡村振兴", "科技创新", "安全生产", "基层治理", "党员教育", "青年工作", "统一战线", "群团工作", "新质生产力", "营商环境",
            "民主评议", "党费收缴"};
    static final String[] FORMS = {"关于开展%s工作的通知", "%s专题学习会召开", "%s经验交流", "扎实推进%s", "%s案例分享", "%s情况公开"};
    static final String[] KINDS = {"NEWS", "NOTICE", "ARTICLE", "DISCLOSURE"};
    static final int TIMELINE = 200; // lianmeng.content.feed.timeline-size

    static int env(String name, int def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : Integer.parseInt(v);
    }

    public static void main(String[] args) throws Exception {
        int items = env("ITEMS", 100_000);
        int tenants = env("TENANTS", 200);
        int membersPerTenant = env("MEMBERS_PER_TENANT", 25);
        int receipts = env("RECEIPTS", 1_000_000);
        int inbox = env("INBOX", 100_000);
        int streams = env("STREAMS", 500);
        int videoMiB = env("VIDEO_MIB", 20);
        int samples = env("SAMPLES", 300);
        int mongoPort = env("BENCH_MONGO_PORT", 47117);
        int port = env("BENCH_SERVICE_PORT", 38083);
        Path jar = Path.of(System.getenv().getOrDefault("CONTENT_JAR", "content-service/target/content-service.jar"));
        Path logs = Path.of(System.getenv().getOrDefault("BENCH_LOG_DIR", "deploy/bench/target"));
        Files.createDirectories(logs);

        MongoServer mongo = new MongoServer(new IndexedMemoryBackend());
        mongo.bind("127.0.0.1", mongoPort);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
        MongoDatabase db = client.getDatabase("lianmeng_content_bench");
        long t0 = System.nanoTime();
        World world = seed(db, items, tenants, membersPerTenant, receipts, inbox);
        System.out.printf("seeded %,d items, %d tenants, %,d members, %,d receipts, %,d inbox messages in %.0f s%n",
                items, tenants, world.members.size(), receipts, inbox, (System.nanoTime() - t0) / 1e9);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String publicPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-jar", jar.toString());
        Map<String, String> envs = pb.environment();
        envs.put("SERVER_PORT", String.valueOf(port));
        envs.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/lianmeng_content_bench");
        envs.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        envs.put("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false");
        envs.put("SPRING_KAFKA_LISTENER_AUTO_STARTUP", "false");
        envs.put("EUREKA_CLIENT_ENABLED", "false");
        envs.put("LIANMENG_SECURITY_JWT_PUBLICKEY", publicPem);
        pb.redirectErrorStream(true).redirectOutput(logs.resolve("content-bench-service.log").toFile());
        Process service = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(64)).build();
            String base = "http://127.0.0.1:" + port;
            waitUp(http, base);
            waitForIndexes(db);
            Signer sign = new Signer((RSAPrivateKey) keys.getPrivate());
            System.out.printf("service up (pid %d), RSS %d MiB%n", service.pid(), rssMiB(service.pid()));

            // warm up every path
            for (int i = 0; i < 50; i++) {
                Member m = world.randomMember();
                get(http, base + "/api/content/feed?size=20", sign.member(m));
                get(http, base + "/api/content/inbox/unread-count", sign.member(m));
                get(http, base + "/api/content/search?q=" + enc(query()), sign.member(m));
            }
            Stats feed = new Stats("feed, first page (20)");
            Stats unread = new Stats("inbox unread count");
            Stats search = new Stats("search (2–4 characters)");
            int[] feedSizes = new int[1];
            for (int i = 0; i < samples; i++) {
                Member m = world.randomMember();
                String token = sign.member(m);
                feed.time(() -> {
                    HttpResponse<String> r = get(http, base + "/api/content/feed?size=20", token);
                    feedSizes[0] += r.body().split("\"id\"").length - 1;
                    return r;
                });
                unread.time(() -> get(http, base + "/api/content/inbox/unread-count", token));
                search.time(() -> get(http, base + "/api/content/search?q=" + enc(query()), token));
            }
            System.out.printf("%nlatency over HTTP on localhost, %d samples each (avg %.1f items on a feed page)%n", samples,
                    feedSizes[0] / (double) samples);
            for (Stats s : List.of(feed, unread, search)) {
                System.out.println(s);
            }

            streams(http, base, sign, service.pid(), streams, videoMiB);
        } finally {
            service.destroy();
            service.waitFor();
            client.close();
            mongo.shutdownNow();
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ data

    record Member(String id, String tenant, String org, String account) {
    }

    static final class World {
        final List<Member> members = new ArrayList<>();

        Member randomMember() {
            return members.get(RANDOM.nextInt(members.size()));
        }
    }

    static World seed(MongoDatabase db, int items, int tenants, int perTenant, int receipts, int inbox) {
        World world = new World();
        List<Document> tenantDocs = new ArrayList<>();
        List<Document> orgDocs = new ArrayList<>();
        List<Document> memberDocs = new ArrayList<>();
        List<List<String>> branchesOf = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String tenant = "t" + t;
            String park = "p" + (t % 20);
            String building = "b" + (t % 50);
            tenantDocs.add(new Document("_id", tenant).append("allianceId", ALLIANCE).append("tenantId", tenant)
                    .append("name", "基准测试企业" + t).append("status", "ACTIVE").append("parkId", park).append("buildingId", building)
                    .append("version", 1L));
            String committee = "o" + t + "c";
            orgDocs.add(org(committee, tenant, "党委" + t, null, List.of()));
            List<String> branches = List.of("o" + t + "a", "o" + t + "b");
            branchesOf.add(branches);
            for (String b : branches) {
                orgDocs.add(org(b, tenant, "党支部" + b, committee, List.of(committee)));
            }
            for (int m = 0; m < perTenant; m++) {
                String id = "m" + t + "-" + m;
                String branch = branches.get(m % 2);
                List<String> roles = m == 0 ? List.of("SECRETARY") : List.of();
                List<String> keys = AudienceKeys.forMember(new AudienceKeys.MemberFacts(ALLIANCE, tenant, tenant, branch,
                        List.of(committee), park, building, null, roles, true));
                memberDocs.add(new Document("_id", id).append("allianceId", ALLIANCE).append("tenantId", tenant)
                        .append("enterpriseId", tenant).append("orgId", branch).append("orgAncestors", List.of(committee))
                        .append("name", "党员" + id).append("status", "FULL").append("officerRoles", roles).append("effectiveRoles", roles)
                        .append("accountId", "acct-" + id).append("active", true).append("keys", keys).append("keysRev", 1L)
                        .append("version", 1L));
                world.members.add(new Member(id, tenant, branch, "acct-" + id));
            }
        }
        insert(db.getCollection("tenant_directory"), tenantDocs);
        insert(db.getCollection("organisations"), orgDocs);
        insert(db.getCollection("members"), memberDocs);

        long now = System.currentTimeMillis();
        List<String> itemIds = new ArrayList<>(items);
        Map<String, java.util.ArrayDeque<Document>> timelines = new java.util.HashMap<>();
        List<Document> batch = new ArrayList<>();
        MongoCollection<Document> itemsCol = db.getCollection("content_items");
        for (int i = 0; i < items; i++) {
            int t = i % tenants;
            String tenant = "t" + t;
            Audience audience;
            if (i % 50 == 0) {
                audience = new Audience(true, null, null, null, null, null, false);
            } else if (i % 100 == 7) {
                audience = new Audience(true, null, null, null, null, List.of("SECRETARY"), false);
            } else if (i % 10 < 3) {
                audience = new Audience(false, null, List.of(branchesOf.get(t).get(i % 2)), null, null, null, false);
            } else if (i % 97 == 5) {
                audience = new Audience(false, null, null, List.of("p" + (t % 20)), null, null, false);
            } else {
                audience = new Audience(false, List.of(tenant), null, null, null, null, false);
            }
            String topic = TOPICS[RANDOM.nextInt(TOPICS.length)];
            String title = String.format(FORMS[RANDOM.nextInt(FORMS.length)], topic);
            String summary = "基准测试企业" + t + "党组织围绕" + TOPICS[RANDOM.nextInt(TOPICS.length)] + "开展工作";
            List<String> tags = List.of(topic, TOPICS[RANDOM.nextInt(TOPICS.length)]);
            String id = String.format("%024x", i + 1L);
            itemIds.add(id);
            List<String> searchable = new ArrayList<>(List.of(title, summary));
            searchable.addAll(tags);
            Date published = new Date(now - (long) (items - i) * 60_000L);
            for (String key : AudienceKeys.forAudience(ALLIANCE, audience)) {
                java.util.ArrayDeque<Document> timeline = timelines.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
                timeline.addFirst(new Document("id", id).append("at", published));
                if (timeline.size() > TIMELINE) {
                    timeline.removeLast();
                }
            }
            batch.add(new Document("_id", id).append("allianceId", ALLIANCE).append("tenantId", tenant)
                    .append("kind", KINDS[i % KINDS.length]).append("title", title).append("summary", summary)
                    .append("body", "<p>" + summary + "</p>").append("tags", tags).append("attachmentFileIds", List.of())
                    .append("fileIds", List.of()).append("authorOrgId", null).append("authorOrgPath", List.of())
                    .append("audience", audience.toDocument()).append("audienceKeys", AudienceKeys.forAudience(ALLIANCE, audience))
                    .append("allowComments", false).append("status", "PUBLISHED").append("publishedAt", published)
                    .append("searchTokens", Bigrams.index(searchable)).append("editorAccountIds", List.of("bench"))
                    .append("version", 3L).append("createdAt", published).append("updatedAt", published));
            if (batch.size() == 1000) {
                insert(itemsCol, batch);
                batch = new ArrayList<>();
            }
        }
        insert(itemsCol, batch);
        List<Document> timelineDocs = new ArrayList<>();
        timelines.forEach((key, entries) -> timelineDocs.add(new Document("_id", ALLIANCE + "|" + key).append("allianceId", ALLIANCE)
                .append("key", key).append("entries", new ArrayList<>(entries))));
        insert(db.getCollection("feed_timelines"), timelineDocs);

        MongoCollection<Document> receiptCol = db.getCollection("read_receipts");
        batch = new ArrayList<>();
        for (int r = 0; r < receipts; r++) {
            Member m = world.randomMember();
            String item = itemIds.get(RANDOM.nextInt(itemIds.size()));
            batch.add(new Document("_id", item + ":" + m.id()).append("allianceId", ALLIANCE).append("tenantId", m.tenant())
                    .append("itemId", item).append("memberId", m.id()).append("orgId", m.org()).append("readAt", new Date(now)));
            if (batch.size() == 5000) {
                insert(receiptCol, batch);
                batch = new ArrayList<>();
            }
        }
        insert(receiptCol, batch);

        MongoCollection<Document> inboxCol = db.getCollection("inbox_messages");
        Map<String, Long> unread = new java.util.HashMap<>();
        batch = new ArrayList<>();
        for (int n = 0; n < inbox; n++) {
            Member m = world.members.get(n % Math.min(world.members.size(), 2000));
            if (n % 2 == 0) {
                unread.merge(m.id(), 1L, Long::sum);
            }
            batch.add(new Document("_id", m.id() + ":ev-" + n).append("allianceId", ALLIANCE).append("tenantId", m.tenant())
                    .append("memberId", m.id()).append("category", "CONTENT").append("type", "CONTENT_PUBLISHED")
                    .append("title", "新通知公告：基准测试").append("sourceEventId", "ev-" + n).append("createdAt", new Date(now - n))
                    .append("readAt", n % 2 == 0 ? null : new Date(now)));
            if (batch.size() == 5000) {
                insert(inboxCol, batch);
                batch = new ArrayList<>();
            }
        }
        insert(inboxCol, batch);
        List<Document> counters = new ArrayList<>();
        for (Member m : world.members) {
            counters.add(new Document("_id", m.id()).append("allianceId", ALLIANCE).append("tenantId", m.tenant())
                    .append("unread", unread.getOrDefault(m.id(), 0L)).append("counted", List.of()));
        }
        insert(db.getCollection("inbox_counters"), counters);
        return world;
    }

    static Document org(String id, String tenant, String name, String parent, List<String> ancestors) {
        return new Document("_id", id).append("allianceId", ALLIANCE).append("tenantId", tenant).append("ownerType", "ENTERPRISE")
                .append("ownerId", tenant).append("name", name).append("kind", parent == null ? "COMMITTEE" : "BRANCH")
                .append("parentId", parent).append("ancestors", ancestors).append("officers", List.of()).append("status", "ACTIVE")
                .append("version", 1L);
    }

    static void insert(MongoCollection<Document> c, List<Document> docs) {
        if (!docs.isEmpty()) {
            Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false))).onErrorResume(e -> Mono.empty()).block();
        }
    }

    static String query() {
        String topic = TOPICS[RANDOM.nextInt(TOPICS.length)];
        int len = 2 + RANDOM.nextInt(Math.min(3, topic.length() - 1));
        int from = RANDOM.nextInt(topic.length() - len + 1);
        return topic.substring(from, from + len);
    }

    // ------------------------------------------------------------------ HTTP

    static final class Signer {
        private final RSASSASigner signer;

        Signer(RSAPrivateKey key) {
            this.signer = new RSASSASigner(key);
        }

        String token(String subject, String tenant, String member, List<String> roles, List<String> orgs) {
            try {
                Instant now = Instant.now();
                JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("lianmeng").subject(subject)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                        .claim("preferred_username", subject).claim("aid", ALLIANCE).claim("roles", roles).claim("orgs", orgs);
                if (tenant != null) {
                    claims.claim("tid", tenant);
                }
                if (member != null) {
                    claims.claim("mid", member);
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims.build());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String member(Member m) {
            return token(m.account(), m.tenant(), m.id(), List.of("MEMBER"), List.of(m.org()));
        }

        String allianceAdmin() {
            return token("bench-admin", null, null, List.of("ALLIANCE_ADMIN"), List.of());
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static HttpResponse<String> get(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitUp(HttpClient http, String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("content-service did not come up; see the service log");
    }

    /** The service creates its indexes in the background at start; measure only once they exist. */
    static void waitForIndexes(MongoDatabase db) throws InterruptedException {
        Map<String, List<String>> wanted = Map.of(
                "content_items", List.of("feed", "search", "alliance_id"),
                "read_receipts", List.of("alliance_id"),
                "members", List.of("alliance_id", "alliance_keys"),
                "feed_timelines", List.of("alliance_id"),
                "inbox_counters", List.of("alliance_id"),
                "inbox_messages", List.of("member_created"));
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
            while (true) {
                List<String> names = Flux.from(db.getCollection(e.getKey()).listIndexes()).map(d -> d.getString("name")).collectList().block();
                if (names.containsAll(e.getValue())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("indexes of " + e.getKey() + " missing: " + names);
                }
                Thread.sleep(500);
            }
        }
        System.out.println("service indexes present");
    }

    static final class Stats {
        final String name;
        final List<Double> ms = new ArrayList<>();

        Stats(String name) {
            this.name = name;
        }

        void time(java.util.function.Supplier<?> call) {
            long t = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - t) / 1e6);
        }

        double pct(double p) {
            List<Double> s = new ArrayList<>(ms);
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100 * s.size()) - 1));
        }

        @Override
        public String toString() {
            return String.format("  %-26s p50 %7.1f ms   p95 %7.1f ms   p99 %7.1f ms   max %7.1f ms", name, pct(50), pct(95), pct(99),
                    Collections.max(ms));
        }
    }

    static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    // ------------------------------------------------------------------ video streams

    static void streams(HttpClient http, String base, Signer sign, long pid, int streams, int videoMiB) throws Exception {
        byte[] video = new byte[videoMiB * 1024 * 1024];
        RANDOM.nextBytes(video);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, video, 0, 12);
        String admin = sign.allianceAdmin();
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(base + "/api/content/files?name=bench.mp4"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(video)).build(), HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload → " + uploaded.statusCode() + " " + uploaded.body());
        }
        String id = uploaded.body().replaceAll(".*\"id\":\"([a-f0-9]{24})\".*", "$1");
        long length = video.length;
        long before = rssMiB(pid);
        AtomicLong maxRss = new AtomicLong(before);
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(streams, 500));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxRss.accumulateAndGet(rssMiB(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            long seek = (long) (new Random(s).nextDouble() * (length - 2 * 1024 * 1024));
            all.add(CompletableFuture.runAsync(() -> {
                for (long[] range : new long[][]{{0, 1024 * 1024 - 1}, {seek, seek + 1024 * 1024 - 1}, {length - 1024 * 1024, length - 1}}) {
                    try {
                        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/content/files/" + id))
                                        .header("Authorization", "Bearer " + admin).header("Range", "bytes=" + range[0] + "-" + range[1])
                                        .timeout(Duration.ofMinutes(5)).build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        long n;
                        try (InputStream in = r.body()) {
                            n = in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                        if (r.statusCode() != 206 || n != range[1] - range[0] + 1) {
                            errors.incrementAndGet();
                        }
                        bytes.addAndGet(n);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - t) / 1e9;
        sampler.interrupt();
        pool.shutdown();
        System.out.printf("%n%d concurrent players × 3 range requests (1 MiB each) of one %d MiB video:%n", streams, videoMiB);
        System.out.printf("  errors %d, %,d MiB served in %.1f s (%.0f MiB/s)%n", errors.get(), bytes.get() / (1024 * 1024), seconds,
                bytes.get() / (1024.0 * 1024) / seconds);
        System.out.printf("  service RSS: %d MiB before, %d MiB max during (-Xmx256m)%n", before, maxRss.get());
    }
}
