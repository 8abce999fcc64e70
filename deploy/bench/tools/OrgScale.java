import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

/**
 * Data set of the organisation-scale benchmark (deploy/bench/org-scale.sh): sets up an alliance through the API
 * (platform admin → alliance + alliance admin → districts, streets, parks → a few enterprises registered through the
 * API, whose ENTERPRISE_ADMIN logins are used for the member queries), then bulk-inserts the generated rest directly
 * into the org-service database with insertMany batches, in the document shapes the services write
 * (EnterpriseService.newDocument, OrganisationService.create, MemberService.newDocument, MemberCounts'
 * organisation_member_index, optional). ID numbers are really encrypted with the service's personal-data key (the masked list
 * view decrypts them), so the read path does the same work as with imported members.
 *
 * <pre>
 * java -cp 'deploy/bench/target/lib/*' deploy/bench/tools/OrgScale.java &lt;gateway-url&gt; &lt;mongodb-uri-of-org-db&gt; &lt;pii-key-file&gt; &lt;out-dir&gt;
 * </pre>
 * Environment: BENCH_ENTERPRISES 20000, BENCH_ORGANISATIONS 60000, BENCH_MEMBERS 600000, BENCH_MEMBER_INDEX 0,
 * LIANMENG_PLATFORM_ADMIN_PASSWORD.
 * Writes to out-dir: token-enterprise.txt (the largest tenant's admin), token-alliance.txt, ids-orgs.txt (the largest
 * tenant's root and first-level organisations), ids-surnames.txt (URL-encoded name prefixes), ids-parks.txt, data.md.
 */
