package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads of the organisation tree. Subtrees and ancestors come from the materialised {@code ancestors} array in one
 * indexed query each — never a walk node by node; the whole tree of a tenant is one query, nested in memory.
 * Every read goes through the collection's scope (404 outside it) and {@link OrganisationAccess} (ORG_ADMIN: only
 * its subtree).
 */
@Service
public class OrganisationQueries {

    public static final Set<String> SORTABLE = Set.of("name", "depth", "termEnd", "createdAt", "kind");
    private static final Bson WITHOUT_BULK = Projections.exclude("outbox", "termHistory");
    private static final Set<String> TERM_KINDS = Set.of(OrganisationKind.COMMITTEE.name(), OrganisationKind.GENERAL_BRANCH.name(),
            OrganisationKind.BRANCH.name(), OrganisationKind.JOINT_BRANCH.name());
    private static final List<String> BRANCH_KINDS = List.of(OrganisationKind.BRANCH.name(), OrganisationKind.JOINT_BRANCH.name());

    private final OrganisationStore store;

    public OrganisationQueries(OrganisationStore store) {
        this.store = store;
    }

    public record ListFilter(String kind, String parentId, Boolean root, String tenantId, String status, String coveredEnterpriseId,
                             String q) {
    }

    /** A node of the nested tree: what a tree view shows, and the children in depth/name order. */
    public record TreeNode(String id, String name, String kind, String kindLabel, String formation, int depth, String secretary,
                           OrganisationView.MemberCounts memberCounts, String termEnd, String termStatus, List<TreeNode> children) {
    }

    public record Tree(String tenantId, int total, List<TreeNode> roots) {
    }

    /** One line of the terms list: names and dates only (also what district staff see). */
    public record TermDue(String orgId, String name, String kind, String kindLabel, String tenantId, String ownerType, String ownerName,
                          String termStart, String termEnd, String due, long days) {
    }

    public Mono<OrganisationView> get(Caller c, String id) {
        return readable(c, id).map(this::view);
    }

