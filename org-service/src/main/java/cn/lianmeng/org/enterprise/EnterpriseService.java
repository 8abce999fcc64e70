package cn.lianmeng.org.enterprise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import cn.lianmeng.org.identity.Account;
import cn.lianmeng.org.identity.AccountStatus;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Member enterprises — the tenants. Registering one (directly, by an approved onboarding application or by a
 * spreadsheet import) stores its profile and resolved location; every change leaves through the outbox on
 * {@code org.enterprise.v1} with the enterprise's snapshot and version, and is audited.
 */
@Service
public class EnterpriseService {

    public static final String TOPIC = "org.enterprise.v1";
    static final String COLLECTION = "enterprises";
    public static final Set<String> SORTABLE = Set.of("name", "createdAt", "staffCount", "district");
    private static final Set<Role> READERS = Set.of(Role.PLATFORM_ADMIN, Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.DISTRICT_STAFF);
    private static final Set<Role> EDITORS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN);
    private static final Set<Role> ALLIANCE_ADMIN = Set.of(Role.ALLIANCE_ADMIN);
    private static final Set<EnterpriseStatus> NOT_LEFT = Set.of(EnterpriseStatus.ACTIVE, EnterpriseStatus.SUSPENDED);
    /** How long an admin-account issuing may hold its claim on the enterprise before another attempt may take over. */
    private static final Duration ADMIN_CLAIM = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(EnterpriseService.class);

    /** How an enterprise came in. */
    public enum Source { REGISTERED, ONBOARDING, IMPORT }

    private final ScopedCollection enterprises;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final IdentityService identity;
    private final AccountStore accounts;
    private final LocationDirectory locations;
    private final Clock clock;

    public EnterpriseService(MongoAccess mongo, Outbox outbox, OutboxRelay relay, AuditLog audit, IdentityService identity,
                             AccountStore accounts, LocationDirectory locations, Clock clock) {
        this.enterprises = mongo.collection(COLLECTION, ScopeRule.tenantOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.identity = identity;
        this.accounts = accounts;
        this.locations = locations;
        this.clock = clock;
        relay.register(enterprises);
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "creditCode"),
                new IndexOptions().unique(true).name("alliance_credit_code_unique"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().name("alliance_name"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "district", "street"), new IndexOptions().name("alliance_region"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "districtId", "streetId", "communityId"),
                new IndexOptions().name("alliance_region_ids"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "parkId"), new IndexOptions().name("alliance_park"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "buildingId"), new IndexOptions().name("alliance_building"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "instructorAccountId"),
                new IndexOptions().name("alliance_instructor"));
    }

    public record AdminAccount(String accountId, String username, String initialPassword, boolean passwordChangeRequired) {
    }

    /** The registered enterprise (its fields at the top level, including {@code id}) and its admin account, shown once. */
    public record Registered(@JsonUnwrapped EnterpriseView enterprise, AdminAccount adminAccount) {
    }

    /** An issued admin account for an enterprise that had none; the initial password is shown once. */
    public record IssuedAdmin(String enterpriseId, AdminAccount adminAccount) {
    }

    public record ListFilter(String status, String district, String street, String type, String q, String districtId,
                             String streetId, String communityId, String parkId, String buildingId, String operatingStatus) {

        public ListFilter(String status, String district, String street, String type, String q) {
            this(status, district, street, type, q, null, null, null, null, null, null);
        }
    }

    /** A validated profile: everything of an enterprise but its location and ids. */
    public record Profile(String name, String creditCode, EnterpriseType type, String industry, int staffCount,
                          OperatingStatus operatingStatus, String contactName, String contactPhone, Integer partyMemberCount) {
    }

    /** Where a registration comes from: a direct registration, an approved onboarding application, an import job. */
    public record Origin(Source source, String reference) {

        public static Origin registered() {
            return new Origin(Source.REGISTERED, null);
        }

        public static Origin onboarding(String applicationId) {
            return new Origin(Source.ONBOARDING, applicationId);
        }
    }

    private static Mono<Caller> require(Caller caller, Set<Role> roles) {
        return caller.hasAny(roles) ? Mono.just(caller) : Mono.error(ApiException.forbidden());
    }

    private static boolean unmasked(Caller caller) {
        return caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.PLATFORM_ADMIN);
    }

    private static ApiException duplicate(String creditCode) {
        return ApiException.conflict("creditCode", "统一社会信用代码“" + creditCode + "”已在本联盟登记");
    }

    /** The enterprise type from its identifier or Chinese label; adds the field problem and answers null otherwise. */
    private static EnterpriseType parseType(String type, List<FieldProblem> errors) {
        EnterpriseType parsed = EnterpriseType.parse(type).orElse(null);
        if (parsed == null) {
            errors.add(new FieldProblem("type", "须为 STATE_OWNED、PRIVATE、FOREIGN、JOINT_VENTURE、SOCIAL_ORG 或其中文名称"));
        }
        return parsed;
    }

    private static OperatingStatus parseOperating(String value, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            return OperatingStatus.OPERATING;
        }
        OperatingStatus parsed = OperatingStatus.parse(value).orElse(null);
        if (parsed == null) {
            errors.add(new FieldProblem("operatingStatus", "须为 OPERATING（正常经营）、SHELL（空壳企业）或 ZOMBIE（僵尸企业）"));
        }
        return parsed;
    }

    private static void checkPartyMembers(Integer partyMembers, Integer staff, List<FieldProblem> errors) {
        if (partyMembers != null && staff != null && partyMembers > staff) {
            errors.add(new FieldProblem("partyMemberCount", "正式党员人数不能超过从业人数"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Resolves the location names against the alliance's catalogue; field problems are added under their API names. */
    private Mono<Location> resolve(Scope scope, LocationResolver.Names names, List<FieldProblem> errors) {
        return locations.lookup(scope).map(lookup -> {
            LocationResolver.Result result = LocationResolver.resolve(names, lookup);
            result.problems().forEach((field, message) -> errors.add(new FieldProblem(field.api(), message)));
            return result.ok() ? result.location() : new Location(null, null, null, null, null, null, null, null, null, null);
        });
    }

    /** Registers a member enterprise into the caller's alliance (ALLIANCE_ADMIN). {@code presetPassword} only for demo data. */
    public Mono<Registered> register(Caller caller, EnterpriseRequests.Register req, String presetPassword) {
        return register(caller, req, presetPassword, Origin.registered());
    }

    /**
     * Registers a member enterprise with its ENTERPRISE_ADMIN account (forced first-login change unless a preset
     * password is given): the path of direct registration and of approved onboarding applications.
     */
    public Mono<Registered> register(Caller caller, EnterpriseRequests.Register req, String presetPassword, Origin origin) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可登记成员单位"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        CreditCode.problem(req.creditCode()).ifPresent(p -> errors.add(new FieldProblem("creditCode", p)));
        EnterpriseType type = parseType(req.type(), errors);
        OperatingStatus operating = parseOperating(req.operatingStatus(), errors);
        checkPartyMembers(req.partyMemberCount(), req.staffCount(), errors);
        Scope scope = Scope.of(caller);
        LocationResolver.Names names = new LocationResolver.Names(req.district(), req.street(), req.community(), req.park(), req.building(),
                req.parkId(), req.buildingId());
        return resolve(scope, names, errors).flatMap(location -> {
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            String creditCode = CreditCode.normalise(req.creditCode());
            Profile profile = new Profile(req.name().strip(), creditCode, type, req.industry().strip(), req.staffCount(), operating,
                    blankToNull(req.contactName()), blankToNull(req.contactPhone()), req.partyMemberCount());
            String allianceId = caller.allianceId();
            String id = new ObjectId().toHexString();
            String adminUsername = req.adminUsername() != null ? req.adminUsername() : creditCode;
            Instant now = clock.instant();
            Document doc = newDocument(id, allianceId, profile, location, origin, caller.accountId(), now)
                    .append("adminUsername", adminUsername);

            return enterprises.count(scope, Filters.eq("creditCode", creditCode))
                    .flatMap(n -> n > 0 ? Mono.error(duplicate(creditCode)) : Mono.just(n))
                    // the admin account first: if the enterprise insert then loses a race, the account is unusable (no tenant)
                    .then(identity.provision(scope, caller, adminUsername, profile.name() + "党组织管理员", null,
                            Role.ENTERPRISE_ADMIN, allianceId, id, presetPassword))
                    .flatMap(admin -> {
                        doc.append("adminAccountId", admin.accountId());
                        OutboxMessage event = outbox.message(TOPIC, "EnterpriseOnboarded", id, allianceId, id, EnterpriseEvent.of(doc, now));
                        return enterprises.insert(scope, Outbox.withOutbox(doc, event))
                                .onErrorMap(ScopedCollection::isDuplicateKey, e -> duplicate(creditCode))
                                .doOnSuccess(d -> relay.relaySoon(enterprises, id))
                                .then(audit.record(caller, "ENTERPRISE_ONBOARDED", "enterprise", id, id, Result.SUCCESS,
                                        auditOf(profile, origin)))
                                .thenReturn(new Registered(EnterpriseView.of(doc, true),
                                        new AdminAccount(admin.accountId(), admin.username(), admin.initialPassword(), admin.passwordChangeRequired())));
                    });
        });
    }

    private static Map<String, Object> auditOf(Profile profile, Origin origin) {
        Map<String, Object> details = new HashMap<>();
        details.put("name", profile.name());
        details.put("creditCode", profile.creditCode());
        details.put("source", origin.source().name());
        if (origin.reference() != null) {
            details.put(origin.source() == Source.IMPORT ? "jobId" : "applicationId", origin.reference());
        }
        return details;
    }

    private Document newDocument(String id, String allianceId, Profile p, Location location, Origin origin, String createdBy, Instant now) {
        Document doc = new Document("_id", id).append("allianceId", allianceId).append("tenantId", id)
                .append("name", p.name()).append("creditCode", p.creditCode()).append("type", p.type().name())
                .append("industry", p.industry()).append("staffCount", p.staffCount())
                .append("operatingStatus", p.operatingStatus().name());
        doc.putAll(location.toDocument());
        doc.append("contactName", p.contactName()).append("contactPhone", p.contactPhone())
                .append("partyMemberCount", p.partyMemberCount())
                .append("status", EnterpriseStatus.ACTIVE.name())
                .append("instructorAccountId", null).append("instructorName", null)
                .append("source", origin.source().name());
        if (origin.source() == Source.ONBOARDING) {
            doc.append("applicationId", origin.reference());
        } else if (origin.source() == Source.IMPORT) {
            doc.append("importJobId", origin.reference());
        }
        return doc.append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("createdBy", createdBy);
    }

    /** One enterprise of a spreadsheet import, validated. */
    public record ImportedEnterprise(Profile profile, Location location) {
    }

    /**
     * Inserts a batch of enterprises of a spreadsheet import in one unordered write (no admin accounts; issued later
     * through {@link #issueAdminAccount}), each with its EnterpriseOnboarded event in its outbox, and audits each in
     * one batch. Answers, position by position, the new id or null where the credit code is already registered (the
     * alliance's unique index decides, so concurrent imports of the same file cannot both insert an enterprise). The
     * events are relayed by {@link #relayInBackground} (and the relay's sweep).
     */
    public Mono<List<String>> insertImported(Caller caller, List<ImportedEnterprise> batch, String jobId) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可导入成员单位"));
        }
        Scope scope = Scope.of(caller);
        Instant now = clock.instant();
        Origin origin = new Origin(Source.IMPORT, jobId);
        List<String> ids = new ArrayList<>(batch.size());
        List<Document> docs = new ArrayList<>(batch.size());
        for (ImportedEnterprise e : batch) {
            String id = new ObjectId().toHexString();
            Document doc = newDocument(id, caller.allianceId(), e.profile(), e.location(), origin, caller.accountId(), now);
            OutboxMessage event = outbox.message(TOPIC, "EnterpriseOnboarded", id, caller.allianceId(), id, EnterpriseEvent.of(doc, now));
            ids.add(id);
            docs.add(Outbox.withOutbox(doc, event));
        }
        return enterprises.insertAll(scope, docs).flatMap(duplicates -> {
            List<String> inserted = new ArrayList<>(ids.size());
            List<AuditLog.Target> audited = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (duplicates.contains(i)) {
                    inserted.add(null);
                } else {
                    inserted.add(ids.get(i));
                    audited.add(new AuditLog.Target(ids.get(i), ids.get(i), auditOf(batch.get(i).profile(), origin)));
                }
            }
            return audit.recordAll(caller, "ENTERPRISE_ONBOARDED", "enterprise", Result.SUCCESS, audited)
                    .thenReturn(Collections.unmodifiableList(inserted));
        });
    }

    /** Relays the outbox of freshly imported enterprises, a few at a time, in the background (the sweep is the safety net). */
    public void relayInBackground(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Flux.fromIterable(List.copyOf(ids))
                .flatMap(id -> relay.relay(enterprises, id).onErrorResume(e -> Mono.empty()), 8)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, e -> log.warn("Relaying imported enterprises failed, the sweep will retry: {}", e.toString()));
    }

    /** Which of the credit codes are already registered in the scope's alliance: code → enterprise name. */
    public Mono<Map<String, String>> registered(Scope scope, Collection<String> creditCodes) {
        if (creditCodes.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.fromIterable(List.copyOf(creditCodes)).buffer(500)
                .concatMap(chunk -> enterprises.find(scope, Filters.in("creditCode", chunk),
                        Projections.include("creditCode", "name", "status"), null, 0, chunk.size()))
                .collectMap(d -> d.getString("creditCode"), d -> d.getString("name"));
    }

    /** The enterprise registered under the credit code in the scope's alliance, if any. */
    public Mono<EnterpriseView> findByCreditCode(Scope scope, String creditCode) {
        return enterprises.findOne(scope, Filters.eq("creditCode", CreditCode.normalise(creditCode))).map(d -> EnterpriseView.of(d, false));
    }

    /** The locations of the scope's alliance, for callers that resolve many names at once (import). */
    public Mono<LocationLookup> locations(Scope scope) {
        return locations.lookup(scope);
    }

    public Mono<EnterpriseView> get(Caller caller, String id) {
        return require(caller, READERS)
                .flatMap(c -> enterprises.findById(Scope.of(c), id))
                .map(d -> EnterpriseView.of(d, unmasked(caller)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")));
    }

    public Mono<PageResult<EnterpriseView>> list(Caller caller, ListFilter f, PageQuery page) {
        return require(caller, READERS).flatMap(c -> {
            List<Bson> filters = new ArrayList<>();
            if (f.status() != null) {
                filters.add(Filters.eq("status", f.status()));
            }
            eq(filters, "district", f.district());
            eq(filters, "street", f.street());
            eq(filters, "districtId", f.districtId());
            eq(filters, "streetId", f.streetId());
            eq(filters, "communityId", f.communityId());
            eq(filters, "parkId", f.parkId());
            eq(filters, "buildingId", f.buildingId());
            if (f.type() != null) {
                filters.add(Filters.eq("type", EnterpriseType.parse(f.type()).map(Enum::name).orElse(f.type())));
            }
            if (f.operatingStatus() != null) {
                filters.add(Filters.eq("operatingStatus", OperatingStatus.parse(f.operatingStatus()).map(Enum::name).orElse(f.operatingStatus())));
            }
            if (f.q() != null && !f.q().isBlank()) {
                // a quoted, anchored prefix: user input is never a pattern, and the (allianceId, name) index serves it
                filters.add(Filters.regex("name", "^" + Pattern.quote(f.q().strip())));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            return enterprises.page(Scope.of(c), filter, page, d -> EnterpriseView.of(d, unmasked(c)));
        });
    }

    private static void eq(List<Bson> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Filters.eq(field, value)); // a plain equality on a fixed field: the value is never an operator
        }
    }

    public Mono<EnterpriseView> update(Caller caller, String id, EnterpriseRequests.Update req) {
        if (!caller.hasAny(EDITORS)) {
            return Mono.error(ApiException.forbidden());
        }
        List<FieldProblem> errors = new ArrayList<>();
        EnterpriseType type = parseType(req.type(), errors);
        OperatingStatus operating = parseOperating(req.operatingStatus(), errors);
        checkPartyMembers(req.partyMemberCount(), req.staffCount(), errors);
        LocationResolver.Names names = new LocationResolver.Names(req.district(), req.street(), req.community(), req.park(), req.building(),
                req.parkId(), req.buildingId());
        return resolve(Scope.of(caller), names, errors).flatMap(location -> {
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            Document changes = new Document("name", req.name().strip()).append("industry", req.industry().strip())
                    .append("staffCount", req.staffCount()).append("type", type.name())
                    .append("operatingStatus", operating.name())
                    .append("contactName", blankToNull(req.contactName())).append("contactPhone", blankToNull(req.contactPhone()))
                    .append("partyMemberCount", req.partyMemberCount());
            changes.putAll(location.toDocument());
            return change(caller, EDITORS, id, req.version(), null, current -> null, changes, "EnterpriseUpdated", "ENTERPRISE_UPDATED", Map.of());
        });
    }

    public Mono<EnterpriseView> suspend(Caller caller, String id, String reason) {
        return change(caller, ALLIANCE_ADMIN, id, null, Set.of(EnterpriseStatus.ACTIVE), current -> null,
                new Document("status", EnterpriseStatus.SUSPENDED.name()).append("statusReason", reason),
                "EnterpriseSuspended", "ENTERPRISE_SUSPENDED", Map.of("reason", reason));
    }

    /** Back to ACTIVE from SUSPENDED, or from LEFT when a departed enterprise rejoins (its history is still there). */
    public Mono<EnterpriseView> reactivate(Caller caller, String id, String reason) {
        return change(caller, ALLIANCE_ADMIN, id, null, Set.of(EnterpriseStatus.SUSPENDED, EnterpriseStatus.LEFT), current -> null,
                new Document("status", EnterpriseStatus.ACTIVE.name()).append("statusReason", reason).append("leftAt", null),
                "EnterpriseReactivated", "ENTERPRISE_REACTIVATED", Map.of("reason", reason));
    }

    /** The enterprise leaves the alliance: its records stay, its accounts can no longer log in. */
    public Mono<EnterpriseView> leave(Caller caller, String id, String reason) {
        return change(caller, ALLIANCE_ADMIN, id, null, NOT_LEFT, current -> null,
                new Document("status", EnterpriseStatus.LEFT.name()).append("statusReason", reason)
                        .append("leftAt", Date.from(clock.instant())),
                "EnterpriseLeft", "ENTERPRISE_LEFT", Map.of("reason", reason));
    }

    /** Assigns a party-building instructor (a DISTRICT_STAFF account of the same alliance). */
    public Mono<EnterpriseView> assignInstructor(Caller caller, String id, EnterpriseRequests.AssignInstructor req) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可指定党建指导员"));
        }
        return accounts.findById(Scope.of(caller), req.accountId())
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("accountId", "本联盟没有该账户")))
                .flatMap(account -> {
                    if (!account.roles().contains(Role.DISTRICT_STAFF)) {
                        return Mono.error(ApiException.badRequest("accountId", "党建指导员须为本联盟的挂联干部（DISTRICT_STAFF）账户"));
                    }
                    if (account.status() == AccountStatus.DISABLED) {
                        return Mono.error(ApiException.badRequest("accountId", "该账户已停用"));
                    }
                    String name = instructorName(account);
                    return change(caller, ALLIANCE_ADMIN, id, req.version(), NOT_LEFT, current -> null,
                            new Document("instructorAccountId", account.id()).append("instructorName", name)
                                    .append("instructorAssignedAt", Date.from(clock.instant())),
                            "InstructorAssigned", "INSTRUCTOR_ASSIGNED", Map.of("accountId", account.id(), "name", name));
                });
    }

    private static String instructorName(Account account) {
        return account.displayName() != null && !account.displayName().isBlank() ? account.displayName() : account.username();
    }

    public Mono<EnterpriseView> unassignInstructor(Caller caller, String id, Long version) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可撤销党建指导员"));
        }
        if (version == null) {
            return Mono.error(ApiException.badRequest("version", "不能为空（用于并发控制）"));
        }
        return change(caller, ALLIANCE_ADMIN, id, version, null,
                current -> current.getString("instructorAccountId") == null
                        ? ApiException.conflict("instructorAccountId", "该成员单位没有党建指导员") : null,
                new Document("instructorAccountId", null).append("instructorName", null).append("instructorAssignedAt", null),
                "InstructorUnassigned", "INSTRUCTOR_UNASSIGNED", Map.of());
    }

    /**
     * Issues the ENTERPRISE_ADMIN account of an enterprise that has none (imported enterprises): forced first-login
     * change, the initial password answered once. 409 when it has one. The enterprise is claimed first (a
     * conditional write), so two concurrent requests cannot both provision an account.
     */
    public Mono<IssuedAdmin> issueAdminAccount(Caller caller, String id, String requestedUsername) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可开通企业管理员账户"));
        }
        Scope scope = Scope.of(caller);
        String claim = new ObjectId().toHexString();
        Instant now = clock.instant();
        return enterprises.findById(scope, id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")))
                .flatMap(current -> {
                    if (current.getString("adminAccountId") != null) {
                        return Mono.error(ApiException.conflict("adminAccountId", "该成员单位已有企业管理员账户（" + current.getString("adminUsername") + "）"));
                    }
                    if (EnterpriseStatus.LEFT.name().equals(current.getString("status"))) {
                        return Mono.error(ApiException.conflict("status", "该成员单位已退出联盟，不能开通账户"));
                    }
                    Bson unclaimed = Filters.and(Filters.eq("_id", id), Filters.eq("adminAccountId", null),
                            Filters.or(Filters.eq("adminClaimAt", null), Filters.lt("adminClaimAt", Date.from(now.minus(ADMIN_CLAIM)))));
                    return enterprises.updateAndGet(scope, unclaimed,
                                    Updates.combine(Updates.set("adminClaim", claim), Updates.set("adminClaimAt", Date.from(now))))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("adminAccountId", "该成员单位已有或正在开通企业管理员账户")))
                            .flatMap(claimed -> {
                                String username = requestedUsername != null ? requestedUsername : claimed.getString("creditCode");
                                Bson mine = Filters.and(Filters.eq("_id", id), Filters.eq("adminClaim", claim));
                                return identity.provision(scope, caller, username, claimed.getString("name") + "党组织管理员", null,
                                                Role.ENTERPRISE_ADMIN, claimed.getString("allianceId"), id, null)
                                        .onErrorResume(e -> enterprises.updateOne(scope, mine,
                                                Updates.combine(Updates.unset("adminClaim"), Updates.unset("adminClaimAt"))).then(Mono.error(e)))
                                        .flatMap(admin -> enterprises.updateOne(scope, mine, Updates.combine(
                                                        Updates.set("adminAccountId", admin.accountId()), Updates.set("adminUsername", admin.username()),
                                                        Updates.unset("adminClaim"), Updates.unset("adminClaimAt")))
                                                .then(audit.record(caller, "ENTERPRISE_ADMIN_ISSUED", "enterprise", id, id, Result.SUCCESS,
                                                        Map.of("accountId", admin.accountId(), "username", admin.username())))
                                                .thenReturn(new IssuedAdmin(id, new AdminAccount(admin.accountId(), admin.username(),
                                                        admin.initialPassword(), admin.passwordChangeRequired()))));
                            });
                });
    }

    /**
     * One guarded state change: read within scope (404 outside it), check the expected version (409), the status
     * (409) and any precondition (its problem), then write the change, the version bump and the event in one
     * conditional single-document update, and audit it.
     */
    private Mono<EnterpriseView> change(Caller caller, Set<Role> roles, String id, Long expectedVersion, Set<EnterpriseStatus> allowed,
                                        Function<Document, ApiException> precondition, Document changes, String eventType,
                                        String auditAction, Map<String, ?> auditDetails) {
        return require(caller, roles).flatMap(c -> {
            Scope scope = Scope.of(c);
            return enterprises.findById(scope, id)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")))
                    .flatMap(current -> {
                        long version = current.get("version", Number.class).longValue();
                        if (expectedVersion != null && expectedVersion != version) {
                            return Mono.error(ApiException.conflict("version", "该记录已被他人修改（当前版本 " + version + "），请刷新后重试"));
                        }
                        String status = current.getString("status");
                        if (allowed != null && allowed.stream().noneMatch(s -> s.name().equals(status))) {
                            return Mono.error(ApiException.conflict("status", "当前状态为 " + status + "，不能执行此操作"));
                        }
                        ApiException refused = precondition.apply(current);
                        if (refused != null) {
                            return Mono.error(refused);
                        }
                        Instant now = clock.instant();
                        Document after = new Document(current);
                        after.putAll(changes);
                        after.put("version", version + 1);
                        after.put("updatedAt", Date.from(now));
                        OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), id, EnterpriseEvent.of(after, now));
                        List<Bson> sets = new ArrayList<>();
                        changes.forEach((k, v) -> sets.add(Updates.set(k, v)));
                        sets.add(Updates.set("version", version + 1));
                        sets.add(Updates.set("updatedAt", Date.from(now)));
                        sets.add(Outbox.push(event));
                        return enterprises.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), Updates.combine(sets))
                                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该记录刚被他人修改，请刷新后重试")))
                                .doOnSuccess(d -> relay.relaySoon(enterprises, id))
                                .flatMap(d -> audit.record(c, auditAction, "enterprise", id, id, Result.SUCCESS, auditDetails)
                                        .thenReturn(EnterpriseView.of(d, unmasked(c))));
                    });
        });
    }
}
