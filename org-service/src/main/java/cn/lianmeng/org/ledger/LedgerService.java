package cn.lianmeng.org.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.coverage.CoverageService;
import cn.lianmeng.org.identity.Account;
import cn.lianmeng.org.identity.AccountStatus;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The ledger (台账) of each enterprise — coverage status from the coverage facts, its organisations, instructor,
 * visits and tasks — and task management (清单化管理) with owners, deadlines, append-only progress notes and overdue
 * lists. Who may do what:
 * <ul>
 * <li>ALLIANCE_ADMIN: everything in the alliance; the only role that sees the overdue summary per staff member;</li>
 * <li>DISTRICT_STAFF: ledgers, visits and tasks of the enterprises in their patch, plus tasks they own; they record
 *     visits and create/work on tasks there (a task they create must name an enterprise of their patch);</li>
 * <li>ENTERPRISE_ADMIN: its own enterprise's ledger, visits and tasks, read-only;</li>
 * <li>everyone else: 403.</li>
 * </ul>
 */
@Service
public class LedgerService {

    public static final Set<String> VISIT_SORTABLE = Set.of("date", "createdAt");
    public static final Set<String> TASK_SORTABLE = Set.of("deadline", "createdAt", "updatedAt", "title");
    static final Set<Role> READERS = Set.of(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF, Role.ENTERPRISE_ADMIN);
    static final Set<Role> WORKERS = Set.of(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF);
    static final Set<String> VISIT_KINDS = Set.of("VISIT", "GUIDANCE");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final LedgerStore store;
    private final CoverageService coverage;
    private final AccountStore accounts;
    private final LedgerRelocation relocation;
    private final AuditLog audit;
    private final Clock clock;

