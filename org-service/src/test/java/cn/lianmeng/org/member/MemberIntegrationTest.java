package cn.lianmeng.org.member;

import static cn.lianmeng.org.member.MemberFixtures.memberBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Members through the HTTP API: records, subtree lists and search, personal data per role, accounts, events. */
@OrgIntegrationTest
class MemberIntegrationTest {


    @Autowired
    WebTestClient web;
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
    @Autowired
    MemberService memberService;

    private MemberFixtures fx;
    private String alliance;
    private String tenant;
    private String committee;
    private String general;
    private String branch1;
    private String branch2;
    private String branch3;
    private String entAdmin;

    /** One tenant with 党委 → 党总支 → {第一支部, 第二支部} and 党委 → 第三支部. */
    @BeforeEach
    void tree() {
        fx = new MemberFixtures(web, mongo, tokenIssuer, outbox, relay, broker);
        alliance = MemberFixtures.newAlliance();
        tenant = "tenant-" + System.nanoTime();
        committee = fx.organisation(alliance, tenant, "机关党委", "COMMITTEE", "SINGLE", null);
        general = fx.organisation(alliance, tenant, "研发党总支", "GENERAL_BRANCH", "SINGLE", committee);
        branch1 = fx.branch(alliance, tenant, "研发第一党支部", general);
        branch2 = fx.branch(alliance, tenant, "研发第二党支部", general);
        branch3 = fx.branch(alliance, tenant, "行政党支部", committee);
        entAdmin = fx.enterpriseAdmin(alliance, tenant);
    }

    private Map<?, ?> create(String name, String orgId) {
        return fx.createMember(entAdmin, memberBody(name, orgId));
    }

    private static String id(Map<?, ?> body) {
        return body.get("id").toString();
    }

