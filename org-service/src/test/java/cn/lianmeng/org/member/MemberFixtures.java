package cn.lianmeng.org.member;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.identity.Account;
import cn.lianmeng.org.identity.AccountStatus;
import cn.lianmeng.org.identity.TokenIssuer;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.testing.TestTokens;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixtures for members and transfers: tenants, organisations, tokens of every role, raw documents, events.
 * <p>
 * <b>Organisations are made here and only here</b>, as documents of the shape in docs/org-contracts.md inserted
 * straight into {@code organisations} (with their {@code org.organisation.v1} events relayed through a real outbox),
 * because the organisation API is built in parallel. After the merge, swap {@link #organisation} and the three event
 * methods for calls to the organisation API; nothing else in the member and transfer tests touches organisations.
 */
public final class MemberFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final WebTestClient web;
    private final TokenIssuer tokens;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final EmbeddedKafkaBroker broker;
    private final ScopedCollection organisations;
    private final ScopedCollection members;
    private final ScopedCollection transfers;
    private final Set<String> located = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public MemberFixtures(WebTestClient web, MongoAccess mongo, TokenIssuer tokens, Outbox outbox, OutboxRelay relay,
                          EmbeddedKafkaBroker broker) {
        this.web = web;
        this.tokens = tokens;
        this.outbox = outbox;
        this.relay = relay;
        this.broker = broker;
        this.organisations = mongo.collection(Organisation.COLLECTION, ScopeRule.tenantOwned());
        this.members = mongo.collection(Member.COLLECTION, ScopeRule.tenantOwned());
        this.transfers = mongo.collection("member_transfers", ScopeRule.allianceOwned());
    }

    public static String newAlliance() {
        return "alliance-" + new ObjectId().toHexString();
    }

    // ------------------------------------------------------------------ tenants

    /**
     * A registered enterprise (a real tenant: its accounts may log in) in 浦东新区/张江镇, located in the given park
     * ({@code 张江科学城} or {@code 漕河泾开发区}, or none); the alliance gets {@link Api#standardLocations} first.
     */
    public String enterprise(String allianceId, String name, String park) {
        if (located.add(allianceId)) {
            Api.standardLocations(web, TestTokens.allianceAdmin(allianceId));
        }
        Map<String, Object> body = new HashMap<>(Api.enterprise(name, Api.newCreditCode()));
        if (park != null) {
            body.put("park", park);
        }
        body.put("adminUsername", "ent-" + new ObjectId().toHexString());
        return Api.post(web, TestTokens.allianceAdmin(allianceId), "/api/org/enterprises", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    // ------------------------------------------------------------------ organisations (swap for the API after merge)

    /**
     * Inserts an ACTIVE organisation. {@code tenantId} null makes it alliance-owned; {@code covered} defaults to the
     * tenant for SINGLE organisations.
     */
    public String organisation(String allianceId, String tenantId, String name, String kind, String formation, String parentId,
                               String... covered) {
        String id = new ObjectId().toHexString();
        List<String> ancestors = new ArrayList<>();
        if (parentId != null) {
            Document parent = organisations.findById(Scope.system(allianceId, null), parentId).block();
            ancestors.addAll(parent.getList("ancestors", String.class));
            ancestors.add(parentId);
        }
        List<String> coveredIds = covered.length > 0 ? Arrays.asList(covered) : tenantId != null ? List.of(tenantId) : List.of();
        Document doc = new Document("_id", id).append("allianceId", allianceId).append("tenantId", tenantId)
                .append("ownerType", tenantId == null ? "ALLIANCE" : "ENTERPRISE").append("ownerId", tenantId == null ? allianceId : tenantId)
                .append("name", name).append("kind", kind).append("formation", formation).append("parentId", parentId)
                .append("ancestors", ancestors).append("coveredEnterpriseIds", coveredIds).append("officers", List.of())
                .append("status", "ACTIVE").append("version", 1L);
        organisations.insert(Scope.system(allianceId, null), doc).block();
        return id;
    }

    public String branch(String allianceId, String tenantId, String name, String parentId) {
        return organisation(allianceId, tenantId, name, "BRANCH", "SINGLE", parentId);
    }

    /** Moves an organisation (and its subtree's ancestors) under a new parent and publishes OrganisationMoved. */
    public void moveOrganisation(String allianceId, String orgId, String newParentId) {
        Scope scope = Scope.system(allianceId, null);
        Document org = organisations.findById(scope, orgId).block();
        Document parent = organisations.findById(scope, newParentId).block();
        List<String> oldPath = new ArrayList<>(org.getList("ancestors", String.class));
        List<String> newAncestors = new ArrayList<>(parent.getList("ancestors", String.class));
        newAncestors.add(newParentId);
        for (Document d : organisations.find(scope, Filters.eq("ancestors", orgId), null, 0, 0).collectList().block()) {
            List<String> a = d.getList("ancestors", String.class);
            List<String> rest = a.subList(oldPath.size(), a.size());
            List<String> moved = new ArrayList<>(newAncestors);
            moved.addAll(rest);
            organisations.updateOne(scope, Filters.eq("_id", d.getString("_id")), Updates.set("ancestors", moved)).block();
        }
        publish(allianceId, orgId, "OrganisationMoved", Updates.combine(Updates.set("ancestors", newAncestors),
                Updates.set("parentId", newParentId)));
    }

    public void renameOrganisation(String allianceId, String orgId, String name) {
        publish(allianceId, orgId, "OrganisationRenamed", Updates.set("name", name));
    }

    /** Sets the officer list ({memberId → role}) and publishes OfficersChanged. */
    public void officersChanged(String allianceId, String orgId, Map<String, String> officers) {
        List<Document> list = officers.entrySet().stream()
                .map(e -> new Document("memberId", e.getKey()).append("name", "officer").append("role", e.getValue())
                        .append("since", "2026-01-01")).toList();
        publish(allianceId, orgId, "OfficersChanged", Updates.set("officers", list));
    }

    public void dissolveOrganisation(String allianceId, String orgId) {
        organisations.updateOne(Scope.system(allianceId, null), Filters.eq("_id", orgId), Updates.set("status", "DISSOLVED")).block();
    }

    private void publish(String allianceId, String orgId, String type, org.bson.conversions.Bson change) {
        Scope scope = Scope.system(allianceId, null);
        organisations.updateOne(scope, Filters.eq("_id", orgId), Updates.combine(change, Updates.inc("version", 1L))).block();
        Document after = organisations.findById(scope, orgId).block();
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", orgId);
        body.put("allianceId", allianceId);
        body.put("tenantId", after.getString("tenantId"));
        body.put("name", after.getString("name"));
        body.put("parentId", after.getString("parentId"));
        body.put("ancestors", after.getList("ancestors", String.class));
        body.put("officers", after.getList("officers", Document.class).stream().map(d -> Map.of("memberId", d.getString("memberId"),
                "role", d.getString("role"))).toList());
        body.put("status", after.getString("status"));
        body.put("version", after.get("version", Number.class).longValue());
        body.put("occurredAt", Instant.now().toString());
        organisations.updateOne(scope, Filters.eq("_id", orgId),
                Outbox.push(outbox.message("org.organisation.v1", type, orgId, allianceId, after.getString("tenantId"), body))).block();
        relay.relay(organisations, orgId).block(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ tokens

    private String token(String username, String allianceId, String tenantId, Set<String> orgs, Set<String> parks, String memberId,
                         Role... roles) {
        return tokens.issue(new Account("acct-" + username, username, null, username, null, Set.of(roles), allianceId, tenantId,
                List.copyOf(orgs), List.copyOf(parks), List.of(), memberId, AccountStatus.ACTIVE, 0, null, false));
    }

    public String allianceAdmin(String allianceId) {
        return token("alliance-admin-" + allianceId, allianceId, null, Set.of(), Set.of(), null, Role.ALLIANCE_ADMIN);
    }

    public String enterpriseAdmin(String allianceId, String tenantId) {
        return token("ent-admin-" + tenantId, allianceId, tenantId, Set.of(), Set.of(), null, Role.ENTERPRISE_ADMIN);
    }

    public String orgAdmin(String allianceId, String tenantId, String... orgIds) {
        return token("org-admin-" + String.join("-", orgIds), allianceId, tenantId, Set.of(orgIds), Set.of(), null, Role.ORG_ADMIN);
    }

    public String member(String allianceId, String tenantId, String memberId) {
        return token("member-" + memberId, allianceId, tenantId, Set.of(), Set.of(), memberId, Role.MEMBER);
    }

    public String staff(String allianceId, String... parkIds) {
        return token("staff-" + String.join("-", parkIds), allianceId, null, Set.of(), Set.of(parkIds), null, Role.DISTRICT_STAFF);
    }

    public String auditor(String allianceId) {
        return token("auditor-" + allianceId, allianceId, null, Set.of(), Set.of(), null, Role.AUDITOR);
    }

    // ------------------------------------------------------------------ members

    /** A fresh valid ID number (born 1985–1994, a Shanghai region code). */
    public static String newIdNumber() {
        long n = SEQUENCE.incrementAndGet();
        int year = 1985 + (int) (n % 10);
        int month = 1 + (int) (n / 10 % 12);
        int day = 1 + (int) (n / 120 % 28);
        String seq = String.format("%03d", n / 3360 % 1000);
        return IdNumber.withCheck(String.format("310115%04d%02d%02d%s", year, month, day, seq));
    }

    public static String newPhone() {
        return String.format("139%08d", SEQUENCE.incrementAndGet() % 100_000_000);
    }

    public static Map<String, Object> memberBody(String name, String orgId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", newIdNumber());
        body.put("phone", newPhone());
        body.put("joinDate", "2016-07-01");
        body.put("status", "FULL");
        body.put("orgId", orgId);
        return body;
    }

    /** Creates a member through the API; answers the response body (the member, with {@code account}). */
    public Map<?, ?> createMember(String token, Map<String, Object> body) {
        return Api.post(web, token, "/api/org/members", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Removes a member's {@code orgPath}, as a document written before the field existed would be. */
    public void dropOrgPath(String memberId) {
        members.updateOne(Scope.unrestricted("test"), com.mongodb.client.model.Filters.eq("_id", memberId),
                com.mongodb.client.model.Updates.unset("orgPath")).block();
    }

    public Document rawMember(String memberId) {
        return members.findById(Scope.unrestricted("test"), memberId).block();
    }

    public Document rawTransfer(String transferId) {
        return transfers.findById(Scope.unrestricted("test"), transferId).block();
    }

    // ------------------------------------------------------------------ events

    /** The events published on {@code topic} with key {@code key}, waiting until {@code expected} have arrived. */
    public List<ConsumerRecord<String, byte[]>> events(String topic, String key, int expected) {
        return cn.lianmeng.org.KafkaRecords.withKey(broker, topic, key, expected);
    }

    public static String type(ConsumerRecord<String, byte[]> r) {
        return new String(r.headers().lastHeader("ce_type").value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String body(ConsumerRecord<String, byte[]> r) {
        return new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