    public Mono<PageResult<OrganisationView>> list(Caller c, ListFilter f, PageQuery page) {
        return Mono.fromCallable(() -> {
            OrganisationAccess.requireReader(c);
            List<Bson> filters = new ArrayList<>();
            String status = f.status() == null ? OrganisationService.ACTIVE : f.status().strip().toUpperCase();
            if (!status.equals("ALL")) {
                if (!Set.of(OrganisationService.ACTIVE, OrganisationService.DISSOLVED).contains(status)) {
                    throw ApiException.badRequest("status", "须为 ACTIVE、DISSOLVED 或 ALL");
                }
                filters.add(Filters.eq("status", status));
            }
            if (f.kind() != null) {
                OrganisationKind kind = OrganisationKind.parse(f.kind())
                        .orElseThrow(() -> ApiException.badRequest("kind", "须为 COMMITTEE、GENERAL_BRANCH、BRANCH、JOINT_BRANCH、GROUP 或其中文名称"));
                filters.add(Filters.eq("kind", kind.name()));
            }
            if (f.parentId() != null) {
                filters.add(Filters.eq("parentId", f.parentId()));
            } else if (Boolean.TRUE.equals(f.root())) {
                filters.add(Filters.eq("parentId", null));
            }
            if (f.tenantId() != null) {
                filters.add(Filters.eq("tenantId", f.tenantId()));
            }
            if (f.coveredEnterpriseId() != null) {
                filters.add(Filters.eq("coveredEnterpriseIds", f.coveredEnterpriseId()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                filters.add(Filters.regex("name", "^" + Pattern.quote(f.q().strip())));
            }
            Bson restriction = OrganisationAccess.listRestriction(c);
            if (restriction != null) {
                filters.add(restriction);
            }
            return filters.isEmpty() ? new Document() : Filters.and(filters);
        }).flatMap(filter -> {
            Scope scope = Scope.of(c);
            return store.organisations().find(scope, filter, WITHOUT_BULK, page.mongoSort(), page.skip(), page.size()).map(this::view)
                    .collectList()
                    .zipWith(store.organisations().count(scope, filter))
                    .map(t -> PageResult.of(t.getT1(), page, t.getT2()));
        });
    }

    /** The organisations below {@code id} (not itself), ordered by depth and name, one indexed query per page. */
    public Mono<PageResult<OrganisationView>> subtree(Caller c, String id, PageQuery page, boolean includeDissolved) {
        return readable(c, id).flatMap(root -> {
            Scope scope = Scope.of(c);
            List<Bson> parts = new ArrayList<>(List.of(Filters.eq("tenantId", root.getString("tenantId")), Filters.eq("ancestors", id)));
            if (!includeDissolved) {
                parts.add(Filters.eq("status", OrganisationService.ACTIVE));
            }
            Bson filter = Filters.and(parts);
            return store.organisations().find(scope, filter, WITHOUT_BULK, Sorts.ascending("depth", "name", "_id"), page.skip(), page.size())
                    .map(this::view).collectList()
                    .zipWith(store.organisations().count(scope, filter))
                    .map(t -> PageResult.of(t.getT1(), page, t.getT2()));
        });
    }

    /** The path from the root of the tree down to the organisation's parent, in that order. */
    public Mono<List<OrganisationView>> ancestors(Caller c, String id) {
        return readable(c, id).flatMap(org -> {
            List<String> path = org.getList("ancestors", String.class, List.of());
            if (path.isEmpty()) {
                return Mono.just(List.<OrganisationView>of());
            }
            return store.organisations().find(OrganisationStore.system(org), Filters.in("_id", path), WITHOUT_BULK, null, 0, path.size())
                    .collectMap(d -> d.getString("_id"))
                    .map(found -> path.stream().map(found::get).filter(Objects::nonNull).map(this::view).toList());
        });
    }

    /**
     * The whole tree of one tenant (or, for alliance-level callers without {@code tenantId}, the alliance- and
     * park-owned organisations) in one query, nested. An ORG_ADMIN gets its subtrees.
     */
    public Mono<Tree> tree(Caller c, String tenantId) {
        return Mono.fromCallable(() -> {
            OrganisationAccess.requireReader(c);
            boolean tenantBound = c.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) && !c.hasAny(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF);
            if (tenantBound && tenantId != null && !tenantId.equals(c.tenantId())) {
                throw ApiException.notFound("组织树");
            }
            return java.util.Optional.ofNullable(tenantBound ? c.tenantId() : tenantId); // absent: the alliance/park-owned trees
        }).flatMap(owner -> {
            String t = owner.orElse(null);
            List<Bson> parts = new ArrayList<>(List.of(Filters.eq("tenantId", t), Filters.eq("status", OrganisationService.ACTIVE)));
            Bson restriction = OrganisationAccess.listRestriction(c);
            if (restriction != null) {
                parts.add(restriction);
            }
            LocalDate today = store.today();
            return store.organisations().find(Scope.of(c), Filters.and(parts),
                            Projections.include("name", "kind", "formation", "depth", "parentId", "officers", "memberCounts", "termEnd"),
                            Sorts.ascending("depth", "name", "_id"), 0, 0)
                    .collectList()
                    .map(docs -> nest(t, docs, today));
        });
    }

    private static Tree nest(String tenantId, List<Document> docs, LocalDate today) {
        Map<String, List<TreeNode>> children = new HashMap<>();
        Map<String, Document> byId = new LinkedHashMap<>();
        docs.forEach(d -> byId.put(d.getString("_id"), d));
        // deepest first, so each node is built after its children
        List<Document> bottomUp = new ArrayList<>(docs);
        java.util.Collections.reverse(bottomUp);
        Map<String, TreeNode> built = new HashMap<>();
        for (Document d : bottomUp) {
            String id = d.getString("_id");
            List<TreeNode> kids = new ArrayList<>(children.getOrDefault(id, List.of()));
            java.util.Collections.reverse(kids);
            OrganisationKind kind = OrganisationKind.valueOf(d.getString("kind"));
            String termEnd = d.getString("termEnd");
            String secretary = d.getList("officers", Document.class, List.of()).stream()
                    .filter(o -> OfficerRole.SECRETARY.name().equals(o.getString("role"))).map(o -> o.getString("name")).findFirst().orElse(null);
            TreeNode node = new TreeNode(id, d.getString("name"), kind.name(), kind.label(), d.getString("formation"), d.getInteger("depth", 0),
                    secretary, OrganisationView.MemberCounts.of(d), termEnd,
                    TermRules.hasTerms(kind) ? TermRules.status(termEnd == null ? null : LocalDate.parse(termEnd), today).name() : null, kids);
            built.put(id, node);
            String parentId = d.getString("parentId");
            if (parentId != null && byId.containsKey(parentId)) {
                children.computeIfAbsent(parentId, k -> new ArrayList<>()).add(node);
            }
        }
        List<TreeNode> roots = docs.stream()
                .filter(d -> d.getString("parentId") == null || !byId.containsKey(d.getString("parentId")))
                .map(d -> built.get(d.getString("_id"))).toList();
        return new Tree(tenantId, docs.size(), roots);
    }

    /** Terms due within 6 months or overdue, in the caller's scope, soonest first. */
    public Mono<PageResult<TermDue>> terms(Caller c, String due, PageQuery page) {
        return Mono.fromCallable(() -> {
            OrganisationAccess.requireReader(c);
            LocalDate today = store.today();
            Bson window;
            if ("overdue".equalsIgnoreCase(due)) {
                window = Filters.lt("termEnd", today.toString());
            } else if ("within6months".equalsIgnoreCase(due)) {
                window = Filters.and(Filters.gte("termEnd", today.toString()), Filters.lte("termEnd", TermRules.remindFrom(today).toString()));
            } else {
                throw ApiException.badRequest("due", "须为 within6months（6 个月内届满）或 overdue（已超期）");
            }
            List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", OrganisationService.ACTIVE), Filters.in("kind", TERM_KINDS), window));
            Bson restriction = OrganisationAccess.listRestriction(c);
            if (restriction != null) {
                parts.add(restriction);
            }
            return Filters.and(parts);
        }).flatMap(filter -> {
            Scope scope = Scope.of(c);
            LocalDate today = store.today();
            return store.organisations().find(scope, filter,
                            Projections.include("allianceId", "tenantId", "ownerType", "ownerId", "name", "kind", "termStart", "termEnd"),
                            Sorts.ascending("termEnd", "name", "_id"), page.skip(), page.size())
                    .collectList()
                    .flatMap(docs -> ownerNames(docs).map(names -> docs.stream().map(d -> {
                        OrganisationKind kind = OrganisationKind.valueOf(d.getString("kind"));
                        LocalDate end = LocalDate.parse(d.getString("termEnd"));
                        boolean overdue = today.isAfter(end);
                        return new TermDue(d.getString("_id"), d.getString("name"), kind.name(), kind.label(), d.getString("tenantId"),
                                d.getString("ownerType"), names.get(d.getString("ownerId")), d.getString("termStart"), d.getString("termEnd"),
                                overdue ? "OVERDUE" : "DUE_SOON",
                                overdue ? ChronoUnit.DAYS.between(end, today) : ChronoUnit.DAYS.between(today, end));
                    }).toList()))
                    .zipWith(store.organisations().count(scope, filter))
                    .map(t -> PageResult.of(t.getT1(), page, t.getT2()));
        });
    }

    /** Names of the owners (enterprises, parks) of a page of organisations, by owner id. */
    private Mono<Map<String, String>> ownerNames(List<Document> docs) {
        if (docs.isEmpty()) {
            return Mono.just(Map.of());
        }
        String allianceId = docs.get(0).getString("allianceId");
        List<String> enterpriseIds = docs.stream().filter(d -> OwnerType.ENTERPRISE.name().equals(d.getString("ownerType")))
                .map(d -> d.getString("ownerId")).distinct().toList();
        List<String> parkIds = docs.stream().filter(d -> OwnerType.PARK.name().equals(d.getString("ownerType")))
                .map(d -> d.getString("ownerId")).distinct().toList();
        Scope scope = Scope.system(allianceId, null);
        Flux<Document> enterprises = store.enterprisesById(allianceId, enterpriseIds);
        Flux<Document> parks = parkIds.isEmpty() ? Flux.empty()
                : store.parks().find(scope, Filters.in("_id", parkIds), Projections.include("name"), null, 0, parkIds.size());
        return Flux.concat(enterprises, parks).collectMap(d -> String.valueOf(d.get("_id")), d -> String.valueOf(d.get("name")))
                .map(m -> {
                    Map<String, String> names = new HashMap<>(m);
                    names.putIfAbsent(allianceId, OwnerType.ALLIANCE.label());
                    return names;
                });
    }

    // ------------------------------------------------------------------------------------------------ warnings

    /** The rule warnings of one organisation. */
    public Mono<List<Warning>> warnings(Caller c, String id) {
        return readable(c, id).map(d -> OrganisationService.ACTIVE.equals(d.getString("status"))
                ? OrganisationWarnings.forOrganisation(facts(d), store.today()).stream().sorted(OrganisationWarnings.ORDER).toList()
                : List.of());
    }

    /**
     * The rule warnings in the caller's scope — organisation warnings and should-establish enterprises — most severe
     * first, optionally filtered by code and severity. Candidate organisations are selected by indexed fields (member
     * counts, officers, term end); the rules then decide from each document.
     */
    public Mono<PageResult<Warning>> warningsInScope(Caller c, String code, String severity, PageQuery page) {
        return Mono.fromCallable(() -> {
            OrganisationAccess.requireReader(c);
            if (severity != null && java.util.Arrays.stream(Severity.values()).noneMatch(s -> s.name().equalsIgnoreCase(severity))) {
                throw ApiException.badRequest("severity", "须为 INFO、WARNING 或 CRITICAL");
            }
            return Boolean.TRUE;
        }).flatMap(ok -> {
            LocalDate today = store.today();
            Mono<List<Warning>> orgWarnings = candidates(c, today)
                    .flatMapIterable(d -> OrganisationWarnings.forOrganisation(facts(d), today))
                    .collectList();
            boolean enterpriseLevel = !OrganisationAccess.subtreeLimited(c) && (code == null || code.equalsIgnoreCase("SHOULD_ESTABLISH"));
            Mono<List<Warning>> shouldEstablish = enterpriseLevel ? shouldEstablish(c) : Mono.just(List.of());
            return Mono.zip(orgWarnings, shouldEstablish).map(t -> {
                List<Warning> all = new ArrayList<>(t.getT2());
                all.addAll(t.getT1());
                List<Warning> filtered = all.stream()
                        .filter(w -> code == null || w.code().equalsIgnoreCase(code))
                        .filter(w -> severity == null || w.severity().name().equalsIgnoreCase(severity))
                        .sorted(OrganisationWarnings.ORDER).toList();
                int from = (int) Math.min(page.skip(), filtered.size());
                int to = Math.min(from + page.size(), filtered.size());
                return PageResult.of(filtered.subList(from, to), page, filtered.size());
            });
        });
    }

    /** Active organisations in scope that may have a warning: a superset; the rules decide. */
    private Flux<Document> candidates(Caller c, LocalDate today) {
        Bson notGroup = Filters.ne("kind", OrganisationKind.GROUP.name());
        Bson branch = Filters.in("kind", BRANCH_KINDS);
        Bson mayWarn = Filters.or(
                Filters.and(branch, Filters.gt("memberCounts.total", OrganisationWarnings.GENERAL_BRANCH_SUGGESTED_ABOVE)),
                Filters.and(notGroup, Filters.eq("termEnd", null)),
                Filters.and(notGroup, Filters.lte("termEnd", TermRules.remindFrom(today).toString())),
                Filters.and(notGroup, Filters.ne("officers.role", OfficerRole.SECRETARY.name())),
                Filters.and(branch, Filters.gte("memberCounts.full", CommitteeRule.COMMITTEE_THRESHOLD)),
                Filters.and(branch, Filters.in("officers.role", OfficerRole.COMMITTEE_MEMBER.name(), OfficerRole.DEPUTY_SECRETARY.name())),
                Filters.eq("officers.active", false));
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", OrganisationService.ACTIVE), mayWarn));
        Bson restriction = OrganisationAccess.listRestriction(c);
        if (restriction != null) {
            parts.add(restriction);
        }
        if (c.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) && !c.has(Role.ALLIANCE_ADMIN)) {
            parts.add(Filters.eq("tenantId", c.tenantId())); // its own tree; covering organisations are others' to mind
        }
        return store.organisations().find(Scope.of(c), Filters.and(parts),
                Projections.include("name", "kind", "tenantId", "officers", "memberCounts", "termEnd"), null, 0, 0);
    }

