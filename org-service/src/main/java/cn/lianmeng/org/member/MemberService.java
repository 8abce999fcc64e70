package cn.lianmeng.org.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.org.member.Member.AccountState;
import cn.lianmeng.org.member.MemberViewPolicy.Detail;
import cn.lianmeng.org.member.MemberViewPolicy.Visibility;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Party members (党员): records with encrypted ID numbers, their MEMBER logins, leaving, and the organisation move of
 * a confirmed transfer. Every change leaves through the outbox on {@code org.member.v1} in the same single-document
 * write; every write and every read of unmasked personal data is audited. What a caller sees of a member is decided
 * by {@link MemberViewPolicy}; who administers a member by {@link OrgAdminRights}.
 */
@Service
public class MemberService {

    public static final String TOPIC = MemberEvent.TOPIC;
    public static final Set<String> SORTABLE = Set.of("name", "joinDate", "createdAt");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ScopedCollection members;
    private final OrganisationDirectory organisations;
    private final Employers employers;
    private final PersonalDataCipher cipher;
    private final MemberViewPolicy policy;
    private final IdentityService identity;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<OpenTransfers> openTransfers;

    public MemberService(MongoAccess mongo, OrganisationDirectory organisations, Employers employers, PersonalDataCipher cipher,
                         MemberViewPolicy policy, IdentityService identity, Outbox outbox, OutboxRelay relay, AuditLog audit,
                         Clock clock, ObjectProvider<OpenTransfers> openTransfers) {
        this.members = mongo.collection(Member.COLLECTION, ScopeRule.tenantOwned());
        this.organisations = organisations;
        this.employers = employers;
        this.cipher = cipher;
        this.policy = policy;
        this.identity = identity;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
        this.openTransfers = openTransfers;
        relay.register(members);
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "idNumberHash"),
                new IndexOptions().unique(true).name("alliance_id_number_unique"));
        // orgPath = ancestors + own organisation: "members of a subtree" is one equality on one multikey field. Every
        // roster query pins allianceId, tenantId (the scope, or the organisation's tenant: list()) and active, so these
        // two indexes answer the page in name order and the total from the index alone (a count scan, no fetch)
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "orgPath", "active", "name"),
                new IndexOptions().name("tenant_subtree_active_name"));
        members.ensureIndexInBackground(Indexes.ascending("tenantId", "orgId", "name"), new IndexOptions().name("tenant_org_name"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "active", "name"), new IndexOptions().name("tenant_active_name"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "enterpriseId", "name"), new IndexOptions().name("alliance_employer_name"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "orgId"), new IndexOptions().name("alliance_org"));
        members.ensureIndexInBackground(Indexes.ascending("officerRoles.orgId"), new IndexOptions().sparse(true).name("officer_org"));
        members.ensureIndexInBackground(Indexes.ascending("accountStatus"), new IndexOptions().name("account_status"));
    }

    ScopedCollection collection() {
        return members;
    }

    /** The account issued with a member: the initial password is shown once, here, and never stored in clear. */
    public record AccountIssued(String accountId, String username, String initialPassword, boolean passwordChangeRequired) {
    }

    /** A created member (its fields at the top level) and its login, or why no login could be issued. */
    public record Created(@JsonUnwrapped MemberView member, AccountIssued account, String accountNotice) {
    }

    public record ListFilter(String orgId, Boolean subtree, String status, List<String> flags, Boolean transferDue, Boolean active,
                             String q, String tenantId, String enterpriseId) {
    }

    /** The organisation move of a confirmed transfer, applied once per transfer id. */
    public record TransferMove(String transferId, String allianceId, String memberId, String fromOrgId, Organisation to,
                               String toEnterpriseId) {
    }

    /** What a caller may query: a scope and the extra filter of their role, and whether rows are names-only for staff. */
    private record ReadQuery(Scope scope, Bson filter, boolean staffPatch) {
    }

    private record Found(Member member, boolean staffPatch) {
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    private static String accountTenant(Document d) {
        return d.getString("tenantId") != null ? d.getString("tenantId") : d.getString("enterpriseId");
    }

    // ---------------------------------------------------------------- create

    public Mono<Created> create(Caller caller, MemberRequests.Create req) {
        if (!caller.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("只有企业党组织管理员、支部管理员或（联盟直属党组织的）联盟管理员可以登记党员"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        MemberRules.Valid v = MemberRules.validate(req.input(), today(), true, null, errors);
        String username = req.username() != null ? req.username().strip() : v == null ? null : v.phone();
        if (v != null && username == null) {
            errors.add(new FieldProblem("username", "未填写手机号时须指定登录用户名"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        return targetOrganisation(caller, req.orgId()).flatMap(org -> {
            String employer = org.employer(req.enterpriseId());
            if (employer == null) {
                return Mono.error(ApiException.badRequest("enterpriseId", employerProblem(org)));
            }
            String id = new ObjectId().toHexString();
            Instant now = clock.instant();
            Document doc = newDocument(id, org, employer, v, caller.accountId(), now);
            Scope scope = Scope.of(caller);
            return ensureIdNumberFree(org.allianceId(), doc.getString("idNumberHash"), null)
                    .then(ensureLoginFree(username))
                    .then(identity.provisionMember(scope, caller, username, v.name(), org.allianceId(), accountTenant(doc), id))
                    .flatMap(account -> {
                        doc.append("accountId", account.accountId()).append("username", account.username())
                                .append("accountStatus", AccountState.ACTIVE.name());
                        return insertMember(scope, doc, now)
                                .onErrorResume(ApiException.class, e -> identity.disable(caller.accountId(), caller.actorName(),
                                        org.allianceId(), accountTenant(doc), account.accountId(), "党员登记未成功，账户作废").then(Mono.error(e)))
                                .then(audit.record(caller, "MEMBER_CREATED", "member", id, org.tenantId(), Result.SUCCESS,
                                        Map.of("name", v.name(), "orgId", org.id(), "accountId", account.accountId())))
                                .then(Mono.fromCallable(() -> new Created(
                                        policy.view(Member.fromDocument(doc), Detail.MASKED, today()),
                                        new AccountIssued(account.accountId(), account.username(), account.initialPassword(),
                                                account.passwordChangeRequired()), null)));
                    });
        });
    }

    /**
     * Creates a member without a login (bulk paths: import, demo data): the login is issued later on demand
     * ({@link #issueAccount}), so no password is hashed here. The caller's rights on {@code org} are checked by the
     * calling path. A duplicate ID number in the alliance is 409 naming idNumber.
     */
    Mono<Document> createWithoutAccount(Caller caller, Organisation org, String employer, MemberRules.Valid v, String source) {
        String id = new ObjectId().toHexString();
        Instant now = clock.instant();
        Document doc = newDocument(id, org, employer, v, caller.accountId(), now);
        if (source != null) {
            doc.append("source", source);
        }
        return ensureIdNumberFree(org.allianceId(), doc.getString("idNumberHash"), null)
                .then(insertMember(Scope.of(caller), doc, now))
                .flatMap(d -> audit.record(caller, "MEMBER_CREATED", "member", id, org.tenantId(), Result.SUCCESS,
                        Map.of("name", v.name(), "orgId", org.id(), "account", "on demand", "source", String.valueOf(source))).thenReturn(d));
    }

    /** One member of an import batch: organisation and employer resolved, data validated. */
    record ImportedMember(Organisation org, String employer, MemberRules.Valid member) {
    }

    /**
     * Inserts an import batch in one unordered write, each member with MemberJoined in its outbox and without a login
     * (issued on demand); audits every member created. Answers the new ids in batch order, null where the alliance's
     * unique index refused a duplicate ID number (a concurrent import). Events leave by {@link #relayInBackground}.
     */
    Mono<List<String>> insertImported(Caller caller, List<ImportedMember> batch) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>(batch.size());
        List<Document> docs = new ArrayList<>(batch.size());
        for (ImportedMember im : batch) {
            String id = new ObjectId().toHexString();
            Document doc = newDocument(id, im.org(), im.employer(), im.member(), caller.accountId(), now).append("source", "import");
            OutboxMessage event = outbox.message(TOPIC, "MemberJoined", id, doc.getString("allianceId"), doc.getString("tenantId"),
                    snapshot(doc, null, null, now));
            ids.add(id);
            docs.add(Outbox.withOutbox(doc, event));
        }
        return members.insertAll(Scope.of(caller), docs).flatMap(duplicates -> {
            List<String> inserted = new ArrayList<>(ids.size());
            List<AuditLog.Target> audited = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (duplicates.contains(i)) {
                    inserted.add(null);
                } else {
                    inserted.add(ids.get(i));
                    ImportedMember im = batch.get(i);
                    audited.add(new AuditLog.Target(ids.get(i), im.org().tenantId(), Map.of("name", im.member().name(),
                            "orgId", im.org().id(), "account", "on demand", "source", "import")));
                }
            }
            return audit.recordAll(caller, "MEMBER_CREATED", "member", Result.SUCCESS, audited).thenReturn(inserted);
        });
    }

    /** Relays the events of newly imported members in the background (the relay's sweep catches anything missed). */
    void relayInBackground(List<String> ids) {
        Flux.fromIterable(List.copyOf(ids))
                .flatMap(id -> relay.relay(members, id).onErrorResume(e -> Mono.empty()), 8)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe();
    }

    /** The blind indexes among {@code hashes} already taken in the alliance. */
    Mono<Set<String>> takenIdNumbers(String allianceId, List<String> hashes) {
        return Flux.fromIterable(hashes).buffer(500)
                .concatMap(chunk -> members.find(Scope.system(allianceId, null), Filters.in("idNumberHash", chunk),
                        com.mongodb.client.model.Projections.include("idNumberHash"), null, 0, 0))
                .map(d -> d.getString("idNumberHash"))
                .collect(java.util.stream.Collectors.toSet());
    }

    String blindIndex(String allianceId, String idNumber) {
        return cipher.blindIndex(allianceId, idNumber);
    }

    /** The organisation a caller creates a member in: 404 outside what they see, 403 without admin rights, 409 dissolved. */
    Mono<Organisation> targetOrganisation(Caller caller, String orgId) {
        return organisations.find(caller.allianceId(), orgId)
                .filter(org -> OrgAdminRights.sees(caller, org))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")))
                .flatMap(org -> {
                    if (!OrgAdminRights.administers(caller, org)) {
                        return Mono.error(ApiException.forbidden(org.tenantId() == null
                                ? "只有联盟管理员可以维护联盟（园区）直属党组织的党员"
                                : "只有本单位企业党组织管理员或该党组织的管理员可以维护其党员"));
                    }
                    if (!org.active()) {
                        return Mono.error(ApiException.conflict("orgId", "党组织“" + org.name() + "”已撤销"));
                    }
                    return Mono.just(org);
                });
    }

    static String employerProblem(Organisation org) {
        return "SINGLE".equals(org.formation())
                ? "单独组建的党组织，其党员的工作单位只能是本单位"
                : "须为该党组织覆盖的成员单位之一（" + String.join("、", org.coveredEnterpriseIds()) + "）";
    }

    /** A new member document (no account yet): ID number encrypted, blind index, birth year; the event is added on insert. */
    Document newDocument(String id, Organisation org, String employer, MemberRules.Valid v, String createdBy, Instant now) {
        return new Document("_id", id)
                .append("allianceId", org.allianceId()).append("tenantId", org.tenantId()).append("enterpriseId", employer)
                .append("orgId", org.id()).append("orgName", org.name()).append("orgAncestors", org.ancestors())
                .append("orgPath", org.path())
                .append("name", v.name()).append("gender", v.gender() == null ? null : v.gender().name())
                .append("birthYear", v.birthDate().getYear())
                .append("idNumberCipher", cipher.encrypt(Member.idNumberContext(id), v.idNumber()))
                .append("idNumberHash", cipher.blindIndex(org.allianceId(), v.idNumber()))
                .append("phone", v.phone()).append("joinDate", Member.text(v.joinDate())).append("status", v.status().name())
                .append("probationEndDate", Member.text(v.probationEndDate()))
                .append("flags", v.flags().stream().map(Enum::name).sorted().toList())
                .append("mobileSince", Member.text(v.mobileSince())).append("officerRoles", List.of())
                .append("accountId", null).append("username", null).append("accountStatus", AccountState.NONE.name())
                .append("active", true).append("version", 1L)
                .append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)).append("createdBy", createdBy);
    }

    /** Inserts a new member with its MemberJoined event; a duplicate ID number in the alliance is 409 naming idNumber. */
    Mono<Document> insertMember(Scope scope, Document doc, Instant now) {
        OutboxMessage event = outbox.message(TOPIC, "MemberJoined", doc.getString("_id"), doc.getString("allianceId"),
                doc.getString("tenantId"), snapshot(doc, null, null, now));
        return members.insert(scope, Outbox.withOutbox(doc, event))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> duplicateIdNumber())
                .doOnSuccess(d -> relay.relaySoon(members, doc.getString("_id")));
    }

    private static ApiException duplicateIdNumber() {
        return ApiException.conflict("idNumber", "该身份证号已在本联盟登记为党员");
    }

    /** Whether a blind index is taken in the alliance (by another member than {@code exceptId}). */
    Mono<Boolean> idNumberTaken(String allianceId, String hash, String exceptId) {
        Bson filter = exceptId == null ? Filters.eq("idNumberHash", hash)
                : Filters.and(Filters.eq("idNumberHash", hash), Filters.ne("_id", exceptId));
        // alliance-wide on purpose: one member per ID number per alliance, whichever tenant holds them
        return members.count(Scope.system(allianceId, null), filter).map(n -> n > 0);
    }

    private Mono<Void> ensureIdNumberFree(String allianceId, String hash, String exceptId) {
        return idNumberTaken(allianceId, hash, exceptId).flatMap(t -> t ? Mono.error(duplicateIdNumber()) : Mono.empty());
    }

    private Mono<Void> ensureLoginFree(String username) {
        return identity.loginTaken(username).flatMap(t -> t
                ? Mono.error(ApiException.conflict("username", "登录名“" + username + "”已被占用，请另行指定 username"))
                : Mono.empty());
    }

    // ---------------------------------------------------------------- reads

    /**
     * The scope and filter of what a caller may list: alliance administrators the alliance, enterprise administrators
     * their tenant, organisation administrators their subtree(s) in their tenant, district staff the members employed
     * by enterprises in their patch. Empty for anyone else.
     */
    private Mono<ReadQuery> readQuery(Caller c) {
        if (c.allianceId() == null) {
            return Mono.empty();
        }
        if (c.has(Role.ALLIANCE_ADMIN) || c.has(Role.ENTERPRISE_ADMIN)) {
            return Mono.just(new ReadQuery(Scope.of(c), Filters.empty(), false));
        }
        if (c.has(Role.ORG_ADMIN)) {
            List<String> orgs = List.copyOf(c.orgIds());
            return Mono.just(new ReadQuery(Scope.of(c), Filters.in("orgPath", orgs), false));
        }
        if (c.has(Role.DISTRICT_STAFF)) {
            // tenancy through the caller's own scope on enterprises; members are then matched by employer
            return employers.inPatchOf(c).map(ids -> new ReadQuery(Scope.system(c.allianceId(), null),
                    Filters.in("enterpriseId", List.copyOf(ids)), true));
        }
        return Mono.empty();
    }

    private Mono<Found> find(Caller c, String id) {
        if (c.memberId() != null && c.memberId().equals(id) && c.allianceId() != null) {
            // the member themself, whatever tenant their organisation belongs to
            return members.findById(Scope.system(c.allianceId(), null), id).map(d -> new Found(Member.fromDocument(d), false));
        }
        return readQuery(c).flatMap(q -> members.findOne(q.scope(), Filters.and(q.filter(), Filters.eq("_id", id)))
                .map(d -> new Found(Member.fromDocument(d), q.staffPatch())));
    }

    public Mono<MemberView> get(Caller c, String id, boolean reveal) {
        return find(c, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("党员"))).flatMap(f -> answer(c, f, reveal));
    }

    /** The member record of the calling MEMBER. */
    public Mono<MemberView> me(Caller c, boolean reveal) {
        if (c.memberId() == null) {
            return Mono.error(ApiException.notFound("当前账户关联的党员档案"));
        }
        return get(c, c.memberId(), reveal);
    }

    /** Maps one member for the caller; an unmasked answer is audited, and so is a refused request for one. */
    private Mono<MemberView> answer(Caller c, Found f, boolean reveal) {
        Member m = f.member();
        Visibility visibility = MemberViewPolicy.visibility(c, m, f.staffPatch());
        Detail detail;
        try {
            detail = MemberViewPolicy.detail(visibility, reveal);
        } catch (ApiException refused) {
            if (!reveal || visibility == Visibility.HIDDEN) {
                return Mono.error(refused);
            }
            return audit.record(c, "MEMBER_PERSONAL_DATA_READ", "member", m.id(), m.tenantId(), Result.FAILURE,
                    Map.of("reason", "not permitted")).then(Mono.error(refused));
        }
        MemberView view = policy.view(m, detail, today());
        if (detail != Detail.UNMASKED) {
            return Mono.just(view);
        }
        return audit.record(c, "MEMBER_PERSONAL_DATA_READ", "member", m.id(), m.tenantId(), Result.SUCCESS,
                Map.of("fields", List.of("idNumber", "phone", "birthDate"), "self", m.id().equals(c.memberId()))).thenReturn(view);
    }

    public Mono<PageResult<MemberView>> list(Caller c, ListFilter f, PageQuery page) {
        return readQuery(c).switchIfEmpty(Mono.error(() -> ApiException.forbidden("当前角色不能查询党员名册")))
                .flatMap(q -> subtreeTenant(c, f).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(orgTenant -> rosterPage(c, f, q, orgTenant.orElse(null), page)));
    }

    private Mono<PageResult<MemberView>> rosterPage(Caller c, ListFilter f, ReadQuery q, String orgTenant, PageQuery page) {
        return Mono.defer(() -> {
                    List<Bson> filters = new ArrayList<>();
                    filters.add(q.filter());
                    if (f.orgId() != null) {
                        filters.add(Boolean.FALSE.equals(f.subtree()) ? Filters.eq("orgId", f.orgId())
                                : Filters.eq("orgPath", f.orgId()));
                    }
                    if (orgTenant != null && f.tenantId() == null) {
                        // an organisation's members are its tenant's: saying so lets the subtree index pin the query
                        filters.add(Filters.eq("tenantId", orgTenant));
                    }
                    if (f.tenantId() != null) {
                        filters.add(Filters.eq("tenantId", f.tenantId()));
                    }
                    if (f.enterpriseId() != null) {
                        filters.add(Filters.eq("enterpriseId", f.enterpriseId()));
                    }
                    if (f.status() != null) {
                        filters.add(Filters.eq("status", MemberStatus.parse(f.status()).orElseThrow(
                                () -> ApiException.badRequest("status", "须为 FULL 或 PROBATIONARY")).name()));
                    }
                    for (String flag : f.flags() == null ? List.<String>of() : f.flags()) {
                        filters.add(Filters.eq("flags", MemberFlag.parse(flag).orElseThrow(
                                () -> ApiException.badRequest("flag", "须为 MOBILE 或 LOST_CONTACT")).name()));
                    }
                    if (Boolean.TRUE.equals(f.transferDue())) {
                        String cutoff = today().minus(policy.transferDueAfter()).toString();
                        filters.add(Filters.eq("flags", MemberFlag.MOBILE.name()));
                        filters.add(Filters.lte("mobileSince", cutoff));
                    }
                    filters.add(Filters.eq("active", f.active() == null || f.active()));
                    if (f.q() != null && !f.q().isBlank()) {
                        // a quoted, anchored prefix: user input never becomes a pattern; the tenant_active_name index serves it
                        filters.add(Filters.regex("name", "^" + Pattern.quote(f.q().strip())));
                    }
                    LocalDate today = today();
                    return members.page(q.scope(), Filters.and(filters), page, d -> {
                        Member m = Member.fromDocument(d);
                        Visibility v = MemberViewPolicy.visibility(c, m, q.staffPatch());
                        if (v == Visibility.HIDDEN) {
                            throw new IllegalStateException("member query and view policy disagree for " + m.id());
                        }
                        return policy.view(m, MemberViewPolicy.detail(v, false), today);
                    });
                });
    }

    /** The tenant of the organisation whose subtree is listed (none if there is no such organisation, or no subtree). */
    private Mono<String> subtreeTenant(Caller c, ListFilter f) {
        if (f.orgId() == null || Boolean.FALSE.equals(f.subtree()) || c.has(Role.ENTERPRISE_ADMIN) || c.has(Role.ORG_ADMIN)) {
            return Mono.empty(); // tenant-scoped callers' scope already pins their tenant
        }
        return organisations.find(c.allianceId(), f.orgId()).mapNotNull(Organisation::tenantId);
    }

    // ---------------------------------------------------------------- changes

    /** A member the caller administers: 404 outside what they see, 403 when they see but do not administer. */
    private Mono<Member> manageable(Caller c, String id) {
        return find(c, id).filter(f -> MemberViewPolicy.visibility(c, f.member(), f.staffPatch()) != Visibility.HIDDEN)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党员")))
                .flatMap(f -> OrgAdminRights.administers(c, f.member().allianceId(), f.member().tenantId(), f.member().orgPath())
                        ? Mono.just(f.member())
                        : Mono.error(ApiException.forbidden("只有本单位企业党组织管理员或其所在党组织的管理员可以维护该党员")));
    }

    private static ApiException stale(long current) {
        return ApiException.conflict("version", "该记录已被他人修改（当前版本 " + current + "），请刷新后重试");
    }

    public Mono<MemberView> update(Caller c, String id, MemberRequests.Update req) {
        return manageable(c, id).flatMap(m -> {
            if (req.version() != m.version()) {
                return Mono.error(stale(m.version()));
            }
            if (!m.active()) {
                return Mono.error(ApiException.conflict("active", "该党员已离开组织，档案不能再修改"));
            }
            String storedId = cipher.decrypt(Member.idNumberContext(m.id()), m.idNumberCipher());
            List<FieldProblem> errors = new ArrayList<>();
            MemberRules.Valid v = MemberRules.validate(req.input(), today(), false, IdNumber.birthDate(storedId), errors);
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            Mono<String> employer = req.enterpriseId() == null || req.enterpriseId().equals(m.enterpriseId())
                    ? Mono.just(m.enterpriseId())
                    : organisations.find(m.allianceId(), m.orgId()).switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")))
                    .flatMap(org -> org.employer(req.enterpriseId()) == null
                            ? Mono.error(ApiException.badRequest("enterpriseId", employerProblem(org)))
                            : Mono.just(req.enterpriseId()));
            boolean newId = v.idNumber() != null && !v.idNumber().equals(storedId);
            Document changes = new Document("name", v.name())
                    .append("gender", v.gender() != null ? v.gender().name() : m.gender() == null ? null : m.gender().name())
                    .append("phone", v.phone()).append("joinDate", Member.text(v.joinDate())).append("status", v.status().name())
                    .append("probationEndDate", Member.text(v.probationEndDate()))
                    .append("flags", v.flags().stream().map(Enum::name).sorted().toList())
                    .append("mobileSince", Member.text(v.mobileSince()));
            if (newId) {
                changes.append("idNumberCipher", cipher.encrypt(Member.idNumberContext(m.id()), v.idNumber()))
                        .append("idNumberHash", cipher.blindIndex(m.allianceId(), v.idNumber()))
                        .append("birthYear", v.birthDate().getYear());
            }
            return employer
                    .flatMap(e -> (newId ? ensureIdNumberFree(m.allianceId(), changes.getString("idNumberHash"), m.id()) : Mono.<Void>empty())
                            .then(Mono.defer(() -> {
                                changes.append("enterpriseId", e);
                                return write(Scope.of(c), m, Filters.empty(), changes, "MemberUpdated", null, null);
                            })))
                    .flatMap(after -> audit.record(c, "MEMBER_UPDATED", "member", id, m.tenantId(), Result.SUCCESS,
                                    Map.of("fields", changedFields(m, after, newId)))
                            .thenReturn(policy.view(Member.fromDocument(after), Detail.MASKED, today())));
        });
    }

    private static List<String> changedFields(Member before, Document after, boolean newId) {
        Member a = Member.fromDocument(after);
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.name(), a.name())) {
            changed.add("name");
        }
        if (!Objects.equals(before.gender(), a.gender())) {
            changed.add("gender");
        }
        if (newId) {
            changed.add("idNumber");
        }
        if (!Objects.equals(before.phone(), a.phone())) {
            changed.add("phone");
        }
        if (!Objects.equals(before.joinDate(), a.joinDate())) {
            changed.add("joinDate");
        }
        if (before.status() != a.status() || !Objects.equals(before.probationEndDate(), a.probationEndDate())) {
            changed.add("status");
        }
        if (!before.flags().equals(a.flags()) || !Objects.equals(before.mobileSince(), a.mobileSince())) {
            changed.add("flags");
        }
        if (!Objects.equals(before.enterpriseId(), a.enterpriseId())) {
            changed.add("enterpriseId");
        }
        return changed;
    }

    /**
     * One guarded single-document write: the changes, the version bump and the event, conditional on the version read
     * (and {@code guard}); answers the document after it, or 409 when someone else wrote in between.
     */
    private Mono<Document> write(Scope scope, Member m, Bson guard, Document changes, String eventType, String previousOrgId,
                                 String previousTenantId) {
        Instant now = clock.instant();
        return members.findById(scope, m.id()).switchIfEmpty(Mono.error(() -> ApiException.notFound("党员"))).flatMap(current -> {
            Document after = new Document(current);
            after.remove(OutboxMessage.FIELD);
            after.putAll(changes);
            after.put("version", m.version() + 1);
            after.put("updatedAt", Date.from(now));
            OutboxMessage event = outbox.message(TOPIC, eventType, m.id(), m.allianceId(), after.getString("tenantId"),
                    snapshot(after, previousOrgId, previousTenantId, now));
            List<Bson> sets = new ArrayList<>();
            changes.forEach((k, val) -> sets.add(Updates.set(k, val)));
            sets.add(Updates.set("version", m.version() + 1));
            sets.add(Updates.set("updatedAt", Date.from(now)));
            sets.add(Outbox.push(event));
            return members.updateAndGet(scope, Filters.and(Filters.eq("_id", m.id()), Filters.eq("version", m.version()), guard),
                            Updates.combine(sets))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该记录刚被他人修改，请刷新后重试")))
                    .doOnSuccess(d -> relay.relaySoon(members, m.id()));
        });
    }

    public Mono<MemberView> leave(Caller c, String id, MemberRequests.Leave req) {
        LocalDate today = today();
        if (req.leftOn() != null && req.leftOn().isAfter(today)) {
            return Mono.error(ApiException.badRequest("leftOn", "不能晚于今天"));
        }
        return manageable(c, id).flatMap(m -> {
            if (!m.active()) {
                return Mono.error(ApiException.conflict("active", "该党员已离开组织"));
            }
            return openTransfers.getObject().isOpen(m.allianceId(), m.id()).flatMap(open -> {
                if (open) {
                    return Mono.error(ApiException.conflict("transfer", "该党员有尚未办结的组织关系转接，请先办结或撤回"));
                }
                Document changes = new Document("active", false).append("leftOn", Member.text(req.leftOn() == null ? today : req.leftOn()))
                        .append("leaveReason", req.reason().strip())
                        .append("accountStatus", m.accountState() == AccountState.ACTIVE ? AccountState.DISABLING.name() : m.accountState().name());
                return write(Scope.of(c), m, Filters.eq("active", true), changes, "MemberLeft", null, null)
                        .flatMap(after -> audit.record(c, "MEMBER_LEFT", "member", id, m.tenantId(), Result.SUCCESS,
                                        Map.of("reason", req.reason().strip()))
                                .then(disableAccount(Member.fromDocument(after), c.accountId(), c.actorName()))
                                .then(members.findById(Scope.system(m.allianceId(), null), id)))
                        .map(d -> policy.view(Member.fromDocument(d), Detail.MASKED, today));
            });
        });
    }

    /** Disables the login of a member who left, then records it on the member (the sweep finishes what a crash left). */
    Mono<Void> disableAccount(Member m, String actorId, String actorName) {
        if (m.accountState() != AccountState.DISABLING || m.accountId() == null) {
            return Mono.empty();
        }
        return identity.disable(actorId, actorName, m.allianceId(), m.tenantId(), m.accountId(), "党员已离开组织")
                .then(members.updateOne(Scope.system(m.allianceId(), null),
                        Filters.and(Filters.eq("_id", m.id()), Filters.eq("accountStatus", AccountState.DISABLING.name())),
                        Updates.set("accountStatus", AccountState.DISABLED.name())))
                .then();
    }

    /** Finishes account disabling left behind by a crash between the member write and the account write. */
    public Mono<Long> sweepAccounts() {
        return members.find(Scope.unrestricted("member account sweep"), Filters.eq("accountStatus", AccountState.DISABLING.name()),
                        null, 0, 500)
                .map(Member::fromDocument)
                .concatMap(m -> disableAccount(m, null, "system").thenReturn(1L))
                .count();
    }

    /** Issues the MEMBER login of a member who has none (imported members get theirs on demand). */
    public Mono<AccountIssued> issueAccount(Caller c, String id, MemberRequests.IssueAccount req) {
        return manageable(c, id).flatMap(m -> {
            if (!m.active()) {
                return Mono.error(ApiException.conflict("active", "该党员已离开组织"));
            }
            if (m.accountId() != null) {
                return Mono.error(ApiException.conflict("accountId", "该党员已开通登录账户"));
            }
            String username = req != null && req.username() != null ? req.username().strip() : m.phone();
            if (username == null) {
                return Mono.error(ApiException.badRequest("username", "该党员未登记手机号，须指定登录用户名"));
            }
            String tenant = m.tenantId() != null ? m.tenantId() : m.enterpriseId();
            return ensureLoginFree(username)
                    .then(identity.provisionMember(Scope.of(c), c, username, m.name(), m.allianceId(), tenant, m.id()))
                    .flatMap(account -> write(Scope.of(c), m, Filters.eq("accountId", null),
                            new Document("accountId", account.accountId()).append("username", account.username())
                                    .append("accountStatus", AccountState.ACTIVE.name()), "MemberUpdated", null, null)
                            .onErrorResume(ApiException.class, e -> identity.disable(c.accountId(), c.actorName(), m.allianceId(), tenant,
                                    account.accountId(), "账户开通未成功，作废").then(Mono.error(e)))
                            .flatMap(after -> audit.record(c, "MEMBER_ACCOUNT_ISSUED", "member", id, m.tenantId(), Result.SUCCESS,
                                    Map.of("accountId", account.accountId(), "username", account.username())))
                            .thenReturn(new AccountIssued(account.accountId(), account.username(), account.initialPassword(),
                                    account.passwordChangeRequired())));
        });
    }

    // ---------------------------------------------------------------- transfers

    /** A member the caller may send to another organisation (the sending side's administrator), active. */
    public Mono<Member> forTransfer(Caller c, String memberId) {
        return manageable(c, memberId).flatMap(m -> m.active() ? Mono.just(m)
                : Mono.error(ApiException.conflict("memberId", "该党员已离开组织")));
    }

    /** A member by id within an alliance, for background steps. */
    public Mono<Member> byId(String allianceId, String memberId) {
        return members.findById(Scope.system(allianceId, null), memberId).map(Member::fromDocument);
    }

    /**
     * Moves the member into the receiving organisation: organisation, ancestors, tenant and employer change in one
     * single-document update together with the MemberTransferred event, guarded by the version read and by the
     * transfer id (so it happens once per transfer), then the member's login follows to the new tenant. Idempotent:
     * a repeat finds the transfer already applied and only makes sure the login followed.
     */
    public Mono<Member> applyTransfer(TransferMove mv) {
        Scope scope = Scope.system(mv.allianceId(), null);
        return Mono.defer(() -> members.findById(scope, mv.memberId())
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("member " + mv.memberId() + " of transfer " + mv.transferId() + " not found")))
                        .flatMap(current -> {
                            Member m = Member.fromDocument(current);
                            if (mv.transferId().equals(m.lastTransferId())) {
                                return Mono.just(current);
                            }
                            if (!m.active() || !mv.fromOrgId().equals(m.orgId())) {
                                return Mono.error(new IllegalStateException("member " + m.id() + " is no longer active in " + mv.fromOrgId()));
                            }
                            Organisation to = mv.to();
                            Document changes = new Document("orgId", to.id()).append("orgName", to.name())
                                    .append("orgAncestors", to.ancestors()).append("orgPath", to.path()).append("tenantId", to.tenantId())
                                    .append("enterpriseId", mv.toEnterpriseId()).append("lastTransferId", mv.transferId());
                            return write(scope, m, Filters.ne("lastTransferId", mv.transferId()), changes, "MemberTransferred",
                                    m.orgId(), m.tenantId())
                                    .onErrorMap(ApiException.class, e -> new StaleMember());
                        }))
                .retryWhen(Retry.max(5).filter(StaleMember.class::isInstance))
                .flatMap(after -> {
                    String accountId = after.getString("accountId");
                    Mono<Void> follow = accountId == null ? Mono.empty()
                            : identity.moveToTenant(mv.allianceId(), accountId, accountTenant(after), "组织关系转接 " + mv.transferId());
                    return follow.thenReturn(Member.fromDocument(after));
                });
    }

    private static final class StaleMember extends RuntimeException {
        StaleMember() {
            super("member changed concurrently", null, false, false);
        }
    }

    // ---------------------------------------------------------------- organisation paths

    /**
     * Gives {@code orgPath} to member documents written before the field existed (once, at startup; idempotent). Each
     * update is conditional on the document still lacking the field and still having the ancestors it was computed
     * from, so a move or transfer that lands meanwhile is never overwritten.
     */
    public Mono<Long> backfillOrgPaths() {
        Scope all = Scope.unrestricted("one-off backfill of members' orgPath");
        return members.find(all, Filters.exists("orgPath", false), null, 0, 0)
                .concatMap(d -> {
                    Member m = Member.fromDocument(d);
                    return members.updateOne(all, Filters.and(Filters.eq("_id", m.id()), Filters.exists("orgPath", false),
                                    Filters.eq("orgId", m.orgId()), Filters.eq("orgAncestors", m.orgAncestors())),
                            Updates.set("orgPath", m.orgPath())).map(r -> r.getModifiedCount());
                })
                .reduce(0L, Long::sum);
    }

    // ---------------------------------------------------------------- organisation events

    /** Members follow their organisation's moves (ancestors) and renames; no member event (the organisation's is the fact). */
    Mono<Void> organisationMoved(String allianceId, String orgId) {
        Scope scope = Scope.system(allianceId, null);
        return organisations.subtree(allianceId, orgId)
                .concatMap(o -> members.updateMany(scope, Filters.and(Filters.eq("orgId", o.id()), Filters.ne("orgPath", o.path())),
                        Updates.combine(Updates.set("orgAncestors", o.ancestors()), Updates.set("orgPath", o.path()))))
                .then();
    }

    Mono<Void> organisationRenamed(String allianceId, String orgId, String name) {
        return members.updateMany(Scope.system(allianceId, null), Filters.and(Filters.eq("orgId", orgId), Filters.ne("orgName", name)),
                Updates.set("orgName", name)).then();
    }

    /**
     * Brings {@code officerRoles} in line with an organisation's officer list: members listed get their roles for this
     * organisation, members no longer listed lose them; each changed member is one versioned write with MemberUpdated.
     */
    Mono<Void> officersChanged(String allianceId, String orgId, Map<String, List<String>> rolesByMember) {
        Scope scope = Scope.system(allianceId, null);
        Set<String> listed = rolesByMember.keySet();
        return members.find(scope, Filters.or(Filters.eq("officerRoles.orgId", orgId), Filters.in("_id", List.copyOf(listed))),
                        null, 0, 0)
                .map(Member::fromDocument)
                .concatMap(m -> Mono.defer(() -> members.findById(scope, m.id()).map(Member::fromDocument).flatMap(current -> {
                    List<Member.OfficerRole> roles = new ArrayList<>(current.officerRoles().stream()
                            .filter(r -> !r.orgId().equals(orgId)).toList());
                    rolesByMember.getOrDefault(current.id(), List.of()).forEach(role -> roles.add(new Member.OfficerRole(orgId, role)));
                    if (roles.equals(current.officerRoles())) {
                        return Mono.<Document>empty();
                    }
                    return write(scope, current, Filters.empty(),
                            new Document("officerRoles", roles.stream().map(Member.OfficerRole::toDocument).toList()),
                            "MemberUpdated", null, null).onErrorMap(ApiException.class, e -> new StaleMember());
                })).retryWhen(Retry.max(5).filter(StaleMember.class::isInstance)))
                .then();
    }

    // ---------------------------------------------------------------- events

    static MemberEvent snapshot(Document d, String previousOrgId, String previousTenantId, Instant at) {
        List<Member.OfficerRole> roles = d.getList("officerRoles", Object.class, List.of()).stream()
                .map(o -> o instanceof Member.OfficerRole r ? r
                        : new Member.OfficerRole(((Document) o).getString("orgId"), ((Document) o).getString("role")))
                .toList();
        return new MemberEvent(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("enterpriseId"),
                d.getString("orgId"), d.getList("orgAncestors", String.class, List.of()), d.getString("name"), d.getString("status"),
                d.getList("flags", String.class, List.of()), roles, d.getString("accountId"), d.getBoolean("active", true),
                previousOrgId, previousTenantId, d.get("version", Number.class).longValue(), at.toString());
    }
}