    public LedgerService(LedgerStore store, CoverageService coverage, AccountStore accounts, LedgerRelocation relocation,
                         AuditLog audit, Clock clock) {
        this.store = store;
        this.coverage = coverage;
        this.accounts = accounts;
        this.relocation = relocation;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    private static Mono<Caller> require(Caller caller, Set<Role> roles, String message) {
        return caller.hasAny(roles) && caller.allianceId() != null ? Mono.just(caller) : Mono.error(ApiException.forbidden(message));
    }

    private static Mono<Caller> reader(Caller caller) {
        return require(caller, READERS, "仅联盟管理员、挂联干部和本企业党组织管理员可查看台账");
    }

    private static Mono<Caller> worker(Caller caller) {
        return require(caller, WORKERS, "仅联盟管理员和挂联干部可登记走访、管理任务");
    }

    static String displayName(Caller c) {
        return c.displayName() != null ? c.displayName() : c.actorName();
    }

    /** The enterprise's coverage facts if it lies within the caller's scope, else 404. */
    private Mono<CoverageService.EnterpriseCoverage> enterprise(Caller c, String enterpriseId) {
        return coverage.enterprise(Scope.of(c), enterpriseId).switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")));
    }

    static LocalDate date(String field, String value, List<FieldProblem> errors) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(field, "须为 yyyy-MM-dd 格式的日期"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- ledger

    public Mono<LedgerViews.Ledger> ledger(Caller caller, String enterpriseId) {
        return reader(caller).flatMap(c -> enterprise(c, enterpriseId).flatMap(ec -> {
            Scope scope = Scope.of(c);
            Bson ofEnterprise = Filters.eq("tenantId", enterpriseId);
            Bson open = Filters.and(ofEnterprise, Filters.eq("done", false));
            LocalDate today = today();
            return Mono.zip(coverage.organisations(c.allianceId(), enterpriseId).collectList(),
                            store.visits.count(scope, ofEnterprise),
                            store.visits.find(scope, ofEnterprise, Sorts.orderBy(Sorts.descending("date", "createdAt")), 0, 5)
                                    .map(LedgerViews.Visit::of).collectList(),
                            store.tasks.find(scope, open, Sorts.ascending("deadline", "_id"), 0, 100)
                                    .map(d -> LedgerViews.Task.of(d, today)).collectList())
                    .map(t -> {
                        var facts = ec.facts();
                        LedgerViews.Instructor instructor = facts.instructorAssigned()
                                ? new LedgerViews.Instructor(facts.instructorAccountId(), facts.instructorName()) : null;
                        long overdue = t.getT4().stream().filter(LedgerViews.Task::overdue).count();
                        return new LedgerViews.Ledger(facts, ec.reasons(), t.getT1(), instructor,
                                new LedgerViews.Visits(t.getT2(), t.getT3()), new LedgerViews.Tasks(t.getT4().size(), overdue, t.getT4()));
                    });
        }));
    }

    // ---------------------------------------------------------------- visits

    public Mono<LedgerViews.Visit> addVisit(Caller caller, String enterpriseId, LedgerRequests.NewVisit req) {
        return worker(caller).flatMap(c -> {
            List<FieldProblem> errors = new ArrayList<>();
            LocalDate date = date("date", req.date(), errors);
            if (date != null && date.isAfter(today())) {
                errors.add(new FieldProblem("date", "不能晚于今天"));
            }
            String kind = req.kind() == null || req.kind().isBlank() ? "VISIT" : req.kind().strip();
            if (!VISIT_KINDS.contains(kind)) {
                errors.add(new FieldProblem("kind", "须为 VISIT（走访）或 GUIDANCE（指导）"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            return enterprise(c, enterpriseId).flatMap(ec -> {
                Instant now = clock.instant();
                String id = new ObjectId().toHexString();
                Document doc = located(new Document("_id", id), c, ec)
                        .append("date", date.toString()).append("kind", kind).append("purpose", req.purpose().strip())
                        .append("notes", blankToNull(req.notes())).append("followUp", blankToNull(req.followUp()))
                        .append("visitorId", c.accountId()).append("visitorName", displayName(c))
                        .append("createdAt", Date.from(now)).append("version", 1L);
                return store.visits.insert(Scope.of(c), doc)
                        .then(followMoves(c.allianceId(), enterpriseId, ec.enterpriseVersion()))
                        .then(audit.record(c, "LEDGER_VISIT_RECORDED", "ledger_visit", id, enterpriseId, Result.SUCCESS,
                                Map.of("enterpriseId", enterpriseId, "date", date.toString(), "kind", kind)))
                        .thenReturn(LedgerViews.Visit.of(doc));
            });
        });
    }

    public Mono<PageResult<LedgerViews.Visit>> visits(Caller caller, String enterpriseId, Integer page, Integer size, String sort) {
        return reader(caller).flatMap(c -> {
            PageQuery query = PageQuery.of(page, size, sort == null ? "date,desc" : sort, VISIT_SORTABLE, "date,desc");
            return enterprise(c, enterpriseId)
                    .then(store.visits.page(Scope.of(c), Filters.eq("tenantId", enterpriseId), query, LedgerViews.Visit::of));
        });
    }

    /** Copies the alliance, enterprise, its name and location (for staff scope) from the coverage facts. */
    private static Document located(Document doc, Caller c, CoverageService.EnterpriseCoverage ec) {
        return doc.append("allianceId", c.allianceId()).append("tenantId", ec.facts().id())
                .append("enterpriseName", ec.facts().name()).append("parkId", ec.facts().parkId())
                .append("buildingId", ec.facts().buildingId()).append("locationVersion", ec.enterpriseVersion());
    }

    /** The enterprise may have moved between reading its facts and writing the copy: re-check and follow. */
    private Mono<Void> followMoves(String allianceId, String enterpriseId, long copiedVersion) {
        return coverage.enterprise(Scope.system(allianceId, enterpriseId), enterpriseId)
                .filter(now -> now.enterpriseVersion() != copiedVersion)
                .flatMap(now -> relocation.enterpriseLocated(allianceId, enterpriseId, now.facts().name(), now.facts().parkId(),
                        now.facts().buildingId(), now.enterpriseVersion()));
    }

    // ---------------------------------------------------------------- tasks

    /** Where a caller's tasks are: the scope to query with and the filter within it. */
    private record TaskView(Scope scope, Bson filter) {
    }

    private static TaskView taskView(Caller c) {
        if (c.has(Role.ALLIANCE_ADMIN) || !c.has(Role.DISTRICT_STAFF)) {
            return new TaskView(Scope.of(c), new Document());
        }
        // district staff: the tasks of their patch (the tenant-owned rule's own filter) and the tasks they own
        return new TaskView(Scope.system(c.allianceId(), null),
                Filters.or(ScopeRule.tenantOwned().filter(Scope.of(c)), Filters.eq("ownerId", c.accountId())));
    }

    private Mono<Document> task(Caller c, String id) {
        TaskView v = taskView(c);
        return store.tasks.findOne(v.scope(), Filters.and(v.filter(), Filters.eq("_id", id)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("任务")));
    }

    public Mono<LedgerViews.Task> getTask(Caller caller, String id) {
        return reader(caller).flatMap(c -> task(c, id)).map(d -> LedgerViews.Task.of(d, today()));
    }

    public Mono<PageResult<LedgerViews.Task>> tasks(Caller caller, String owner, Boolean overdue, Boolean done, String enterpriseId,
                                                    Integer page, Integer size, String sort) {
        return reader(caller).flatMap(c -> {
            PageQuery query = PageQuery.of(page, size, sort, TASK_SORTABLE, "deadline");
            TaskView v = taskView(c);
            List<Bson> filters = new ArrayList<>(List.of(v.filter()));
            String today = today().toString();
            if (owner != null && !owner.isBlank()) {
                filters.add(Filters.eq("ownerId", "me".equals(owner.strip()) ? c.accountId() : owner.strip()));
            }
            if (Boolean.TRUE.equals(overdue)) {
                filters.add(Filters.and(Filters.eq("done", false), Filters.lt("deadline", today)));
            } else if (Boolean.FALSE.equals(overdue)) {
                filters.add(Filters.or(Filters.eq("done", true), Filters.gte("deadline", today)));
            }
            if (done != null) {
                filters.add(Filters.eq("done", done));
            }
            if (enterpriseId != null && !enterpriseId.isBlank()) {
                filters.add(Filters.eq("tenantId", enterpriseId.strip()));
            }
            LocalDate day = LocalDate.parse(today);
            return store.tasks.page(v.scope(), Filters.and(filters), query, d -> LedgerViews.Task.of(d, day));
        });
    }

    /** A task owner: the caller, or an active ALLIANCE_ADMIN / DISTRICT_STAFF account of the caller's alliance. */
    private Mono<Document> owner(Caller c, String ownerId) {
        if (ownerId == null || ownerId.equals(c.accountId())) {
            return Mono.just(new Document("ownerId", c.accountId()).append("ownerName", displayName(c)));
        }
        return accounts.findById(Scope.system(c.allianceId(), null), ownerId)
                .filter(a -> a.status() == AccountStatus.ACTIVE && (a.roles().contains(Role.DISTRICT_STAFF) || a.roles().contains(Role.ALLIANCE_ADMIN)))
                .map(a -> new Document("ownerId", a.id()).append("ownerName", ownerName(a)))
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("ownerId", "须为本联盟在用的挂联干部或联盟管理员账户")));
    }

    private static String ownerName(Account a) {
        return a.displayName() != null ? a.displayName() : a.username();
    }

    /** The enterprise a task is about: none, or one within the caller's scope (404 otherwise). */
    private Mono<Document> taskEnterprise(Caller c, String enterpriseId) {
        if (enterpriseId == null) {
            return Mono.just(new Document("allianceId", c.allianceId()).append("tenantId", null).append("enterpriseName", null)
                    .append("parkId", null).append("buildingId", null).append("locationVersion", 0L));
        }
        return enterprise(c, enterpriseId).map(ec -> located(new Document(), c, ec));
    }

    public Mono<LedgerViews.Task> createTask(Caller caller, LedgerRequests.NewTask req) {
        return worker(caller).flatMap(c -> {
            List<FieldProblem> errors = new ArrayList<>();
            LocalDate deadline = date("deadline", req.deadline(), errors);
            String enterpriseId = blankToNull(req.enterpriseId());
            if (enterpriseId == null && !c.has(Role.ALLIANCE_ADMIN)) {
                errors.add(new FieldProblem("enterpriseId", "挂联干部创建任务须指定所辖的成员单位"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            return Mono.zip(taskEnterprise(c, enterpriseId), owner(c, blankToNull(req.ownerId()))).flatMap(t -> {
                Instant now = clock.instant();
                String id = new ObjectId().toHexString();
                Document doc = new Document("_id", id);
                doc.putAll(t.getT1());
                doc.putAll(t.getT2());
                doc.append("title", req.title().strip()).append("description", blankToNull(req.description()))
                        .append("deadline", deadline.toString()).append("done", false).append("progress", List.of())
                        .append("createdById", c.accountId()).append("createdByName", displayName(c))
                        .append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)).append("version", 1L);
                return store.tasks.insert(Scope.of(c), doc)
                        .then(enterpriseId == null ? Mono.empty() : followMoves(c.allianceId(), enterpriseId, doc.getLong("locationVersion")))
                        .then(audit.record(c, "LEDGER_TASK_CREATED", "ledger_task", id, enterpriseId, Result.SUCCESS,
                                Map.of("title", doc.getString("title"), "ownerId", doc.getString("ownerId"), "deadline", deadline.toString())))
                        .then(store.tasks.findById(Scope.system(c.allianceId(), null), id))
                        .map(d -> LedgerViews.Task.of(d, today()));
            });
        });
    }

    public Mono<LedgerViews.Task> updateTask(Caller caller, String id, LedgerRequests.UpdateTask req) {
        return worker(caller).flatMap(c -> task(c, id).flatMap(current -> {
            long version = current.get("version", Number.class).longValue();
            if (req.version() != version) {
                return Mono.error(ApiException.conflict("version", "该任务已被他人修改（当前版本 " + version + "），请刷新后重试"));
            }
            if (Boolean.TRUE.equals(current.getBoolean("done"))) {
                return Mono.error(ApiException.conflict("done", "任务已完成，不能再修改"));
            }
            List<FieldProblem> errors = new ArrayList<>();
            LocalDate deadline = date("deadline", req.deadline(), errors);
            String enterpriseId = blankToNull(req.enterpriseId());
            if (enterpriseId == null && !c.has(Role.ALLIANCE_ADMIN)) {
                errors.add(new FieldProblem("enterpriseId", "挂联干部管理的任务须指定所辖的成员单位"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            return Mono.zip(taskEnterprise(c, enterpriseId), owner(c, blankToNull(req.ownerId()))).flatMap(t -> {
                Instant now = clock.instant();
                List<Bson> sets = new ArrayList<>();
                t.getT1().forEach((k, v) -> sets.add(Updates.set(k, v)));
                t.getT2().forEach((k, v) -> sets.add(Updates.set(k, v)));
                sets.addAll(Arrays.asList(Updates.set("title", req.title().strip()), Updates.set("description", blankToNull(req.description())),
                        Updates.set("deadline", deadline.toString()), Updates.set("updatedAt", Date.from(now)),
                        Updates.set("version", version + 1)));
                return store.tasks.updateAndGet(Scope.system(c.allianceId(), null),
                                Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), Updates.combine(sets))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该任务刚被他人修改，请刷新后重试")))
                        .flatMap(d -> (enterpriseId == null ? Mono.<Void>empty()
                                : followMoves(c.allianceId(), enterpriseId, d.get("locationVersion", Number.class).longValue()))
                                .then(audit.record(c, "LEDGER_TASK_UPDATED", "ledger_task", id, enterpriseId, Result.SUCCESS,
                                        Map.of("title", req.title().strip(), "ownerId", d.getString("ownerId"), "deadline", deadline.toString())))
                                .thenReturn(LedgerViews.Task.of(d, today())));
            });
        }));
    }

    public Mono<LedgerViews.Task> addProgress(Caller caller, String id, LedgerRequests.Progress req) {
        return worker(caller).flatMap(c -> task(c, id).flatMap(current -> {
            Instant now = clock.instant();
            Document note = new Document("note", req.note().strip()).append("authorId", c.accountId())
                    .append("authorName", displayName(c)).append("at", Date.from(now));
            return store.tasks.updateAndGet(Scope.system(c.allianceId(), null), Filters.eq("_id", id),
                            Updates.combine(Updates.push("progress", note), Updates.inc("version", 1L), Updates.set("updatedAt", Date.from(now))))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("任务")))
                    .flatMap(d -> audit.record(c, "LEDGER_TASK_PROGRESS", "ledger_task", id, current.getString("tenantId"), Result.SUCCESS,
                            Map.of("note", req.note().strip())).thenReturn(LedgerViews.Task.of(d, today())));
        }));
    }

    public Mono<LedgerViews.Task> complete(Caller caller, String id, LedgerRequests.Complete req) {
        return worker(caller).flatMap(c -> task(c, id).flatMap(current -> {
            long version = current.get("version", Number.class).longValue();
            if (req != null && req.version() != null && req.version() != version) {
                return Mono.error(ApiException.conflict("version", "该任务已被他人修改（当前版本 " + version + "），请刷新后重试"));
            }
            if (Boolean.TRUE.equals(current.getBoolean("done"))) {
                return Mono.error(ApiException.conflict("done", "任务已完成"));
            }
            Instant now = clock.instant();
            String note = req == null ? null : blankToNull(req.note());
            return store.tasks.updateAndGet(Scope.system(c.allianceId(), null),
                            Filters.and(Filters.eq("_id", id), Filters.eq("version", version), Filters.eq("done", false)),
                            Updates.combine(Updates.set("done", true), Updates.set("completedAt", Date.from(now)),
                                    Updates.set("completedById", c.accountId()), Updates.set("completedByName", displayName(c)),
                                    Updates.set("completionNote", note), Updates.set("updatedAt", Date.from(now)),
                                    Updates.set("version", version + 1)))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该任务刚被他人修改，请刷新后重试")))
                    .flatMap(d -> audit.record(c, "LEDGER_TASK_COMPLETED", "ledger_task", id, current.getString("tenantId"), Result.SUCCESS,
                            note == null ? Map.of() : Map.of("note", note)).thenReturn(LedgerViews.Task.of(d, today())));
        }));
    }

    /** Open and overdue tasks per owner, most overdue first (alliance administrators). */
    public Mono<List<LedgerViews.OwnerSummary>> overdueSummary(Caller caller) {
        return require(caller, Set.of(Role.ALLIANCE_ADMIN), "仅联盟管理员可查看各挂联干部的逾期任务汇总").flatMap(c -> {
            String today = today().toString();
            Document isOverdue = new Document("$lt", Arrays.asList("$deadline", today));
            return store.tasks.aggregate(Scope.of(c), List.of(
                            Aggregates.match(Filters.eq("done", false)),
                            Aggregates.group("$ownerId", Accumulators.first("ownerName", "$ownerName"), Accumulators.sum("open", 1),
                                    Accumulators.sum("overdue", new Document("$cond", Arrays.asList(isOverdue, 1, 0))),
                                    Accumulators.min("oldestOverdue", new Document("$cond", Arrays.asList(isOverdue, "$deadline", null))))))
                    .map(d -> new LedgerViews.OwnerSummary(d.getString("_id"), d.getString("ownerName"),
                            d.get("open", Number.class).longValue(), d.get("overdue", Number.class).longValue(),
                            d.getString("oldestOverdue") == null ? null : LocalDate.parse(d.getString("oldestOverdue"))))
                    .collectList()
                    .map(list -> {
                        List<LedgerViews.OwnerSummary> sorted = new ArrayList<>(list);
                        sorted.sort((a, b) -> a.overdue() != b.overdue() ? Long.compare(b.overdue(), a.overdue())
                                : a.open() != b.open() ? Long.compare(b.open(), a.open()) : String.valueOf(a.ownerName()).compareTo(String.valueOf(b.ownerName())));
                        return sorted;
                    });
        });
    }
}