    /**
     * Should-establish in scope: ACTIVE enterprises (not flagged shell or zombie) with at least 3 full members —
     * members on record employed there, or the number the enterprise declared — and no active SINGLE organisation of
     * their own. Enterprises are taken in batches; each batch costs three indexed queries.
     */
    private Mono<List<Warning>> shouldEstablish(Caller c) {
        Scope scope = Scope.of(c);
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", OrganisationService.ACTIVE),
                Filters.nin("operatingStatus", List.of("SHELL", "ZOMBIE"))));
        if (c.hasAny(Role.ENTERPRISE_ADMIN) && !c.hasAny(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF)) {
            parts.add(Filters.eq("_id", c.tenantId()));
        }
        String allianceId = c.allianceId();
        Scope system = Scope.system(allianceId, null);
        return store.enterprises().find(scope, Filters.and(parts), Projections.include("name", "partyMemberCount"), Sorts.ascending("_id"), 0, 0)
                .buffer(500)
                .concatMap(batch -> {
                    List<String> ids = batch.stream().map(d -> d.getString("_id")).toList();
                    Mono<Set<String>> own = store.organisations().find(system, Filters.and(Filters.in("tenantId", ids),
                                    Filters.eq("formation", Formation.SINGLE.name()), Filters.eq("status", OrganisationService.ACTIVE)),
                            Projections.include("tenantId"), null, 0, 0).map(d -> d.getString("tenantId")).collect(Collectors.toSet());
                    Mono<Map<String, Long>> recorded = store.memberIndex().aggregate(system, List.of(
                                    new Document("$match", new Document("enterpriseId", new Document("$in", ids)).append("active", true)
                                            .append("status", "FULL")),
                                    new Document("$group", new Document("_id", "$enterpriseId").append("n", new Document("$sum", 1)))))
                            .collectMap(d -> d.getString("_id"), d -> d.get("n", Number.class).longValue());
                    Mono<Map<String, String>> coveredBy = store.organisations().find(system, Filters.and(
                                    Filters.in("coveredEnterpriseIds", ids), Filters.eq("status", OrganisationService.ACTIVE),
                                    Filters.in("formation", Formation.JOINT.name(), Formation.AFFILIATED.name())),
                            Projections.include("name", "coveredEnterpriseIds"), null, 0, 0)
                            .collectList()
                            .map(orgs -> {
                                Map<String, String> by = new HashMap<>();
                                orgs.forEach(o -> o.getList("coveredEnterpriseIds", String.class, List.of())
                                        .forEach(e -> by.putIfAbsent(e, "“" + o.getString("name") + "”")));
                                return by;
                            });
                    return Mono.zip(own, recorded, coveredBy).flatMapIterable(t -> batch.stream()
                            .map(e -> OrganisationWarnings.shouldEstablish(e.getString("_id"), e.getString("name"),
                                    t.getT2().getOrDefault(e.getString("_id"), 0L), e.getInteger("partyMemberCount"),
                                    t.getT1().contains(e.getString("_id")), t.getT3().get(e.getString("_id"))))
                            .flatMap(java.util.Optional::stream).toList());
                })
                .collectList();
    }

    static OrganisationWarnings.OrgFacts facts(Document d) {
        OrganisationView.MemberCounts counts = OrganisationView.MemberCounts.of(d);
        List<OrganisationWarnings.Officer> officers = d.getList("officers", Document.class, List.of()).stream()
                .map(o -> new OrganisationWarnings.Officer(OfficerRole.valueOf(o.getString("role")), o.getString("name"), o.getBoolean("active", true)))
                .toList();
        String termEnd = d.getString("termEnd");
        return new OrganisationWarnings.OrgFacts(d.getString("_id"), d.getString("name"), OrganisationKind.valueOf(d.getString("kind")),
                d.getString("tenantId"), counts.full(), counts.probationary(), officers, termEnd == null ? null : LocalDate.parse(termEnd));
    }

    private Mono<Document> readable(Caller c, String id) {
        return Mono.fromRunnable(() -> OrganisationAccess.requireReader(c))
                .then(store.organisations().findById(Scope.of(c), id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")))
                .doOnNext(d -> OrganisationAccess.checkRead(c, d));
    }

    private OrganisationView view(Document d) {
        return OrganisationView.of(d, store.today());
    }
}
