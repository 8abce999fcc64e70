package cn.lianmeng.org.coverage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BsonField;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coverage per scope (DESIGN §3) for alliance administrators (any scope of their alliance) and district staff (their
 * patch: assigned parks and buildings; districts and streets they have a park or building in, counted within the patch).
 * Counts of alliance administrators come from the maintained per-scope totals; district staff's patch-wide and
 * district/street answers are aggregated from the facts of their patch (small by construction).
 */
@Service
public class CoverageService {

    public static final Set<Role> READERS = Set.of(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF);
    public static final Set<String> SORTABLE = Set.of("name", "staffCount", "fullMembers", "district", "street", "park", "building");
    static final int SHOULD_ESTABLISH_PREVIEW = 50;
    static final String BASIS_INSTRUCTORS_ONLY = "仅统计党建指导员，活动数据尚未接入";
    static final String WORK_COVERAGE_NOTE = "工作覆盖率为本平台口径：有党建指导员，或近 %d 天内有党建活动覆盖到的企业数 ÷ 纳入统计企业数；"
            + "目前没有官方统一的计算公式。";

    private final CoverageStore store;
    private final CoverageProperties properties;
    private final AllianceService alliances;
    private final Clock clock;

    public CoverageService(CoverageStore store, CoverageProperties properties, AllianceService alliances, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.alliances = alliances;
        this.clock = clock;
    }

    /**
     * A scope the caller may see: its type, id and name, the filter that selects its enterprises' facts, and — for
     * alliance administrators — its maintained counts ({@code counts} null means: aggregate from the facts).
     */
    public record ResolvedScope(Caller caller, ScopeType type, String id, String name, Bson filter, CoverageViews.Counts counts) {

        public Scope scope() {
            return Scope.of(caller);
        }
    }

    static Mono<Caller> require(Caller caller) {
        return caller.hasAny(READERS) && caller.allianceId() != null ? Mono.just(caller)
                : Mono.error(ApiException.forbidden("仅联盟管理员和挂联干部可查看覆盖情况"));
    }

    /** Validates the scope parameters and resolves the scope within what the caller may see (404 outside it). */
    public Mono<ResolvedScope> resolve(Caller caller, String scopeType, String scopeId) {
        return require(caller).flatMap(c -> {
            ScopeType type = scopeType == null || scopeType.isBlank() ? ScopeType.ALLIANCE : ScopeType.parse(scopeType.strip())
                    .orElseThrow(() -> ApiException.badRequest("scopeType", "须为 " + Arrays.toString(ScopeType.values())
                            .replaceAll("[\\[\\]]", "").replace(", ", "、") + " 之一"));
            String id = scopeId == null || scopeId.isBlank() ? null : scopeId.strip();
            if (type != ScopeType.ALLIANCE && id == null) {
                return Mono.error(ApiException.badRequest("scopeId", "查询" + type.label() + "的覆盖情况须指定 scopeId"));
            }
            String allianceId = c.allianceId();
            Scope scope = Scope.of(c);
            boolean staff = !c.has(Role.ALLIANCE_ADMIN);
            if (type == ScopeType.ALLIANCE) {
                if (id != null && !id.equals(allianceId)) {
                    return Mono.error(ApiException.notFound("覆盖范围"));
                }
                if (staff) {
                    return patchCounts(c).map(n -> new ResolvedScope(c, type, allianceId,
                            "我的挂联范围（" + c.parkIds().size() + " 个园区、" + c.buildingIds().size() + " 栋楼宇）", new Document(), n));
                }
                return Mono.zip(totals(scope, allianceId, type, allianceId), allianceName(c))
                        .map(t -> new ResolvedScope(c, type, allianceId, t.getT2(), new Document(),
                                CoverageViews.Counts.of(t.getT1().get("counts", Document.class))));
            }
            Bson filter = Filters.eq(type.idField(), id);
            if (!staff || type == ScopeType.PARK || type == ScopeType.BUILDING) {
                // totals of PARK/BUILDING carry parkId/buildingId: the staff scope filter hides those outside the patch
                return totals(scope, allianceId, type, id)
                        .flatMap(t -> Mono.just(new ResolvedScope(c, type, id, t.getString("name") != null ? t.getString("name") : id,
                                filter, CoverageViews.Counts.of(t.get("counts", Document.class)))))
                        .switchIfEmpty(Mono.defer(() -> place(scope, type, id)
                                .filter(p -> !staff || staffOwns(c, type, id, p))
                                .map(p -> new ResolvedScope(c, type, id, p.getString("name"), filter, CoverageViews.Counts.ZERO))
                                .switchIfEmpty(Mono.defer(() -> staff && staffOwns(c, type, id, null)
                                        ? Mono.just(new ResolvedScope(c, type, id, id, filter, CoverageViews.Counts.ZERO))
                                        : Mono.error(ApiException.notFound("覆盖范围"))))));
            }
            // district staff asking for a district or street: the part of their patch inside it, counted from its facts
            return Mono.zip(aggregate(scope, filter, type.nameField()),
                            store.places.count(scope, Filters.and(Filters.in("_id", patchPlaces(c)), Filters.eq(type.idField(), id))),
                            place(scope, type, id).map(p -> p.getString("name")).defaultIfEmpty(""))
                    .flatMap(t -> {
                        Document sums = t.getT1();
                        CoverageViews.Counts n = CoverageViews.Counts.of(sums);
                        if (n.enterprises() == 0 && t.getT2() == 0) {
                            return Mono.error(ApiException.notFound("覆盖范围"));
                        }
                        String name = !t.getT3().isEmpty() ? t.getT3() : sums.getString("name") != null ? sums.getString("name") : id;
                        return Mono.just(new ResolvedScope(c, type, id, name + "（我的挂联范围内）", filter, n));
                    });
        });
    }

