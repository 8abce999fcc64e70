import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop HTTP latency benchmark (single-file Java program, no dependencies).
 *
 * <p>Sends GET requests at a fixed rate for a duration, after a warm-up, and reports p50/p95/p99/max latency measured
 * from each request's scheduled start (so a stalled server is not hidden by a stalled client — no coordinated
 * omission). The URL may contain {@code {id}}, replaced per request by a random line of the ids file.
 *
 * <pre>
 * java deploy/bench/tools/HttpBench.java --name subtree --url 'http://127.0.0.1:8081/api/org/organisations/{id}/subtree?size=20' \
 *      --ids ids.txt --token-file token.txt --rate 50 --seconds 20 --warmup 5 [--target-p95 20] [--out results.md]
 * </pre>
 * Exit status 0 always (a benchmark reports; it does not gate the build). Non-2xx answers count as errors.
 */
public final class HttpBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String name = a.getOrDefault("name", "bench");
        String url = a.get("url");
        double rate = Double.parseDouble(a.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "5"));
        List<String> ids = a.containsKey("ids") ? Files.readAllLines(Path.of(a.get("ids"))).stream().filter(s -> !s.isBlank()).toList() : List.of("");
        String token = a.containsKey("token-file") ? Files.readString(Path.of(a.get("token-file"))).strip() : a.get("token");

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        run(client, url, ids, token, rate, warmup, null); // warm-up: JIT, connection pool, caches
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long wall = run(client, url, ids, token, rate, seconds, new Sink(latencies, errors));

        long[] ns = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        String row = String.format("| %s | %.0f/s | %d | %d | %s | %s | %s | %s |", name, ns.length / (wall / 1e9), ns.length, errors.get(),
                ms(pct(ns, 50)), ms(pct(ns, 95)), ms(pct(ns, 99)), ms(ns.length == 0 ? 0 : ns[ns.length - 1]));
        if (a.containsKey("target-p95")) {
            double target = Double.parseDouble(a.get("target-p95"));
            row += pct(ns, 95) / 1e6 <= target && errors.get() == 0 ? " ✔ p95 ≤ " + a.get("target-p95") + " ms |" : " ✘ target p95 ≤ " + a.get("target-p95") + " ms |";
        }
        System.out.println(row);
        if (a.containsKey("out")) {
            Files.writeString(Path.of(a.get("out")), row + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private record Sink(ConcurrentLinkedQueue<Long> latencies, AtomicInteger errors) {
    }

    private static long run(HttpClient client, String url, List<String> ids, String token, double rate, int seconds, Sink sink) throws InterruptedException {
        int total = (int) Math.max(1, Math.round(rate * seconds));
        long interval = (long) (1e9 / rate);
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replace("{id}", id))).timeout(Duration.ofSeconds(30)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                if (sink != null) {
                    if (err != null || resp.statusCode() / 100 != 2) {
                        sink.errors().incrementAndGet();
                    } else {
                        sink.latencies().add(System.nanoTime() - scheduled);
                    }
                }
                done.countDown();
            });
        }
        done.await();
        return System.nanoTime() - start;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static String ms(long ns) {
        return String.format("%.1f ms", ns / 1e6);
    }
}