public final class OrgScale {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    // common surnames with rough frequencies (per mille), the rest spread over the tail
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
            "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡"};
    static final int[] SURNAME_WEIGHTS = {72, 72, 70, 55, 45, 31, 22, 22, 20, 18, 17, 15, 13, 12, 12, 11, 11, 10, 9, 9,
            8, 8, 8, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5};
    static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰斌波辉鹏宇浩然子轩雨欣梓涵晨阳思远嘉怡俊杰文博";
    static final String[] INDUSTRIES = {"软件和信息技术服务业", "制造业", "批发和零售业", "建筑业", "金融业", "科学研究和技术服务业", "租赁和商务服务业"};
    static final String[] TYPES = {"PRIVATE", "PRIVATE", "PRIVATE", "STATE_OWNED", "FOREIGN", "JOINT_VENTURE", "SOCIAL_ORG"};
    static final String[] DISTRICTS = {"基准东区", "基准西区", "基准南区", "基准北区"};
    static final int STREETS = 3;
    static final int PARKS = 6;
    static final int API_ENTERPRISES = 5;
    /** Organisations and members of the API-registered enterprises: the first is the large tenant that is measured. */
    static final int[] BIG_ORGS = {600, 200, 200, 200, 200};
    static final int[] BIG_MEMBERS = {20_000, 5_000, 5_000, 5_000, 5_000};
    static final int BATCH = 1_000;
    /**
     * Whether to write MemberCounts' organisation_member_index rows too (BENCH_MEMBER_INDEX=1). Off by default: no
     * measured query reads them (the organisations carry their memberCounts), and 600,000 more documents with their
     * index tries cost the in-memory stand-in about 1.5 GB of heap.
     */
    static final boolean MEMBER_INDEX = "1".equals(System.getenv("BENCH_MEMBER_INDEX"));

    static String base;
    static final Random RND = new Random(20260409L);

    record Place(String id, String name) {
    }

    record Street(Place district, Place street) {
    }

    record Ent(String id, String name, Street street, Place park) {
    }

    public static void main(String[] args) throws Exception {
        base = args[0].replaceAll("/$", "");
        String mongoUri = args[1];
        Path keyFile = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        int enterprises = intEnv("BENCH_ENTERPRISES", 20_000);
        int organisations = intEnv("BENCH_ORGANISATIONS", 60_000);
        int members = intEnv("BENCH_MEMBERS", 600_000);
        long stamp = System.currentTimeMillis();
        String tag = Long.toString(stamp, 36);

        // ------------------------------------------------------------ through the API
        long t = System.nanoTime();
        String platform = login("platform-admin", System.getenv().getOrDefault("LIANMENG_PLATFORM_ADMIN_PASSWORD", "Platform@2026"));
        String allianceId = field(send("POST", "/api/org/alliances", platform,
                "{\"name\":\"规模基准联盟-" + tag + "\",\"code\":\"scale" + tag + "\"}", 201), "id");
        String adminName = "scale-admin-" + tag;
        String alliance = firstLogin(adminName, field(send("POST", "/api/org/alliances/" + allianceId + "/accounts", platform,
                "{\"username\":\"" + adminName + "\",\"role\":\"ALLIANCE_ADMIN\"}", 201), "initialPassword"));
        List<Street> streets = new ArrayList<>();
        for (String d : DISTRICTS) {
            String districtId = create(alliance, "/api/org/regions", "{\"level\":\"DISTRICT\",\"name\":\"" + d + "\"}");
            for (int s = 1; s <= STREETS; s++) {
                String name = d + "街道" + s;
                String streetId = create(alliance, "/api/org/regions",
                        "{\"level\":\"STREET\",\"name\":\"" + name + "\",\"parentId\":\"" + districtId + "\"}");
                streets.add(new Street(new Place(districtId, d), new Place(streetId, name)));
            }
        }
        List<Place> parks = new ArrayList<>();
        for (int p = 1; p <= PARKS; p++) {
            String name = "规模基准园区" + p;
            parks.add(new Place(create(alliance, "/api/org/parks", "{\"name\":\"" + name + "\"}"), name));
        }
        List<Ent> apiEnterprises = new ArrayList<>();
        List<String> apiTokens = new ArrayList<>();
        for (int i = 0; i < API_ENTERPRISES; i++) {
            Street st = streets.get(i % streets.size());
            Place park = parks.get(i % parks.size());
            String name = "规模基准集团" + (i + 1) + "有限公司";
            String username = "scale-ent" + (i + 1) + "-" + tag;
            String body = send("POST", "/api/org/enterprises", alliance, "{\"name\":\"" + name + "\",\"creditCode\":\"" + creditCode("91", stamp, i)
                    + "\",\"district\":\"" + st.district().name() + "\",\"street\":\"" + st.street().name() + "\",\"industry\":\"制造业\","
                    + "\"staffCount\":50000,\"type\":\"STATE_OWNED\",\"park\":\"" + park.name() + "\",\"partyMemberCount\":" + BIG_MEMBERS[i]
                    + ",\"adminUsername\":\"" + username + "\"}", 201);
            apiEnterprises.add(new Ent(field(body, "id"), name, st, park));
            apiTokens.add(firstLogin(username, field(body, "initialPassword")));
        }
        log("API: alliance %s, %d streets, %d parks, %d enterprises with admin logins (%.1f s)", allianceId, streets.size(), parks.size(),
                API_ENTERPRISES, secs(t));

        // ------------------------------------------------------------ generated, straight into the org-service database
        PiiCipher cipher = new PiiCipher(Base64.getDecoder().decode(Files.readString(keyFile).strip()));
        int restEnterprises = enterprises - API_ENTERPRISES;
        int restOrgs = organisations - sum(BIG_ORGS);
        int restMembers = members - sum(BIG_MEMBERS);
        // about one enterprise in six without an organisation (coverage is not 100 %), the others skewed
        double[] w = new double[restEnterprises];
        for (int i = 0; i < w.length; i++) {
            w[i] = RND.nextInt(6) == 0 ? 0 : -Math.log(1 - RND.nextDouble()) + 0.2;
        }
        int[] orgsOf = split(restOrgs, w);
        double[] mw = new double[restEnterprises];
        for (int i = 0; i < mw.length; i++) {
            mw[i] = orgsOf[i] == 0 ? 0 : orgsOf[i] * (0.5 + RND.nextDouble());
        }
        int[] membersOf = split(restMembers, mw);

        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase db = client.getDatabase(new com.mongodb.ConnectionString(mongoUri).getDatabase());
            Writer writer = new Writer(db);
            t = System.nanoTime();
            Date now = new Date();
            List<String> measuredOrgs = new ArrayList<>();
            for (int i = 0; i < enterprises; i++) {
                Ent e;
                int nOrgs;
                int nMembers;
                if (i < API_ENTERPRISES) {
                    e = apiEnterprises.get(i);
                    nOrgs = BIG_ORGS[i];
                    nMembers = BIG_MEMBERS[i];
                } else {
                    int k = i - API_ENTERPRISES;
                    Street st = streets.get(k % streets.size());
                    Place park = k % 3 == 0 ? parks.get(k % parks.size()) : null;
                    e = new Ent(new ObjectId().toHexString(), String.format("规模基准企业%05d有限公司", k + 1), st, park);
                    writer.add("enterprises", enterprise(allianceId, e, creditCode("92", stamp, k), orgsOf[k], membersOf[k], now));
                    nOrgs = orgsOf[k];
                    nMembers = membersOf[k];
                }
                List<String> firstLevel = tree(writer, cipher, allianceId, e, nOrgs, nMembers, now);
                if (i == 0) {
                    measuredOrgs.addAll(firstLevel);
                }
                if ((i + 1) % 2000 == 0) {
                    log("  %d/%d enterprises generated and written (%.1f s, %d documents)", i + 1, enterprises, secs(t), writer.written);
                }
            }
            writer.flush();
            double insertSecs = secs(t);
            log("inserted %d enterprises, %d organisations, %d members (+ %d member index rows) in %.1f s", writer.count("enterprises") + API_ENTERPRISES,
                    writer.count("organisations"), writer.count("members"), writer.count("organisation_member_index"), insertSecs);

            Files.writeString(out.resolve("token-enterprise.txt"), apiTokens.get(0));
            Files.writeString(out.resolve("token-alliance.txt"), alliance);
            Files.write(out.resolve("ids-orgs.txt"), measuredOrgs);
            List<String> prefixes = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                prefixes.add(URLEncoder.encode(SURNAMES[s], StandardCharsets.UTF_8));
            }
            Files.write(out.resolve("ids-surnames.txt"), prefixes);
            Files.write(out.resolve("ids-parks.txt"), parks.stream().map(Place::id).toList());
            Files.writeString(out.resolve("data.md"), String.format("Data set: alliance `%s`, %,d enterprises (%d registered through the API), "
                            + "%,d organisations, %,d members; measured tenant `%s` (%s) with %,d organisations and %,d members; "
                            + "bulk insert %.1f s after the services had created their indexes.%n",
                    allianceId, enterprises, API_ENTERPRISES, organisations, members, apiEnterprises.get(0).id(), apiEnterprises.get(0).name(),
                    BIG_ORGS[0], BIG_MEMBERS[0], insertSecs));
        }
    }

    // ---------------------------------------------------------------- documents

    static Document enterprise(String allianceId, Ent e, String creditCode, int orgs, int members, Date now) {
        return new Document("_id", e.id()).append("allianceId", allianceId).append("tenantId", e.id())
                .append("name", e.name()).append("creditCode", creditCode).append("type", TYPES[RND.nextInt(TYPES.length)])
                .append("industry", INDUSTRIES[RND.nextInt(INDUSTRIES.length)]).append("staffCount", 20 + members * (5 + RND.nextInt(20)))
                .append("operatingStatus", RND.nextInt(40) == 0 ? "SHELL" : "OPERATING")
                .append("districtId", e.street().district().id()).append("district", e.street().district().name())
                .append("streetId", e.street().street().id()).append("street", e.street().street().name())
                .append("communityId", null).append("community", null)
                .append("parkId", e.park() == null ? null : e.park().id()).append("park", e.park() == null ? null : e.park().name())
                .append("buildingId", null).append("building", null)
                .append("contactName", name()).append("contactPhone", phone())
                .append("partyMemberCount", members)
                .append("status", "ACTIVE").append("instructorAccountId", null).append("instructorName", null)
                .append("source", "IMPORT").append("importJobId", "org-scale-benchmark")
                .append("version", 1L).append("createdAt", now).append("updatedAt", now).append("createdBy", "org-scale-benchmark");
    }

    /**
     * One enterprise's tree and members: 1 organisation → a branch; up to 9 → a general branch with branches;
     * more → a committee, general branches below it, branches below those (and groups under some branches in large
     * trees). Members are spread over the non-group organisations; the first member of an organisation with terms
     * is its secretary. Answers the root and the first-level organisation ids.
     */
    static List<String> tree(Writer writer, PiiCipher cipher, String allianceId, Ent e, int n, int nMembers, Date now) {
        List<String> measured = new ArrayList<>();
        if (n == 0) {
            return measured;
        }
        List<Document> orgs = new ArrayList<>(n);
        String treeKey = allianceId + "|ENTERPRISE|" + e.id();
        String rootKind = n == 1 ? "BRANCH" : n < 10 ? "GENERAL_BRANCH" : "COMMITTEE";
        Document root = org(allianceId, e, treeKey, null, rootKind, e.name().replace("有限公司", "") + (n == 1 ? "党支部" : n < 10 ? "党总支" : "党委"), now);
        orgs.add(root);
        measured.add(root.getString("_id"));
        if (n >= 10) {
            int generals = Math.max(2, (int) Math.round(Math.sqrt(n) / 1.5));
            int groups = n >= 100 ? (n - 1 - generals) / 5 : 0;
            int branches = n - 1 - generals - groups;
            List<Document> gs = new ArrayList<>();
            for (int g = 0; g < generals; g++) {
                Document d = org(allianceId, e, treeKey, root, "GENERAL_BRANCH", "第" + (g + 1) + "党总支", now);
                gs.add(d);
                orgs.add(d);
                measured.add(d.getString("_id"));
            }
            List<Document> bs = new ArrayList<>();
            for (int b = 0; b < branches; b++) {
                Document parent = gs.get(b % generals);
                Document d = org(allianceId, e, treeKey, parent, "BRANCH", "第" + (b / generals + 1) + "党支部", now);
                bs.add(d);
                orgs.add(d);
            }
            for (int g = 0; g < groups; g++) {
                Document parent = bs.get(g % bs.size());
                orgs.add(org(allianceId, e, treeKey, parent, "GROUP", "第" + (g / bs.size() + 1) + "党小组", now));
            }
        } else {
            for (int b = 1; b < n; b++) {
                orgs.add(org(allianceId, e, treeKey, root, "BRANCH", "第" + b + "党支部", now));
            }
        }
        List<Document> homes = orgs.stream().filter(o -> !"GROUP".equals(o.getString("kind"))).toList();
        int[] full = new int[orgs.size()];
        int[] probationary = new int[orgs.size()];
        List<Document> memberDocs = new ArrayList<>(nMembers);
        for (int m = 0; m < nMembers; m++) {
            Document home = homes.get(m < homes.size() ? m : RND.nextInt(homes.size()));
            Document member = member(cipher, allianceId, e, home, now);
            int idx = orgs.indexOf(home);
            if ("FULL".equals(member.getString("status"))) {
                full[idx]++;
            } else {
                probationary[idx]++;
            }
            if (m < homes.size() && !"GROUP".equals(home.getString("kind"))) {
                home.put("officers", List.of(new Document("memberId", member.getString("_id")).append("name", member.getString("name"))
                        .append("role", "SECRETARY").append("since", home.getString("termStart")).append("active", true)));
                member.put("officerRoles", List.of(new Document("orgId", home.getString("_id")).append("role", "SECRETARY")));
            }
            memberDocs.add(member);
        }
        for (int i = 0; i < orgs.size(); i++) {
            orgs.get(i).put("memberCounts", new Document("full", full[i]).append("probationary", probationary[i]).append("total", full[i] + probationary[i])
                    .append("updatedAt", now));
            writer.add("organisations", orgs.get(i));
        }
        for (Document m : memberDocs) {
            writer.add("members", m);
            if (!MEMBER_INDEX) {
                continue;
            }
            writer.add("organisation_member_index", new Document("_id", m.getString("_id")).append("allianceId", allianceId)
                    .append("tenantId", e.id()).append("enterpriseId", e.id()).append("orgId", m.getString("orgId"))
                    .append("status", m.getString("status")).append("active", true).append("updatedAt", now).append("version", 1L));
        }
        return measured;
    }

    static Document org(String allianceId, Ent e, String treeKey, Document parent, String kind, String name, Date now) {
        List<String> ancestors = new ArrayList<>();
        if (parent != null) {
            ancestors.addAll(parent.getList("ancestors", String.class));
            ancestors.add(parent.getString("_id"));
        }
        String parentId = parent == null ? null : parent.getString("_id");
        boolean terms = !"GROUP".equals(kind);
        LocalDate start = LocalDate.of(2021, 1, 1).plusDays(RND.nextInt(1500));
        LocalDate end = start.plusYears("COMMITTEE".equals(kind) ? 5 : 3);
        return new Document("_id", new ObjectId().toHexString()).append("allianceId", allianceId).append("tenantId", e.id())
                .append("ownerType", "ENTERPRISE").append("ownerId", e.id())
                .append("name", name).append("nameKey", treeKey + "|" + (parentId == null ? "-" : parentId) + "|" + name)
                .append("kind", kind).append("formation", "SINGLE")
                .append("parentId", parentId).append("ancestors", ancestors).append("depth", ancestors.size())
                .append("coveredEnterpriseIds", List.of(e.id()))
                .append("parkIds", e.park() == null ? List.of() : List.of(e.park().id())).append("buildingIds", List.of())
                .append("officers", List.of())
                .append("termStart", terms ? start.toString() : null).append("termEnd", terms ? end.toString() : null)
                .append("termHistory", List.of())
                .append("memberCounts", new Document("full", 0).append("probationary", 0).append("total", 0))
                .append("status", "ACTIVE")
                .append("version", 1L).append("createdAt", now).append("updatedAt", now).append("createdBy", "org-scale-benchmark");
    }

    static Document member(PiiCipher cipher, String allianceId, Ent e, Document org, Date now) {
        String id = new ObjectId().toHexString();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(RND.nextInt(365 * 45));
        String idNumber = idNumber(birth);
        boolean probationary = RND.nextInt(20) == 0;
        LocalDate join = probationary ? LocalDate.of(2025, 6, 1).plusDays(RND.nextInt(300)) : birth.plusYears(20).plusDays(RND.nextInt(3000));
        List<String> flags = RND.nextInt(50) == 0 ? List.of("MOBILE") : List.of();
        List<String> orgAncestors = org.getList("ancestors", String.class);
        return new Document("_id", id)
                .append("allianceId", allianceId).append("tenantId", e.id()).append("enterpriseId", e.id())
                .append("orgId", org.getString("_id")).append("orgName", org.getString("name")).append("orgAncestors", orgAncestors)
                .append("orgPath", java.util.stream.Stream.concat(orgAncestors.stream(), java.util.stream.Stream.of(org.getString("_id"))).toList())
                .append("name", name()).append("gender", RND.nextBoolean() ? "MALE" : "FEMALE")
                .append("birthYear", birth.getYear())
                .append("idNumberCipher", cipher.encrypt("member:" + id + ":idNumber", idNumber))
                .append("idNumberHash", cipher.blindIndex(allianceId, idNumber))
                .append("phone", phone()).append("joinDate", join.toString()).append("status", probationary ? "PROBATIONARY" : "FULL")
                .append("probationEndDate", probationary ? join.plusYears(1).toString() : null)
                .append("flags", flags)
                .append("mobileSince", flags.isEmpty() ? null : LocalDate.of(2024, 1, 1).plusDays(RND.nextInt(600)).toString())
                .append("officerRoles", List.of())
                .append("accountId", null).append("username", null).append("accountStatus", "NONE")
                .append("active", true).append("version", 1L)
                .append("createdAt", now).append("updatedAt", now).append("createdBy", "org-scale-benchmark").append("source", "import");
    }

    static String name() {
        int total = 0;
        for (int w : SURNAME_WEIGHTS) {
            total += w;
        }
        int r = RND.nextInt(total + 150); // + the tail of rarer surnames, drawn from the given-name characters
        String surname = null;
        for (int i = 0; i < SURNAMES.length; i++) {
            if (r < SURNAME_WEIGHTS[i]) {
                surname = SURNAMES[i];
                break;
            }
            r -= SURNAME_WEIGHTS[i];
        }
        if (surname == null) {
            int k = RND.nextInt(8);
            surname = "欧阳司马上官诸葛东方皇甫慕容尉迟".substring(2 * k, 2 * k + 2);
        }
        StringBuilder s = new StringBuilder(surname).append(GIVEN.charAt(RND.nextInt(GIVEN.length())));
        if (RND.nextInt(3) != 0) {
            s.append(GIVEN.charAt(RND.nextInt(GIVEN.length())));
        }
        return s.toString();
    }

    static String phone() {
        return "13" + (RND.nextInt(10)) + String.format("%08d", RND.nextInt(100_000_000));
    }

    static long idSeq;

    /** A valid 18-digit resident ID number (region, birth date, sequence, ISO 7064 check digit), distinct per call. */
    static String idNumber(LocalDate birth) {
        long seq = idSeq++;
        String region = String.format("%06d", 110101 + (int) (seq / 1000) % 800_000);
        String body = region + birth.toString().replace("-", "") + String.format("%03d", seq % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A 统一社会信用代码 with a valid check character, distinct per index and run. */
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

    /** Splits {@code total} into integer parts proportional to the weights, summing exactly to {@code total}. */
    static int[] split(int total, double[] weights) {
        double all = 0;
        for (double w : weights) {
            all += w;
        }
        int[] parts = new int[weights.length];
        double acc = 0;
        long before = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            long upTo = Math.round(total * acc / all);
            parts[i] = (int) (upTo - before);
            before = upTo;
        }
        return parts;
    }

    static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    // ---------------------------------------------------------------- bulk writes

    /** Buffers documents per collection and writes them with unordered insertMany batches, a few batches in flight. */
    static final class Writer {
        final MongoDatabase db;
        final java.util.Map<String, List<Document>> buffers = new java.util.LinkedHashMap<>();
        final java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        long written;

        Writer(MongoDatabase db) {
            this.db = db;
        }

        void add(String collection, Document doc) {
            List<Document> buf = buffers.computeIfAbsent(collection, c -> new ArrayList<>(BATCH));
            buf.add(doc);
            counts.merge(collection, 1, Integer::sum);
            if (buf.size() >= BATCH) {
                write(collection, buf);
                buffers.put(collection, new ArrayList<>(BATCH));
            }
        }

        void write(String collection, List<Document> docs) {
            MongoCollection<Document> c = db.getCollection(collection);
            Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false))).block(Duration.ofMinutes(5));
            written += docs.size();
        }

        void flush() {
            buffers.forEach((c, buf) -> {
                if (!buf.isEmpty()) {
                    write(c, buf);
                }
            });
            buffers.clear();
        }

        int count(String collection) {
            return counts.getOrDefault(collection, 0);
        }
    }

    /** The same AES-256-GCM encryption and blind index as org-service's PersonalDataCipher, from the same master key. */
    static final class PiiCipher {
        final SecretKeySpec encryptionKey;
        final SecretKeySpec indexKey;
        final SecureRandom random = new SecureRandom();

        PiiCipher(byte[] master) throws Exception {
            encryptionKey = new SecretKeySpec(derive(master, "lianmeng/pii/aes-gcm/v1"), "AES");
            indexKey = new SecretKeySpec(derive(master, "lianmeng/pii/blind-index/v1"), "HmacSHA256");
        }

        static byte[] derive(byte[] master, String label) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        }

        String encrypt(String context, String plaintext) {
            try {
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
                return "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String blindIndex(String allianceId, String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                mac.update(allianceId.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
                return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------- HTTP and a little JSON

    static String firstLogin(String username, String initial) throws Exception {
        String first = login(username, initial);
        send("POST", "/api/auth/password", first, "{\"oldPassword\":\"" + json(initial) + "\",\"newPassword\":\"Scale#2026x\"}", 204);
        return login(username, "Scale#2026x");
    }

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

    static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[org-scale] " + format + "%n", args);
    }
}