    private static List<String> names(WebTestClient.ResponseSpec spec) {
        Map<?, ?> page = spec.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("content")).stream().map(m -> ((Map<?, ?>) m).get("name").toString()).toList();
    }

    @Test
    void createsMembersAndListsThemBySubtreeStatusFlagsAndNamePrefix() {
        Map<?, ?> created = create("张伟", branch1);
        assertThat(created.get("orgId")).isEqualTo(branch1);
        assertThat(created.get("orgName")).isEqualTo("研发第一党支部");
        assertThat(created.get("orgAncestors")).isEqualTo(List.of(committee, general));
        assertThat(created.get("tenantId")).isEqualTo(tenant);
        assertThat(created.get("enterpriseId")).isEqualTo(tenant);
        assertThat(created.get("status")).isEqualTo("FULL");
        assertThat(created.get("statusLabel")).isEqualTo("正式党员");
        assertThat(created.get("version")).isEqualTo(1);
        assertThat(created.get("personalData")).isEqualTo("MASKED");
        assertThat(created.get("accountStatus")).isEqualTo("ACTIVE");
        Map<?, ?> account = (Map<?, ?>) created.get("account");
        assertThat(account.get("initialPassword")).isNotNull();
        assertThat(account.get("passwordChangeRequired")).isEqualTo(true);

        create("张敏", branch2);
        Map<String, Object> probationary = memberBody("王芳", branch2);
        probationary.put("status", "预备");
        probationary.put("joinDate", "2026-03-01");
        probationary.put("probationEndDate", "2027-03-01");
        probationary.put("flags", List.of("MOBILE"));
        probationary.put("mobileSince", "2025-01-10");
        fx.createMember(entAdmin, probationary);
        Map<String, Object> lost = memberBody("李强", branch3);
        lost.put("flags", List.of("失联党员"));
        fx.createMember(entAdmin, lost);

        assertThat(names(Api.get(web, entAdmin, "/api/org/members"))).containsExactly("张伟", "张敏", "李强", "王芳");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + general))).containsExactlyInAnyOrder("张伟", "张敏", "王芳");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + committee))).hasSize(4);
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + general + "&subtree=false"))).isEmpty();
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + branch2 + "&subtree=false"))).containsExactlyInAnyOrder("张敏", "王芳");
        // the alliance administrator's subtree query is pinned to the organisation's tenant (the subtree index's key)
        String allianceAdmin = fx.allianceAdmin(alliance);
        assertThat(names(Api.get(web, allianceAdmin, "/api/org/members?orgId=" + general))).containsExactlyInAnyOrder("张伟", "张敏", "王芳");
        assertThat(names(Api.get(web, allianceAdmin, "/api/org/members?orgId=" + committee))).hasSize(4);
        assertThat(names(Api.get(web, allianceAdmin, "/api/org/members?orgId=no-such-organisation"))).isEmpty();
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?status=PROBATIONARY"))).containsExactly("王芳");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?flag=LOST_CONTACT"))).containsExactly("李强");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?flag=MOBILE&transferDue=true"))).containsExactly("王芳");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?q=张"))).containsExactlyInAnyOrder("张伟", "张敏");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members/search?q=张伟"))).containsExactly("张伟");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members/search?q=伟"))).as("prefix, not substring").isEmpty();
        assertThat(names(Api.get(web, entAdmin, "/api/org/members/search?q=.*"))).as("quoted, never a pattern").isEmpty();
        assertThat(names(Api.get(web, entAdmin, "/api/org/members/search?q=张&size=1"))).hasSize(1);
        Api.get(web, entAdmin, "/api/org/members/search?q=").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("q");
        Api.get(web, entAdmin, "/api/org/members/search").expectStatus().isBadRequest();
        Api.get(web, entAdmin, "/api/org/members?sort=idNumberHash").expectStatus().isBadRequest();
        Api.get(web, entAdmin, "/api/org/members?status=ALIVE").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("status");

        Map<?, ?> mobile = (Map<?, ?>) ((List<?>) Api.get(web, entAdmin, "/api/org/members?status=PROBATIONARY").expectBody(Map.class)
                .returnResult().getResponseBody().get("content")).get(0);
        assertThat(mobile.get("transferDue")).isEqualTo(true);
        assertThat((List<?>) mobile.get("warnings")).anyMatch(w -> w.toString().contains("应办理组织关系转接"));

        // an ORG_ADMIN sees their subtree only, and searches within it
        String generalAdmin = fx.orgAdmin(alliance, tenant, general);
        assertThat(names(Api.get(web, generalAdmin, "/api/org/members"))).containsExactlyInAnyOrder("张伟", "张敏", "王芳");
        assertThat(names(Api.get(web, generalAdmin, "/api/org/members/search?q=李"))).isEmpty();
        assertThat(names(Api.get(web, generalAdmin, "/api/org/members?orgId=" + branch3))).isEmpty();
        // the alliance administrator searches one tenant by name
        assertThat(names(Api.get(web, fx.allianceAdmin(alliance), "/api/org/members/search?q=张&tenantId=" + tenant))).hasSize(2);
        // other tenants, members and auditors do not list
        assertThat(names(Api.get(web, fx.enterpriseAdmin(alliance, "other-tenant"), "/api/org/members"))).isEmpty();
        Api.get(web, fx.member(alliance, tenant, id(created)), "/api/org/members").expectStatus().isForbidden();
        Api.get(web, fx.auditor(alliance), "/api/org/members").expectStatus().isForbidden();
        Api.get(web, null, "/api/org/members").expectStatus().isUnauthorized();
    }

    @Test
    void personalDataPerRole() {
        String employer = fx.enterprise(alliance, "上海脱敏测试科技有限公司", "张江科学城");
        String parkOfEmployer = ((Map<?, ?>) Api.get(web, fx.allianceAdmin(alliance), "/api/org/enterprises/" + employer)
                .expectBody(Map.class).returnResult().getResponseBody()).get("parkId").toString();
        String joint = fx.organisation(alliance, tenant, "园区联合党支部", "JOINT_BRANCH", "JOINT", committee, tenant, employer);
        Map<String, Object> body = memberBody("赵静", joint);
        body.put("enterpriseId", employer);
        String idNumber = body.get("idNumber").toString();
        String phone = body.get("phone").toString();
        String memberId = id(fx.createMember(entAdmin, body));
        String other = id(create("孙丽", branch1));
        String uri = "/api/org/members/" + memberId;
        String maskedId = idNumber.substring(0, 4) + "**********" + idNumber.substring(14);
        String maskedPhone = phone.substring(0, 3) + "****" + phone.substring(7);

        // masked by default for everyone who may see the record
        for (String token : List.of(entAdmin, fx.orgAdmin(alliance, tenant, committee), fx.orgAdmin(alliance, tenant, joint),
                fx.member(alliance, tenant, memberId), fx.allianceAdmin(alliance))) {
            Api.get(web, token, uri).expectStatus().isOk().expectBody()
                    .jsonPath("$.personalData").isEqualTo("MASKED")
                    .jsonPath("$.idNumber").isEqualTo(maskedId)
                    .jsonPath("$.phone").isEqualTo(maskedPhone)
                    .jsonPath("$.birthDate").doesNotExist()
                    .jsonPath("$.birthYear").exists();
        }
        // unmasked on request for the member's own tenant admin, subtree admin and the member
        for (String token : List.of(entAdmin, fx.orgAdmin(alliance, tenant, joint), fx.member(alliance, tenant, memberId))) {
            Api.get(web, token, uri + "?reveal=true").expectStatus().isOk().expectBody()
                    .jsonPath("$.personalData").isEqualTo("UNMASKED")
                    .jsonPath("$.idNumber").isEqualTo(idNumber)
                    .jsonPath("$.phone").isEqualTo(phone)
                    .jsonPath("$.birthDate").isEqualTo(IdNumber.birthDate(idNumber).toString());
        }
        Api.get(web, fx.member(alliance, tenant, memberId), "/api/org/members/me?reveal=true").expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(memberId).jsonPath("$.idNumber").isEqualTo(idNumber);
        Api.get(web, fx.member(alliance, tenant, memberId), "/api/org/members/me").expectStatus().isOk().expectBody()
                .jsonPath("$.idNumber").isEqualTo(maskedId);
        // alliance administrators never unmask
        Api.get(web, fx.allianceAdmin(alliance), uri + "?reveal=true").expectStatus().isForbidden();
        // district staff of the employer's park: names only, no phone or ID number even masked, no birth date
        String staff = fx.staff(alliance, parkOfEmployer);
        Api.get(web, staff, uri).expectStatus().isOk().expectBody()
                .jsonPath("$.personalData").isEqualTo("NONE")
                .jsonPath("$.name").isEqualTo("赵静")
                .jsonPath("$.idNumber").doesNotExist()
                .jsonPath("$.phone").doesNotExist()
                .jsonPath("$.birthDate").doesNotExist()
                .jsonPath("$.birthYear").doesNotExist()
                .jsonPath("$.username").doesNotExist();
        Api.get(web, staff, uri + "?reveal=true").expectStatus().isForbidden();
        assertThat(names(Api.get(web, staff, "/api/org/members"))).containsExactly("赵静");
        // not visible: staff elsewhere, ORG_ADMIN outside the subtree, another member, other tenants and alliances, auditors
        for (String token : List.of(fx.staff(alliance, "another-park"), fx.orgAdmin(alliance, tenant, branch3),
                fx.member(alliance, tenant, other), fx.enterpriseAdmin(alliance, "other-tenant"),
                fx.orgAdmin(alliance, "other-tenant", joint), fx.enterpriseAdmin("other-alliance", tenant),
                fx.allianceAdmin("other-alliance"), fx.auditor(alliance))) {
            Api.get(web, token, uri).expectStatus().isNotFound();
            Api.get(web, token, uri + "?reveal=true").expectStatus().isNotFound();
        }
        Api.get(web, fx.member(alliance, tenant, other), "/api/org/members/me").expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(other);
        Api.get(web, entAdmin, "/api/org/members/me").expectStatus().isNotFound();
        Api.get(web, entAdmin, "/api/org/members/unknown-id").expectStatus().isNotFound();
    }

    @Test
    void everyUnmaskedReadIsAudited() {
        String memberId = id(create("周杰", branch1));
        String auditor = fx.auditor(alliance);
        String audit = "/api/org/audit?action=MEMBER_PERSONAL_DATA_READ&targetId=" + memberId;
        Api.get(web, entAdmin, "/api/org/members/" + memberId).expectStatus().isOk();
        Api.get(web, auditor, audit).expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);

        Api.get(web, entAdmin, "/api/org/members/" + memberId + "?reveal=true").expectStatus().isOk();
        Api.get(web, fx.member(alliance, tenant, memberId), "/api/org/members/me?reveal=true").expectStatus().isOk();
        Api.get(web, fx.allianceAdmin(alliance), "/api/org/members/" + memberId + "?reveal=true").expectStatus().isForbidden();
        Api.get(web, auditor, audit).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(3)
                .jsonPath("$.content[?(@.actorName == 'ent-admin-" + tenant + "' && @.result == 'SUCCESS')]").exists()
                .jsonPath("$.content[?(@.actorName == 'member-" + memberId + "' && @.result == 'SUCCESS')]").exists()
                .jsonPath("$.content[?(@.actorName == 'alliance-admin-" + alliance + "' && @.result == 'FAILURE')]").exists();
    }

    @Test
    void invalidInputIsRefusedNamingTheFieldAndStoresNothing() {
        Map<String, Object> body = memberBody("错号", branch1);
        String valid = body.get("idNumber").toString();
        body.put("idNumber", valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0'));
        Api.post(web, entAdmin, "/api/org/members", body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber").jsonPath("$.errors[0].message").isEqualTo("校验位不正确");
        body.put("idNumber", valid.substring(0, 16));
        Api.post(web, entAdmin, "/api/org/members", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber").jsonPath("$.errors[0].message").isEqualTo("应为 18 位");
        body.put("idNumber", IdNumber.withCheck("31011519901332123"));
        Api.post(web, entAdmin, "/api/org/members", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber").jsonPath("$.errors[0].message").isEqualTo("其中的出生日期无效");
        body.put("idNumber", valid);
        body.put("birthDate", "1970-01-01");
        Api.post(web, entAdmin, "/api/org/members", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("birthDate");
        body.remove("birthDate");
        body.put("status", "PROBATIONARY");
        body.put("flags", List.of("MOBILE", "VIP"));
        body.put("phone", "12345");
        body.put("joinDate", "2099-01-01");
        Api.post(web, entAdmin, "/api/org/members", body).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'probationEndDate')]").exists()
                .jsonPath("$.errors[?(@.field == 'flags')]").exists()
                .jsonPath("$.errors[?(@.field == 'mobileSince')]").exists()
                .jsonPath("$.errors[?(@.field == 'phone')]").exists()
                .jsonPath("$.errors[?(@.field == 'joinDate')]").exists();
        Map<String, Object> noLogin = memberBody("无手机", branch1);
        noLogin.remove("phone");
        Api.post(web, entAdmin, "/api/org/members", noLogin).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        Map<String, Object> badDate = memberBody("坏日期", branch1);
        badDate.put("joinDate", "2016-13-45");
        Api.post(web, entAdmin, "/api/org/members", badDate).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("joinDate");
        Map<String, Object> injection = memberBody("注入", branch1);
        injection.put("$where", "1");
        Api.post(web, entAdmin, "/api/org/members", injection).expectStatus().isBadRequest();
        assertThat(names(Api.get(web, entAdmin, "/api/org/members"))).isEmpty();
    }

    @Test
    void oneMemberPerIdNumberPerAllianceAndWhoMayCreateWhere() {
        Map<String, Object> body = memberBody("钱程", branch1);
        fx.createMember(entAdmin, body);
        Map<String, Object> again = memberBody("钱程二", branch2);
        again.put("idNumber", body.get("idNumber").toString().toLowerCase());
        Api.post(web, entAdmin, "/api/org/members", again).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber");
        // the same person in another tenant of the alliance: still one member per alliance
        String otherTenant = "tenant-b-" + System.nanoTime();
        String otherBranch = fx.branch(alliance, otherTenant, "乙公司党支部", null);
        Map<String, Object> elsewhere = memberBody("钱程", otherBranch);
        elsewhere.put("idNumber", body.get("idNumber"));
        Api.post(web, fx.enterpriseAdmin(alliance, otherTenant), "/api/org/members", elsewhere).expectStatus().isEqualTo(409);
        // in another alliance the same person may be a member
        String otherAlliance = MemberFixtures.newAlliance();
        String foreignBranch = fx.branch(otherAlliance, "tenant-x", "外联盟党支部", null);
        Map<String, Object> foreign = memberBody("钱程", foreignBranch);
        foreign.put("idNumber", body.get("idNumber"));
        fx.createMember(fx.enterpriseAdmin(otherAlliance, "tenant-x"), foreign);
        // a taken login name
        Map<String, Object> samePhone = memberBody("同号", branch1);
        samePhone.put("phone", body.get("phone"));
        Api.post(web, entAdmin, "/api/org/members", samePhone).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");

        // who may create where
        Api.post(web, fx.orgAdmin(alliance, tenant, general), "/api/org/members", memberBody("越级", branch3)).expectStatus().isNotFound();
        fx.createMember(fx.orgAdmin(alliance, tenant, general), memberBody("子树内", branch2));
        Api.post(web, fx.enterpriseAdmin(alliance, otherTenant), "/api/org/members", memberBody("他人", branch1)).expectStatus().isNotFound();
        Api.post(web, fx.enterpriseAdmin("other-alliance", tenant), "/api/org/members", memberBody("外盟", branch1)).expectStatus().isNotFound();
        Api.post(web, fx.allianceAdmin(alliance), "/api/org/members", memberBody("联盟", branch1)).expectStatus().isForbidden();
        Api.post(web, fx.member(alliance, tenant, "m"), "/api/org/members", memberBody("党员", branch1)).expectStatus().isForbidden();
        Api.post(web, fx.staff(alliance, "p"), "/api/org/members", memberBody("干部", branch1)).expectStatus().isForbidden();
        Api.post(web, entAdmin, "/api/org/members", memberBody("无此组织", "no-such-org")).expectStatus().isNotFound();
        String dissolved = fx.branch(alliance, tenant, "已撤销党支部", committee);
        fx.dissolveOrganisation(alliance, dissolved);
        Api.post(web, entAdmin, "/api/org/members", memberBody("撤销", dissolved)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("orgId");
        Map<String, Object> wrongEmployer = memberBody("错单位", branch1);
        wrongEmployer.put("enterpriseId", otherTenant);
        Api.post(web, entAdmin, "/api/org/members", wrongEmployer).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("enterpriseId");

        // an organisation of the alliance (affiliated enterprises): the alliance administrator keeps its members
        String affiliated = fx.organisation(alliance, null, "园区联合党委挂靠党支部", "BRANCH", "AFFILIATED", null, tenant, otherTenant);
        Map<String, Object> attached = memberBody("挂靠", affiliated);
        attached.put("enterpriseId", otherTenant);
        Map<?, ?> a = fx.createMember(fx.allianceAdmin(alliance), attached);
        assertThat(a.get("tenantId")).isNull();
        assertThat(a.get("enterpriseId")).isEqualTo(otherTenant);
        Api.post(web, fx.allianceAdmin(alliance), "/api/org/members", memberBody("缺单位", affiliated)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("enterpriseId");
        Api.post(web, entAdmin, "/api/org/members", memberBody("企业越权", affiliated)).expectStatus().isNotFound();
    }

    @Test
    void theIdNumberIsEncryptedAtRestAndNeverInEvents() {
        Map<String, Object> body = memberBody("吴刚", branch1);
        String idNumber = body.get("idNumber").toString();
        String phone = body.get("phone").toString();
        String memberId = id(fx.createMember(entAdmin, body));
        Document raw = fx.rawMember(memberId);
        String json = raw.toJson();
        assertThat(json).doesNotContain(idNumber).doesNotContain(idNumber.substring(6, 14)).doesNotContain(idNumber.substring(10));
        assertThat(raw.getString("idNumberCipher")).startsWith("v1:");
        assertThat(raw.getString("idNumberHash")).hasSize(64);
        assertThat(raw.containsKey("idNumber")).isFalse();
        assertThat(raw.containsKey("birthDate")).isFalse();
        assertThat(raw.getInteger("birthYear")).isEqualTo(IdNumber.birthDate(idNumber).getYear());

        List<ConsumerRecord<String, byte[]>> events = fx.events(MemberService.TOPIC, memberId, 1);
        assertThat(MemberFixtures.type(events.get(0))).isEqualTo("MemberJoined");
        assertThat(new String(events.get(0).headers().lastHeader("tenantid").value())).isEqualTo(tenant);
        String event = MemberFixtures.body(events.get(0));
        assertThat(event).contains("\"memberId\":\"" + memberId + "\"").contains("\"orgId\":\"" + branch1 + "\"")
                .contains("\"version\":1").contains("\"active\":true").contains("\"accountId\"")
                .doesNotContain(idNumber).doesNotContain(phone).doesNotContain("birth").doesNotContain("idNumber");
    }

    @Test
    void membersLogInAndCannotAfterLeaving() {
        String enterprise = fx.enterprise(alliance, "上海登录测试科技有限公司", null);
        String own = fx.branch(alliance, enterprise, "登录测试党支部", null);
        String admin = fx.enterpriseAdmin(alliance, enterprise);
        Map<?, ?> created = fx.createMember(admin, memberBody("郑爽", own));
        String memberId = id(created);
        Map<?, ?> account = (Map<?, ?>) created.get("account");
        String login = account.get("username").toString();
        String initial = account.get("initialPassword").toString();
        assertThat(login).isEqualTo(fx.rawMember(memberId).getString("phone"));

        String first = Api.login(web, login, initial);
        Api.get(web, first, "/api/org/members/me").expectStatus().isForbidden(); // must change the initial password first
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", initial, "newPassword", "Member#2026"))
                .expectStatus().isNoContent();
        String token = Api.login(web, login, "Member#2026");
        Api.get(web, token, "/api/auth/me").expectStatus().isOk().expectBody()
                .jsonPath("$.memberId").isEqualTo(memberId).jsonPath("$.roles[0]").isEqualTo("MEMBER")
                .jsonPath("$.tenantId").isEqualTo(enterprise);
        Api.get(web, token, "/api/org/members/me").expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(memberId).jsonPath("$.name").isEqualTo("郑爽");
        Api.post(web, admin, "/api/org/members/" + memberId + "/account", Map.of()).expectStatus().isEqualTo(409);

        Api.post(web, admin, "/api/org/members/" + memberId + "/leave", Map.of("reason", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Api.post(web, token, "/api/org/members/" + memberId + "/leave", Map.of("reason", "自行退出")).expectStatus().isForbidden();
        Api.post(web, admin, "/api/org/members/" + memberId + "/leave", Map.of("reason", "组织关系转出本系统")).expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false).jsonPath("$.leaveReason").isEqualTo("组织关系转出本系统")
                .jsonPath("$.accountStatus").isEqualTo("DISABLED").jsonPath("$.version").isEqualTo(2);
        Api.post(web, null, "/api/auth/login", Map.of("username", login, "password", "Member#2026")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("账户已停用，请联系管理员");
        Api.post(web, admin, "/api/org/members/" + memberId + "/leave", Map.of("reason", "再次")).expectStatus().isEqualTo(409);
        Map<String, Object> update = new HashMap<>(memberBody("郑爽", own));
        update.put("version", 2);
        update.remove("idNumber");
        web.put().uri("/api/org/members/" + memberId).header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isEqualTo(409);
        assertThat(names(Api.get(web, admin, "/api/org/members"))).isEmpty();
        assertThat(names(Api.get(web, admin, "/api/org/members?active=false"))).containsExactly("郑爽");

        List<ConsumerRecord<String, byte[]>> events = fx.events(MemberService.TOPIC, memberId, 2);
        assertThat(events).extracting(MemberFixtures::type).containsExactly("MemberJoined", "MemberLeft");
        assertThat(MemberFixtures.body(events.get(1))).contains("\"active\":false").contains("\"version\":2");
        Api.get(web, fx.auditor(alliance), "/api/org/audit?targetId=" + memberId).expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.action == 'MEMBER_CREATED')]").exists()
                .jsonPath("$.content[?(@.action == 'MEMBER_LEFT')]").exists();
        String accountId = account.get("accountId").toString();
        Api.get(web, fx.auditor(alliance), "/api/org/audit?targetId=" + accountId).expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.action == 'ACCOUNT_DISABLED')]").exists()
                .jsonPath("$.content[?(@.action == 'ACCOUNT_PROVISIONED')]").exists();
    }

    @Test
    void updatesAreVersionedAndValidated() {
        Map<String, Object> body = memberBody("冯源", branch1);
        String memberId = id(fx.createMember(entAdmin, body));
        String uri = "/api/org/members/" + memberId;
        Map<String, Object> update = new HashMap<>(body);
        update.remove("idNumber");
        update.remove("orgId");
        update.put("version", 1);
        update.put("name", "冯源（改）");
        update.put("status", "PROBATIONARY");
        update.put("probationEndDate", "2017-07-01");
        update.put("flags", List.of("MOBILE"));
        update.put("mobileSince", "2026-01-01");
        web.put().uri(uri).header("Authorization", "Bearer " + entAdmin).contentType(MediaType.APPLICATION_JSON).bodyValue(update)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("冯源（改）").jsonPath("$.version").isEqualTo(2).jsonPath("$.status").isEqualTo("PROBATIONARY")
                .jsonPath("$.flags[0]").isEqualTo("MOBILE").jsonPath("$.orgId").isEqualTo(branch1);
        web.put().uri(uri).header("Authorization", "Bearer " + entAdmin).contentType(MediaType.APPLICATION_JSON).bodyValue(update)
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        // a new ID number is re-encrypted, and must be free in the alliance
        Map<String, Object> taken = memberBody("占用", branch2);
        fx.createMember(entAdmin, taken);
        update.put("version", 2);
        update.put("idNumber", taken.get("idNumber"));
        web.put().uri(uri).header("Authorization", "Bearer " + entAdmin).contentType(MediaType.APPLICATION_JSON).bodyValue(update)
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber");
        String fresh = MemberFixtures.newIdNumber();
        update.put("idNumber", fresh);
        update.put("joinDate", IdNumber.birthDate(fresh).plusYears(20).toString());
        update.put("probationEndDate", IdNumber.birthDate(fresh).plusYears(21).toString());
        web.put().uri(uri).header("Authorization", "Bearer " + fx.orgAdmin(alliance, tenant, general)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        Api.get(web, entAdmin, uri + "?reveal=true").expectBody().jsonPath("$.idNumber").isEqualTo(fresh);
        update.put("version", 3);
        update.put("enterpriseId", "someone-else");
        web.put().uri(uri).header("Authorization", "Bearer " + entAdmin).contentType(MediaType.APPLICATION_JSON).bodyValue(update)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("enterpriseId");
        update.remove("enterpriseId");
        web.put().uri(uri).header("Authorization", "Bearer " + fx.orgAdmin(alliance, tenant, branch3)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isNotFound();
        web.put().uri(uri).header("Authorization", "Bearer " + fx.allianceAdmin(alliance)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isForbidden();
        update.remove("version");
        web.put().uri(uri).header("Authorization", "Bearer " + entAdmin).contentType(MediaType.APPLICATION_JSON).bodyValue(update)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        assertThat(fx.events(MemberService.TOPIC, memberId, 3)).extracting(MemberFixtures::type)
                .containsExactly("MemberJoined", "MemberUpdated", "MemberUpdated");
    }

    @Test
    void membersWrittenBeforeOrgPathExistedAreBackfilledAndListedInTheirSubtreeAgain() {
        String m = id(create("旧档案", branch1));
        assertThat(fx.rawMember(m).getList("orgPath", String.class)).containsExactly(committee, general, branch1);
        fx.dropOrgPath(m);
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + general))).doesNotContain("旧档案");

        assertThat(memberService.backfillOrgPaths().block()).isGreaterThanOrEqualTo(1L);
        assertThat(fx.rawMember(m).getList("orgPath", String.class)).containsExactly(committee, general, branch1);
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + general))).contains("旧档案");
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + branch1 + "&subtree=false"))).contains("旧档案");
        assertThat(memberService.backfillOrgPaths().block()).as("idempotent").isZero();
    }

    @Test
    void membersFollowTheirOrganisationsMovesRenamesAndOfficers() {
        String m1 = id(create("陈晨", branch1));
        String m2 = id(create("林琳", branch2));
        // 研发党总支 moves under 行政党支部's parent… here: under 第三支部 (any new parent will do)
        fx.moveOrganisation(alliance, general, branch3);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(fx.rawMember(m1).getList("orgAncestors", String.class)).containsExactly(committee, branch3, general));
        assertThat(fx.rawMember(m2).getList("orgAncestors", String.class)).containsExactly(committee, branch3, general);
        assertThat(fx.rawMember(m1).getList("orgPath", String.class)).containsExactly(committee, branch3, general, branch1);
        assertThat(fx.rawMember(m2).getList("orgPath", String.class)).containsExactly(committee, branch3, general, branch2);
        assertThat(names(Api.get(web, entAdmin, "/api/org/members?orgId=" + branch3))).containsExactlyInAnyOrder("陈晨", "林琳");
        assertThat(names(Api.get(web, fx.orgAdmin(alliance, tenant, branch3), "/api/org/members"))).hasSize(2);

        fx.renameOrganisation(alliance, branch1, "研发一支部");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fx.rawMember(m1).getString("orgName")).isEqualTo("研发一支部"));

        fx.officersChanged(alliance, branch1, Map.of(m1, "SECRETARY"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fx.rawMember(m1).getList("officerRoles", Document.class))
                .extracting(d -> d.getString("role")).containsExactly("SECRETARY"));
        Api.get(web, entAdmin, "/api/org/members/" + m1).expectBody().jsonPath("$.officerRoles[0].orgId").isEqualTo(branch1)
                .jsonPath("$.version").isEqualTo(2);
        fx.officersChanged(alliance, branch1, Map.of(m2, "DEPUTY_SECRETARY"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fx.rawMember(m1).getList("officerRoles", Document.class)).isEmpty());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fx.rawMember(m2).getList("officerRoles", Document.class))
                .extracting(d -> d.getString("role")).containsExactly("DEPUTY_SECRETARY"));
        assertThat(fx.events(MemberService.TOPIC, m1, 3)).extracting(MemberFixtures::type)
                .containsExactly("MemberJoined", "MemberUpdated", "MemberUpdated");
        assertThat(MemberFixtures.body(fx.events(MemberService.TOPIC, m2, 2).get(1))).contains("DEPUTY_SECRETARY");
    }
}
