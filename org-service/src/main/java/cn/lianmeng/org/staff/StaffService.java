package cn.lianmeng.org.staff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.org.identity.AccountStatus;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.Place;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.org.staff.StaffViews.BuildingRef;
import cn.lianmeng.org.staff.StaffViews.BuildingScope;
import cn.lianmeng.org.staff.StaffViews.HistoryEntry;
import cn.lianmeng.org.staff.StaffViews.Me;
import cn.lianmeng.org.staff.StaffViews.ParkScope;
import cn.lianmeng.org.staff.StaffViews.PlaceRef;
import cn.lianmeng.org.staff.StaffViews.Provisioned;
import cn.lianmeng.org.staff.StaffViews.StaffView;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.privacy.Masking;
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
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * District staff (挂联干部 / 楼长): DISTRICT_STAFF accounts of an alliance and the parks and buildings assigned to them
 * (一楼一长, 挂园区包企业). The assignment lives on the account ({@code parkIds}, {@code buildingIds}), so the next token
 * carries it as the {@code parks}/{@code buildings} claims that scope every query; a token issued before a change
 * keeps the old scope until it expires (the token lifetime, 30 minutes by default). Every change is versioned
 * ({@code staffVersion}, independent of password changes), audited, kept as {@code staff_assignments} history and
 * published on {@code org.staff.v1} through the outbox in the same account write.
 */
@Service
public class StaffService {

    public static final String TOPIC = "org.staff.v1";
    public static final Set<String> SORTABLE = Set.of("username", "displayName", "createdAt");
    static final String VERSION = "staffVersion";
    private static final String ROLE = Role.DISTRICT_STAFF.name();

    private final ScopedCollection accounts;
    private final ScopedCollection history;
    private final ScopedCollection enterprises;
    private final IdentityService identity;
    private final AccountStore accountStore;
    private final RegionService regions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;

