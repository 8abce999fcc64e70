package cn.lianmeng.org.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The organisation tree through HTTP: structure, queries, moves, dissolution, joint and affiliated organisations, ORG_ADMIN. */
class OrganisationTreeIntegrationTest extends OrganisationTestBase {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }

    private Map<String, Object> page(String token, String uri) {
        return Api.get(web, token, uri).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static List<Object> names(List<Map<String, Object>> orgs) {
        return orgs.stream().map(o -> o.get("name")).toList();
    }

    @Test
    void aTreeIsBuiltAndReadAsSubtreeAncestorsListsAndANestedTree() {
        Map<String, Object> e = register("上海国资示范集团有限公司");
        String ea = entAdmin(e);
        Map<String, Object> committee = create(ea, "name", "集团党委", "kind", "COMMITTEE", "termStart", "2024-01-10");
        String c = id(committee);
        assertThat(committee.get("formation")).isEqualTo("SINGLE");
        assertThat(committee.get("kindLabel")).isEqualTo("党委");
        assertThat(committee.get("tenantId")).isEqualTo(id(e));
        assertThat(committee.get("ownerType")).isEqualTo("ENTERPRISE");
        assertThat(committee.get("coveredEnterpriseIds")).isEqualTo(List.of(id(e)));
        assertThat(committee.get("termEnd")).isEqualTo("2029-01-10");
        assertThat(committee.get("depth")).isEqualTo(0);
        assertThat(committee.get("version")).isEqualTo(1);
        String gb = id(create(ea, "name", "生产党总支", "kind", "党总支", "parentId", c));
        String b1 = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", gb));
        create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", gb);
        create(ea, "name", "机关党支部", "kind", "BRANCH", "parentId", c, "termStart", "2025-03-01");
        Map<String, Object> group = create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b1);
        String g1 = id(group);
        assertThat(group.get("ancestors")).isEqualTo(List.of(c, gb, b1));
        assertThat(group.get("depth")).isEqualTo(3);
        assertThat(group.get("termStatus")).isNull();

        Map<String, Object> subtree = page(ea, BASE + "/" + c + "/subtree");
        assertThat(subtree.get("totalElements")).isEqualTo(5);
        assertThat(names(content(subtree))).containsExactly("机关党支部", "生产党总支", "第一党支部", "第二党支部", "第一党小组");
        Map<String, Object> secondPage = page(ea, BASE + "/" + c + "/subtree?size=2&page=1");
        assertThat(names(content(secondPage))).containsExactly("第一党支部", "第二党支部");
        assertThat(names(content(page(ea, BASE + "/" + gb + "/subtree")))).containsExactly("第一党支部", "第二党支部", "第一党小组");

        List<Object> ancestors = Api.get(web, ea, BASE + "/" + g1 + "/ancestors").expectStatus().isOk().expectBody(List.class)
                .returnResult().getResponseBody();
        assertThat(ancestors).extracting(a -> ((Map<String, Object>) a).get("name")).containsExactly("集团党委", "生产党总支", "第一党支部");

        assertThat(page(ea, BASE + "?kind=BRANCH").get("totalElements")).isEqualTo(3);
        assertThat(names(content(page(ea, BASE + "?parentId=" + gb)))).containsExactly("第一党支部", "第二党支部");
        assertThat(names(content(page(ea, BASE + "?root=true")))).containsExactly("集团党委");
        assertThat(names(content(page(ea, BASE + "?q=第一")))).containsExactly("第一党小组", "第一党支部");
        Api.get(web, ea, BASE + "?q=.*").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        Api.get(web, ea, BASE + "?kind=CELL").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        Api.get(web, ea, BASE + "?sort=secret").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");

        Map<String, Object> tree = Api.get(web, ea, BASE + "/tree").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(tree.get("total")).isEqualTo(6);
        List<Object> roots = (List<Object>) tree.get("roots");
        assertThat(roots).hasSize(1);
        Map<String, Object> root = (Map<String, Object>) roots.get(0);
        assertThat(root.get("name")).isEqualTo("集团党委");
        List<Object> level1 = (List<Object>) root.get("children");
        assertThat(level1).extracting(n -> ((Map<String, Object>) n).get("name")).containsExactly("机关党支部", "生产党总支");
        Map<String, Object> general = (Map<String, Object>) level1.get(1);
        List<Object> level2 = (List<Object>) general.get("children");
        assertThat(level2).extracting(n -> ((Map<String, Object>) n).get("name")).containsExactly("第一党支部", "第二党支部");
        assertThat((List<Object>) ((Map<String, Object>) level2.get(0)).get("children")).extracting(n -> ((Map<String, Object>) n).get("name"))
                .containsExactly("第一党小组");

        // another tenant: 404 everywhere; the alliance admin sees the tenant's tree
        String other = entAdmin(register("上海另一家公司"));
        Api.get(web, other, BASE + "/" + c).expectStatus().isNotFound();
        Api.get(web, other, BASE + "/" + c + "/subtree").expectStatus().isNotFound();
        Api.get(web, other, BASE + "/" + g1 + "/ancestors").expectStatus().isNotFound();
        Api.get(web, other, BASE + "/tree?tenantId=" + id(e)).expectStatus().isNotFound();
        assertThat(page(other, BASE).get("totalElements")).isEqualTo(0);
        Api.get(web, TestTokens.allianceAdmin("another-alliance"), BASE + "/" + c).expectStatus().isNotFound();
        Api.get(web, admin, BASE + "/" + c).expectStatus().isOk();
        Api.get(web, admin, BASE + "/tree?tenantId=" + id(e)).expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(6);
        // roles without access to organisations
        Api.get(web, TestTokens.member(allianceId, id(e)), BASE + "/" + c).expectStatus().isForbidden();
        Api.get(web, TestTokens.user("aud").alliance(allianceId).roles(Role.AUDITOR).token(), BASE).expectStatus().isForbidden();
        Api.post(web, TestTokens.member(allianceId, id(e)), BASE, body("name", "越权", "kind", "BRANCH")).expectStatus().isForbidden();
        Api.get(web, null, BASE).expectStatus().isUnauthorized();

        // events: the snapshot of the contract, keyed by the organisation, tenancy in the headers
        List<ConsumerRecord<String, byte[]>> events = organisationEvents(2, c, g1);
        ConsumerRecord<String, byte[]> created = events.stream().filter(r -> r.key().equals(g1)).findFirst().orElseThrow();
        assertThat(header(created, "ce_type")).isEqualTo("OrganisationCreated");
        assertThat(header(created, "tenantid")).isEqualTo(id(e));
        assertThat(header(created, "allianceid")).isEqualTo(allianceId);
        Map<String, Object> snapshot = eventBody(created);
        assertThat(snapshot.get("orgId")).isEqualTo(g1);
        assertThat(snapshot.get("ancestors")).isEqualTo(List.of(c, gb, b1));
        assertThat(snapshot.get("kind")).isEqualTo("GROUP");
        assertThat(snapshot.get("formation")).isEqualTo("SINGLE");
        assertThat(snapshot.get("ownerType")).isEqualTo("ENTERPRISE");
        assertThat(snapshot.get("ownerId")).isEqualTo(id(e));
        assertThat(snapshot.get("status")).isEqualTo("ACTIVE");
        assertThat(snapshot.get("version")).isEqualTo(1);
        assertThat(snapshot).containsKeys("coveredEnterpriseIds", "officers", "termStart", "termEnd", "parentId", "occurredAt");
    }

    @Test
    void badPlacementsAndInputAreRefusedNamingTheField() {
        Map<String, Object> e = register("上海校验测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String b = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", c));
        String g = id(create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b));

        Api.post(web, ea, BASE, body("name", "游离党小组", "kind", "GROUP")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind")
                .jsonPath("$.errors[0].message").isEqualTo("党小组不能作为顶级组织，须设在党支部、联合党支部之下");
        Api.post(web, ea, BASE, body("name", "小组下的支部", "kind", "BRANCH", "parentId", g)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId")
                .jsonPath("$.errors[0].message").isEqualTo("党支部不能设在党小组之下，只能设在党委、党总支之下或作为顶级组织");
        Api.post(web, ea, BASE, body("name", "支部下的党总支", "kind", "GENERAL_BRANCH", "parentId", b)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, ea, BASE, body("kind", "CELL")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'name')]").exists();
        Api.post(web, ea, BASE, body("name", "x", "kind", "CELL")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "formation", "JOINT")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("formation");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "termStart", "2025-01-01", "termEnd", "2024-01-01"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("termEnd");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "termStart", "2025-13-01")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("termStart");
        Api.post(web, ea, BASE, body("name", "x", "kind", "GROUP", "parentId", b, "termStart", "2025-01-01")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("termStart");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "ownerType", "PARK", "ownerId", "p1")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'ownerType')]").exists();
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "coveredEnterpriseIds", List.of("someone-else"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "parentId", "no-such-org")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "$where", "1")).expectStatus().isBadRequest();
        // a parent in another tenant is not found from here
        String other = entAdmin(register("上海别家公司"));
        String foreign = id(create(other, "name", "别家党委", "kind", "COMMITTEE"));
        Api.post(web, ea, BASE, body("name", "x", "kind", "BRANCH", "parentId", foreign)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        // the same name twice under one parent: 409; under another parent it is fine
        Api.post(web, ea, BASE, body("name", "第一党支部", "kind", "BRANCH", "parentId", c)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        create(ea, "name", "第一党支部", "kind", "BRANCH");
        // nothing above was stored
        assertThat(page(ea, BASE + "?status=ALL").get("totalElements")).isEqualTo(4);
    }

    @Test
    void renamingIsVersionedAuditedAndPublished() {
        Map<String, Object> e = register("上海更名测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String b = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", c));
        create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", c);
        Api.put(web, ea, BASE + "/" + b, body("name", "研发党支部", "version", 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("研发党支部").jsonPath("$.version").isEqualTo(2);
        Api.put(web, ea, BASE + "/" + b, body("name", "研发一支部", "version", 1)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.put(web, ea, BASE + "/" + b, body("name", "第二党支部", "version", 2)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Api.put(web, ea, BASE + "/" + b, body("name", " ", "version", 2)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Api.put(web, ea, BASE + "/" + b, body("name", "研发党支部")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        // the alliance admin reads but does not edit an enterprise's tree; another tenant gets 404
        Api.put(web, admin, BASE + "/" + b, body("name", "联盟改名", "version", 2)).expectStatus().isForbidden();
        Api.put(web, entAdmin(register("上海无关公司")), BASE + "/" + b, body("name", "越权改名", "version", 2)).expectStatus().isNotFound();

        ConsumerRecord<String, byte[]> renamed = organisationEvents(2, b).stream()
                .filter(r -> "OrganisationRenamed".equals(header(r, "ce_type"))).findFirst().orElseThrow();
        assertThat(eventBody(renamed)).containsEntry("name", "研发党支部").containsEntry("version", 2);

        String auditor = TestTokens.user("auditor-" + allianceId).alliance(allianceId).roles(Role.AUDITOR).token();
        Api.get(web, auditor, "/api/org/audit?targetId=" + b).expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.action == 'ORGANISATION_RENAMED')]").exists()
                .jsonPath("$.content[?(@.action == 'ORGANISATION_CREATED')]").exists();
    }

    @Test
    void movingRewritesTheDescendantsPathsAndRefusesCycles() {
        Map<String, Object> e = register("上海移动测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String sub = id(create(ea, "name", "分公司党委", "kind", "COMMITTEE", "parentId", c));
        String gb = id(create(ea, "name", "生产党总支", "kind", "GENERAL_BRANCH", "parentId", c));
        Map<String, Object> branch = create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", gb);
        String b1 = id(branch);
        String g1 = id(create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b1));
        String b2 = id(create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", c));

        Api.post(web, ea, BASE + "/" + c + "/move", body("parentId", c, "version", 1)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, ea, BASE + "/" + c + "/move", body("parentId", sub, "version", 1)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId")
                .jsonPath("$.errors[0].message").isEqualTo("不能把“公司党委”移到它自己的下级组织“分公司党委”之下（会形成循环）");
        Api.post(web, ea, BASE + "/" + gb + "/move", body("parentId", b2, "version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, ea, BASE + "/" + g1 + "/move", body("version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        Api.post(web, ea, BASE + "/" + b1 + "/move", body("parentId", sub, "version", 7)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");

        Map<String, Object> moved = Api.post(web, ea, BASE + "/" + b1 + "/move", body("parentId", sub, "version", 1)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(moved.get("parentId")).isEqualTo(sub);
        assertThat(moved.get("ancestors")).isEqualTo(List.of(c, sub));
        assertThat(moved.get("moveInProgress")).isEqualTo(false);
        assertThat(moved.get("version")).isEqualTo(2);
        Map<String, Object> group = get(ea, g1);
        assertThat(group.get("ancestors")).isEqualTo(List.of(c, sub, b1));
        assertThat(group.get("version")).isEqualTo(2);
        assertThat(names(content(page(ea, BASE + "/" + gb + "/subtree")))).isEmpty();
        assertThat(names(content(page(ea, BASE + "/" + sub + "/subtree")))).containsExactly("第一党支部", "第一党小组");
        // repeating the same move (e.g. after a lost answer) changes nothing, whatever version it carries
        Api.post(web, ea, BASE + "/" + b1 + "/move", body("parentId", sub, "version", 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2);
        // to the root of the tree
        Map<String, Object> toRoot = Api.post(web, ea, BASE + "/" + b1 + "/move", body("version", 2)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(toRoot.get("ancestors")).isEqualTo(List.of());
        assertThat(get(ea, g1).get("ancestors")).isEqualTo(List.of(b1));

        List<ConsumerRecord<String, byte[]>> events = organisationEvents(5, b1, g1);
        assertThat(events.stream().filter(r -> r.key().equals(g1) && "OrganisationMoved".equals(header(r, "ce_type")))
                .map(r -> eventBody(r).get("ancestors"))).contains(List.of(c, sub, b1), List.of(b1));
        assertThat(events.stream().filter(r -> r.key().equals(b1) && "OrganisationMoved".equals(header(r, "ce_type")))
                .map(r -> eventBody(r).get("parentId"))).containsSubsequence(sub, null);
    }

    @Test
    void anInterruptedMoveIsFinishedByARerunOrByTheSweep() {
        Map<String, Object> e = register("上海中断测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String c2 = id(create(ea, "name", "新设党委", "kind", "COMMITTEE"));
        String b = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", c));
        String g = id(create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b));
        var organisations = mongo.collection(OrganisationStore.COLLECTION, ScopeRule.tenantOwned());
        Scope test = Scope.unrestricted("simulated crash after the moved organisation's write");

        // a crash right after the first write: the branch is under c2, its group still has the old path
        organisations.updateOne(test, Filters.eq("_id", b), Updates.combine(Updates.set("parentId", c2), Updates.set("ancestors", List.of(c2)),
                Updates.set("pendingMove", new Document("id", "crash-1").append("startedAt", new Date())), Updates.inc("version", 1))).block();
        assertThat(get(ea, g).get("ancestors")).isEqualTo(List.of(c, b));
        assertThat(get(ea, b).get("moveInProgress")).isEqualTo(true);
        // the sweep finishes it
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(get(ea, g).get("ancestors")).isEqualTo(List.of(c2, b));
            assertThat(get(ea, b).get("moveInProgress")).isEqualTo(false);
        });

        // again, and this time the client re-sends its request at once: it finishes the move before answering
        organisations.updateOne(test, Filters.eq("_id", b), Updates.combine(Updates.set("parentId", c), Updates.set("ancestors", List.of(c)),
                Updates.set("pendingMove", new Document("id", "crash-2").append("startedAt", new Date())), Updates.inc("version", 1))).block();
        Api.post(web, ea, BASE + "/" + b + "/move", body("parentId", c, "version", 2)).expectStatus().isOk()
                .expectBody().jsonPath("$.moveInProgress").isEqualTo(false).jsonPath("$.ancestors[0]").isEqualTo(c);
        assertThat(get(ea, g).get("ancestors")).isEqualTo(List.of(c, b));
    }

    @Test
    void onlyAnEmptyOrganisationCanBeDissolved() {
        Map<String, Object> e = register("上海撤销测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String b1 = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", c));
        String b2 = id(create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", c));
        String member = insertMember(id(e), b1, "张三", "FULL", true);

        Api.post(web, ea, BASE + "/" + c + "/dissolve", body("version", 1, "reason", "机构调整")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("children")
                .jsonPath("$.errors[0].message").isEqualTo("尚有 2 个下级组织：第一党支部、第二党支部，请先撤销或移出");
        Api.post(web, ea, BASE + "/" + b1 + "/dissolve", body("version", 1)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("members")
                .jsonPath("$.errors[0].message").isEqualTo("尚有 1 名在册党员，请先办理组织关系转出");
        Api.post(web, ea, BASE + "/" + b2 + "/dissolve", body("version", 5)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        Api.post(web, ea, BASE + "/" + b2 + "/dissolve", body("version", 1, "reason", "并入第一党支部")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DISSOLVED").jsonPath("$.dissolveReason").isEqualTo("并入第一党支部")
                .jsonPath("$.version").isEqualTo(2);
        Api.put(web, ea, BASE + "/" + b2, body("name", "复活", "version", 2)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        Api.post(web, ea, BASE, body("name", "x", "kind", "GROUP", "parentId", b2)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        assertThat(names(content(page(ea, BASE + "?parentId=" + c)))).containsExactly("第一党支部");
        assertThat(names(content(page(ea, BASE + "?parentId=" + c + "&status=ALL")))).containsExactly("第一党支部", "第二党支部");
        // the name is free again
        create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", c);

        // once the member is gone the branch can go too
        mongo.collection("members", ScopeRule.tenantOwned()).updateOne(Scope.unrestricted("test fixture"), Filters.eq("_id", member),
                Updates.set("active", false)).block();
        Api.post(web, ea, BASE + "/" + b1 + "/dissolve", body("version", 1)).expectStatus().isOk();
        assertThat(organisationEvents(1, b2).stream().map(r -> header(r, "ce_type"))).contains("OrganisationDissolved");
    }

    @Test
    void aJointBranchCoversTwoToFiveActiveEnterprisesOfTheAlliance() {
        Map<String, Object> lead = register("上海联建牵头有限公司");
        List<String> others = List.of(id(register("上海联建一号有限公司")), id(register("上海联建二号有限公司")),
                id(register("上海联建三号有限公司")), id(register("上海联建四号有限公司")));
        Map<String, Object> sixth = register("上海联建五号有限公司");
        String l = id(lead);
        String ea = entAdmin(lead);
        List<String> five = List.of(l, others.get(0), others.get(1), others.get(2), others.get(3));
        List<String> six = List.of(l, others.get(0), others.get(1), others.get(2), others.get(3), id(sixth));

        Api.post(web, ea, BASE, body("name", "六家联合党支部", "kind", "JOINT_BRANCH", "coveredEnterpriseIds", six)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds")
                .jsonPath("$.errors[0].message").isEqualTo("联合党支部覆盖的单位最多 5 家，现为 6 家；请另建联合党支部或由符合条件的单位单独组建");
        Map<String, Object> joint = create(ea, "name", "楼宇联合党支部", "kind", "联合党支部", "coveredEnterpriseIds", five);
        String j = id(joint);
        assertThat(joint.get("formation")).isEqualTo("JOINT");
        assertThat(joint.get("tenantId")).isEqualTo(l);
        assertThat(joint.get("coveredEnterpriseIds")).isEqualTo(five);
        Api.put(web, ea, BASE + "/" + j + "/covered-enterprises", body("coveredEnterpriseIds", six, "version", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds");
        Api.post(web, ea, BASE, body("name", "不含牵头单位", "kind", "JOINT_BRANCH", "coveredEnterpriseIds", others.subList(0, 2)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].message").isEqualTo("由企业牵头组建的联合党支部须覆盖牵头单位本身");

        // only ACTIVE enterprises of this alliance
        Api.post(web, admin, "/api/org/enterprises/" + id(sixth) + "/suspend", Map.of("reason", "停业整顿")).expectStatus().isOk();
        Api.post(web, ea, BASE, body("name", "含暂停单位", "kind", "JOINT_BRANCH", "coveredEnterpriseIds", List.of(l, id(sixth))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds[1]");
        Api.post(web, ea, BASE, body("name", "含外盟单位", "kind", "JOINT_BRANCH", "coveredEnterpriseIds", List.of(l, "elsewhere")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds[1]")
                .jsonPath("$.errors[0].message").isEqualTo("不是本联盟的成员单位");

        // a covered enterprise reads the joint branch but does not run it; an uncovered one does not see it
        String uncoveredAdmin = entAdmin(register("上海联建六号有限公司"));
        Api.get(web, uncoveredAdmin, BASE + "/" + j).expectStatus().isNotFound();
        String coveredId = others.get(0);
        String firstCovered = TestTokens.enterpriseAdmin(allianceId, coveredId);
        Api.get(web, firstCovered, BASE + "/" + j).expectStatus().isOk();
        assertThat(page(firstCovered, BASE + "?coveredEnterpriseId=" + coveredId).get("totalElements")).isEqualTo(1);
        Api.put(web, firstCovered, BASE + "/" + j, body("name", "改名", "version", 1)).expectStatus().isForbidden();

        // a member of a covered enterprise keeps it in the branch
        publishMember("MemberJoined", "m-joint-1", 1, l, others.get(3), j, "FULL", true, null);
        awaitCounts(ea, j, 1, 0);
        Api.put(web, ea, BASE + "/" + j + "/covered-enterprises", body("coveredEnterpriseIds", five.subList(0, 4), "version", 1))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("coveredEnterpriseIds");
        Map<String, Object> changed = Api.put(web, ea, BASE + "/" + j + "/covered-enterprises",
                        body("coveredEnterpriseIds", List.of(l, others.get(1), others.get(3)), "version", 1))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(changed.get("coveredEnterpriseIds")).isEqualTo(List.of(l, others.get(1), others.get(3)));
        Api.get(web, firstCovered, BASE + "/" + j).expectStatus().isNotFound();
        assertThat(organisationEvents(2, j).stream().map(r -> header(r, "ce_type"))).contains("OrganisationCreated", "CoveredEnterprisesChanged");
    }

    @Test
    void aParkOwnedAffiliatedOrganisationIsRunByTheAllianceAndSeenByWhatItCovers() {
        String parkId = "park-" + System.nanoTime();
        mongo.collection("parks", ScopeRule.allianceOwned()).insert(Scope.system(allianceId, null),
                new Document("_id", parkId).append("allianceId", allianceId).append("name", "张江科学城园区").append("version", 1L)).block();
        Map<String, Object> attached = register("上海园区小微一号有限公司", 1, parkId);
        Map<String, Object> outside = register("上海园区外有限公司");

        Api.post(web, admin, BASE, body("name", "园区党委", "kind", "COMMITTEE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerType");
        Api.post(web, admin, BASE, body("name", "园区党委", "kind", "COMMITTEE", "ownerType", "ENTERPRISE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerType");
        Api.post(web, admin, BASE, body("name", "园区党委", "kind", "COMMITTEE", "ownerType", "PARK", "ownerId", "no-park"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
        Map<String, Object> committee = create(admin, "name", "张江科学城园区党委", "kind", "COMMITTEE", "ownerType", "PARK", "ownerId", parkId,
                "termStart", "2023-05-01");
        String pc = id(committee);
        assertThat(committee.get("tenantId")).isNull();
        assertThat(committee.get("formation")).isEqualTo("AFFILIATED");
        assertThat(committee.get("ownerId")).isEqualTo(parkId);
        Map<String, Object> branch = create(admin, "name", "园区小微企业挂靠党支部", "kind", "BRANCH", "parentId", pc,
                "coveredEnterpriseIds", List.of(id(attached)));
        String pb = id(branch);
        assertThat(branch.get("formation")).isEqualTo("AFFILIATED");

        String attachedAdmin = entAdmin(attached);
        Api.get(web, attachedAdmin, BASE + "/" + pb).expectStatus().isOk();
        Api.get(web, attachedAdmin, BASE + "/" + pc).expectStatus().isNotFound();
        Api.put(web, attachedAdmin, BASE + "/" + pb, body("name", "改名", "version", 1)).expectStatus().isForbidden();
        Api.post(web, attachedAdmin, BASE, body("name", "挂到园区下", "kind", "BRANCH", "parentId", pc)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        String outsideAdmin = entAdmin(outside);
        Api.get(web, outsideAdmin, BASE + "/" + pb).expectStatus().isNotFound();
        Api.get(web, outsideAdmin, BASE + "/" + pc).expectStatus().isNotFound();

        String staffHere = TestTokens.user("staff-here").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(parkId).token();
        String staffThere = TestTokens.user("staff-there").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks("elsewhere").token();
        Api.get(web, staffHere, BASE + "/" + pc).expectStatus().isOk();
        Api.get(web, staffHere, BASE + "/" + pb).expectStatus().isOk();
        Api.get(web, staffThere, BASE + "/" + pb).expectStatus().isNotFound();
        Api.put(web, staffHere, BASE + "/" + pb, body("name", "改名", "version", 1)).expectStatus().isForbidden();

        Api.put(web, admin, BASE + "/" + pb, body("name", "园区小微企业联合挂靠党支部", "version", 1)).expectStatus().isOk();
        Map<String, Object> tree = Api.get(web, admin, BASE + "/tree").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) tree.get("roots")).extracting(n -> ((Map<String, Object>) n).get("name")).containsExactly("张江科学城园区党委");
        ConsumerRecord<String, byte[]> created = organisationEvents(1, pc).get(0);
        assertThat(header(created, "tenantid")).isNull();
        assertThat(eventBody(created)).containsEntry("ownerType", "PARK").containsEntry("tenantId", null);
    }

    @Test
    void districtStaffFollowAnEnterpriseThatMovesToAnotherPark() {
        Map<String, Object> e = register("上海搬迁测试有限公司", 5, park("搬迁甲园区"));
        String ea = entAdmin(e);
        String b = id(create(ea, "name", "公司党支部", "kind", "BRANCH"));
        String staffA = TestTokens.user("staff-a").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park("搬迁甲园区")).token();
        String staffB = TestTokens.user("staff-b").alliance(allianceId).roles(Role.DISTRICT_STAFF).parks(park("搬迁乙园区")).token();
        Api.get(web, staffA, BASE + "/" + b).expectStatus().isOk();
        Api.get(web, staffB, BASE + "/" + b).expectStatus().isNotFound();

        Map<String, Object> update = new java.util.HashMap<>(Api.enterprise("上海搬迁测试有限公司", "ignored"));
        update.remove("creditCode");
        update.put("version", 1);
        update.put("parkId", park("搬迁乙园区"));
        web.put().uri("/api/org/enterprises/" + id(e)).header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Api.get(web, staffB, BASE + "/" + b).expectStatus().isOk();
            Api.get(web, staffA, BASE + "/" + b).expectStatus().isNotFound();
        });
    }

    @Test
    void anOrgAdminManagesOnlyItsSubtree() {
        Map<String, Object> e = register("上海支部管理员测试有限公司");
        String ea = entAdmin(e);
        String c = id(create(ea, "name", "公司党委", "kind", "COMMITTEE"));
        String b1 = id(create(ea, "name", "第一党支部", "kind", "BRANCH", "parentId", c));
        String g1 = id(create(ea, "name", "第一党小组", "kind", "GROUP", "parentId", b1));
        String b2 = id(create(ea, "name", "第二党支部", "kind", "BRANCH", "parentId", c));
        String username = "branch1-" + System.nanoTime();

        Api.post(web, admin, BASE + "/" + b1 + "/admins", body("username", "x-" + username, "name", "李四")).expectStatus().isForbidden();
        Api.post(web, ea, BASE + "/" + b1 + "/admins", body("username", "x-" + username, "name", "李四", "phone", "12345"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("phone");
        Map<String, Object> account = Api.post(web, ea, BASE + "/" + b1 + "/admins", body("username", username, "name", "李四", "phone", "13900001111"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(account.get("passwordChangeRequired")).isEqualTo(true);
        assertThat(account.get("orgIds")).isEqualTo(List.of(b1));
        assertThat(account.get("initialPassword")).isNotNull();
        Api.post(web, ea, BASE + "/" + b2 + "/admins", body("username", username, "name", "王五")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        Api.get(web, ea, BASE + "/" + b1 + "/admins").expectStatus().isOk().expectBody()
                .jsonPath("$[0].username").isEqualTo(username).jsonPath("$[0].phone").isEqualTo("13900001111");

        // forced first-login change, then the token carries the organisation
        String initial = Api.login(web, username, account.get("initialPassword").toString());
        Api.get(web, initial, BASE + "/" + b1).expectStatus().isForbidden();
        String oa = firstLogin(username, account.get("initialPassword").toString());
        String claims = new String(Base64.getUrlDecoder().decode(oa.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"orgs\":[\"" + b1 + "\"]").contains("ORG_ADMIN");

        Api.get(web, oa, BASE + "/" + b1).expectStatus().isOk();
        Api.get(web, oa, BASE + "/" + g1).expectStatus().isOk();
        Api.get(web, oa, BASE + "/" + b2).expectStatus().isForbidden();
        Api.get(web, oa, BASE + "/" + c).expectStatus().isForbidden();
        Api.get(web, oa, BASE + "/" + c + "/subtree").expectStatus().isForbidden();
        Api.put(web, oa, BASE + "/" + g1, body("name", "研发党小组", "version", 1)).expectStatus().isOk();
        Api.put(web, oa, BASE + "/" + b1, body("name", "研发党支部", "version", 1)).expectStatus().isOk();
        Api.put(web, oa, BASE + "/" + b2, body("name", "越权改名", "version", 1)).expectStatus().isForbidden();
        String g2 = id(create(oa, "name", "第二党小组", "kind", "GROUP", "parentId", b1));
        Api.post(web, oa, BASE, body("name", "越权小组", "kind", "GROUP", "parentId", b2)).expectStatus().isForbidden();
        Api.post(web, oa, BASE, body("name", "越权支部", "kind", "BRANCH")).expectStatus().isForbidden();
        Api.post(web, oa, BASE + "/" + b1 + "/move", body("parentId", b2, "version", 2)).expectStatus().isForbidden();
        Api.post(web, oa, BASE + "/" + b1 + "/dissolve", body("version", 2)).expectStatus().isForbidden();
        Api.post(web, oa, BASE + "/" + g2 + "/move", body("parentId", b2, "version", 1)).expectStatus().isForbidden();
        Api.post(web, oa, BASE + "/" + g2 + "/dissolve", body("version", 1)).expectStatus().isOk();
        Api.post(web, oa, BASE + "/" + b1 + "/admins", body("username", "y-" + username, "name", "赵六")).expectStatus().isForbidden();
        Api.get(web, oa, BASE + "/" + b1 + "/admins").expectStatus().isOk().expectBody().jsonPath("$[0].phone").isEqualTo("139****1111");

        assertThat(names(content(page(oa, BASE)))).containsExactly("研发党小组", "研发党支部");
        Map<String, Object> tree = Api.get(web, oa, BASE + "/tree").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) tree.get("roots")).extracting(n -> ((Map<String, Object>) n).get("name")).containsExactly("研发党支部");

        // another tenant's organisation is not found at all
        String foreign = id(create(entAdmin(register("上海另一租户有限公司")), "name", "别家党支部", "kind", "BRANCH"));
        Api.get(web, oa, BASE + "/" + foreign).expectStatus().isNotFound();
        Api.put(web, oa, BASE + "/" + foreign, body("name", "越权", "version", 1)).expectStatus().isNotFound();
    }
}
