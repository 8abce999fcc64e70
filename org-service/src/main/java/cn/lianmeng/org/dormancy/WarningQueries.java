package cn.lianmeng.org.dormancy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.lianmeng.org.dormancy.DormancyRules.MeetingLine;
import cn.lianmeng.org.dormancy.WarningViews.ActivityStatus;
import cn.lianmeng.org.dormancy.WarningViews.MeetingView;
import cn.lianmeng.org.dormancy.WarningViews.MemberWarning;
import cn.lianmeng.org.dormancy.WarningViews.OrgWarning;
import cn.lianmeng.org.dormancy.WarningViews.PeriodView;
import cn.lianmeng.org.dormancy.WarningViews.ReasonView;
import cn.lianmeng.org.dormancy.WarningViews.Secretary;
import cn.lianmeng.org.dormancy.WarningViews.Summary;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads of the warnings, per the caller's scope: ALLIANCE_ADMIN the whole alliance, DISTRICT_STAFF the enterprises in
 * their parks and buildings, ENTERPRISE_ADMIN their tenant, ORG_ADMIN their organisations' subtrees. MEMBER and
 * AUDITOR are refused (403); an organisation outside the scope is 404.
 */
@Service
public class WarningQueries {

    public static final Set<String> SORTABLE = Set.of("levelRank", "name", "lastActivityAt");
    public static final Set<String> MEMBER_SORTABLE = Set.of("name", "warningSince");
    static final int EXPORT_LIMIT = 50_000;

    private final DormancyStore store;
    private final DormancyEvaluator evaluator;
    private final AuditLog audit;

    public WarningQueries(DormancyStore store, DormancyEvaluator evaluator, AuditLog audit) {
        this.store = store;
        this.evaluator = evaluator;
        this.audit = audit;
    }

    private static Mono<Caller> reader(Caller caller) {
        return caller.hasAny(MeetingSettingsService.READERS) ? Mono.just(caller)
                : Mono.error(ApiException.forbidden("当前角色无权查看防瘫预警"));
    }

