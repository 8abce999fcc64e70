package cn.lianmeng.org.security;

import static cn.lianmeng.platform.security.Role.ALLIANCE_ADMIN;
import static cn.lianmeng.platform.security.Role.AUDITOR;
import static cn.lianmeng.platform.security.Role.DISTRICT_STAFF;
import static cn.lianmeng.platform.security.Role.ENTERPRISE_ADMIN;
import static cn.lianmeng.platform.security.Role.MEMBER;
import static cn.lianmeng.platform.security.Role.ORG_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.org.member.MemberFixtures;
import cn.lianmeng.org.spreadsheet.Workbooks;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every org-service endpoint that takes an object id, called by every role from <em>outside</em> the object's
 * tenant (or alliance), must deny and must leave the object unchanged (issue 3, "Bad input and safety").
 * <p>
 * <b>Objects.</b> Alliance A holds tenants T1 and T2, alliance B holds tenant T3; each tenant has a committee, a branch
 * and a member registered through the members API. T1 (located in the park 张江科学城) additionally has a second
 * branch and a pending transfer between its branches; alliance A has its locations, a district staff account, an
 * onboarding application and an import job. Every call targets an object of T1 or of alliance A.
 * <p>
 * <b>Callers</b> ({@link Who}): the ALLIANCE_ADMIN of B, the ENTERPRISE_ADMIN of T3 (B), the ENTERPRISE_ADMIN,
 * ORG_ADMIN and MEMBER of T2 (A), a DISTRICT_STAFF of A assigned to another park (漕河泾开发区), and the AUDITOR of A.
 * <p>
 * <b>The rule</b> (DESIGN §2 and the house rules, as the services implement it) for one cell:
 * <ol>
 *     <li>a role that may never use the endpoint is refused with <b>403</b> before the object is looked up
 *     ({@link Order#GATE_FIRST}: the service checks the role first), or only after the lookup, when the service
 *     looks the object up in the caller's scope first ({@link Order#SCOPE_FIRST}: then a caller outside the scope
 *     gets 404, one inside it 403);</li>
 *     <li>an object outside the caller's scope (another tenant, another alliance, an enterprise outside the staff's
 *     parks) is <b>404</b>, exactly as an unknown id — the answer never tells that the object exists;</li>
 *     <li>an object inside the caller's scope that the role may not change is <b>403</b> (the object-level checks:
 *     an alliance administrator does not maintain an enterprise's organisation, only the receiving side confirms a
 *     transfer, …);</li>
 *     <li>members and transfers ({@link Order#HIDDEN}) are looked up through the caller's read filter (the
 *     people the caller may see, either side of a transfer), so every caller who is not among the object's readers —
 *     the auditor and district staff included — gets <b>404</b>, as the member and transfer tests specify; their
 *     lists answer 403 to such roles;</li>
 *     <li>the only cells allowed to answer 2xx are reads of alliance-wide catalogue objects (regions, parks,
 *     buildings, the alliance itself) by roles of the same alliance, which DESIGN grants every role; they are listed
 *     as {@code ALLOWED} so that the table is complete.</li>
 * </ol>
 * A 5xx is never acceptable. After every call the object is re-read as its owner and its {@code version} (or, for
 * objects without one, its whole representation) must be unchanged.
 */
@OrgIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTenantMatrixIntegrationTest {


    @Autowired
    WebTestClient client;
    @Autowired
    MongoAccess mongo;
    @Autowired
    TokenIssuer tokenIssuer;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EmbeddedKafkaBroker broker;

    private WebTestClient web;
    private Fixture fx;
    private final Map<String, Map<Who, String>> report = new ConcurrentSkipListMap<>();

    // ------------------------------------------------------------------------------------------ callers

    /** The callers of the matrix, all outside T1 (and, for the first two, outside alliance A). */
    enum Who {
        ALLIANCE_ADMIN_OF_B(ALLIANCE_ADMIN, false),
        ENTERPRISE_ADMIN_OF_T3(ENTERPRISE_ADMIN, false),
        ENTERPRISE_ADMIN_OF_T2(ENTERPRISE_ADMIN, true),
        ORG_ADMIN_OF_T2(ORG_ADMIN, true),
        MEMBER_OF_T2(MEMBER, true),
        DISTRICT_STAFF_OTHER_PARK(DISTRICT_STAFF, true),
        AUDITOR_OF_A(AUDITOR, true);

        final Role role;
        final boolean allianceA;

        Who(Role role, boolean allianceA) {
            this.role = role;
            this.allianceA = allianceA;
        }

        /** Whether an object of the given kind lies within this caller's scope (Scope.of). */
        boolean sees(Owner owner) {
            if (!allianceA) {
                return false;
            }
            return switch (owner) {
                case ALLIANCE -> true;
                // tenant-owned documents of T1: the alliance-wide roles of A only (T1 is not in the staff's park)
                case TENANT_T1 -> role == AUDITOR;
            };
        }
    }

    /** Who owns the target object. */
    enum Owner {
        /** Tenant-owned documents of T1 (enterprise, organisations, members, transfers). */
        TENANT_T1,
        /** Documents owned by alliance A as a whole (locations, staff, applications, import jobs, the alliance). */
        ALLIANCE
    }

    /** Whether the service checks the role before or after looking the object up in the caller's scope. */
    enum Order {
        GATE_FIRST,
        SCOPE_FIRST,
        /** Members and transfers: a caller who is not one of the object's readers sees nothing of it: 404 whatever the role. */
        HIDDEN
    }

    // ------------------------------------------------------------------------------------------ the table

    /** The object a call targets, how the owner re-reads it, and its current version. */
    enum Target {
        ENTERPRISE, ORGANISATION, BRANCH, MEMBER_T1, TRANSFER, APPLICATION, IMPORT_JOB, REGION, PARK, BUILDING, STAFF, ALLIANCE_A,
        ADMIN_ACCOUNT
    }

    record Endpoint(String name, HttpMethod method, String path, Target target, Owner owner, Set<Role> may, Order order,
                    BiFunction<Fixture, Long, Object> body) {

        String expected(Who who) {
            if (order == Order.HIDDEN) {
                return "404";
            }
            boolean gated = !may.contains(who.role);
            boolean inScope = who.sees(owner);
            if (gated && (order == Order.GATE_FIRST || inScope)) {
                return "403";
            }
            if (!inScope) {
                return "404";
            }
            return method == HttpMethod.GET ? "ALLOWED" : "403";
        }
    }

    private static final Set<Role> ANY = EnumSet.allOf(Role.class);
    private static final Set<Role> AA = EnumSet.of(ALLIANCE_ADMIN);
    private static final Set<Role> AA_EA = EnumSet.of(ALLIANCE_ADMIN, ENTERPRISE_ADMIN);
    private static final Set<Role> ENTERPRISE_READERS = EnumSet.of(ALLIANCE_ADMIN, ENTERPRISE_ADMIN, DISTRICT_STAFF);
    private static final Set<Role> ORG_READERS = EnumSet.of(ALLIANCE_ADMIN, ENTERPRISE_ADMIN, ORG_ADMIN, DISTRICT_STAFF);
    private static final Set<Role> ORG_MANAGERS = EnumSet.of(ALLIANCE_ADMIN, ENTERPRISE_ADMIN, ORG_ADMIN);
    private static final Set<Role> MEMBER_READERS = EnumSet.of(ALLIANCE_ADMIN, ENTERPRISE_ADMIN, ORG_ADMIN, DISTRICT_STAFF, MEMBER);
    private static final Set<Role> NONE = EnumSet.noneOf(Role.class);

    private static Endpoint e(String name, HttpMethod method, String path, Target target, Owner owner, Set<Role> may, Order order,
                              BiFunction<Fixture, Long, Object> body) {
        return new Endpoint(name, method, path, target, owner, may, order, body);
    }

    private static Endpoint get(String path, Target target, Owner owner, Set<Role> may, Order order) {
        return e("GET " + path, HttpMethod.GET, path, target, owner, may, order, null);
    }

    private static Endpoint write(HttpMethod method, String path, Target target, Owner owner, Set<Role> may, Order order,
                                  BiFunction<Fixture, Long, Object> body) {
        return e(method.name() + " " + path, method, path, target, owner, may, order, body);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i].toString(), pairs[i + 1]);
        }
        return m;
    }

    static List<Endpoint> endpoints() {
        HttpMethod post = HttpMethod.POST;
        HttpMethod put = HttpMethod.PUT;
        Owner t1 = Owner.TENANT_T1;
        Owner a = Owner.ALLIANCE;
        Order gate = Order.GATE_FIRST;
        Order scope = Order.SCOPE_FIRST;
        List<Endpoint> list = new ArrayList<>();
        // enterprises
        list.add(get("/api/org/enterprises/{enterprise}", Target.ENTERPRISE, t1, ENTERPRISE_READERS, gate));
        list.add(write(put, "/api/org/enterprises/{enterprise}", Target.ENTERPRISE, t1, AA_EA, gate, (f, v) -> {
            Map<String, Object> body = new HashMap<>(Api.enterprise("被篡改的公司", Api.newCreditCode()));
            body.remove("creditCode");
            body.put("version", v);
            return body;
        }));
        list.add(write(post, "/api/org/enterprises/{enterprise}/suspend", Target.ENTERPRISE, t1, AA, gate, (f, v) -> map("reason", "越权停用")));
        list.add(write(post, "/api/org/enterprises/{enterprise}/reactivate", Target.ENTERPRISE, t1, AA, gate, (f, v) -> map("reason", "越权恢复")));
        list.add(write(post, "/api/org/enterprises/{enterprise}/leave", Target.ENTERPRISE, t1, AA, gate, (f, v) -> map("reason", "越权退出")));
        list.add(write(put, "/api/org/enterprises/{enterprise}/instructor", Target.ENTERPRISE, t1, AA, gate,
                (f, v) -> map("accountId", f.caller == Who.ALLIANCE_ADMIN_OF_B ? f.staffB : f.staffA, "version", v)));
        list.add(e("DELETE /api/org/enterprises/{enterprise}/instructor", HttpMethod.DELETE, "/api/org/enterprises/{enterprise}/instructor?version={version}",
                Target.ENTERPRISE, t1, AA, gate, null));
        list.add(write(post, "/api/org/enterprises/{enterprise}/admin-account", Target.ENTERPRISE, t1, AA, gate,
                (f, v) -> map("adminUsername", "intruder-" + System.nanoTime())));
        list.add(write(post, "/api/org/accounts/{adminAccount}/unlock", Target.ADMIN_ACCOUNT, t1, AA_EA, gate, (f, v) -> map()));
        // onboarding applications and import jobs
        list.add(get("/api/org/onboarding/applications/{application}", Target.APPLICATION, a, AA, gate));
        list.add(write(post, "/api/org/onboarding/applications/{application}/approve", Target.APPLICATION, a, AA, gate,
                (f, v) -> map("version", v)));
        list.add(write(post, "/api/org/onboarding/applications/{application}/reject", Target.APPLICATION, a, AA, gate,
                (f, v) -> map("version", v, "reason", "越权驳回")));
        list.add(get("/api/org/imports/{importJob}", Target.IMPORT_JOB, a, AA, gate));
        list.add(get("/api/org/imports/{importJob}/errors", Target.IMPORT_JOB, a, AA, gate));
        // regions, parks, buildings
        list.add(get("/api/org/regions/{region}", Target.REGION, a, ANY, gate));
        list.add(write(put, "/api/org/regions/{region}", Target.REGION, a, AA, gate, (f, v) -> map("version", v, "name", "被篡改区")));
        list.add(get("/api/org/parks/{park}", Target.PARK, a, ANY, gate));
        list.add(write(put, "/api/org/parks/{park}", Target.PARK, a, AA, gate, (f, v) -> map("version", v, "name", "被篡改园区")));
        list.add(get("/api/org/buildings/{building}", Target.BUILDING, a, ANY, gate));
        list.add(write(put, "/api/org/buildings/{building}", Target.BUILDING, a, AA, gate, (f, v) -> map("version", v, "name", "被篡改楼宇")));
        // district staff
        list.add(get("/api/org/staff/{staff}", Target.STAFF, a, AA, gate));
        list.add(write(put, "/api/org/staff/{staff}/assignments", Target.STAFF, a, AA, gate,
                (f, v) -> map("version", v, "parkIds", List.of(), "buildingIds", List.of())));
        list.add(get("/api/org/staff/{staff}/assignments/history", Target.STAFF, a, AA, gate));
        list.add(write(post, "/api/org/staff/{staff}/disable", Target.STAFF, a, AA, gate, (f, v) -> map("reason", "越权停用")));
        list.add(write(post, "/api/org/staff/{staff}/enable", Target.STAFF, a, AA, gate, (f, v) -> map("reason", "越权启用")));
        // organisations
        list.add(get("/api/org/organisations/{organisation}", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(get("/api/org/organisations/{organisation}/subtree", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(get("/api/org/organisations/{organisation}/ancestors", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(get("/api/org/organisations/{organisation}/warnings", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(get("/api/org/organisations/{organisation}/admins", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(get("/api/org/organisations/{organisation}/activity-status", Target.ORGANISATION, t1, ORG_READERS, gate));
        list.add(write(put, "/api/org/organisations/{organisation}", Target.ORGANISATION, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "name", "被篡改党委")));
        list.add(write(post, "/api/org/organisations/{branch}/move", Target.BRANCH, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "parentId", null)));
        list.add(write(post, "/api/org/organisations/{branch}/dissolve", Target.BRANCH, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "reason", "越权撤销")));
        list.add(write(put, "/api/org/organisations/{organisation}/covered-enterprises", Target.ORGANISATION, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "coveredEnterpriseIds", List.of(f.t1))));
        list.add(write(put, "/api/org/organisations/{organisation}/officers", Target.ORGANISATION, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "officers", List.of())));
        list.add(write(post, "/api/org/organisations/{organisation}/term-renewal", Target.ORGANISATION, t1, ORG_READERS, gate,
                (f, v) -> map("version", v, "termStart", "2026-01-01")));
        list.add(write(post, "/api/org/organisations/{organisation}/admins", Target.ORGANISATION, t1, EnumSet.of(ENTERPRISE_ADMIN), gate,
                (f, v) -> map("username", "intruder-" + System.nanoTime(), "name", "冒名者")));
        // members
        list.add(get("/api/org/members/{member}", Target.MEMBER_T1, t1, MEMBER_READERS, Order.HIDDEN));
        list.add(get("/api/org/members/{member}?reveal=true", Target.MEMBER_T1, t1, MEMBER_READERS, Order.HIDDEN));
        list.add(write(put, "/api/org/members/{member}", Target.MEMBER_T1, t1, MEMBER_READERS, Order.HIDDEN,
                (f, v) -> map("version", v, "name", "被篡改")));
        list.add(write(post, "/api/org/members/{member}/leave", Target.MEMBER_T1, t1, MEMBER_READERS, Order.HIDDEN,
                (f, v) -> map("reason", "越权出党")));
        list.add(write(post, "/api/org/members/{member}/account", Target.MEMBER_T1, t1, MEMBER_READERS, Order.HIDDEN,
                (f, v) -> map("username", "intruder-" + System.nanoTime())));
        // transfers
        list.add(get("/api/org/transfers/{transfer}", Target.TRANSFER, t1, ORG_MANAGERS, Order.HIDDEN));
        list.add(write(post, "/api/org/transfers/{transfer}/confirm", Target.TRANSFER, t1, ORG_MANAGERS, Order.HIDDEN, (f, v) -> map()));
        list.add(write(post, "/api/org/transfers/{transfer}/reject", Target.TRANSFER, t1, ORG_MANAGERS, Order.HIDDEN,
                (f, v) -> map("reason", "越权退回")));
        list.add(write(post, "/api/org/transfers/{transfer}/cancel", Target.TRANSFER, t1, ORG_MANAGERS, Order.HIDDEN,
                (f, v) -> map("reason", "越权撤回")));
        // alliances
        list.add(get("/api/org/alliances/{alliance}", Target.ALLIANCE_A, a, ANY, gate));
        list.add(write(post, "/api/org/alliances/{alliance}/accounts", Target.ALLIANCE_A, a, NONE, gate,
                (f, v) -> map("username", "intruder-" + System.nanoTime(), "role", "ALLIANCE_ADMIN")));
        return list;
    }

    Stream<Arguments> cells() {
        return endpoints().stream().flatMap(ep -> Stream.of(Who.values()).map(who -> Arguments.of(ep.name(), who, ep.expected(who), ep)));
    }

    // ------------------------------------------------------------------------------------------ fixture

    /** The objects and tokens of the matrix, made once. */
    static final class Fixture {
        String allianceA;
        String adminA;
        Api.Locations locA;
        String t1;
        String entAdminT1;
        String entAdminT1Account;
        String committeeT1;
        String branchT1;
        String branch2T1;
        String memberT1;
        String transferT1;
        String applicationA;
        String importJobA;
        String staffA;
        String staffB;
        /** The caller of the cell being run (bodies name the caller's own ids where the request refers to one). */
        Who caller;
        String allianceB;
        String t2;
        String t3;
        Map<Who, String> tokens = new HashMap<>();

        String resolve(String path) {
            return path.replace("{enterprise}", t1).replace("{organisation}", committeeT1).replace("{branch}", branchT1)
                    .replace("{member}", memberT1).replace("{transfer}", transferT1).replace("{application}", applicationA)
                    .replace("{importJob}", importJobA).replace("{region}", locA.districtId()).replace("{park}", locA.parkId())
                    .replace("{building}", locA.buildingId()).replace("{staff}", staffA).replace("{alliance}", allianceA)
                    .replace("{adminAccount}", entAdminT1Account);
        }
    }

    private record Tenant(String id, String admin, String accountId, String committee, String branch, String member) {
    }

    @BeforeAll
    void twoAlliancesThreeTenants() {
        web = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        MemberFixtures members = new MemberFixtures(web, mongo, tokenIssuer, outbox, relay, broker);
        fx = new Fixture();
        Api.AllianceAdmin a = Api.newAlliance(web, "越权矩阵甲联盟");
        fx.allianceA = a.allianceId();
        fx.adminA = a.token();
        fx.locA = Api.standardLocations(web, fx.adminA);
        Tenant t1 = tenant(members, fx.adminA, "矩阵甲一科技有限公司", fx.locA.parkId());
        Tenant t2 = tenant(members, fx.adminA, "矩阵甲二科技有限公司", fx.locA.otherParkId());
        fx.t1 = t1.id();
        fx.entAdminT1 = t1.admin();
        fx.entAdminT1Account = t1.accountId();
        fx.committeeT1 = t1.committee();
        fx.branchT1 = t1.branch();
        fx.memberT1 = t1.member();
        fx.t2 = t2.id();
        fx.branch2T1 = id(Api.post(web, fx.entAdminT1, "/api/org/organisations",
                map("name", "第二党支部", "kind", "BRANCH", "parentId", fx.committeeT1)));
        fx.transferT1 = id(Api.post(web, fx.entAdminT1, "/api/org/transfers",
                map("memberId", fx.memberT1, "toOrgId", fx.branch2T1, "note", "工作调动")));
        fx.staffA = Api.staff(web, fx.adminA, "matrix-staff-" + System.nanoTime(), "挂联干部甲").accountId();
        String code = Api.get(web, fx.adminA, "/api/org/alliances/" + fx.allianceA).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("code").toString();
        fx.applicationA = id(Api.post(web, null, "/api/org/onboarding/applications", map("allianceCode", code,
                "enterpriseName", "矩阵申请有限公司", "creditCode", Api.newCreditCode(), "type", "民营企业", "industry", "软件和信息技术服务业",
                "staffCount", 60, "district", "浦东新区", "street", "张江镇", "contactName", "王经理", "contactPhone", "13912345678")));
        fx.importJobA = Api.upload(web, fx.adminA, "/api/org/enterprises/import", "成员单位.xlsx", importFile())
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("jobId").toString();

        Api.AllianceAdmin b = Api.newAlliance(web, "越权矩阵乙联盟");
        fx.allianceB = b.allianceId();
        Api.standardLocations(web, b.token());
        Tenant t3 = tenant(members, b.token(), "矩阵乙三科技有限公司", null);
        fx.t3 = t3.id();
        fx.staffB = Api.staff(web, b.token(), "matrix-staff-b-" + System.nanoTime(), "挂联干部乙").accountId();

        fx.tokens.put(Who.ALLIANCE_ADMIN_OF_B, b.token());
        fx.tokens.put(Who.ENTERPRISE_ADMIN_OF_T3, t3.admin());
        fx.tokens.put(Who.ENTERPRISE_ADMIN_OF_T2, t2.admin());
        fx.tokens.put(Who.ORG_ADMIN_OF_T2, members.orgAdmin(fx.allianceA, t2.id(), t2.committee()));
        fx.tokens.put(Who.MEMBER_OF_T2, members.member(fx.allianceA, t2.id(), t2.member()));
        fx.tokens.put(Who.DISTRICT_STAFF_OTHER_PARK, TestTokens.user("matrix-staff-other").alliance(fx.allianceA)
                .roles(DISTRICT_STAFF).parks(fx.locA.otherParkId()).token());
        fx.tokens.put(Who.AUDITOR_OF_A, TestTokens.user("matrix-auditor").alliance(fx.allianceA).roles(AUDITOR).token());
    }

    /** An enterprise with its (logged-in) administrator, a committee, a branch under it and a member in the branch. */
    private Tenant tenant(MemberFixtures members, String allianceAdmin, String name, String parkId) {
        Map<String, Object> body = new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
        if (parkId != null) {
            body.put("parkId", parkId);
        }
        Map<?, ?> registered = Api.post(web, allianceAdmin, "/api/org/enterprises", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> account = (Map<?, ?>) registered.get("adminAccount");
        String admin = Api.firstLogin(web, account.get("username").toString(), account.get("initialPassword").toString(), "Admin#2026");
        String committee = id(Api.post(web, admin, "/api/org/organisations", map("name", "公司党委", "kind", "COMMITTEE")));
        String branch = id(Api.post(web, admin, "/api/org/organisations", map("name", "第一党支部", "kind", "BRANCH", "parentId", committee)));
        String member = members.createMember(admin, MemberFixtures.memberBody("张" + name.substring(2, 4), branch)).get("id").toString();
        return new Tenant(registered.get("id").toString(), admin, account.get("accountId").toString(), committee, branch, member);
    }

    /** An enterprise import with one valid row and one row naming an unknown district (so the job has errors). */
    private static byte[] importFile() {
        List<Object> header = List.of("企业名称", "统一社会信用代码", "企业类型", "所属行业", "从业人数", "区", "街道", "社区", "园区", "楼宇",
                "正式党员人数", "联系人", "联系电话");
        List<Object> valid = java.util.Arrays.asList("矩阵导入有限公司", Api.newCreditCode(), "民营企业", "软件和信息技术服务业", 120, "浦东新区",
                "张江镇", "张江社区", null, "创新大厦", 8, "王五", 13812345678L);
        List<Object> invalid = new ArrayList<>(valid);
        invalid.set(0, "矩阵坏行有限公司");
        invalid.set(1, Api.newCreditCode());
        invalid.set(5, "浦西区");
        return Workbooks.xlsx(List.of(header, valid, invalid));
    }

    private static String id(WebTestClient.ResponseSpec created) {
        return created.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    // ------------------------------------------------------------------------------------------ the cells

    /** The owner's view of the target: its version where it has one, else its whole representation. */
    private Object snapshot(Target target) {
        String path = switch (target) {
            case ENTERPRISE -> "/api/org/enterprises/" + fx.t1;
            case ORGANISATION -> "/api/org/organisations/" + fx.committeeT1;
            case BRANCH -> "/api/org/organisations/" + fx.branchT1;
            case MEMBER_T1 -> "/api/org/members/" + fx.memberT1;
            case TRANSFER -> "/api/org/transfers/" + fx.transferT1;
            case APPLICATION -> "/api/org/onboarding/applications/" + fx.applicationA;
            case IMPORT_JOB -> "/api/org/imports/" + fx.importJobA;
            case REGION -> "/api/org/regions/" + fx.locA.districtId();
            case PARK -> "/api/org/parks/" + fx.locA.parkId();
            case BUILDING -> "/api/org/buildings/" + fx.locA.buildingId();
            case STAFF -> "/api/org/staff/" + fx.staffA;
            case ALLIANCE_A -> "/api/org/alliances/" + fx.allianceA;
            // the account itself has no read endpoint; its enterprise names it and its lock state
            case ADMIN_ACCOUNT -> "/api/org/enterprises/" + fx.t1;
        };
        boolean tenantObject = target == Target.ORGANISATION || target == Target.BRANCH || target == Target.MEMBER_T1
                || target == Target.TRANSFER;
        Map<?, ?> body = Api.get(web, tenantObject ? fx.entAdminT1 : fx.adminA, path).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        return body.containsKey("version") ? ((Number) body.get("version")).longValue() : body;
    }

    private static long version(Object snapshot) {
        return snapshot instanceof Long v ? v : 1L;
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("cells")
    void anotherTenantsObjectIsDenied(String name, Who who, String expected, Endpoint ep) {
        Object before = snapshot(ep.target());
        fx.caller = who;
        String uri = fx.resolve(ep.path()).replace("{version}", String.valueOf(version(before)));
        WebTestClient.RequestBodySpec spec = web.method(ep.method()).uri(uri).header("Authorization", "Bearer " + fx.tokens.get(who));
        WebTestClient.RequestHeadersSpec<?> request = ep.body() == null ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(ep.body().apply(fx, version(before)));
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        int status = result.getStatus().value();
        report.computeIfAbsent(name, k -> new java.util.EnumMap<>(Who.class)).put(who, status + (expected.equals(String.valueOf(status))
                || expected.equals("ALLOWED") && status == 200 ? "" : "≠" + expected));
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(status).as("%s as %s never answers 5xx: %s", name, who, body).isLessThan(500);
        if (expected.equals("ALLOWED")) {
            assertThat(status).as("%s as %s: a read the role is granted within its alliance: %s", name, who, body).isEqualTo(200);
        } else {
            assertThat(String.valueOf(status)).as("%s as %s: %s", name, who, body).isEqualTo(expected);
        }
        assertThat(snapshot(ep.target())).as("%s as %s left the object unchanged", name, who).isEqualTo(before);
    }

    @AfterAll
    void printTable() {
        StringBuilder s = new StringBuilder("\nCross-tenant matrix (status; ≠x = expected x)\n");
        report.forEach((ep, row) -> {
            s.append(String.format("%-70s", ep));
            for (Who who : Who.values()) {
                s.append(String.format(" %-8s", row.getOrDefault(who, "-")));
            }
            s.append('\n');
        });
        System.out.println(s);
    }
}
