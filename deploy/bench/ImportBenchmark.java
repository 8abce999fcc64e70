import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Enterprise import benchmark (not a test): through the gateway of a running stack, creates a fresh alliance with its
 * administrator, regions, parks and buildings, generates a valid N-row workbook in the import template's shape,
 * uploads it to POST /api/org/enterprises/import while polling the import job's progress, then uploads it again
 * (which must import nothing). JDK only (java ImportBenchmark.java …), so it runs from a clean clone.
 *
 *   java deploy/bench/ImportBenchmark.java [gateway-url] [rows] [workbook-path]
 *   env LIANMENG_PLATFORM_ADMIN_PASSWORD (default Platform@2026, as deploy/local/up.sh sets it)
 *
 * Exit status 0 when every row was imported once and the re-upload imported none; the time is printed (target ≤ 30 s).
 */
public class ImportBenchmark {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    static final String[] HEADER = {"企业名称", "统一社会信用代码", "企业类型", "所属行业", "从业人数", "区", "街道", "社区", "园区", "楼宇",
            "正式党员人数", "联系人", "联系电话"};
    static final String[] TYPES = {"民营企业", "国有企业", "外资企业", "合资企业", "社会组织"};
    static final String[] INDUSTRIES = {"软件和信息技术服务业", "集成电路", "生物医药", "智能制造", "金融服务", "商务服务", "批发和零售", "文化创意"};
    static final String[] DISTRICTS = {"基准一区", "基准二区", "基准三区", "基准四区"};
    static final int STREETS = 4;
    static final int COMMUNITIES = 3;
    static final int PARKS = 6;
    static final int BUILDINGS_PER_PARK = 4;
    static final int LOOSE_BUILDINGS = 10;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0].replaceAll("/$", "") : "http://localhost:8080";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path out = Path.of(args.length > 2 ? args[2] : "deploy/bench/target/import-" + rows + ".xlsx");
        String platformPassword = System.getenv().getOrDefault("LIANMENG_PLATFORM_ADMIN_PASSWORD", "Platform@2026");
        long stamp = System.currentTimeMillis();

        log("gateway %s, %d rows, %d CPUs", base, rows, Runtime.getRuntime().availableProcessors());
        String platform = login("platform-admin", platformPassword);
        String code = "bench" + Long.toString(stamp, 36);
        String allianceId = field(send("POST", "/api/org/alliances", platform,
                "{\"name\":\"导入基准联盟-" + stamp + "\",\"code\":\"" + code + "\"}", 201), "id");
        String adminName = "bench-admin-" + Long.toString(stamp, 36);
        String initial = field(send("POST", "/api/org/alliances/" + allianceId + "/accounts", platform,
                "{\"username\":\"" + adminName + "\",\"role\":\"ALLIANCE_ADMIN\"}", 201), "initialPassword");
        String first = login(adminName, initial);
        send("POST", "/api/auth/password", first, "{\"oldPassword\":\"" + json(initial) + "\",\"newPassword\":\"Bench#2026x\"}", 204);
        String admin = login(adminName, "Bench#2026x");
        log("alliance %s (%s), administrator %s", code, allianceId, adminName);

        long t = System.nanoTime();
        for (String d : DISTRICTS) {
            String districtId = create(admin, "/api/org/regions", "{\"level\":\"DISTRICT\",\"name\":\"" + d + "\"}");
            for (int s = 1; s <= STREETS; s++) {
                String streetId = create(admin, "/api/org/regions",
                        "{\"level\":\"STREET\",\"name\":\"" + d + "街道" + s + "\",\"parentId\":\"" + districtId + "\"}");
                for (int c = 1; c <= COMMUNITIES; c++) {
                    create(admin, "/api/org/regions",
                            "{\"level\":\"COMMUNITY\",\"name\":\"" + d + "街道" + s + "社区" + c + "\",\"parentId\":\"" + streetId + "\"}");
                }
            }
        }
        for (int p = 1; p <= PARKS; p++) {
            String parkId = create(admin, "/api/org/parks", "{\"name\":\"基准园区" + p + "\"}");
            for (int b = 1; b <= BUILDINGS_PER_PARK; b++) {
                create(admin, "/api/org/buildings", "{\"name\":\"基准园区" + p + "楼宇" + b + "\",\"parkId\":\"" + parkId + "\"}");
            }
        }
        for (int b = 1; b <= LOOSE_BUILDINGS; b++) {
            create(admin, "/api/org/buildings", "{\"name\":\"基准独立楼宇" + b + "\"}");
        }
        log("%d regions, %d parks, %d buildings created in %.1f s", DISTRICTS.length * (1 + STREETS * (1 + COMMUNITIES)), PARKS,
                PARKS * BUILDINGS_PER_PARK + LOOSE_BUILDINGS, seconds(t));

        byte[] workbook = workbook(rows, stamp);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, workbook);
        log("workbook %s: %d rows, %.1f KiB", out, rows, workbook.length / 1024.0);

        Result firstRun = upload(admin, workbook, "first upload");
        Result again = upload(admin, workbook, "re-upload of the same file");

        boolean ok = firstRun.imported == rows && firstRun.rejected == 0 && again.imported == 0 && again.rejected == rows;
        System.out.println();
        System.out.printf("  %-44s %8s%n", "rows in the workbook", rows);
        System.out.printf("  %-44s %8.1f KiB%n", "workbook size", workbook.length / 1024.0);
        System.out.printf("  %-44s %8.1f s   %s target ≤ 30 s (imported %d, rejected %d)%n", "import through the gateway",
                firstRun.seconds, firstRun.seconds <= 30 && firstRun.imported == rows ? "✓" : "✗", firstRun.imported, firstRun.rejected);
        System.out.printf("  %-44s %8.1f s   imported %d, rejected %d %s%n", "re-upload (every row already registered)",
                again.seconds, again.imported, again.rejected, again.imported == 0 ? "✓" : "✗");
        System.out.printf("  %-44s %8d%n", "progress updates seen while it ran", firstRun.progressUpdates);
        System.exit(ok ? 0 : 1);
    }

    record Result(int imported, int rejected, double seconds, int progressUpdates) {
    }

    /** Uploads while a second thread polls the newest import job and prints its progress. */
    static Result upload(String token, byte[] workbook, String label) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        int[] updates = {0};
        Thread poller = new Thread(() -> {
            String last = "";
            while (running.get()) {
                try {
                    String body = send("GET", "/api/org/imports?size=1", token, null, 200);
                    String line = "status " + field(body, "status") + ", processed " + number(body, "processed") + "/" + number(body, "total")
                            + ", imported " + number(body, "imported") + ", rejected " + number(body, "rejected");
                    if (!line.equals(last) && body.contains("\"RUNNING\"")) {
                        log("  progress: %s", line);
                        updates[0]++;
                        last = line;
                    }
                    Thread.sleep(300);
                } catch (Exception | AssertionError e) {
                    // no job yet, or a transient failure: keep polling
                }
            }
        });
        poller.setDaemon(true);
        poller.start();
        String boundary = "----lianmeng" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"benchmark.xlsx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(workbook);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long t = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/org/enterprises/import"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = seconds(t);
        running.set(false);
        poller.join(2000);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(label + ": HTTP " + r.statusCode() + " " + r.body());
        }
        int imported = number(r.body(), "imported");
        int rejected = number(r.body(), "rejected");
        log("%s: imported %d, rejected %d in %.1f s (job %s)", label, imported, rejected, seconds, field(r.body(), "jobId"));
        return new Result(imported, rejected, seconds, updates[0]);
    }

    // ---- the workbook: a minimal .xlsx (inline strings), as any spreadsheet program can write it ----

    static byte[] workbook(int rows, long stamp) throws IOException {
        StringBuilder sheet = new StringBuilder(rows * 600);
        sheet.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
                .append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        row(sheet, 1, (Object[]) HEADER);
        String prefix = "9131" + String.format("%04d", stamp % 10_000) + "MA";
        for (int i = 0; i < rows; i++) {
            String district = DISTRICTS[i % DISTRICTS.length];
            int street = 1 + (i / DISTRICTS.length) % STREETS;
            int community = 1 + (i / (DISTRICTS.length * STREETS)) % COMMUNITIES;
            String streetName = district + "街道" + street;
            String park = null;
            String building = null;
            switch (i % 3) {
                case 0 -> building = "基准园区" + (1 + i % PARKS) + "楼宇" + (1 + i % BUILDINGS_PER_PARK); // the park comes with it
                case 1 -> park = "基准园区" + (1 + i % PARKS);
                default -> building = i % 6 == 2 ? "基准独立楼宇" + (1 + i % LOOSE_BUILDINGS) : null;
            }
            int staff = 5 + (i * 37) % 500;
            row(sheet, i + 2, "基准测试企业" + stamp % 100_000 + "-" + i + "有限公司", creditCode(prefix, stamp, i), TYPES[i % TYPES.length],
                    INDUSTRIES[i % INDUSTRIES.length], staff, district, streetName, i % 4 == 0 ? null : streetName + "社区" + community,
                    park, building, (i * 7) % (staff + 1) % 60, "联络员" + i, "138" + String.format("%08d", i));
        }
        sheet.append("</sheetData></worksheet>");
        String ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"" + ns + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"" + rel + "\">"
                    + "<sheets><sheet name=\"成员单位\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\""
                    + ns + "\"><Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        }
        return bytes.toByteArray();
    }

    static void row(StringBuilder sheet, int number, Object... values) {
        sheet.append("<row r=\"").append(number).append("\">");
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null) {
                continue;
            }
            String ref = (char) ('A' + c) + String.valueOf(number);
            if (v instanceof Number n) {
                sheet.append("<c r=\"").append(ref).append("\"><v>").append(n).append("</v></c>");
            } else {
                sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(xml(v.toString())).append("</t></is></c>");
            }
        }
        sheet.append("</row>");
    }

    static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A valid 统一社会信用代码, distinct per row and run. */
    static String creditCode(String prefix, long stamp, int i) {
        long v = stamp * 7_919L + i;
        StringBuilder s = new StringBuilder(prefix);
        for (int k = 0; k < 17 - prefix.length(); k++) {
            s.append(ALPHABET.charAt((int) (v % 31)));
            v /= 31;
        }
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += ALPHABET.indexOf(s.charAt(k)) * WEIGHTS[k];
        }
        return s.append(ALPHABET.charAt((31 - sum % 31) % 31)).toString();
    }

    // ---- HTTP and a little JSON ----

    static String login(String username, String password) throws Exception {
        return field(send("POST", "/api/auth/login", null, "{\"username\":\"" + json(username) + "\",\"password\":\"" + json(password) + "\"}", 200),
                "accessToken");
    }

    static String create(String token, String path, String body) throws Exception {
        return field(send("POST", path, token, body, 201), "id");
    }

    static String send(String method, String path, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + body);
        }
        return m.group(1);
    }

    static int number(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + body);
        }
        return Integer.parseInt(m.group(1));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
