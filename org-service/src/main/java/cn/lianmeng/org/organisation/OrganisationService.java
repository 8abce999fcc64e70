package cn.lianmeng.org.organisation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.privacy.Masking;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Changes to the organisation tree: create, rename, move, dissolve, covered enterprises, officers, term renewal and
 * ORG_ADMIN accounts. Each change is one version-guarded single-document write carrying its
 * {@code org.organisation.v1} event in the outbox (409 on a stale version), and is audited. Structural changes of a
 * tree (create, move, dissolve, coverage) run under the tree's lock and first finish any move left pending.
 */
@Service
public class OrganisationService {

    static final String ACTIVE = "ACTIVE";
    static final String DISSOLVED = "DISSOLVED";
    private static final Document NO_PARENT = new Document();

    private final OrganisationStore store;
    private final TreeLocks locks;
    private final PendingMoves moves;
    private final AuditLog audit;
    private final IdentityService identity;
    private final AccountStore accounts;

    public OrganisationService(OrganisationStore store, TreeLocks locks, PendingMoves moves, AuditLog audit, IdentityService identity,
                               AccountStore accounts) {
        this.store = store;
        this.locks = locks;
        this.moves = moves;
        this.audit = audit;
        this.identity = identity;
        this.accounts = accounts;
    }

    /** A provisioned ORG_ADMIN account; the initial password is shown once, here. */
    public record AdminAccount(String accountId, String username, String name, String phone, List<String> orgIds,
                               String initialPassword, boolean passwordChangeRequired) {
    }

    /** An administrator of an organisation as listed to those who manage it. */
    public record AdminView(String accountId, String username, String name, String phone, List<String> orgIds, String status) {
    }

    // ------------------------------------------------------------------------------------------------ create

    public Mono<OrganisationView> create(Caller c, OrganisationRequests.Create req) {
        if (!c.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("当前角色无权建立党组织"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        OrganisationKind kind = OrganisationKind.parse(req.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldProblem("kind", "须为 COMMITTEE、GENERAL_BRANCH、BRANCH、JOINT_BRANCH、GROUP 或其中文名称"));
        }
        Formation requestedFormation = null;
        if (req.formation() != null) {
            requestedFormation = Formation.parse(req.formation()).orElse(null);
            if (requestedFormation == null) {
                errors.add(new FieldProblem("formation", "须为 SINGLE、JOINT、AFFILIATED 或其中文名称"));
            }
        }
        OwnerType ownerType;
        String ownerId;
        String tenantId;
        String allianceId = c.allianceId();
        // an alliance admin creating below an existing organisation inherits that tree's owner
        boolean inheritOwner = c.has(Role.ALLIANCE_ADMIN) && req.ownerType() == null && blankToNull(req.parentId()) != null;
        if (c.has(Role.ALLIANCE_ADMIN)) {
            ownerType = req.ownerType() == null ? null : OwnerType.parse(req.ownerType()).orElse(null);
            tenantId = null;
            if (inheritOwner) {
                ownerId = null;
            } else if (ownerType == null) {
                errors.add(new FieldProblem("ownerType", "联盟管理员建立顶级党组织须指定所属：ALLIANCE（联盟）或 PARK（园区）"));
                ownerId = null;
            } else if (ownerType == OwnerType.ENTERPRISE) {
                errors.add(new FieldProblem("ownerType", "企业的党组织由该企业的党组织管理员建立"));
                ownerId = null;
            } else if (ownerType == OwnerType.ALLIANCE) {
                ownerId = allianceId;
                if (req.ownerId() != null && !req.ownerId().equals(allianceId)) {
                    errors.add(new FieldProblem("ownerId", "联盟所属的党组织只能属于本联盟"));
                }
            } else {
                ownerId = blankToNull(req.ownerId());
                if (ownerId == null) {
                    errors.add(new FieldProblem("ownerId", "园区所属的党组织须给出园区编号"));
                }
            }
        } else {
            ownerType = OwnerType.ENTERPRISE;
            ownerId = c.tenantId();
            tenantId = c.tenantId();
            if (req.ownerType() != null && OwnerType.parse(req.ownerType()).orElse(null) != OwnerType.ENTERPRISE) {
                errors.add(new FieldProblem("ownerType", "企业党组织管理员只能建立本单位的党组织"));
            }
            if (req.ownerId() != null && !req.ownerId().equals(tenantId)) {
                errors.add(new FieldProblem("ownerId", "企业党组织管理员只能建立本单位的党组织"));
            }
            if (tenantId == null) {
                return Mono.error(ApiException.forbidden("账户未关联成员单位"));
            }
        }
        LocalDate termStart = req.termStart();
        LocalDate termEnd = req.termEnd();
        if (kind != null) {
            errors.addAll(termProblems(kind, termStart, termEnd));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        LocalDate end = termStart != null && termEnd == null ? TermRules.defaultEnd(kind, termStart) : termEnd;
        Formation formationRequested = requestedFormation;
        Mono<Owner> owner = !inheritOwner ? Mono.just(new Owner(ownerType, ownerId, tenantId))
                : store.organisations().findById(Scope.of(c), blankToNull(req.parentId()))
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("parentId", "上级组织不存在")))
                .flatMap(p -> OwnerType.ENTERPRISE.name().equals(p.getString("ownerType"))
                        ? Mono.error(ApiException.badRequest("parentId", "企业的党组织由该企业的党组织管理员维护，联盟管理员不能在其下建立组织"))
                        : Mono.just(new Owner(OwnerType.valueOf(p.getString("ownerType")), p.getString("ownerId"), null)));
        return owner.flatMap(o -> locks.withLock(allianceId, OrganisationStore.treeKey(allianceId, o.type().name(), o.id()),
                () -> moves.settle(allianceId, o.type().name(), o.id())
                        .then(createLocked(c, req, kind, formationRequested, o.type(), o.id(), o.tenantId(), termStart, end))));
    }