    /**
     * A district staff member's whole patch from the maintained totals: their parks, plus their buildings that are not
     * inside one of those parks (an enterprise in such a building is already counted with its park).
     */
    private Mono<CoverageViews.Counts> patchCounts(Caller c) {
        List<String> ids = new ArrayList<>();
        c.parkIds().forEach(p -> ids.add(CoverageProjector.totalsId(c.allianceId(), ScopeType.PARK.key(p))));
        c.buildingIds().forEach(b -> ids.add(CoverageProjector.totalsId(c.allianceId(), ScopeType.BUILDING.key(b))));
        if (ids.isEmpty()) {
            return Mono.just(CoverageViews.Counts.ZERO);
        }
        return store.totals.find(Scope.of(c), Filters.in("_id", ids), null, 0, 0)
                .filter(t -> !(ScopeType.BUILDING.name().equals(t.getString("scopeType")) && c.parkIds().contains(t.getString("parkId"))))
                .map(t -> CoverageViews.Counts.of(t.get("counts", Document.class)))
                .reduce(CoverageViews.Counts.ZERO, CoverageViews.Counts::plus);
    }

    private static List<String> patchPlaces(Caller c) {
        List<String> ids = new ArrayList<>(c.parkIds());
        ids.addAll(c.buildingIds());
        return ids;
    }

    /** Whether a park or building lies in a district staff member's patch (place may be unknown: then by id only). */
    private static boolean staffOwns(Caller c, ScopeType type, String id, Document place) {
        return switch (type) {
            case PARK -> c.parkIds().contains(id);
            case BUILDING -> c.buildingIds().contains(id) || (place != null && c.parkIds().contains(place.getString("parkId")));
            default -> false;
        };
    }

    private Mono<Document> totals(Scope scope, String allianceId, ScopeType type, String id) {
        Mono<Document> found = store.totals.findById(scope, CoverageProjector.totalsId(allianceId, type.key(id)));
        return type == ScopeType.ALLIANCE ? found.defaultIfEmpty(new Document()) : found;
    }

