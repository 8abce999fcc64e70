package cn.lianmeng.org.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.enterprise.EnterpriseRequests;
import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.enterprise.EnterpriseType;
import cn.lianmeng.org.enterprise.LocationResolver;
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
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Onboarding applications (入盟申请): an enterprise applies (public, naming the alliance by its code) or an alliance
 * administrator enters one for an invited enterprise; SUBMITTED → APPROVED (the tenant is provisioned through the
 * enterprise registration path, with its ENTERPRISE_ADMIN account) or REJECTED with a reason. Decisions are made
 * once, version-checked, audited and published on {@code org.onboarding.v1}.
 */
@Service
public class OnboardingService {

    public static final String TOPIC = "org.onboarding.v1";
    public static final String COLLECTION = "onboarding_applications";
    public static final Set<String> SORTABLE = Set.of("submittedAt", "decidedAt", "enterpriseName");
    /** How long an approval in progress holds the application before another attempt may take over (a crash mid-way). */
    static final Duration CLAIM = Duration.ofMinutes(1);

    /** Who started the application. */
    public enum Source { APPLIED, INVITED }

    private final ScopedCollection applications;
    private final EnterpriseService enterprises;
    private final AllianceService alliances;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;

    public OnboardingService(MongoAccess mongo, EnterpriseService enterprises, AllianceService alliances, Outbox outbox,
                             OutboxRelay relay, AuditLog audit, Clock clock) {
        this.applications = mongo.collection(COLLECTION, ScopeRule.allianceOwned());
        this.enterprises = enterprises;
        this.alliances = alliances;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
        relay.register(applications);
        // one pending application per credit code and alliance: the key exists only while SUBMITTED (sparse)
        applications.ensureIndexInBackground(Indexes.ascending("pendingKey"), new IndexOptions().unique(true).sparse(true).name("pending_unique"));
        applications.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "status"), Indexes.descending("submittedAt")),
                new IndexOptions().name("alliance_status_submitted"));
        applications.ensureIndexInBackground(Indexes.ascending("allianceId", "creditCode"), new IndexOptions().name("alliance_credit_code"));
    }

    /** The approved application and the new enterprise's admin account (initial password shown this once). */
    public record Approved(@JsonUnwrapped ApplicationView application, EnterpriseService.AdminAccount adminAccount) {
    }

    private static String pendingKey(String allianceId, String creditCode) {
        return allianceId + "/" + creditCode;
    }

    private static ApiException alreadyPending(String creditCode) {
        return ApiException.conflict("creditCode", "统一社会信用代码“" + creditCode + "”已有待审核的入盟申请");
    }

    /**
     * Submits an application. With a caller it must be an ALLIANCE_ADMIN (an invited enterprise entered by the
     * alliance, source INVITED); without one it is a public application naming the alliance by {@code allianceCode}.
     */
    public Mono<ApplicationView> submit(Optional<Caller> caller, OnboardingRequests.Apply req) {
        if (caller.isPresent() && !caller.get().has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可代为登记入盟申请；企业自行申请无需登录"));
        }
        Mono<String> alliance = caller.isPresent() ? Mono.just(caller.get().allianceId()) : allianceByCode(req.allianceCode());
        return alliance.flatMap(allianceId -> validate(allianceId, req).then(Mono.defer(() -> insert(caller, allianceId, req))));
    }

    private Mono<String> allianceByCode(String code) {
        if (code == null || code.isBlank()) {
            return Mono.error(ApiException.badRequest("allianceCode", "不能为空（请填写要加入的联盟代码）"));
        }
        return alliances.findByCode(Scope.unrestricted("public onboarding: the alliance named by its code"), code.strip())
                .filter(a -> "ACTIVE".equals(a.status()))
                .map(AllianceService.AllianceView::id)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("allianceCode", "没有代码为“" + code.strip() + "”的联盟")));
    }

    /** Field checks (credit code check character, type, numbers, location names) and duplicates → 400 / 409. */
    private Mono<Void> validate(String allianceId, OnboardingRequests.Apply req) {
        List<FieldProblem> errors = new ArrayList<>();
        CreditCode.problem(req.creditCode()).ifPresent(p -> errors.add(new FieldProblem("creditCode", p)));
        if (EnterpriseType.parse(req.type()).isEmpty()) {
            errors.add(new FieldProblem("type", "须为 STATE_OWNED、PRIVATE、FOREIGN、JOINT_VENTURE、SOCIAL_ORG 或其中文名称"));
        }
        if (req.partyMemberCount() != null && req.partyMemberCount() > req.staffCount()) {
            errors.add(new FieldProblem("partyMemberCount", "正式党员人数不能超过从业人数"));
        }
        Scope scope = Scope.system(allianceId, null);
        return enterprises.locations(scope).flatMap(lookup -> {
            LocationResolver.resolve(new LocationResolver.Names(req.district(), req.street(), req.community(), req.park(), req.building()), lookup)
                    .problems().forEach((field, message) -> errors.add(new FieldProblem(field.api(), message)));
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            String code = CreditCode.normalise(req.creditCode());
            return enterprises.findByCreditCode(scope, code)
                    .flatMap(e -> Mono.<Void>error(ApiException.conflict("creditCode", "统一社会信用代码“" + code + "”已在本联盟登记（"
                            + e.name() + "）")))
                    .then(applications.count(scope, Filters.eq("pendingKey", pendingKey(allianceId, code))))
                    .flatMap(n -> n > 0 ? Mono.error(alreadyPending(code)) : Mono.empty());
        });
    }

    private Mono<ApplicationView> insert(Optional<Caller> caller, String allianceId, OnboardingRequests.Apply req) {
        String id = new ObjectId().toHexString();
        String code = CreditCode.normalise(req.creditCode());
        Instant now = clock.instant();
        Source source = caller.isPresent() ? Source.INVITED : Source.APPLIED;
        Document doc = new Document("_id", id).append("allianceId", allianceId).append("source", source.name())
                .append("status", OnboardingStatus.SUBMITTED.name())
                .append("enterpriseName", req.enterpriseName().strip()).append("creditCode", code)
                .append("type", EnterpriseType.parse(req.type()).orElseThrow().name()).append("industry", req.industry().strip())
                .append("staffCount", req.staffCount()).append("district", req.district().strip()).append("street", req.street().strip())
                .append("community", blankToNull(req.community())).append("park", blankToNull(req.park()))
                .append("building", blankToNull(req.building())).append("partyMemberCount", req.partyMemberCount())
                .append("contactName", req.contactName().strip()).append("contactPhone", req.contactPhone().strip())
                .append("note", blankToNull(req.note()))
                .append("pendingKey", pendingKey(allianceId, code))
                .append("submittedAt", Date.from(now))
                .append("submittedBy", caller.map(Caller::accountId).orElse(null))
                .append("submittedByName", caller.map(Caller::actorName).orElse(null))
                .append("version", 1L);
        OutboxMessage event = outbox.message(TOPIC, "OnboardingSubmitted", id, allianceId, null, snapshot(doc, now));
        Scope scope = caller.map(Scope::of).orElse(Scope.system(allianceId, null));
        Map<String, Object> details = Map.of("enterpriseName", req.enterpriseName().strip(), "creditCode", code, "source", source.name());
        return applications.insert(scope, Outbox.withOutbox(doc, event))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> alreadyPending(code))
                .doOnSuccess(d -> relay.relaySoon(applications, id))
                .then(caller.isPresent()
                        ? audit.record(caller.get(), "ONBOARDING_SUBMITTED", "onboarding_application", id, null, Result.SUCCESS, details)
                        : audit.record(null, "anonymous applicant", allianceId, null, "ONBOARDING_SUBMITTED", "onboarding_application", id,
                        Result.SUCCESS, details))
                .thenReturn(ApplicationView.of(doc));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Mono<Caller> requireAdmin(Caller caller) {
        return caller.has(Role.ALLIANCE_ADMIN) ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅联盟管理员可查看和审批入盟申请"));
    }

    public Mono<PageResult<ApplicationView>> list(Caller caller, String status, PageQuery page) {
        return requireAdmin(caller).flatMap(c -> {
            Bson filter = new Document();
            if (status != null && !status.isBlank()) {
                Optional<OnboardingStatus> s = OnboardingStatus.parse(status);
                if (s.isEmpty()) {
                    return Mono.error(ApiException.badRequest("status", "须为 SUBMITTED、APPROVED 或 REJECTED"));
                }
                filter = Filters.eq("status", s.get().name());
            }
            return applications.page(Scope.of(c), filter, page, ApplicationView::of);
        });
    }

    public Mono<ApplicationView> get(Caller caller, String id) {
        return requireAdmin(caller).flatMap(c -> find(Scope.of(c), id)).map(ApplicationView::of);
    }

    private Mono<Document> find(Scope scope, String id) {
        return applications.findById(scope, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("入盟申请")));
    }

    /** The checks every decision makes on the current document: still SUBMITTED (409) and the version read (409). */
    private static ApiException undecidable(Document current, long expectedVersion) {
        if (!OnboardingStatus.SUBMITTED.name().equals(current.getString("status"))) {
            return ApiException.conflict("status", "该申请已" + OnboardingStatus.parse(current.getString("status"))
                    .map(OnboardingStatus::label).orElse(current.getString("status")) + "，不能再审批");
        }
        long version = current.get("version", Number.class).longValue();
        if (version != expectedVersion) {
            return ApiException.conflict("version", "该申请已被他人修改（当前版本 " + version + "），请刷新后重试");
        }
        return null;
    }

    private Bson unclaimed(String id, long version, Instant now) {
        return Filters.and(Filters.eq("_id", id), Filters.eq("version", version), Filters.eq("status", OnboardingStatus.SUBMITTED.name()),
                Filters.or(Filters.eq("claimAt", null), Filters.lt("claimAt", Date.from(now.minus(CLAIM)))));
    }

    /**
     * Approves: claims the application (so a concurrent approval or rejection gets 409), registers the enterprise
     * with its admin account through the enterprise registration path, then records the decision and the event in
     * one write. A failed registration (a location renamed since, a taken username) releases the claim.
     */
    public Mono<Approved> approve(Caller caller, String id, OnboardingRequests.Approve req) {
        return requireAdmin(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            Instant now = clock.instant();
            String claim = new ObjectId().toHexString();
            return find(scope, id).flatMap(current -> {
                ApiException refused = undecidable(current, req.version());
                if (refused != null) {
                    return Mono.error(refused);
                }
                return applications.updateAndGet(scope, unclaimed(id, req.version(), now),
                                Updates.combine(Updates.set("claim", claim), Updates.set("claimAt", Date.from(now))))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "该申请正在由他人审批或刚被修改，请刷新后重试")))
                        .flatMap(claimed -> enterprises.register(c, registration(claimed, req.adminUsername()), null,
                                        EnterpriseService.Origin.onboarding(id))
                                .onErrorResume(e -> applications.updateOne(scope, Filters.and(Filters.eq("_id", id), Filters.eq("claim", claim)),
                                                Updates.combine(Updates.unset("claim"), Updates.unset("claimAt")))
                                        .then(audit.record(c, "ONBOARDING_APPROVED", "onboarding_application", id, null, Result.FAILURE,
                                                Map.of("reason", String.valueOf(e.getMessage()))))
                                        .then(Mono.error(e)))
                                .flatMap(registered -> decide(c, scope, id, claim, current, OnboardingStatus.APPROVED,
                                        registered.enterprise().id(), null, "OnboardingApproved", "ONBOARDING_APPROVED")
                                        .map(view -> new Approved(view, registered.adminAccount()))));
            });
        });
    }

    private static EnterpriseRequests.Register registration(Document a, String adminUsername) {
        return new EnterpriseRequests.Register(a.getString("enterpriseName"), a.getString("creditCode"), a.getString("district"),
                a.getString("street"), a.getString("community"), a.getString("industry"), a.getInteger("staffCount"),
                a.getString("type"), a.getString("park"), a.getString("building"), a.getString("contactName"),
                a.getString("contactPhone"), a.getInteger("partyMemberCount"), adminUsername, null);
    }

    /** Rejects with a reason (the decision and the event in one conditional write). */
    public Mono<ApplicationView> reject(Caller caller, String id, OnboardingRequests.Reject req) {
        return requireAdmin(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            return find(scope, id).flatMap(current -> {
                ApiException refused = undecidable(current, req.version());
                if (refused != null) {
                    return Mono.error(refused);
                }
                return decide(c, scope, id, null, current, OnboardingStatus.REJECTED, null, req.reason().strip(),
                        "OnboardingRejected", "ONBOARDING_REJECTED");
            });
        });
    }

    /**
     * Writes a decision: status, decider, the version bump, the pending key released and the event, conditional on
     * the claim (approval) or on the version and no running approval (rejection).
     */
    private Mono<ApplicationView> decide(Caller caller, Scope scope, String id, String claim, Document current, OnboardingStatus status,
                                         String enterpriseId, String reason, String eventType, String auditAction) {
        Instant now = clock.instant();
        long version = current.get("version", Number.class).longValue();
        Document after = new Document(current);
        after.put("status", status.name());
        after.put("enterpriseId", enterpriseId);
        after.put("reason", reason);
        after.put("version", version + 1);
        OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), enterpriseId, snapshot(after, now));
        Bson filter = claim != null ? Filters.and(Filters.eq("_id", id), Filters.eq("claim", claim)) : unclaimed(id, version, now);
        Bson update = Updates.combine(Updates.set("status", status.name()), Updates.set("enterpriseId", enterpriseId),
                Updates.set("reason", reason), Updates.set("decidedAt", Date.from(now)), Updates.set("decidedBy", caller.accountId()),
                Updates.set("decidedByName", caller.actorName()), Updates.set("version", version + 1),
                Updates.unset("pendingKey"), Updates.unset("claim"), Updates.unset("claimAt"), Outbox.push(event));
        Map<String, Object> details = new HashMap<>();
        details.put("enterpriseName", current.getString("enterpriseName"));
        details.put("creditCode", current.getString("creditCode"));
        if (enterpriseId != null) {
            details.put("enterpriseId", enterpriseId);
        }
        if (reason != null) {
            details.put("reason", reason);
        }
        return applications.updateAndGet(scope, filter, update)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "该申请正在由他人审批或刚被修改，请刷新后重试")))
                .doOnSuccess(d -> relay.relaySoon(applications, id))
                .flatMap(d -> audit.record(caller, auditAction, "onboarding_application", id, enterpriseId, Result.SUCCESS, details)
                        .thenReturn(ApplicationView.of(d)));
    }

    private static OnboardingEvent snapshot(Document d, Instant at) {
        return new OnboardingEvent(d.getString("_id"), d.getString("allianceId"), d.getString("enterpriseName"), d.getString("creditCode"),
                d.getString("status"), d.getString("enterpriseId"), d.getString("reason"), d.get("version", Number.class).longValue(),
                at.toString());
    }
}