    private record Owner(OwnerType type, String id, String tenantId) {
    }

    private List<FieldProblem> termProblems(OrganisationKind kind, LocalDate start, LocalDate end) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!TermRules.hasTerms(kind)) {
            if (start != null || end != null) {
                errors.add(new FieldProblem("termStart", kind.label() + "不实行任期制，不登记任期"));
            }
            return errors;
        }
        if (end != null && start == null) {
            errors.add(new FieldProblem("termStart", "登记任期届满日期时须同时给出任期起始日期"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldProblem("termEnd", "须晚于任期起始日期"));
        }
        if (start != null && start.isAfter(store.today().plusYears(1))) {
            errors.add(new FieldProblem("termStart", "任期起始日期不能晚于一年之后"));
        }
        return errors;
    }

    private Mono<OrganisationView> createLocked(Caller c, OrganisationRequests.Create req, OrganisationKind kind, Formation requestedFormation,
                                                OwnerType ownerType, String ownerId, String tenantId, LocalDate termStart, LocalDate termEnd) {
        String allianceId = c.allianceId();
        String parentId = blankToNull(req.parentId());
        Mono<Void> ownerCheck = ownerType == OwnerType.PARK
                ? store.parks().findById(Scope.system(allianceId, null), ownerId)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("ownerId", "园区不存在或不属于本联盟"))).then()
                : Mono.empty();
        Mono<Document> parentLookup = parentId == null ? Mono.just(NO_PARENT)
                : store.organisations().findById(Scope.of(c), parentId)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("parentId", "上级组织不存在")));
        return ownerCheck.then(parentLookup).flatMap(found -> {
            Document parent = found == NO_PARENT ? null : found;
            String key = OrganisationStore.treeKey(allianceId, ownerType.name(), ownerId);
            List<FieldProblem> problems = new ArrayList<>();
            if (parent != null) {
                if (DISSOLVED.equals(parent.getString("status"))) {
                    problems.add(new FieldProblem("parentId", "上级组织已撤销"));
                } else if (!key.equals(OrganisationStore.treeKey(parent))) {
                    problems.add(new FieldProblem("parentId", "上级组织属于另一组织树：下级组织须与上级组织同属一个单位（或同一联盟、园区）"));
                }
            }
            if (OrganisationAccess.subtreeLimited(c) && (parent == null || !OrganisationAccess.inSubtree(c, parent))) {
                return Mono.error(ApiException.forbidden("支部管理员只能在本组织之下设立下级组织"));
            }
            OrganisationKind parentKind = parent == null ? null : OrganisationKind.valueOf(parent.getString("kind"));
            StructureRules.placementProblem(kind, parentKind)
                    .ifPresent(p -> problems.add(new FieldProblem(parent == null ? "kind" : "parentId", p)));
            Formation formation = StructureRules.formation(kind, ownerType,
                    parent == null ? null : Formation.valueOf(parent.getString("formation")));
            if (requestedFormation != null && requestedFormation != formation) {
                problems.add(new FieldProblem("formation", "按组织类别和隶属关系，组建方式应为" + formation.label() + "（" + formation.name() + "）"));
            }
            problems.addAll(StructureRules.coverageProblems(kind, formation, req.coveredEnterpriseIds(),
                    ownerType == OwnerType.ENTERPRISE ? tenantId : null));
            if (!problems.isEmpty()) {
                return Mono.error(ApiException.invalid(problems));
            }
            List<String> covered = StructureRules.coveredEnterprises(kind, formation, req.coveredEnterpriseIds(), tenantId);
            return checkEnterprises(allianceId, StructureRules.listsCoveredEnterprises(kind, formation) ? covered : List.of())
                    .then(store.places(allianceId, ownerType, ownerId, covered, parent, kind))
                    .flatMap(places -> insert(c, req.name().strip(), kind, formation, ownerType, ownerId, tenantId, parent, covered,
                            places, termStart, termEnd));
        });
    }

    private Mono<OrganisationView> insert(Caller c, String name, OrganisationKind kind, Formation formation, OwnerType ownerType,
                                          String ownerId, String tenantId, Document parent, List<String> covered,
                                          OrganisationStore.Places places, LocalDate termStart, LocalDate termEnd) {
        String id = new ObjectId().toHexString();
        String allianceId = c.allianceId();
        List<String> ancestors = ancestorsUnder(parent);
        Instant now = store.now();
        String parentId = parent == null ? null : parent.getString("_id");
        Document doc = new Document("_id", id).append("allianceId", allianceId).append("tenantId", tenantId)
                .append("ownerType", ownerType.name()).append("ownerId", ownerId)
                .append("name", name)
                .append("nameKey", OrganisationStore.nameKey(OrganisationStore.treeKey(allianceId, ownerType.name(), ownerId), parentId, name))
                .append("kind", kind.name()).append("formation", formation.name())
                .append("parentId", parentId).append("ancestors", ancestors).append("depth", ancestors.size())
                .append("coveredEnterpriseIds", covered)
                .append(OrganisationScopeRule.PARKS, places.parkIds()).append(OrganisationScopeRule.BUILDINGS, places.buildingIds())
                .append("officers", List.of())
                .append("termStart", termStart == null ? null : termStart.toString())
                .append("termEnd", termEnd == null ? null : termEnd.toString())
                .append("termHistory", List.of())
                .append("memberCounts", new Document("full", 0).append("probationary", 0).append("total", 0))
                .append("status", ACTIVE)
                .append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("createdBy", c.accountId());
        OutboxMessage event = store.event("OrganisationCreated", doc);
        return store.organisations().insert(Scope.of(c), Outbox.withOutbox(doc, event))
                .onErrorMap(OrganisationService::duplicateKey, e -> duplicateName(name))
                .doOnSuccess(d -> store.relay().relaySoon(store.organisations(), id))
                .then(audit.record(c, "ORGANISATION_CREATED", "organisation", id, tenantId, Result.SUCCESS,
                        details("name", name, "kind", kind.name(), "parentId", parentId)))
                .then(Mono.fromSupplier(() -> OrganisationView.of(doc, store.today())));
    }

    private Mono<Void> checkEnterprises(String allianceId, List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return store.enterprisesById(allianceId, ids).collectMap(d -> d.getString("_id")).flatMap(found -> {
            List<FieldProblem> problems = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Document e = found.get(ids.get(i));
                String field = "coveredEnterpriseIds[" + i + "]";
                if (e == null) {
                    problems.add(new FieldProblem(field, "不是本联盟的成员单位"));
                } else if (!ACTIVE.equals(e.getString("status"))) {
                    problems.add(new FieldProblem(field, "成员单位“" + e.getString("name") + "”当前状态为 " + e.getString("status")
                            + "，只有正常（ACTIVE）的成员单位可以纳入"));
                }
            }
            return problems.isEmpty() ? Mono.<Void>empty() : Mono.error(ApiException.invalid(problems));
        });
    }

    // ------------------------------------------------------------------------------------------------ rename

    public Mono<OrganisationView> rename(Caller c, String id, OrganisationRequests.Rename req) {
        String name = req.name().strip();
        return load(c, id).flatMap(current -> {
            OrganisationAccess.checkManage(c, current);
            requireActive(current);
            checkVersion(current, req.version());
            if (name.equals(current.getString("name"))) {
                return Mono.just(view(current));
            }
            Document sets = new Document("name", name)
                    .append("nameKey", OrganisationStore.nameKey(OrganisationStore.treeKey(current), current.getString("parentId"), name));
            return write(c, current, sets, List.of(), "OrganisationRenamed", "ORGANISATION_RENAMED",
                    details("from", current.getString("name"), "to", name))
                    .onErrorMap(OrganisationService::duplicateKey, e -> duplicateName(name))
                    .map(this::view);
        });
    }

    // ------------------------------------------------------------------------------------------------ move

    public Mono<OrganisationView> move(Caller c, String id, OrganisationRequests.Move req) {
        return load(c, id).flatMap(found -> {
            OrganisationAccess.checkRestructure(c, found);
            String allianceId = found.getString("allianceId");
            return locks.withLock(allianceId, OrganisationStore.treeKey(found), () ->
                    moves.settle(allianceId, found.getString("ownerType"), found.getString("ownerId"))
                            .then(store.organisations().findById(OrganisationStore.system(found), id))
                            .flatMap(current -> moveLocked(c, current, blankToNull(req.parentId()), req.version())));
        });
    }

    private Mono<OrganisationView> moveLocked(Caller c, Document current, String targetId, Long expectedVersion) {
        String id = current.getString("_id");
        OrganisationAccess.checkRestructure(c, current); // again, on the state read under the lock
        if (Objects.equals(current.getString("parentId"), targetId)) {
            // already there (e.g. a re-run of a move whose answer was lost): nothing to do, pending work is settled
            return Mono.just(view(current));
        }
        requireActive(current);
        checkVersion(current, expectedVersion);
        if (id.equals(targetId)) {
            return Mono.error(ApiException.conflict("parentId", "不能把组织移到它自己之下"));
        }
        Mono<Document> target = targetId == null ? Mono.just(NO_PARENT)
                : store.organisations().findById(Scope.of(c), targetId)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("parentId", "目标上级组织不存在")));
        return target.flatMap(found -> {
            Document parent = found == NO_PARENT ? null : found;
            if (parent != null) {
                if (!OrganisationStore.treeKey(parent).equals(OrganisationStore.treeKey(current))) {
                    return Mono.error(ApiException.badRequest("parentId", "只能在同一组织树（同一单位或同一联盟、园区）内移动"));
                }
                if (DISSOLVED.equals(parent.getString("status"))) {
                    return Mono.error(ApiException.badRequest("parentId", "目标上级组织已撤销"));
                }
                if (parent.getList("ancestors", String.class, List.of()).contains(id)) {
                    return Mono.error(ApiException.conflict("parentId", "不能把“" + current.getString("name") + "”移到它自己的下级组织“"
                            + parent.getString("name") + "”之下（会形成循环）"));
                }
            }
            if (OrganisationAccess.subtreeLimited(c) && (parent == null || !OrganisationAccess.inSubtree(c, parent))) {
                return Mono.error(ApiException.forbidden("支部管理员只能在本组织范围内移动下级组织"));
            }
            OrganisationKind kind = OrganisationKind.valueOf(current.getString("kind"));
            Optional<String> placement = StructureRules.placementProblem(kind,
                    parent == null ? null : OrganisationKind.valueOf(parent.getString("kind")));
            if (placement.isPresent()) {
                return Mono.error(ApiException.badRequest("parentId", placement.get()));
            }
            OwnerType ownerType = OwnerType.valueOf(current.getString("ownerType"));
            Formation formation = StructureRules.formation(kind, ownerType, parent == null ? null : Formation.valueOf(parent.getString("formation")));
            List<String> ancestors = ancestorsUnder(parent);
            String parentId = parent == null ? null : parent.getString("_id");
            Document sets = new Document("parentId", parentId).append("ancestors", ancestors).append("depth", ancestors.size())
                    .append("nameKey", OrganisationStore.nameKey(OrganisationStore.treeKey(current), parentId, current.getString("name")))
                    .append("formation", formation.name())
                    .append("pendingMove", new Document("id", UUID.randomUUID().toString())
                            .append("fromParentId", current.getString("parentId")).append("toParentId", parentId)
                            .append("startedAt", Date.from(store.now())));
            Mono<Document> groupPlaces = Mono.just(sets);
            if (kind == OrganisationKind.GROUP) {
                List<String> covered = StructureRules.coveredEnterprises(kind, formation, null, current.getString("tenantId"));
                sets.append("coveredEnterpriseIds", covered);
                groupPlaces = store.places(current.getString("allianceId"), ownerType, current.getString("ownerId"), covered, parent, kind)
                        .map(p -> sets.append(OrganisationScopeRule.PARKS, p.parkIds()).append(OrganisationScopeRule.BUILDINGS, p.buildingIds()));
            }
            return groupPlaces.flatMap(s -> write(c, current, s, List.of(), "OrganisationMoved", "ORGANISATION_MOVED",
                            details("fromParentId", current.getString("parentId"), "toParentId", parentId)))
                    .onErrorMap(OrganisationService::duplicateKey, e -> ApiException.conflict("name",
                            "目标上级组织下已有名为“" + current.getString("name") + "”的组织"))
                    .flatMap(moved -> moves.complete(moved).then(store.organisations().findById(OrganisationStore.system(moved), id)))
                    .map(this::view);
        });
    }

    // ------------------------------------------------------------------------------------------------ dissolve

    public Mono<OrganisationView> dissolve(Caller c, String id, OrganisationRequests.Dissolve req) {
        return load(c, id).flatMap(found -> {
            OrganisationAccess.checkRestructure(c, found);
            String allianceId = found.getString("allianceId");
            return locks.withLock(allianceId, OrganisationStore.treeKey(found), () ->
                    moves.settle(allianceId, found.getString("ownerType"), found.getString("ownerId"))
                            .then(store.organisations().findById(OrganisationStore.system(found), id))
                            .flatMap(current -> dissolveLocked(c, current, req)));
        });
    }

    private Mono<OrganisationView> dissolveLocked(Caller c, Document current, OrganisationRequests.Dissolve req) {
        OrganisationAccess.checkRestructure(c, current); // again, on the state read under the lock
        requireActive(current);
        checkVersion(current, req.version());
        String id = current.getString("_id");
        Scope scope = OrganisationStore.system(current);
        Bson children = Filters.and(Filters.eq("parentId", id), Filters.eq("status", ACTIVE));
        Mono<Long> childCount = store.organisations().count(scope, children);
        Mono<List<String>> childNames = store.organisations().find(scope, children, Projections.include("name"), Sorts.ascending("name"), 0, 5)
                .map(d -> d.getString("name")).collectList();
        Mono<Long> memberCount = store.members().count(scope, Filters.and(Filters.eq("orgId", id), Filters.eq("active", true)));
        return Mono.zip(childCount, childNames, memberCount).flatMap(t -> {
            List<FieldProblem> left = new ArrayList<>();
            if (t.getT1() > 0) {
                left.add(new FieldProblem("children", "尚有 " + t.getT1() + " 个下级组织：" + String.join("、", t.getT2())
                        + (t.getT1() > t.getT2().size() ? " 等" : "") + "，请先撤销或移出"));
            }
            if (t.getT3() > 0) {
                left.add(new FieldProblem("members", "尚有 " + t.getT3() + " 名在册党员，请先办理组织关系转出"));
            }
            if (!left.isEmpty()) {
                return Mono.error(new ApiException(org.springframework.http.HttpStatus.CONFLICT, "conflict", "数据冲突",
                        "“" + current.getString("name") + "”不能撤销：" + left.stream().map(FieldProblem::message).collect(Collectors.joining("；")),
                        left));
            }
            Document sets = new Document("status", DISSOLVED).append("dissolvedAt", Date.from(store.now()))
                    .append("dissolveReason", req.reason());
            return write(c, current, sets, List.of("nameKey"), "OrganisationDissolved", "ORGANISATION_DISSOLVED",
                    details("name", current.getString("name"), "reason", req.reason()))
                    .map(this::view);
        });
    }

    // ------------------------------------------------------------------------------------------------ coverage

    public Mono<OrganisationView> changeCoverage(Caller c, String id, OrganisationRequests.Coverage req) {
        return load(c, id).flatMap(found -> {
            OrganisationAccess.checkManage(c, found);
            String allianceId = found.getString("allianceId");
            return locks.withLock(allianceId, OrganisationStore.treeKey(found), () ->
                    store.organisations().findById(OrganisationStore.system(found), id)
                            .flatMap(current -> coverageLocked(c, current, req)));
        });
    }

    private Mono<OrganisationView> coverageLocked(Caller c, Document current, OrganisationRequests.Coverage req) {
        requireActive(current);
        checkVersion(current, req.version());
        OrganisationKind kind = OrganisationKind.valueOf(current.getString("kind"));
        Formation formation = Formation.valueOf(current.getString("formation"));
        OwnerType ownerType = OwnerType.valueOf(current.getString("ownerType"));
        String tenantId = current.getString("tenantId");
        if (!StructureRules.listsCoveredEnterprises(kind, formation)) {
            return Mono.error(ApiException.badRequest("coveredEnterpriseIds", formation == Formation.SINGLE
                    ? "单独组建的党组织只覆盖本单位" : "党小组不单独指定覆盖单位，以所在党支部为准"));
        }
        List<FieldProblem> problems = StructureRules.coverageProblems(kind, formation, req.coveredEnterpriseIds(),
                ownerType == OwnerType.ENTERPRISE ? tenantId : null);
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        List<String> covered = List.copyOf(req.coveredEnterpriseIds());
        List<String> removed = new ArrayList<>(current.getList("coveredEnterpriseIds", String.class, List.of()));
        removed.removeAll(covered);
        String id = current.getString("_id");
        String allianceId = current.getString("allianceId");
        Scope scope = OrganisationStore.system(current);
        Mono<Void> nobodyLeftBehind = removed.isEmpty() ? Mono.empty()
                : store.memberIndex().aggregate(scope, List.of(
                        new Document("$match", new Document("orgId", id).append("active", true).append("enterpriseId", new Document("$in", removed))),
                        new Document("$group", new Document("_id", "$enterpriseId").append("n", new Document("$sum", 1)))))
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.<Void>empty()
                        : store.enterprisesById(allianceId, rows.stream().map(r -> r.getString("_id")).toList())
                        .collectMap(e -> e.getString("_id"), e -> e.getString("name"))
                        .flatMap(names -> Mono.error(ApiException.conflict("coveredEnterpriseIds", rows.stream()
                                .map(r -> "“" + names.getOrDefault(r.getString("_id"), r.getString("_id")) + "”尚有 "
                                        + r.get("n", Number.class) + " 名党员在本组织")
                                .collect(Collectors.joining("；")) + "，请先办理组织关系转出再移除该单位"))));
        return checkEnterprises(allianceId, covered)
                .then(nobodyLeftBehind)
                .then(store.places(allianceId, ownerType, current.getString("ownerId"), covered, null, kind))
                .flatMap(places -> {
                    Document sets = new Document("coveredEnterpriseIds", covered)
                            .append(OrganisationScopeRule.PARKS, places.parkIds()).append(OrganisationScopeRule.BUILDINGS, places.buildingIds());
                    return write(c, current, sets, List.of(), "CoveredEnterprisesChanged", "ORGANISATION_COVERAGE_CHANGED",
                            details("coveredEnterpriseIds", String.join(",", covered)))
                            // groups inside find the organisation where it is found
                            .flatMap(after -> store.organisations().updateMany(scope, Filters.and(Filters.eq("parentId", id),
                                            Filters.eq("kind", OrganisationKind.GROUP.name())),
                                    Updates.combine(Updates.set(OrganisationScopeRule.PARKS, places.parkIds()),
                                            Updates.set(OrganisationScopeRule.BUILDINGS, places.buildingIds()))).thenReturn(after));
                })
                .map(this::view);
    }

    // ------------------------------------------------------------------------------------------------ officers

    public Mono<OrganisationView> setOfficers(Caller c, String id, OrganisationRequests.Officers req) {
        return load(c, id).flatMap(current -> {
            OrganisationAccess.checkManage(c, current);
            requireActive(current);
            checkVersion(current, req.version());
            OrganisationKind kind = OrganisationKind.valueOf(current.getString("kind"));
            List<OrganisationRequests.OfficerInput> input = req.officers();
            List<FieldProblem> problems = new ArrayList<>();
            if (kind == OrganisationKind.GROUP && !input.isEmpty()) {
                problems.add(new FieldProblem("officers", "党小组不设书记、副书记和委员"));
            }
            LocalDate today = store.today();
            Set<String> seen = new HashSet<>();
            List<OfficerRole> roles = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                OrganisationRequests.OfficerInput o = input.get(i);
                OfficerRole role = OfficerRole.parse(o.role()).orElse(null);
                if (role == null) {
                    problems.add(new FieldProblem("officers[" + i + "].role", "须为 SECRETARY、DEPUTY_SECRETARY、COMMITTEE_MEMBER 或其中文名称"));
                }
                roles.add(role);
                if (o.since().isAfter(today)) {
                    problems.add(new FieldProblem("officers[" + i + "].since", "任职日期不能晚于今天"));
                }
                if (!seen.add(o.memberId())) {
                    problems.add(new FieldProblem("officers[" + i + "].memberId", "同一党员只能担任一个职务"));
                }
            }
            if (roles.stream().filter(r -> r == OfficerRole.SECRETARY).count() > 1) {
                problems.add(new FieldProblem("officers", "书记只能有一名"));
            }
            if (!problems.isEmpty()) {
                return Mono.error(ApiException.invalid(problems));
            }
            List<String> ids = input.stream().map(OrganisationRequests.OfficerInput::memberId).toList();
            Mono<Map<String, Document>> members = ids.isEmpty() ? Mono.just(Map.of())
                    : store.members().find(OrganisationStore.system(current), Filters.and(Filters.in("_id", ids),
                                    Filters.eq("orgId", id), Filters.eq("active", true)), Projections.include("name"), null, 0, ids.size())
                    .collectMap(d -> String.valueOf(d.get("_id")));
            return members.flatMap(found -> {
                List<FieldProblem> notHere = new ArrayList<>();
                List<Document> officers = new ArrayList<>();
                for (int i = 0; i < input.size(); i++) {
                    OrganisationRequests.OfficerInput o = input.get(i);
                    Document m = found.get(o.memberId());
                    if (m == null) {
                        notHere.add(new FieldProblem("officers[" + i + "].memberId", "不是本组织的在册党员"));
                        continue;
                    }
                    officers.add(new Document("memberId", o.memberId()).append("name", m.getString("name"))
                            .append("role", roles.get(i).name()).append("since", o.since().toString()).append("active", true));
                }
                if (!notHere.isEmpty()) {
                    return Mono.error(ApiException.invalid(notHere));
                }
                String summary = officers.stream().map(o -> OfficerRole.valueOf(o.getString("role")).label() + " " + o.getString("name"))
                        .collect(Collectors.joining("；"));
                return write(c, current, new Document("officers", officers), List.of(), "OfficersChanged", "OFFICERS_CHANGED",
                        details("officers", summary)).map(this::view);
            });
        });
    }

    // ------------------------------------------------------------------------------------------------ terms

    public Mono<OrganisationView> renewTerm(Caller c, String id, OrganisationRequests.TermRenewal req) {
        return load(c, id).flatMap(current -> {
            OrganisationAccess.checkManage(c, current);
            requireActive(current);
            if (req.version() != null) {
                checkVersion(current, req.version());
            }
            OrganisationKind kind = OrganisationKind.valueOf(current.getString("kind"));
            List<FieldProblem> problems = termProblems(kind, req.termStart(), req.termEnd());
            String previousStart = current.getString("termStart");
            if (problems.isEmpty() && previousStart != null && req.termStart().isBefore(LocalDate.parse(previousStart))) {
                problems.add(new FieldProblem("termStart", "新一届任期起始日期不能早于上一届（" + previousStart + "）"));
            }
            if (!problems.isEmpty()) {
                return Mono.error(ApiException.invalid(problems));
            }
            LocalDate end = req.termEnd() != null ? req.termEnd() : TermRules.defaultEnd(kind, req.termStart());
            List<Document> history = new ArrayList<>(current.getList("termHistory", Document.class, List.of()));
            if (previousStart != null) {
                history.add(new Document("termStart", previousStart).append("termEnd", current.getString("termEnd"))
                        .append("renewedAt", Date.from(store.now())));
            }
            Document sets = new Document("termStart", req.termStart().toString()).append("termEnd", end.toString())
                    .append("termHistory", history);
            return write(c, current, sets, List.of(), "TermRenewed", "TERM_RENEWED",
                    details("termStart", req.termStart().toString(), "termEnd", end.toString(), "previousTermEnd", current.getString("termEnd")))
                    .map(this::view);
        });
    }

    // ------------------------------------------------------------------------------------------------ admins

    public Mono<AdminAccount> provisionAdmin(Caller c, String id, OrganisationRequests.NewAdmin req) {
        return provisionAdmin(c, id, req, null);
    }

    /** {@code presetPassword} only for demo data; otherwise one is generated and must be changed at first login. */
    Mono<AdminAccount> provisionAdmin(Caller c, String id, OrganisationRequests.NewAdmin req, String presetPassword) {
        if (!c.has(Role.ENTERPRISE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅企业党组织管理员可开通支部管理员账户"));
        }
        return load(c, id).flatMap(org -> {
            OrganisationAccess.checkManage(c, org);
            requireActive(org);
            String name = req.name().strip();
            return identity.provisionWithOrgs(Scope.of(c), c, req.username(), name, req.phone(), Role.ORG_ADMIN, c.allianceId(),
                            c.tenantId(), List.of(id), presetPassword)
                    .flatMap(p -> audit.record(c, "ORG_ADMIN_PROVISIONED", "organisation", id, c.tenantId(), Result.SUCCESS,
                                    details("accountId", p.accountId(), "username", p.username()))
                            .thenReturn(new AdminAccount(p.accountId(), p.username(), name, req.phone(), List.of(id),
                                    p.initialPassword(), p.passwordChangeRequired())));
        });
    }

    public Mono<List<AdminView>> admins(Caller c, String id) {
        return load(c, id).flatMap(org -> {
            OrganisationAccess.checkManage(c, org);
            boolean unmasked = c.has(Role.ENTERPRISE_ADMIN);
            return accounts.findByOrg(Scope.of(c), id)
                    .map(a -> new AdminView(a.id(), a.username(), a.displayName(), unmasked ? a.phone() : Masking.phone(a.phone()),
                            a.orgIds(), a.status().name()))
                    .collectList();
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The organisation within the caller's scope (404 outside it), readable by the caller's role (403 otherwise). */
    private Mono<Document> load(Caller c, String id) {
        if (!OrganisationAccess.isReader(c)) {
            return Mono.error(ApiException.forbidden("当前角色无权管理党组织"));
        }
        return store.organisations().findById(Scope.of(c), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")));
    }

    /**
     * The version-guarded single-document write of a change with its event: sets and unsets the given fields, bumps
     * the version, appends the event with the snapshot after the change, relays it and audits the action.
     */
    private Mono<Document> write(Caller c, Document current, Document sets, List<String> unsets, String eventType, String auditAction,
                                 Map<String, Object> auditDetails) {
        String id = current.getString("_id");
        long version = current.get("version", Number.class).longValue();
        Instant now = store.now();
        Document after = new Document(current);
        after.putAll(sets);
        unsets.forEach(after::remove);
        after.put("version", version + 1);
        after.put("updatedAt", Date.from(now));
        OutboxMessage event = store.event(eventType, after);
        List<Bson> updates = new ArrayList<>();
        sets.forEach((k, v) -> updates.add(Updates.set(k, v)));
        unsets.forEach(k -> updates.add(Updates.unset(k)));
        updates.add(Updates.set("version", version + 1));
        updates.add(Updates.set("updatedAt", Date.from(now)));
        updates.add(Updates.set("updatedBy", c.accountId()));
        updates.add(Outbox.push(event));
        return store.organisations().updateAndGet(OrganisationStore.system(current),
                        Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), Updates.combine(updates))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该组织刚被他人修改，请刷新后重试")))
                .doOnSuccess(d -> store.relay().relaySoon(store.organisations(), id))
                .flatMap(d -> audit.record(c, auditAction, "organisation", id, current.getString("tenantId"), Result.SUCCESS, auditDetails)
                        .thenReturn(d));
    }

    private OrganisationView view(Document d) {
        return OrganisationView.of(d, store.today());
    }

    private static void checkVersion(Document current, Long expected) {
        long version = current.get("version", Number.class).longValue();
        if (expected == null || expected != version) {
            throw ApiException.conflict("version", "该组织已被他人修改（当前版本 " + version + "），请刷新后重试");
        }
    }

    private static void requireActive(Document current) {
        if (DISSOLVED.equals(current.getString("status"))) {
            throw ApiException.conflict("status", "“" + current.getString("name") + "”已撤销，不能再修改");
        }
    }

    private static List<String> ancestorsUnder(Document parent) {
        if (parent == null) {
            return List.of();
        }
        List<String> ancestors = new ArrayList<>(parent.getList("ancestors", String.class, List.of()));
        ancestors.add(parent.getString("_id"));
        return ancestors;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static boolean duplicateKey(Throwable e) {
        return e instanceof MongoServerException m && ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    private static ApiException duplicateName(String name) {
        return ApiException.conflict("name", "同一上级组织下已有名为“" + name + "”的组织");
    }

    /** Audit details without nulls (the audit log copies them into an immutable map). */
    static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(String.valueOf(pairs[i]), pairs[i + 1]);
            }
        }
        return map;
    }
}