    /** An organisation admin (and nothing wider) sees only the subtrees of their organisations. */
    private static boolean subtreeOnly(Caller c) {
        return c.has(Role.ORG_ADMIN) && !c.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.DISTRICT_STAFF);
    }

    private static Bson orgVisibility(Caller c) {
        return subtreeOnly(c) ? Filters.or(Filters.in("_id", c.orgIds()), Filters.in("ancestors", c.orgIds())) : new Document();
    }

    private static Bson memberVisibility(Caller c) {
        return subtreeOnly(c) ? Filters.or(Filters.in("orgId", c.orgIds()), Filters.in("orgAncestors", c.orgIds())) : new Document();
    }

    private static Bson levelFilter(String level) {
        if (level == null || level.isBlank()) {
            return Filters.gte("levelRank", WarningLevel.YELLOW.rank());
        }
        WarningLevel parsed = WarningLevel.parse(level.strip()).filter(l -> l != WarningLevel.NONE)
                .orElseThrow(() -> ApiException.badRequest("level", "须为 YELLOW、ORANGE 或 RED"));
        return Filters.eq("level", parsed.name());
    }

    private static Bson orgFilter(Caller c, Bson level, String tenantId) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", "ACTIVE"), orgVisibility(c)));
        if (level != null) {
            parts.add(level);
        }
        if (tenantId != null && !tenantId.isBlank()) {
            parts.add(Filters.eq("tenantId", tenantId.strip()));
        }
        return Filters.and(parts);
    }

    public Mono<PageResult<OrgWarning>> list(Caller caller, String level, String tenantId, PageQuery page) {
        return reader(caller).flatMap(c -> {
            Bson filter = orgFilter(c, levelFilter(level), tenantId);
            return store.orgs.page(Scope.of(c), filter, page, OrgWarning::of);
        });
    }

    public Mono<Summary> summary(Caller caller, String tenantId) {
        return reader(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            return Mono.zip(store.orgs.count(scope, orgFilter(c, null, tenantId)),
                            store.orgs.count(scope, orgFilter(c, Filters.eq("level", "RED"), tenantId)),
                            store.orgs.count(scope, orgFilter(c, Filters.eq("level", "ORANGE"), tenantId)),
                            store.orgs.count(scope, orgFilter(c, Filters.eq("level", "YELLOW"), tenantId)),
                            store.members.count(scope, memberFilter(c, null, tenantId)))
                    .map(t -> new Summary(t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT1() - t.getT2() - t.getT3() - t.getT4(), t.getT5()));
        });
    }

    private static Bson memberFilter(Caller c, String orgId, String tenantId) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("active", true), Filters.eq("warned", true), memberVisibility(c)));
        if (orgId != null) {
            parts.add(Filters.eq("orgId", orgId));
        }
        if (tenantId != null && !tenantId.isBlank()) {
            parts.add(Filters.eq("tenantId", tenantId.strip()));
        }
        return Filters.and(parts);
    }

    /** The organisation if the caller may see it, else 404. */
    private Mono<Document> visibleOrg(Caller c, String orgId) {
        return store.orgs.findOne(Scope.of(c), Filters.and(Filters.eq("_id", orgId), orgVisibility(c)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")));
    }

    public Mono<PageResult<MemberWarning>> members(Caller caller, String orgId, PageQuery page) {
        return reader(caller).flatMap(c -> {
            Mono<String> org = orgId == null || orgId.isBlank() ? Mono.just("") : visibleOrg(c, orgId.strip()).map(d -> d.getString("_id"));
            return org.flatMap(id -> store.members.page(Scope.of(c), memberFilter(c, id.isEmpty() ? null : id, null), page, d -> d))
                    .flatMap(p -> orgNames(Scope.of(c), p.content()).map(names -> new PageResult<>(
                            p.content().stream().map(d -> memberView(d, names)).toList(), p.page(), p.size(), p.totalElements(), p.totalPages())));
        });
    }

    private Mono<Map<String, String>> orgNames(Scope scope, List<Document> members) {
        List<String> ids = members.stream().map(d -> d.getString("orgId")).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return store.orgs.find(Scope.system(scope.allianceId(), null), Filters.in("_id", ids), Projections.include("name"), null, 0, ids.size())
                .collectMap(d -> d.getString("_id"), d -> java.util.Objects.toString(d.getString("name"), ""));
    }

    private static MemberWarning memberView(Document d, Map<String, String> orgNames) {
        return new MemberWarning(d.getString("_id"), d.getString("name"), d.getString("orgId"), orgNames.get(d.getString("orgId")),
                WarningViews.day(d.getDate("lastOrgLifeAt")), WarningViews.day(d.getDate("joinedAt")), d.getString("warningText"),
                DormancyEvaluator.parseDate(d.getString("warningSince")));
    }

    public Mono<ActivityStatus> activityStatus(Caller caller, String orgId) {
        return reader(caller).flatMap(c -> visibleOrg(c, orgId)).flatMap(org -> evaluator.inputs(org).map(in -> {
            LocalDate today = evaluator.today();
            DormancyRules.Assessment a = DormancyRules.assess(in.facts(), in.settings(), today);
            Document secretary = org.get("secretary", Document.class);
            LocalDate last = in.facts().lastActivity();
            return new ActivityStatus(org.getString("_id"), org.getString("name"), org.getString("kind"),
                    WarningViews.KIND_LABELS.get(org.getString("kind")), org.getString("tenantId"), org.getString("enterpriseName"),
                    org.getString("status"), today, last, last == null ? null : ChronoUnit.DAYS.between(last, today),
                    DormancyRules.date(in.enterpriseLastActivityAt()),
                    in.facts().existedSince(),
                    secretary == null ? null : new Secretary(secretary.getString("name"), DormancyEvaluator.parseDate(secretary.getString("since"))),
                    secretary != null ? null : in.facts().secretaryVacantSince() != null ? in.facts().secretaryVacantSince() : in.facts().existedSince(),
                    in.facts().termEnd(), in.facts().termEnd() != null && today.isAfter(in.facts().termEnd()),
                    in.facts().fullMembers(), a.hasCommittee(), a.level().name(), a.level().label(),
                    a.reasons().stream().map(r -> ReasonView.of(DormancyEvaluator.reasonDocument(r))).toList(), in.memberWarnings(),
                    periods(DormancyRules.current(in.facts(), in.settings(), today), today, false),
                    periods(DormancyRules.previous(in.facts(), in.settings(), today), today, true));
        }));
    }

    private static List<PeriodView> periods(List<MeetingLine> lines, LocalDate today, boolean previous) {
        Map<Frequency, String> granularity = new LinkedHashMap<>();
        granularity.put(Frequency.MONTHLY, "MONTH");
        granularity.put(Frequency.QUARTERLY, "QUARTER");
        granularity.put(Frequency.YEARLY, "YEAR");
        Map<Frequency, List<MeetingLine>> byFrequency = lines.stream().collect(Collectors.groupingBy(MeetingLine::frequency));
        List<PeriodView> out = new ArrayList<>();
        granularity.forEach((f, name) -> {
            Period p = Period.containing(f, today);
            if (previous) {
                p = p.previous();
            }
            out.add(new PeriodView(name, p.key(), p.label(), p.start(), p.lastDay(), previous,
                    byFrequency.getOrDefault(f, List.of()).stream().map(l -> new MeetingView(l.type().name(), l.type().label(),
                            l.frequency().name(), l.frequency().label(), l.held(), l.invalid(), l.status().name(),
                            WarningViews.STATUS_LABELS.get(l.status()))).toList()));
        });
        return out;
    }

    /** The warnings in scope as an .xlsx workbook (organisations, and members by name), for upward reporting. */
    public Mono<byte[]> export(Caller caller, String level, String tenantId) {
        return reader(caller).flatMap(c -> {
            Scope scope = Scope.of(c);
            Bson orgs = orgFilter(c, levelFilter(level), tenantId);
            Mono<List<OrgWarning>> orgRows = store.orgs.find(scope, orgs, Sorts.orderBy(Sorts.descending("levelRank"), Sorts.ascending("name", "_id")),
                    0, EXPORT_LIMIT).map(OrgWarning::of).collectList();
            Mono<List<MemberWarning>> memberRows = store.members.find(scope, memberFilter(c, null, tenantId), Sorts.ascending("orgId", "name", "_id"),
                            0, EXPORT_LIMIT).collectList()
                    .flatMap(list -> orgNames(scope, list).map(names -> list.stream().map(d -> memberView(d, names)).toList()));
            LocalDate today = evaluator.today();
            return Mono.zip(orgRows, memberRows)
                    .publishOn(Schedulers.boundedElastic())
                    .map(t -> WarningExport.write(t.getT1(), t.getT2(), today))
                    .flatMap(bytes -> audit.record(c, "DORMANCY_WARNINGS_EXPORTED", "dormancy_warnings", null, c.tenantId(), Result.SUCCESS,
                            Map.of("level", level == null ? "ALL" : level, "tenantId", tenantId == null ? "" : tenantId)).thenReturn(bytes));
        });
    }
}