    public StaffService(MongoAccess mongo, IdentityService identity, AccountStore accountStore, RegionService regions, Outbox outbox,
                        OutboxRelay relay, AuditLog audit, Clock clock) {
        // the staff fields of the identity package's accounts (docs/org-contracts.md: staff owns them "on accounts")
        this.accounts = mongo.collection("accounts", ScopeRule.tenantOwned());
        this.history = mongo.collection("staff_assignments", ScopeRule.allianceOwned());
        // read only, for the counts of a staff member's patch (document shape in docs/org-contracts.md)
        this.enterprises = mongo.collection("enterprises", ScopeRule.tenantOwned());
        this.identity = identity;
        this.accountStore = accountStore;
        this.regions = regions;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
        relay.register(accounts);
        accounts.ensureIndexInBackground(Indexes.ascending("allianceId", "roles", "username"), new IndexOptions().name("alliance_roles_username"));
        accounts.ensureIndexInBackground(Indexes.ascending("allianceId", "parkIds"), new IndexOptions().name("alliance_park_ids"));
        accounts.ensureIndexInBackground(Indexes.ascending("allianceId", "buildingIds"), new IndexOptions().name("alliance_building_ids"));
        history.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "accountId"), Indexes.descending("version")),
                new IndexOptions().name("alliance_account_version"));
    }

    public record ListFilter(String q, String status, String parkId, String buildingId) {
    }

    private static Mono<Caller> allianceAdmin(Caller caller) {
        return caller.has(Role.ALLIANCE_ADMIN) ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅联盟管理员可管理挂联干部"));
    }

    private static long version(Document d) {
        Number v = d.get(VERSION, Number.class);
        return v == null ? 1L : v.longValue();
    }

    /** Compare-and-set on the staff version as read (accounts provisioned without one are at version 1). */
    private static Bson versionAsRead(Document current) {
        return current.containsKey(VERSION) ? Filters.eq(VERSION, current.get(VERSION)) : Filters.exists(VERSION, false);
    }

    private static List<String> strings(Document d, String field) {
        return d.getList(field, String.class, List.of());
    }

    // ---- provisioning and listing ----

    /** Provisions a DISTRICT_STAFF account in the caller's alliance; the generated initial password is shown once. */
    public Mono<Provisioned> provision(Caller caller, StaffRequests.NewStaff req, String presetPassword) {
        return allianceAdmin(caller).flatMap(c -> {
            String username = req.username().strip();
            String phone = req.phone() == null || req.phone().isBlank() ? null : req.phone().strip();
            Mono<Void> phoneFree = phone == null ? Mono.empty() : accountStore.findByLogin(phone)
                    .flatMap(a -> Mono.<Void>error(ApiException.conflict("phone", "手机号已被其他账户使用")));
            return accountStore.usernameTaken(username)
                    .flatMap(taken -> taken ? Mono.error(ApiException.conflict("username", "用户名“" + username + "”已被占用")) : Mono.empty())
                    .then(phoneFree)
                    .then(identity.provision(Scope.of(c), c, username, req.name().strip(), phone, Role.DISTRICT_STAFF,
                            c.allianceId(), null, presetPassword))
                    .onErrorMap(e -> e instanceof ApiException a && a.status() == HttpStatus.CONFLICT
                                    && a.errors().stream().anyMatch(f -> "adminUsername".equals(f.field())),
                            e -> ApiException.conflict("username", "用户名“" + username + "”或手机号已被占用"))
                    .flatMap(p -> staffAccount(Scope.of(c), p.accountId())
                            .flatMap(d -> view(Scope.of(c), d))
                            .map(v -> new Provisioned(v, p.initialPassword())));
        });
    }

    private Mono<Document> staffAccount(Scope scope, String accountId) {
        return accounts.findOne(scope, Filters.and(Filters.eq("_id", accountId), Filters.eq("roles", ROLE)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("挂联干部")));
    }

    public Mono<StaffView> get(Caller caller, String accountId) {
        return allianceAdmin(caller).flatMap(c -> staffAccount(Scope.of(c), accountId).flatMap(d -> view(Scope.of(c), d)));
    }

    public Mono<PageResult<StaffView>> list(Caller caller, ListFilter f, PageQuery page) {
        return allianceAdmin(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            List<Bson> filters = new ArrayList<>();
            filters.add(Filters.eq("roles", ROLE));
            if (f.status() != null && !f.status().isBlank()) {
                AccountStatus status = parseStatus(f.status());
                if (status == null) {
                    return Mono.error(ApiException.badRequest("status", "须为 ACTIVE 或 DISABLED"));
                }
                filters.add(Filters.eq("status", status.name()));
            }
            if (f.parkId() != null && !f.parkId().isBlank()) {
                filters.add(Filters.eq("parkIds", f.parkId().strip()));
            }
            if (f.buildingId() != null && !f.buildingId().isBlank()) {
                filters.add(Filters.eq("buildingIds", f.buildingId().strip()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String prefix = "^" + Pattern.quote(f.q().strip());
                filters.add(Filters.or(Filters.regex("username", prefix), Filters.regex("displayName", prefix)));
            }
            return Mono.zip(regions.catalogue(scope), accounts.page(scope, Filters.and(filters), page, d -> d))
                    .map(t -> new PageResult<>(t.getT2().content().stream().map(d -> view(t.getT1(), d)).toList(),
                            t.getT2().page(), t.getT2().size(), t.getT2().totalElements(), t.getT2().totalPages()));
        });
    }

    private static AccountStatus parseStatus(String s) {
        for (AccountStatus v : AccountStatus.values()) {
            if (v.name().equalsIgnoreCase(s.strip())) {
                return v;
            }
        }
        return null;
    }

    // ---- assignments, disabling ----

    /**
     * Replaces the staff member's parks and buildings. Every id must be a park or building of the caller's alliance
     * (400 naming {@code parkIds}/{@code buildingIds}); the version must be the current one (409).
     */
    public Mono<StaffView> assign(Caller caller, String accountId, StaffRequests.Assignments req) {
        return allianceAdmin(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            List<String> parkIds = distinct(req.parkIds());
            List<String> buildingIds = distinct(req.buildingIds());
            return staffAccount(scope, accountId).flatMap(current -> regions.catalogue(scope).flatMap(catalogue -> {
                List<FieldProblem> errors = new ArrayList<>();
                List<String> unknownParks = parkIds.stream().filter(id -> catalogue.parkById(id).isEmpty()).toList();
                List<String> unknownBuildings = buildingIds.stream().filter(id -> catalogue.buildingById(id).isEmpty()).toList();
                if (!unknownParks.isEmpty()) {
                    errors.add(new FieldProblem("parkIds", "本联盟没有这些园区：" + String.join("、", unknownParks)));
                }
                if (!unknownBuildings.isEmpty()) {
                    errors.add(new FieldProblem("buildingIds", "本联盟没有这些楼宇：" + String.join("、", unknownBuildings)));
                }
                if (!errors.isEmpty()) {
                    return Mono.error(ApiException.invalid(errors));
                }
                long version = version(current);
                if (req.version() != version) {
                    return Mono.error(ApiException.conflict("version", "该挂联干部的分工已被他人修改（当前版本 " + version + "），请刷新后重试"));
                }
                Instant now = clock.instant();
                Document changes = new Document("parkIds", parkIds).append("buildingIds", buildingIds)
                        .append("assignmentsChangedAt", Date.from(now)).append("assignmentsChangedBy", c.accountId());
                return change(c, scope, current, changes, "StaffAssignmentChanged", now)
                        .flatMap(after -> history.insert(scope, new Document("_id", new ObjectId().toHexString())
                                        .append("allianceId", after.getString("allianceId")).append("accountId", accountId)
                                        .append("parkIds", parkIds).append("buildingIds", buildingIds)
                                        .append("previousParkIds", strings(current, "parkIds"))
                                        .append("previousBuildingIds", strings(current, "buildingIds"))
                                        .append("version", version(after)).append("changedBy", c.accountId())
                                        .append("changedByName", c.actorName()).append("changedAt", Date.from(now)))
                                .then(audit.record(c, "STAFF_ASSIGNMENT_CHANGED", "account", accountId, null, Result.SUCCESS,
                                        Map.of("parkIds", parkIds, "buildingIds", buildingIds,
                                                "previousParkIds", strings(current, "parkIds"),
                                                "previousBuildingIds", strings(current, "buildingIds"), "version", version(after))))
                                .thenReturn(view(catalogue, after)));
            }));
        });
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids.stream().map(String::strip).toList()));
    }

    public Mono<StaffView> disable(Caller caller, String accountId, String reason) {
        return setStatus(caller, accountId, AccountStatus.DISABLED, reason, "StaffDisabled", "STAFF_DISABLED");
    }

    public Mono<StaffView> enable(Caller caller, String accountId, String reason) {
        return setStatus(caller, accountId, AccountStatus.ACTIVE, reason, "StaffEnabled", "STAFF_ENABLED");
    }

    private Mono<StaffView> setStatus(Caller caller, String accountId, AccountStatus target, String reason, String eventType,
                                      String auditAction) {
        return allianceAdmin(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            return staffAccount(scope, accountId).flatMap(current -> {
                if (target.name().equals(current.getString("status"))) {
                    return Mono.error(ApiException.conflict("status", target == AccountStatus.DISABLED ? "该账户已停用" : "该账户未停用"));
                }
                Instant now = clock.instant();
                Document changes = new Document("status", target.name()).append("statusReason", reason)
                        .append("statusChangedAt", Date.from(now)).append("statusChangedBy", c.accountId());
                return change(c, scope, current, changes, eventType, now)
                        .flatMap(after -> audit.record(c, auditAction, "account", accountId, null, Result.SUCCESS,
                                        Map.of("reason", reason, "version", version(after)))
                                .then(view(scope, after)));
            });
        });
    }

    /** One conditional single-document write: the changes, the staff version bump and the event. */
    private Mono<Document> change(Caller c, Scope scope, Document current, Document changes, String eventType, Instant now) {
        String id = current.getString("_id");
        long next = version(current) + 1;
        Document after = new Document(current);
        after.putAll(changes);
        after.put(VERSION, next);
        OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), null, snapshot(after, now));
        List<Bson> sets = new ArrayList<>();
        changes.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set(VERSION, next));
        sets.add(Outbox.push(event));
        return accounts.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("roles", ROLE), versionAsRead(current)),
                        Updates.combine(sets))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该挂联干部刚被他人修改，请刷新后重试")))
                .doOnSuccess(d -> relay.relaySoon(accounts, id));
    }

    private static StaffEvent snapshot(Document d, Instant at) {
        return new StaffEvent(d.getString("_id"), d.getString("allianceId"), d.getString("displayName"), strings(d, "parkIds"),
                strings(d, "buildingIds"), d.getString("status"), version(d), at.toString());
    }

    public Mono<PageResult<HistoryEntry>> history(Caller caller, String accountId, PageQuery page) {
        return allianceAdmin(caller).flatMap(c -> staffAccount(Scope.of(c), accountId)
                .then(history.page(Scope.of(c), Filters.eq("accountId", accountId), page, d -> new HistoryEntry(d.getString("_id"),
                        d.getString("accountId"), strings(d, "parkIds"), strings(d, "buildingIds"), strings(d, "previousParkIds"),
                        strings(d, "previousBuildingIds"), d.get("version", Number.class).longValue(), d.getString("changedBy"),
                        d.getString("changedByName"), d.getDate("changedAt")))));
    }

    // ---- the staff member's own view ----

    /**
     * The parks and buildings of the caller's current token with the number of enterprises located in each (those
     * that have not left the alliance), and whether the stored assignment has changed since the token was issued.
     */
    public Mono<Me> me(Caller caller) {
        if (!caller.has(Role.DISTRICT_STAFF)) {
            return Mono.error(ApiException.forbidden("仅挂联干部可查看本人分工"));
        }
        Scope scope = Scope.of(caller);
        Bson notLeft = Filters.ne("status", "LEFT");
        return Mono.zip(regions.catalogue(scope), accounts.findById(Scope.system(caller.allianceId(), null), caller.accountId())
                                .defaultIfEmpty(new Document()),
                        enterprises.count(scope, notLeft))
                .flatMap(t -> {
                    LocationCatalogue catalogue = t.getT1();
                    Document account = t.getT2();
                    boolean changed = !Set.copyOf(strings(account, "parkIds")).equals(caller.parkIds())
                            || !Set.copyOf(strings(account, "buildingIds")).equals(caller.buildingIds());
                    Mono<List<ParkScope>> parks = Flux.fromIterable(caller.parkIds().stream().sorted().toList())
                            .concatMap(id -> enterprises.count(scope, Filters.and(Filters.eq("parkId", id), notLeft))
                                    .map(n -> new ParkScope(id, catalogue.parkById(id).map(Place::name).orElse(null), n)))
                            .collectList();
                    Mono<List<BuildingScope>> buildings = Flux.fromIterable(caller.buildingIds().stream().sorted().toList())
                            .concatMap(id -> enterprises.count(scope, Filters.and(Filters.eq("buildingId", id), notLeft))
                                    .map(n -> {
                                        Place b = catalogue.buildingById(id).orElse(null);
                                        String parkId = b == null ? null : b.parkId();
                                        return new BuildingScope(id, b == null ? null : b.name(), parkId,
                                                catalogue.parkById(parkId).map(Place::name).orElse(null), n);
                                    }))
                            .collectList();
                    return Mono.zip(parks, buildings).map(pb -> new Me(caller.accountId(), caller.username(), caller.displayName(),
                            pb.getT1(), pb.getT2(), t.getT3(), changed));
                });
    }

    // ---- views ----

    private Mono<StaffView> view(Scope scope, Document d) {
        return regions.catalogue(scope).map(catalogue -> view(catalogue, d));
    }

    private static StaffView view(LocationCatalogue catalogue, Document d) {
        List<PlaceRef> parks = strings(d, "parkIds").stream()
                .map(id -> new PlaceRef(id, catalogue.parkById(id).map(Place::name).orElse(null))).toList();
        List<BuildingRef> buildings = strings(d, "buildingIds").stream().map(id -> {
            Place b = catalogue.buildingById(id).orElse(null);
            return new BuildingRef(id, b == null ? null : b.name(), b == null ? null : b.parkId());
        }).toList();
        return new StaffView(d.getString("_id"), d.getString("username"), d.getString("displayName"), Masking.phone(d.getString("phone")),
                d.getString("status"), parks, buildings, version(d), d.getBoolean("mustChangePassword", false), d.getDate("createdAt"),
                d.getDate("lastLoginAt"), d.getDate("assignmentsChangedAt"));
    }
}