    private Mono<Document> place(Scope scope, ScopeType type, String id) {
        Bson kind = switch (type) {
            case DISTRICT, STREET -> Filters.and(Filters.eq("kind", "REGION"), Filters.eq("level", type.name()));
            default -> Filters.eq("kind", type.name());
        };
        return store.places.findOne(scope, Filters.and(Filters.eq("_id", id), kind));
    }

    private Mono<String> allianceName(Caller c) {
        return alliances.get(c, c.allianceId()).map(AllianceService.AllianceView::name)
                .onErrorResume(ApiException.class, e -> Mono.just("本联盟"))
                .defaultIfEmpty("本联盟");
    }

    /** The counts of a resolved scope. */
    public Mono<CoverageViews.Counts> counts(ResolvedScope r) {
        return r.counts() != null ? Mono.just(r.counts())
                : aggregate(r.scope(), r.filter(), null).map(CoverageViews.Counts::of);
    }

    /** Counts (and the first name in {@code nameField}, when given) aggregated over the facts a scope sees; one scan. */
    private Mono<Document> aggregate(Scope scope, Bson filter, String nameField) {
        List<BsonField> sums = new ArrayList<>();
        for (Facet f : Facet.values()) {
            sums.add(Accumulators.sum(f.field(), new Document("$cond", Arrays.asList("$facets." + f.field(), 1, 0))));
        }
        if (nameField != null) {
            sums.add(Accumulators.first("name", "$" + nameField));
        }
        return store.facts.aggregate(scope, List.of(Aggregates.match(filter), Aggregates.group(null, sums)))
                .next()
                .defaultIfEmpty(new Document());
    }

    public Mono<CoverageViews.Summary> summary(Caller caller, String scopeType, String scopeId) {
        return resolve(caller, scopeType, scopeId).flatMap(r -> Mono.zip(counts(r),
                        store.shouldEstablish.find(r.scope(), Filters.and(r.filter(), Filters.eq("active", true)),
                                Sorts.ascending("name", "_id"), 0, SHOULD_ESTABLISH_PREVIEW).map(CoverageViews.Listed::of).collectList(),
                        activitySeen(r))
                .map(t -> {
                    CoverageViews.Counts n = t.getT1();
                    boolean activities = t.getT3();
                    return new CoverageViews.Summary(r.type().name(), r.id(), r.name(), n.enterprises(), n.inScope(),
                            n.organisationCovered(), n.rate(n.organisationCovered()), n.singleEstablished(),
                            n.rate(n.singleEstablished()), n.workCovered(), n.rate(n.workCovered()), n.notCovered(),
                            n.shouldEstablish(), t.getT2(), activities, workCoverageBasis(activities), workCoverageNote(),
                            definitions(), clock.instant());
                }));
    }

    /** One page of the enterprises behind a count. */
    public Mono<PageResult<CoverageViews.EnterpriseRow>> enterprises(Caller caller, String scopeType, String scopeId, String facet,
                                                                      Integer page, Integer size, String sort) {
        return require(caller).flatMap(c -> {
            Facet f = facet(facet);
            PageQuery query = PageQuery.of(page, size, sort, SORTABLE, "name");
            return resolve(c, scopeType, scopeId).flatMap(r -> f == Facet.SHOULD_ESTABLISH && "name".equals(query.sortField())
                    ? shouldEstablishPage(r, query)
                    : store.facts.page(r.scope(), facetFilter(r, f), query, CoverageViews.EnterpriseRow::of));
        });
    }

    /**
     * The should-establish list by name from its own small collection (no scan of every facts document), each row
     * then read from the facts by id.
     */
    private Mono<PageResult<CoverageViews.EnterpriseRow>> shouldEstablishPage(ResolvedScope r, PageQuery query) {
        Bson listed = Filters.and(r.filter(), Filters.eq("active", true));
        return store.shouldEstablish.find(r.scope(), listed, Projections.include("_id"), query.mongoSort(), query.skip(), query.size())
                .flatMapSequential(d -> store.facts.findById(r.scope(), d.getString("_id")).map(CoverageViews.EnterpriseRow::of), 8)
                .collectList()
                .zipWith(store.shouldEstablish.count(r.scope(), listed))
                .map(t -> PageResult.of(t.getT1(), query, t.getT2()));
    }

