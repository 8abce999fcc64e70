import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * activity-service benchmarks against a running local stack (deploy/bench/activity.sh starts one). Not a test.
 *
 *   checkin     2,000 members of one joint activity (three enterprises) check in within 60 s through the gateway,
 *               open loop (one request every 30 ms whatever the answers); p50/p95/p99, lost, duplicated, exact counts
 *   calendar    10,000 activities in one tenant; the month calendar of one organisation, in-service: p50/p95/p99
 *   compliance  N organisations (default 60,000) with monthly tallies; one quarter's compliance for the alliance,
 *               in-service: wall time of the request
 *
 * Organisations and members are published to Kafka as org-service would (CloudEvents headers, contract bodies);
 * tokens are signed with the local org-service key (JWT_KEY_DIR), so gateway and services accept them.
 *
 *   java -cp "<kafka lib>/*" ActivityBench.java <mode> <gateway url> <activity url> <kafka bootstrap> <jwt key dir>
 */
public class ActivityBench {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(64)).connectTimeout(Duration.ofSeconds(5)).build();

    static String gateway;
    static String service;
    static KafkaProducer<String, byte[]> producer;
    static RSAPrivateKey key;
    static String kid;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        gateway = args[1];
        service = args[2];
        Properties p = new Properties();
        p.put("bootstrap.servers", args[3]);
        p.put("acks", "all");
        p.put("linger.ms", "5");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        loadKey(Path.of(args[4]));
        switch (mode) {
            case "checkin" -> checkin(args[3], Integer.parseInt(env("BENCH_MEMBERS", "2000")), Integer.parseInt(env("BENCH_SECONDS", "60")));
            case "calendar" -> calendar(Integer.parseInt(env("BENCH_ACTIVITIES", "10000")));
            case "compliance" -> compliance(args[3], Integer.parseInt(env("BENCH_ORGS", "60000")));
            default -> throw new IllegalArgumentException(mode);
        }
        producer.close();
        System.exit(0);
    }

    static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    // ---- the check-in burst ----------------------------------------------------------------------------------------

    static void checkin(String bootstrap, int members, int seconds) throws Exception {
        String alliance = "bench-a-" + UUID.randomUUID();
        String[] tenants = {"bench-t-" + UUID.randomUUID(), "bench-t-" + UUID.randomUUID(), "bench-t-" + UUID.randomUUID()};
        String[] orgs = new String[3];
        for (int i = 0; i < 3; i++) {
            orgs[i] = "bench-o-" + UUID.randomUUID();
            organisation(orgs[i], alliance, tenants[i], "压测联建单位" + (i + 1) + "党支部", "BRANCH", null, 1);
        }
        String[] memberIds = new String[members];
        for (int i = 0; i < members; i++) {
            memberIds[i] = "bench-m-" + UUID.randomUUID();
            member(memberIds[i], alliance, tenants[i % 3], orgs[i % 3], i % 3 == 2 ? "PROBATIONARY" : "FULL", 1);
        }
        producer.flush();
        long t0 = System.nanoTime();
        String adminA = token("bench-ent-1", alliance, tenants[0], List.of("ENTERPRISE_ADMIN"), null, List.of());
        String last = token("bench-last", alliance, tenants[(members - 1) % 3], List.of("MEMBER"), memberIds[members - 1], List.of());
        waitFor(() -> status(get(gateway + "/api/activity/me", last)) == 200, Duration.ofMinutes(5), "read model of " + members + " members");
        for (String o : orgs) {
            waitFor(() -> status(get(gateway + "/api/activity/organisations/" + o, adminA)) == 200, Duration.ofMinutes(1), "organisation " + o);
        }
        String[] tokens = new String[members];
        for (int i = 0; i < members; i++) {
            tokens[i] = token("bench-member-" + i, alliance, tenants[i % 3], List.of("MEMBER"), memberIds[i], List.of());
        }
        // members are spread over three partitions: the last one to arrive says nothing about the others
        for (int i = 0; i < members; i++) {
            String t = tokens[i];
            String which = "member " + i;
            waitFor(() -> status(get(gateway + "/api/activity/me", t)) == 200, Duration.ofMinutes(5), which);
        }
        System.out.printf("read model: %d organisations and %d members published to Kafka, each verified through the gateway, after %.1f s%n", 3, members, (System.nanoTime() - t0) / 1e9);

        ZonedDateTime start = ZonedDateTime.now(SHANGHAI).plusMinutes(10).withNano(0);
        String body = "{\"title\":\"压测：三企联建主题党日\",\"type\":\"JOINT\",\"mode\":\"OFFLINE\",\"hostOrgId\":\"" + orgs[0]
                + "\",\"startAt\":\"" + start.toOffsetDateTime() + "\",\"endAt\":\"" + start.plusHours(2).toOffsetDateTime()
                + "\",\"address\":\"园区党群服务中心\",\"invitedOrgIds\":[\"" + orgs[1] + "\",\"" + orgs[2] + "\"],\"publish\":true}";
        HttpResponse<String> created = send(post(gateway + "/api/activity/activities", adminA, body));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
        }
        String activity = field(created.body(), "id");
        for (int i = 1; i < 3; i++) {
            String admin = token("bench-ent-" + (i + 1), alliance, tenants[i], List.of("ENTERPRISE_ADMIN"), null, List.of());
            HttpResponse<String> accepted = send(post(gateway + "/api/activity/activities/" + activity + "/invitations/" + orgs[i] + "/accept", admin, null));
            if (accepted.statusCode() != 200) {
                throw new IllegalStateException("accept: " + accepted.statusCode() + " " + accepted.body());
            }
        }

        // the organiser's screen refreshes the code every 5 s
        AtomicReference<String> code = new AtomicReference<>(field(send(get(gateway + "/api/activity/activities/" + activity + "/checkin-code", adminA)).body(), "code"));
        ScheduledExecutorService screen = Executors.newSingleThreadScheduledExecutor();
        screen.scheduleAtFixedRate(() -> {
            try {
                code.set(field(send(get(gateway + "/api/activity/activities/" + activity + "/checkin-code", adminA)).body(), "code"));
            } catch (Exception e) {
                System.err.println("code refresh failed: " + e);
            }
        }, 5, 5, TimeUnit.SECONDS);

        long[] latency = new long[members];
        int[] statuses = new int[members];
        AtomicInteger already = new AtomicInteger();
        Map<Integer, String> samples = new java.util.concurrent.ConcurrentHashMap<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long interval = seconds * 1_000_000_000L / members;
        long begin = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < members; i++) {
            int n = i;
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            long due = begin + n * interval;
            clock.schedule(() -> {
                HttpRequest req = post(gateway + "/api/activity/activities/" + activity + "/checkin", tokens[n], "{\"code\":\"" + code.get() + "\"}");
                HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latency[n] = System.nanoTime() - due; // from the scheduled moment: no coordinated omission
                    statuses[n] = e != null ? -1 : r.statusCode();
                    if (r != null && r.body().contains("\"alreadyRecorded\":true")) {
                        already.incrementAndGet();
                    }
                    if (r != null && r.statusCode() != 200) {
                        samples.putIfAbsent(r.statusCode(), r.body().substring(0, Math.min(200, r.body().length())));
                    }
                    done.complete(null);
                });
            }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - begin) / 1e9;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int s : statuses) {
            byStatus.merge(s, 1, Integer::sum);
        }
        System.out.printf("burst: %d check-ins over %.1f s (%.0f/s offered); statuses %s; already recorded on first try: %d%n",
                members, wall, members / (double) seconds, byStatus, already.get());
        samples.forEach((st, b) -> System.out.println("  e.g. " + st + ": " + b));
        report("check-in through the gateway", latency);

        // the same members again: nothing may change
        int dupes = Math.min(200, members);
        int dupOk = 0;
        for (int i = 0; i < dupes; i++) {
            HttpResponse<String> r = send(post(gateway + "/api/activity/activities/" + activity + "/checkin", tokens[i], "{\"code\":\"" + code.get() + "\"}"));
            if (r.statusCode() == 200 && r.body().contains("\"alreadyRecorded\":true")) {
                dupOk++;
            }
        }
        screen.shutdownNow();
        clock.shutdownNow();
        String total = field(send(get(gateway + "/api/activity/activities/" + activity + "/attendance?size=1", adminA)).body(), "totalElements");
        System.out.printf("repeated check-ins answered 'already recorded': %d of %d%n", dupOk, dupes);
        System.out.printf("attendance records stored: %s (expected %d)%n", total, members);
        System.out.printf("AttendanceRecorded events on activity.attendance.v1 for the activity: %d (expected %d)%n",
                countEvents(bootstrap, "activity.attendance.v1", activity, members), members);
    }

    static long countEvents(String bootstrap, String topic, String key, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long count = 0;
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < 10_000_000_000L) {
                int seen = 0;
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    seen++;
                    if (key.equals(r.key())) {
                        count++;
                    }
                }
                if (seen > 0) {
                    idleSince = System.nanoTime();
                }
                if (count >= expected && seen == 0) {
                    break;
                }
            }
            return count;
        }
    }

    // ---- calendar: 10,000 activities in a tenant --------------------------------------------------------------------

    static void calendar(int count) throws Exception {
        String alliance = "bench-a-" + UUID.randomUUID();
        String tenant = "bench-t-" + UUID.randomUUID();
        int orgCount = 20;
        String[] orgs = new String[orgCount];
        for (int i = 0; i < orgCount; i++) {
            orgs[i] = "bench-o-" + UUID.randomUUID();
            organisation(orgs[i], alliance, tenant, "压测第" + (i + 1) + "党支部", "BRANCH", null, 1);
        }
        producer.flush();
        String admin = token("bench-ent", alliance, tenant, List.of("ENTERPRISE_ADMIN"), null, List.of());
        for (String o : orgs) {
            waitFor(() -> status(get(service + "/api/activity/organisations/" + o, admin)) == 200, Duration.ofMinutes(2), "organisation " + o);
        }
        // 10,000 activities over the next 12 months, spread over the 20 organisations (≈ 40 per organisation and month)
        LocalDate first = LocalDate.now(SHANGHAI).plusDays(1);
        long t0 = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        List<CompletableFuture<?>> inflight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ZonedDateTime start = first.plusDays(i % 360).atTime(8 + (i % 12), (i * 7) % 60).atZone(SHANGHAI);
            String body = "{\"title\":\"压测活动" + i + "\",\"type\":\"STUDY\",\"mode\":\"OFFLINE\",\"hostOrgId\":\"" + orgs[i % orgCount]
                    + "\",\"startAt\":\"" + start.toOffsetDateTime() + "\",\"endAt\":\"" + start.plusHours(1).toOffsetDateTime()
                    + "\",\"address\":\"活动室\",\"publish\":true}";
            inflight.add(HTTP.sendAsync(post(service + "/api/activity/activities", admin, body), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                        }
                    }));
            if (inflight.size() >= 16) {
                CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).join();
                inflight.clear();
            }
        }
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).join();
        System.out.printf("created %d activities in one tenant in %.1f s%n", created.get(), (System.nanoTime() - t0) / 1e9);
        String month = first.plusMonths(1).toString();
        String url = service + "/api/activity/calendar/organisations/" + orgs[3] + "?view=month&date=" + month + "&size=100";
        HttpResponse<String> sample = send(get(url, admin));
        System.out.printf("one month of one organisation: %s entries%n", field(sample.body(), "totalElements"));
        for (int i = 0; i < 50; i++) {
            send(get(url, admin)); // warm-up
        }
        long[] latency = new long[300];
        for (int i = 0; i < latency.length; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = send(get(url, admin));
            latency[i] = System.nanoTime() - s;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("calendar: " + r.statusCode());
            }
        }
        report("organisation month calendar, in-service (sequential, after 50 warm-up calls)", latency);
    }

    // ---- compliance: N organisations -------------------------------------------------------------------------------

    static void compliance(String bootstrap, int orgCount) throws Exception {
        String alliance = "bench-a-" + UUID.randomUUID();
        int tenantCount = Math.max(1, orgCount / 20);
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate quarterStart = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1).minusMonths(3);
        String quarter = quarterStart.getYear() + "-Q" + ((quarterStart.getMonthValue() - 1) / 3 + 1);
        long t0 = System.nanoTime();
        String lastOrg = null;
        int held = 0;
        for (int i = 0; i < orgCount; i++) {
            String tenant = "bench-t-" + alliance.substring(8, 16) + "-" + (i % tenantCount);
            String org = "bench-o-" + UUID.randomUUID();
            organisation(org, alliance, tenant, "压测党支部" + i, "BRANCH", null, 1);
            lastOrg = org;
            // two in three organisations held their theme day in the quarter's first month; one in two a valid branch assembly
            if (i % 3 != 0) {
                held(alliance, tenant, org, "THEME_DAY", quarterStart.plusDays(14), true);
                held++;
            }
            if (i % 2 == 0) {
                held(alliance, tenant, org, "BRANCH_ASSEMBLY", quarterStart.plusMonths(1).plusDays(19), i % 4 == 0);
                held++;
            }
        }
        producer.flush();
        String admin = token("bench-alliance", alliance, null, List.of("ALLIANCE_ADMIN"), null, List.of());
        String last = lastOrg;
        waitFor(() -> status(get(service + "/api/activity/organisations/" + last, admin)) == 200, Duration.ofMinutes(30), "organisations");
        String url = service + "/api/activity/compliance?period=" + quarter + "&size=20";
        waitFor(() -> {
            HttpResponse<String> r = send(get(url, admin));
            return r.statusCode() == 200 && field(r.body(), "organisations").equals(String.valueOf(orgCount));
        }, Duration.ofMinutes(30), "all organisations in the report");
        System.out.printf("published %d organisations and %d ActivityHeld events; read model and tallies ready after %.0f s%n",
                orgCount, held, (System.nanoTime() - t0) / 1e9);
        // preferably on a quiet stack: wait (bounded) until every consumer — org-service's dormancy and coverage among
        // them — has caught up with the 130,000 events, and say how far behind they still are when measuring
        long waited = System.nanoTime();
        String behind = waitForConsumers(bootstrap, Duration.ofMinutes(Long.parseLong(env("BENCH_QUIET_MINUTES", "3"))));
        System.out.printf("after %.0f s more: %s%n", (System.nanoTime() - waited) / 1e9, behind.isEmpty() ? "all consumer groups caught up"
                : "measuring while consumers are still behind: " + behind);
        for (int i = 0; i < 2; i++) {
            send(get(url, admin)); // warm-up
        }
        long[] latency = new long[10];
        String summary = null;
        for (int i = 0; i < latency.length; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = send(get(url, admin));
            latency[i] = System.nanoTime() - s;
            summary = r.body().substring(0, Math.min(400, r.body().length()));
        }
        System.out.println("summary: " + summary.replaceAll(",\"organisations\":\\{.*", "…"));
        report("compliance of " + orgCount + " organisations for " + quarter + ", in-service", latency);
    }

    static void held(String alliance, String tenant, String org, String type, LocalDate day, boolean quorum) {
        String id = "bench-act-" + UUID.randomUUID();
        Instant start = day.atTime(14, 0).atZone(SHANGHAI).toInstant();
        String body = "{\"activityId\":\"" + id + "\",\"allianceId\":\"" + alliance + "\",\"tenantId\":\"" + tenant + "\",\"type\":\"" + type
                + "\",\"title\":\"压测\",\"startAt\":\"" + start + "\",\"endAt\":\"" + start.plusSeconds(3600) + "\",\"heldAt\":\""
                + start.plusSeconds(3600) + "\",\"hostOrgId\":\"" + org + "\",\"reachedEnterpriseIds\":[\"" + tenant + "\"],\"organisations\":[{\"orgId\":\""
                + org + "\",\"tenantId\":\"" + tenant + "\",\"present\":5,\"late\":0,\"onLeave\":0,\"absent\":2,\"fullMembers\":6,\"fullPresent\":"
                + (quorum ? 5 : 2) + ",\"quorumRequired\":" + type.equals("BRANCH_ASSEMBLY") + ",\"quorumMet\":" + quorum + "}],\"version\":3,\"occurredAt\":\""
                + Instant.now() + "\"}";
        publish("activity.activity.v1", "ActivityHeld", id, alliance, tenant, body);
    }

    // ---- org events ------------------------------------------------------------------------------------------------

    static void organisation(String id, String alliance, String tenant, String name, String kind, String parent, long version) {
        publish("org.organisation.v1", "OrganisationCreated", id, alliance, tenant, "{\"orgId\":\"" + id + "\",\"allianceId\":\"" + alliance
                + "\",\"tenantId\":\"" + tenant + "\",\"ownerType\":\"ENTERPRISE\",\"ownerId\":\"" + tenant + "\",\"name\":\"" + name
                + "\",\"kind\":\"" + kind + "\",\"formation\":\"SINGLE\",\"parentId\":null,\"ancestors\":[],\"coveredEnterpriseIds\":[\"" + tenant
                + "\"],\"officers\":[],\"status\":\"ACTIVE\",\"version\":" + version + ",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    static void member(String id, String alliance, String tenant, String org, String status, long version) {
        publish("org.member.v1", "MemberJoined", id, alliance, tenant, "{\"memberId\":\"" + id + "\",\"allianceId\":\"" + alliance
                + "\",\"tenantId\":\"" + tenant + "\",\"enterpriseId\":\"" + tenant + "\",\"orgId\":\"" + org + "\",\"orgAncestors\":[],\"name\":\"压测党员\","
                + "\"status\":\"" + status + "\",\"flags\":[],\"officerRoles\":[],\"accountId\":null,\"active\":true,\"version\":" + version
                + ",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    static void publish(String topic, String type, String key, String alliance, String tenant, String json) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_source", "/lianmeng/bench".getBytes(StandardCharsets.UTF_8));
        h.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        h.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        h.add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
        h.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        h.add("allianceid", alliance.getBytes(StandardCharsets.UTF_8));
        if (tenant != null) {
            h.add("tenantid", tenant.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), h));
    }

    // ---- tokens (RS256 with org-service's local key) ---------------------------------------------------------------

    static void loadKey(Path dir) throws Exception {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        key = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(dir.resolve("signing-key.pem")))));
        RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(dir.resolve("signing-key.pub.pem")))));
        // RFC 7638 thumbprint, the key id org-service publishes in its JWK set
        String jwk = "{\"e\":\"" + b64(unsigned(pub.getPublicExponent().toByteArray())) + "\",\"kty\":\"RSA\",\"n\":\""
                + b64(unsigned(pub.getModulus().toByteArray())) + "\"}";
        kid = b64(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String token(String user, String alliance, String tenant, List<String> roles, String memberId, List<String> orgs) {
        try {
            long now = Instant.now().getEpochSecond();
            StringBuilder c = new StringBuilder("{\"iss\":\"lianmeng\",\"sub\":\"acct-" + user + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now
                    + ",\"exp\":" + (now + 7200) + ",\"preferred_username\":\"" + user + "\",\"name\":\"" + user + "\",\"aid\":\"" + alliance + "\"");
            if (tenant != null) {
                c.append(",\"tid\":\"").append(tenant).append('"');
            }
            if (memberId != null) {
                c.append(",\"mid\":\"").append(memberId).append('"');
            }
            c.append(",\"roles\":[").append(String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList())).append(']');
            c.append(",\"orgs\":[").append(String.join(",", orgs.stream().map(r -> "\"" + r + "\"").toList())).append("],\"parks\":[],\"buildings\":[]}");
            String signingInput = b64(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8)) + "."
                    + b64(c.toString().getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- http, results ---------------------------------------------------------------------------------------------

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    static HttpRequest post(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        return (json == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))).build();
    }

    static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int status(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json.substring(0, Math.min(300, json.length())));
        }
        return m.group(1);
    }

    /**
     * Waits until no consumer group has a lag on any partition (twice in a row, two seconds apart) or the time is up;
     * answers the lag per group and topic still left ("" when none).
     */
    static String waitForConsumers(String bootstrap, Duration max) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            int quiet = 0;
            long deadline = System.nanoTime() + max.toNanos();
            Map<String, Long> lag = new TreeMap<>();
            while (quiet < 2) {
                lag.clear();
                for (var group : admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()).all().get()) {
                    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    committed.forEach((tp, offset) -> {
                        long behind = offset == null ? 0 : ends.get(tp).offset() - offset.offset();
                        if (behind > 0) {
                            lag.merge(group.groupId() + " on " + tp.topic(), behind, Long::sum);
                        }
                    });
                }
                quiet = lag.isEmpty() ? quiet + 1 : 0;
                if (quiet < 2 && System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2000);
            }
            return lag.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, Duration max, String what) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, sorted.length,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

}
