package cn.lianmeng.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: starts the real jars with {@code deploy/local/up.sh} (the developer's launch path) on a fresh run
 * directory and shifted ports, drives the platform through the gateway only, and stops everything with
 * {@code down.sh} afterwards — always, also when something failed.
 *
 * <p>Run: {@code ./mvnw -B verify -pl deploy/e2e -am} (skip with {@code -DskipE2E}). Needs free ports 18080–18083,
 * 18761, 19092, 19093, 27018. On failure the tail of every log under {@code deploy/e2e/target/run/logs} is printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PlatformE2EIT {

    private static final Map<String, String> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("GATEWAY_PORT", "18080");
        PORTS.put("ORG_PORT", "18081");
        PORTS.put("ACTIVITY_PORT", "18082");
        PORTS.put("CONTENT_PORT", "18083");
        PORTS.put("REGISTRY_PORT", "18761");
        PORTS.put("KAFKA_PORT", "19092");
        PORTS.put("KAFKA_CONTROLLER_PORT", "19093");
        PORTS.put("MONGO_PORT", "27018");
    }

    /** The gateway's response timeout for routed calls; the 503 after a crash must arrive within it plus slack. */
    private static final Duration GATEWAY_RESPONSE_TIMEOUT =
            Duration.ofSeconds(Long.getLong("lianmeng.e2e.gatewayResponseTimeoutSeconds", 10));
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(5);
    private static final String DEMO_PASSWORD = "Demo@2026";
    private static final String PROBLEM_JSON = "application/problem+json";

    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root = findRoot();
    private final Path runDir = root.resolve("deploy/e2e/target/run");
    private final String gateway = "http://127.0.0.1:" + PORTS.get("GATEWAY_PORT");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();

    private volatile boolean failed;
    /** Stops the stack if the test JVM is terminated before {@code @AfterAll} (e.g. a CI timeout). */
    private final Thread stopOnExit = new Thread(() -> {
        try {
            runScript("down.sh", Duration.ofMinutes(1));
        } catch (Exception e) {
            System.err.println("[e2e] down.sh from the shutdown hook failed: " + e);
        }
    }, "e2e-stop-stack");
    private long suiteStartNanos;
    private String adminToken;
    private String enterpriseId;

    @RegisterExtension
    final TestWatcher watcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    // ------------------------------------------------------------------ lifecycle

    @BeforeAll
    void startStack() throws Exception {
        suiteStartNanos = System.nanoTime();
        if (Files.isDirectory(runDir.resolve("pids"))) {
            runScript("down.sh", Duration.ofMinutes(2)); // leftovers of an interrupted earlier run
        }
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            long t = System.nanoTime();
            int rc = runScript("up.sh", Duration.ofMinutes(6));
            log("up.sh finished with exit code %d after %.1f s", rc, seconds(t));
            assertEquals(0, rc, "deploy/local/up.sh failed (exit code " + rc + "); see its output above");
        } catch (Throwable e) {
            failed = true;
            throw e;
        }
    }

    @AfterAll
    void stopStack() throws Exception {
        if (failed) {
            printLogTails();
        }
        Map<String, Long> recorded = recordedPids();
        int rc = runScript("down.sh", Duration.ofMinutes(3));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; down.sh is safe to run twice
        }
        List<String> alive = new ArrayList<>();
        recorded.forEach((name, pid) -> {
            if (isAlive(pid)) {
                alive.add(name + " (pid " + pid + ")");
            }
        });
        log("e2e total %.1f s (stack start + tests + stop)", seconds(suiteStartNanos));
        assertEquals(0, rc, "deploy/local/down.sh failed");
        assertTrue(alive.isEmpty(), "still running after down.sh: " + alive);
    }

    // ------------------------------------------------------------------ the journey

    @Test
    @Order(1)
    void demoAdminLogsIn() throws Exception {
        adminToken = login("demo-admin", DEMO_PASSWORD);
    }

    @Test
    @Order(2)
    void registeredEnterpriseReachesActivityAndContentWithinFiveSeconds() throws Exception {
        String creditCode = randomCreditCode();
        String body = json.writeValueAsString(enterprise("E2E测试企业-" + creditCode.substring(10), creditCode));
        HttpResponse<String> created = send(post("/api/org/enterprises", body).header("Authorization", bearer(adminToken)));
        long createdAt = System.nanoTime();
        assertEquals(201, created.statusCode(), () -> "register enterprise: " + describe(created));
        JsonNode createdBody = json.readTree(created.body());
        // the contract: 201 with the enterprise's fields, including its id, at the top level (plus adminAccount)
        String id = createdBody.path("id").asString("");
        assertFalse(createdBody.path("adminAccount").isMissingNode(), "registration answer carries the admin account");
        assertFalse(id.isBlank(), () -> "201 without id: " + created.body());
        enterpriseId = id;
        log("enterprise %s registered (credit code %s)", enterpriseId, creditCode);

        Duration activity = awaitOk("/api/activity/tenants/" + enterpriseId, createdAt);
        Duration content = awaitOk("/api/content/tenants/" + enterpriseId, createdAt);
        log("tenant visible in activity-service after %d ms, content-service after %d ms",
                activity.toMillis(), content.toMillis());
        assertTrue(activity.compareTo(EVENT_DEADLINE) <= 0, "activity-service got the tenant after " + activity);
        assertTrue(content.compareTo(EVENT_DEADLINE) <= 0, "content-service got the tenant after " + content);
    }

    @Test
    @Order(3)
    void anotherTenantCannotSeeTheNewEnterprise() throws Exception {
        String id = requireEnterprise();
        String entToken = login("demo-ent01", DEMO_PASSWORD);
        HttpResponse<String> org = send(get("/api/org/enterprises/" + id).header("Authorization", bearer(entToken)));
        assertEquals(404, org.statusCode(), () -> "demo-ent01 reading another tenant's enterprise: " + describe(org));
        HttpResponse<String> act = send(get("/api/activity/tenants/" + id).header("Authorization", bearer(entToken)));
        assertEquals(404, act.statusCode(), () -> "demo-ent01 reading another tenant in activity: " + describe(act));
    }

    @Test
    @Order(4)
    void invalidCreditCodeIsAProblemNamingTheField() throws Exception {
        String valid = randomCreditCode();
        char last = valid.charAt(17);
        char wrong = CREDIT_CHARS.charAt((CREDIT_CHARS.indexOf(last) + 1) % CREDIT_CHARS.length());
        String invalid = valid.substring(0, 17) + wrong;
        String body = json.writeValueAsString(enterprise("E2E校验企业", invalid));
        HttpResponse<String> r = send(post("/api/org/enterprises", body).header("Authorization", bearer(adminToken)));
        assertEquals(400, r.statusCode(), () -> "invalid credit code: " + describe(r));
        assertProblem(r);
        List<String> fields = new ArrayList<>();
        json.readTree(r.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertTrue(fields.contains("creditCode"), () -> "errors[].field should name creditCode: " + r.body());
    }

    @Test
    @Order(5)
    void bodyOverOneMebibyteIsRejected() throws Exception {
        int size = 1024 * 1024 + 1;
        String prefix = "{\"name\":\"";
        String suffix = "\"}";
        String body = prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix;
        assertEquals(size, body.getBytes(StandardCharsets.UTF_8).length);
        // (no Expect: 100-continue: JDK 17's client can hang when the answer to it is a final status)
        HttpResponse<String> r;
        try {
            r = send(post("/api/org/enterprises", body).header("Authorization", bearer(adminToken)));
        } catch (IOException e) {
            // the gateway may answer and close before the whole body is written; the answer is what counts
            log("oversized body: %s; trying once more", e);
            r = send(post("/api/org/enterprises", body).header("Authorization", bearer(adminToken)));
        }
        HttpResponse<String> response = r;
        assertEquals(413, response.statusCode(), () -> "1 MiB + 1 byte body: " + describe(response));
    }

    @Test
    @Order(6)
    void noTokenIsUnauthorized() throws Exception {
        HttpResponse<String> r = send(get("/api/org/enterprises/" + requireEnterprise()));
        assertEquals(401, r.statusCode(), () -> "no token: " + describe(r));
    }

    @Test
    @Order(7)
    void crashedContentServiceAnswers503ProblemInTime() throws Exception {
        String id = requireEnterprise();
        long pid = recordedPids().getOrDefault("content-service", -1L);
        assertTrue(pid > 0, "no recorded pid for content-service in " + runDir.resolve("pids"));
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertTrue(handle.isPresent(), "content-service (pid " + pid + ") is not running");
        handle.get().destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        while (isAlive(pid) && seconds(killedAt) < 10) {
            Thread.sleep(50);
        }
        assertFalse(isAlive(pid), "content-service survived SIGKILL");
        log("content-service (pid %d) killed", pid);

        Duration limit = GATEWAY_RESPONSE_TIMEOUT.plus(SLACK);
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(get("/api/content/tenants/" + id)
                        .header("Authorization", bearer(adminToken))
                        .timeout(limit.plusSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        log("content route answered %d after %d ms with content-service down", r.statusCode(), took.toMillis());
        assertEquals(503, r.statusCode(), () -> "content-service down: " + describe(r));
        assertProblem(r);
        assertTrue(took.compareTo(limit) <= 0, "503 took " + took + ", limit " + limit);
    }

    // ------------------------------------------------------------------ helpers: HTTP

    private String login(String username, String password) throws Exception {
        String body = json.writeValueAsString(Map.of("username", username, "password", password));
        HttpResponse<String> r = send(post("/api/auth/login", body));
        assertEquals(200, r.statusCode(), () -> "login " + username + ": " + describe(r));
        JsonNode node = json.readTree(r.body());
        String token = node.path("accessToken").asString();
        assertFalse(token == null || token.isBlank(), () -> "login " + username + " without accessToken: " + r.body());
        assertEquals("Bearer", node.path("tokenType").asString(), "tokenType");
        return token;
    }

    private Duration awaitOk(String path, long sinceNanos) throws Exception {
        HttpResponse<String> last = null;
        while (seconds(sinceNanos) < EVENT_DEADLINE.toSeconds() + 10) {
            last = send(get(path).header("Authorization", bearer(adminToken)));
            if (last.statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            Thread.sleep(100);
        }
        HttpResponse<String> seen = last;
        fail("GET " + path + " never answered 200 within " + (EVENT_DEADLINE.toSeconds() + 10) + " s; last: "
                + (seen == null ? "none" : describe(seen)));
        return null;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private HttpRequest.Builder post(String path, String jsonBody) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void assertProblem(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith(PROBLEM_JSON), () -> "Content-Type should be " + PROBLEM_JSON + ": " + describe(r));
        JsonNode problem = json.readTree(r.body());
        assertEquals(r.statusCode(), problem.path("status").asInt(), () -> "problem status: " + r.body());
        assertFalse(problem.path("title").asString("").isBlank(), () -> "problem title: " + r.body());
    }

    private static String describe(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        if (body.length() > 800) {
            body = body.substring(0, 800) + "…";
        }
        return r.request().method() + " " + r.uri().getPath() + " → " + r.statusCode() + " "
                + r.headers().firstValue("Content-Type").orElse("") + " " + body;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private String requireEnterprise() {
        assertTrue(enterpriseId != null && !enterpriseId.isBlank(), "no enterprise was registered by the earlier step");
        return enterpriseId;
    }

    private static Map<String, Object> enterprise(String name, String creditCode) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("creditCode", creditCode);
        // registration resolves the location in the alliance: a district and street of the demo locations
        e.put("district", "浦东新区");
        e.put("street", "张江镇");
        e.put("industry", "信息传输、软件和信息技术服务业");
        e.put("staffCount", 120);
        e.put("type", "PRIVATE");
        return e;
    }

    /** A random, valid unified social credit code (GB 32100-2015): '9', '1', 6-digit region, 9 chars, check char. */
    static String randomCreditCode() {
        StringBuilder sb = new StringBuilder("91");
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        for (int i = 0; i < 9; i++) {
            sb.append(CREDIT_CHARS.charAt(RANDOM.nextInt(CREDIT_CHARS.length())));
        }
        sb.append(creditCheckChar(sb));
        return sb.toString();
    }

    static char creditCheckChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARS.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return CREDIT_CHARS.charAt((31 - sum % 31) % 31);
    }

    // ------------------------------------------------------------------ helpers: scripts, processes, logs

    private int runScript(String script, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("deploy/local").resolve(script).toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LM_") || PORTS.containsKey(k) || k.equals("MONGODB_URI")
                || k.equals("EUREKA_INSTANCE_HOSTNAME") || k.equals("LIANMENG_DEMO"));
        env.putAll(PORTS);
        env.put("LM_RUN_DIR", runDir.toString());
        env.put("LM_SKIP_BUILD", "1");
        env.put("NO_COLOR", "1");
        log("running deploy/local/%s (LM_RUN_DIR=%s)", script, runDir);
        Process p = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[" + script + "] " + line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "e2e-" + script);
        pump.setDaemon(true);
        pump.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            log("%s did not finish within %s; killed it", script, timeout);
            return -1;
        }
        pump.join(5000);
        return p.exitValue();
    }

    private Map<String, Long> recordedPids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path dir = runDir.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                String text = Files.readString(f).trim();
                if (text.matches("\\d+")) {
                    pids.put(f.getFileName().toString().replace(".pid", ""), Long.parseLong(text));
                }
            }
        }
        return pids;
    }

    /** Alive = exists and is not a zombie (a zombie has exited; it only waits for its parent to reap it). */
    private static boolean isAlive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isReadable(stat)) {
            try {
                String s = Files.readString(stat);
                int close = s.lastIndexOf(')');
                return close > 0 && s.length() > close + 2 && s.charAt(close + 2) != 'Z';
            } catch (IOException e) {
                return false; // vanished while reading
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void printLogTails() {
        Path logs = runDir.resolve("logs");
        System.out.println("======== e2e failed: tail of every log under " + logs + " ========");
        if (!Files.isDirectory(logs)) {
            System.out.println("(no log directory)");
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                int from = Math.max(0, lines.size() - 80);
                System.out.println("-------- " + f.getFileName() + " (last " + (lines.size() - from) + " of "
                        + lines.size() + " lines) --------");
                lines.subList(from, lines.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("(could not read logs: " + e + ")");
        }
        System.out.println("======== end of logs ========");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path findRoot() {
        String prop = System.getProperty("lianmeng.root");
        Path start = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/up.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (deploy/local/up.sh) from " + start);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("[e2e] " + String.format(format, args));
    }
}