    public static Facet facet(String facet) {
        return facet == null || facet.isBlank() ? Facet.IN_SCOPE : Facet.parse(facet.strip())
                .orElseThrow(() -> ApiException.badRequest("facet", "须为 " + Facet.allowed() + " 之一"));
    }

    static Bson facetFilter(ResolvedScope r, Facet f) {
        return Filters.and(r.filter(), Filters.eq("facets." + f.field(), true));
    }

    /** The facts of the enterprises behind a facet of a resolved scope, in the given order. */
    public Flux<CoverageViews.EnterpriseRow> facts(ResolvedScope r, Facet f, Bson sort, long skip, int limit) {
        return store.facts.find(r.scope(), facetFilter(r, f), sort, skip, limit).map(CoverageViews.EnterpriseRow::of);
    }

    /** Raw facts documents of the member enterprises (not LEFT) of a resolved scope (exports). */
    public Flux<Document> factDocuments(ResolvedScope r) {
        return store.facts.find(r.scope(), facetFilter(r, Facet.ALL), Sorts.ascending("district", "street", "park", "building", "name", "_id"), 0, 0);
    }

    /** One enterprise's facts within the caller's scope (ledger), with the reasons in Chinese. */
    public Mono<EnterpriseCoverage> enterprise(Scope scope, String enterpriseId) {
        return store.facts.findById(scope, enterpriseId).map(d -> {
            CoverageRules.Enterprise e = CoverageProjector.enterprise(d);
            CoverageRules.Facts f = CoverageRules.evaluate(e, linksFromFacts(d), clock.instant(), properties.settings());
            return new EnterpriseCoverage(CoverageViews.EnterpriseRow.of(d), CoverageRules.reasons(e, f, properties.settings()),
                    CoverageStore.number(d, "version"));
        });
    }

    /** The facts as stored, replayed through the rules for their reasons (counts taken from the stored facts). */
    private static CoverageRules.Links linksFromFacts(Document d) {
        java.util.Date last = d.getDate("lastActivityReachedAt");
        return new CoverageRules.Links(Boolean.TRUE.equals(d.getBoolean("ownOrganisation")) ? 1 : 0,
                Boolean.TRUE.equals(d.getBoolean("jointCovered")) ? 1 : 0, Boolean.TRUE.equals(d.getBoolean("affiliated")) ? 1 : 0,
                (int) CoverageStore.number(d, "countedFullMembers"), last == null ? null : last.toInstant());
    }

    public record EnterpriseCoverage(CoverageViews.EnterpriseRow facts, List<String> reasons, long enterpriseVersion) {
    }

    /** An organisation covering an enterprise, as the ledger shows it. */
    public record OrganisationRef(String orgId, String name, String kind, String formation, String relation, String status,
                                  String secretaryName, String termEnd) {
    }

    /** The organisations covering an enterprise (own, joint branch, affiliation), from the organisation state kept here. */
    public Flux<OrganisationRef> organisations(String allianceId, String enterpriseId) {
        Scope scope = Scope.system(allianceId, enterpriseId);
        return store.links.findById(scope, enterpriseId).flatMapMany(links -> {
            Map<String, String> relation = new LinkedHashMap<>();
            links.getList(CoverageProjector.OWN, String.class, List.of()).forEach(id -> relation.put(id, "OWN"));
            links.getList(CoverageProjector.JOINT, String.class, List.of()).forEach(id -> relation.putIfAbsent(id, "JOINT"));
            links.getList(CoverageProjector.AFFILIATED, String.class, List.of()).forEach(id -> relation.putIfAbsent(id, "AFFILIATED"));
            if (relation.isEmpty()) {
                return Flux.empty();
            }
            return store.organisations.find(Scope.system(allianceId, null), Filters.in("_id", relation.keySet()),
                            Sorts.ascending("name", "_id"), 0, 100)
                    .map(o -> new OrganisationRef(o.getString("_id"), o.getString("name"), o.getString("kind"), o.getString("formation"),
                            relation.get(o.getString("_id")), o.getString("status"), secretary(o), o.getString("termEnd")));
        });
    }

