package cn.lianmeng.org.enterprise;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Member enterprises — the tenants. Registering one provisions its ENTERPRISE_ADMIN account; every change leaves
 * through the outbox on {@code org.enterprise.v1} with the enterprise's snapshot and version.
 */
@Service
public class EnterpriseService {

    public static final String TOPIC = "org.enterprise.v1";
    static final String COLLECTION = "enterprises";
    public static final Set<String> SORTABLE = Set.of("name", "createdAt", "staffCount", "district");
    private static final Set<Role> READERS = Set.of(Role.PLATFORM_ADMIN, Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.DISTRICT_STAFF);
    private static final Set<Role> EDITORS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN);

    private final ScopedCollection enterprises;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final IdentityService identity;
    private final Clock clock;

    public EnterpriseService(MongoAccess mongo, Outbox outbox, OutboxRelay relay, AuditLog audit, IdentityService identity, Clock clock) {
        this.enterprises = mongo.collection(COLLECTION, ScopeRule.tenantOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
        relay.register(enterprises);
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "creditCode"),
                new IndexOptions().unique(true).name("alliance_credit_code_unique"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().name("alliance_name"));
        enterprises.ensureIndexInBackground(Indexes.ascending("allianceId", "district", "street"), new IndexOptions().name("alliance_region"));
    }

    public record AdminAccount(String accountId, String username, String initialPassword, boolean passwordChangeRequired) {
    }

    /** The registered enterprise (its fields at the top level, including {@code id}) and its admin account, shown once. */
    public record Registered(@JsonUnwrapped EnterpriseView enterprise, AdminAccount adminAccount) {
    }

    public record ListFilter(String status, String district, String street, String type, String q) {
    }

    private static Mono<Caller> require(Caller caller, Set<Role> roles) {
        return caller.hasAny(roles) ? Mono.just(caller) : Mono.error(ApiException.forbidden());
    }

    private static boolean unmasked(Caller caller) {
        return caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.PLATFORM_ADMIN);
    }

    /** The enterprise type from its identifier or Chinese label; adds the field problem and answers null otherwise. */
    private static EnterpriseType parseType(String type, List<FieldProblem> errors) {
        EnterpriseType parsed = EnterpriseType.parse(type).orElse(null);
        if (parsed == null) {
            errors.add(new FieldProblem("type", "须为 STATE_OWNED、PRIVATE、FOREIGN、JOINT_VENTURE、SOCIAL_ORG 或其中文名称"));
        }
        return parsed;
    }

    /** Registers a member enterprise into the caller's alliance (ALLIANCE_ADMIN). {@code presetPassword} only for demo data. */
    public Mono<Registered> register(Caller caller, EnterpriseRequests.Register req, String presetPassword) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可登记成员单位"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        CreditCode.problem(req.creditCode()).ifPresent(p -> errors.add(new FieldProblem("creditCode", p)));
        EnterpriseType type = parseType(req.type(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        String creditCode = CreditCode.normalise(req.creditCode());
        String allianceId = caller.allianceId();
        String id = new ObjectId().toHexString();
        String adminUsername = req.adminUsername() != null ? req.adminUsername() : creditCode;
        Scope scope = Scope.of(caller);
        Instant now = clock.instant();
        Document doc = new Document("_id", id).append("allianceId", allianceId).append("tenantId", id)
                .append("name", req.name().strip()).append("creditCode", creditCode).append("type", type.name())
                .append("industry", req.industry()).append("staffCount", req.staffCount())
                .append("district", req.district()).append("street", req.street()).append("community", req.community())
                .append("parkId", req.parkId()).append("buildingId", req.buildingId())
                .append("contactName", req.contactName()).append("contactPhone", req.contactPhone())
                .append("partyMemberCount", req.partyMemberCount())
                .append("status", EnterpriseStatus.ACTIVE.name()).append("adminUsername", adminUsername)
                .append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("createdBy", caller.accountId());
        OutboxMessage event = outbox.message(TOPIC, "EnterpriseOnboarded", id, allianceId, id, snapshot(doc, now));

        return enterprises.count(scope, Filters.eq("creditCode", creditCode))
                .flatMap(n -> n > 0 ? Mono.error(ApiException.conflict("creditCode", "统一社会信用代码“" + creditCode + "”已在本联盟登记"))
                        : Mono.just(n))
                // the admin account first: if the enterprise insert then loses a race, the account is unusable (no tenant)
                .then(identity.provision(scope, caller, adminUsername, req.name().strip() + "党组织管理员", null,
                        Role.ENTERPRISE_ADMIN, allianceId, id, presetPassword))
                .flatMap(admin -> enterprises.insert(scope, Outbox.withOutbox(doc.append("adminAccountId", admin.accountId()), event))
                        .onErrorMap(ScopedCollection::isDuplicateKey,
                                e -> ApiException.conflict("creditCode", "统一社会信用代码“" + creditCode + "”已在本联盟登记"))
                        .doOnSuccess(d -> relay.relaySoon(enterprises, id))
                        .then(audit.record(caller, "ENTERPRISE_ONBOARDED", "enterprise", id, id, Result.SUCCESS,
                                Map.of("name", req.name(), "creditCode", creditCode)))
                        .thenReturn(new Registered(EnterpriseView.of(doc, true),
                                new AdminAccount(admin.accountId(), admin.username(), admin.initialPassword(), admin.passwordChangeRequired()))));
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
            if (f.district() != null) {
                filters.add(Filters.eq("district", f.district()));
            }
            if (f.street() != null) {
                filters.add(Filters.eq("street", f.street()));
            }
            if (f.type() != null) {
                filters.add(Filters.eq("type", EnterpriseType.parse(f.type()).map(Enum::name).orElse(f.type())));
            }
            if (f.q() != null && !f.q().isBlank()) {
                // a quoted, anchored prefix: user input is never a pattern, and the (allianceId, name) index serves it
                filters.add(Filters.regex("name", "^" + Pattern.quote(f.q().strip())));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            return enterprises.page(Scope.of(c), filter, page, d -> EnterpriseView.of(d, unmasked(c)));
        });
    }

    public Mono<EnterpriseView> update(Caller caller, String id, EnterpriseRequests.Update req) {
        List<FieldProblem> errors = new ArrayList<>();
        EnterpriseType type = parseType(req.type(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        Document changes = new Document("name", req.name().strip()).append("district", req.district()).append("street", req.street())
                .append("community", req.community()).append("industry", req.industry()).append("staffCount", req.staffCount())
                .append("type", type.name()).append("parkId", req.parkId()).append("buildingId", req.buildingId())
                .append("contactName", req.contactName()).append("contactPhone", req.contactPhone())
                .append("partyMemberCount", req.partyMemberCount());
        return change(caller, EDITORS, id, req.version(), null, changes, "EnterpriseUpdated", "ENTERPRISE_UPDATED", Map.of());
    }

    public Mono<EnterpriseView> suspend(Caller caller, String id, String reason) {
        return change(caller, Set.of(Role.ALLIANCE_ADMIN), id, null, EnterpriseStatus.ACTIVE,
                new Document("status", EnterpriseStatus.SUSPENDED.name()).append("statusReason", reason),
                "EnterpriseSuspended", "ENTERPRISE_SUSPENDED", Map.of("reason", reason));
    }

    public Mono<EnterpriseView> reactivate(Caller caller, String id, String reason) {
        return change(caller, Set.of(Role.ALLIANCE_ADMIN), id, null, EnterpriseStatus.SUSPENDED,
                new Document("status", EnterpriseStatus.ACTIVE.name()).append("statusReason", reason),
                "EnterpriseReactivated", "ENTERPRISE_REACTIVATED", Map.of("reason", reason));
    }

    /**
     * One guarded state change: read within scope (404 outside it), check the expected version (409) and status
     * (409), then write the change, the version bump and the event in one conditional single-document update.
     */
    private Mono<EnterpriseView> change(Caller caller, Set<Role> roles, String id, Long expectedVersion, EnterpriseStatus requiredStatus,
                                        Document changes, String eventType, String auditAction, Map<String, ?> auditDetails) {
        return require(caller, roles).flatMap(c -> {
            Scope scope = Scope.of(c);
            return enterprises.findById(scope, id)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")))
                    .flatMap(current -> {
                        long version = current.get("version", Number.class).longValue();
                        if (expectedVersion != null && expectedVersion != version) {
                            return Mono.error(ApiException.conflict("version", "该记录已被他人修改（当前版本 " + version + "），请刷新后重试"));
                        }
                        if (requiredStatus != null && !requiredStatus.name().equals(current.getString("status"))) {
                            return Mono.error(ApiException.conflict("status", "当前状态为 " + current.getString("status") + "，不能执行此操作"));
                        }
                        Instant now = clock.instant();
                        Document after = new Document(current);
                        after.putAll(changes);
                        after.put("version", version + 1);
                        after.put("updatedAt", Date.from(now));
                        OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), id, snapshot(after, now));
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

    private static EnterpriseEvent snapshot(Document d, Instant at) {
        return new EnterpriseEvent(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("creditCode"),
                d.getString("type"), d.getString("industry"), d.getInteger("staffCount", 0), d.getString("district"),
                d.getString("street"), d.getString("community"), d.getString("parkId"), d.getString("buildingId"),
                d.getInteger("partyMemberCount"), d.getString("status"), d.get("version", Number.class).longValue(), at.toString());
    }
}