    /**
     * The organisations covering each enterprise of an alliance (exports): enterprise id → organisations, own first.
     * Reads the alliance's links and organisation states once.
     */
    public Mono<Map<String, List<OrganisationRef>>> organisationsByEnterprise(String allianceId) {
        Scope scope = Scope.system(allianceId, null);
        return Mono.zip(store.links.find(scope, new Document(), null, 0, 0).collectList(),
                        store.organisations.find(scope, Filters.eq("status", "ACTIVE"), null, 0, 0)
                                .collectMap(o -> o.getString("_id"), o -> o))
                .map(t -> {
                    Map<String, List<OrganisationRef>> out = new java.util.HashMap<>();
                    for (Document links : t.getT1()) {
                        List<OrganisationRef> refs = new ArrayList<>();
                        for (String[] rel : new String[][]{{CoverageProjector.OWN, "OWN"}, {CoverageProjector.JOINT, "JOINT"},
                                {CoverageProjector.AFFILIATED, "AFFILIATED"}}) {
                            for (String orgId : links.getList(rel[0], String.class, List.of())) {
                                Document o = t.getT2().get(orgId);
                                if (o != null) {
                                    refs.add(new OrganisationRef(orgId, o.getString("name"), o.getString("kind"), o.getString("formation"),
                                            rel[1], o.getString("status"), secretary(o), o.getString("termEnd")));
                                }
                            }
                        }
                        if (!refs.isEmpty()) {
                            out.put(links.getString("_id"), refs);
                        }
                    }
                    return out;
                });
    }

    private static String secretary(Document org) {
        return org.getList("officers", Document.class, List.of()).stream()
                .filter(o -> "SECRETARY".equals(o.getString("role"))).map(o -> o.getString("name")).findFirst().orElse(null);
    }

    private Mono<Boolean> activitySeen(ResolvedScope r) {
        return store.alliances.findById(r.scope(), r.caller().allianceId())
                .map(d -> d.getDate("activitySeenAt") != null).defaultIfEmpty(false);
    }

    public Mono<Boolean> activitySeen(Caller caller) {
        return store.alliances.findById(Scope.of(caller), caller.allianceId())
                .map(d -> d.getDate("activitySeenAt") != null).defaultIfEmpty(false);
    }

    public String workCoverageBasis(boolean activities) {
        return activities ? "党建指导员，以及活动服务报告的近 " + properties.settings().windowDays() + " 天内覆盖到企业的党建活动"
                : BASIS_INSTRUCTORS_ONLY;
    }

    public String workCoverageNote() {
        return WORK_COVERAGE_NOTE.formatted(properties.settings().windowDays());
    }

    /** The definitions behind each number, in Chinese (also printed on the export's summary sheet). */
    public Map<String, String> definitions() {
        int minStaff = properties.settings().minStaff();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("inScope", "纳入统计：在册（ACTIVE）、正常经营（非空壳、非僵尸）且从业人员不少于 " + minStaff + " 人的成员单位");
        d.put("organisationCoverage", "组织覆盖率 =（单独组建党组织的企业 + 联合党支部覆盖的企业）÷ 纳入统计企业数；挂靠不计入");
        d.put("singleEstablishmentRate", "单独组建率 = 单独组建党组织的企业 ÷ 纳入统计企业数");
        d.put("workCoverage", "工作覆盖率 =（有党建指导员或近 " + properties.settings().windowDays()
                + " 天内有党建活动覆盖的企业）÷ 纳入统计企业数（本平台口径，无官方公式）");
        d.put("shouldEstablish", "应建未建：纳入统计、正式党员不少于 3 人（取填报数与在册正式党员数的较大者）且未单独组建党组织的企业");
        return d;
    }
}
