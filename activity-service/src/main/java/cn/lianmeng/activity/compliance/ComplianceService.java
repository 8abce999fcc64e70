package cn.lianmeng.activity.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.activity.settings.Frequency;
import cn.lianmeng.activity.settings.MeetingRule;
import cn.lianmeng.activity.settings.MeetingRules;
import cn.lianmeng.activity.settings.SettingsService;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Meeting compliance (三会一课 etc.) per organisation for a month, quarter or year, judged with the alliance's
 * meeting rules — owned by org-service and followed from {@code org.meeting-settings.v1}, so compliance and org's
 * dormancy warnings agree on which organisations owe which meeting how often — from the maintained monthly tallies,
 * never by scanning activities. A period of a required meeting is HELD (a valid meeting took place), MISSED (it ended
 * without one), DUE (still running) or UPCOMING (not started yet). The JSON report and the .xlsx export
 * ({@link ComplianceExport}) are the same computation over the same inputs.
 */
@Service
public class ComplianceService {

    static final List<String> KINDS = List.of("BRANCH", "JOINT_BRANCH", "GROUP", "COMMITTEE", "GENERAL_BRANCH");

    private final OrgDirectory directory;
    private final MeetingTallies tallies;
    private final SettingsService settings;
    private final TenantDirectory tenants;
    private final Clock clock;

    public ComplianceService(OrgDirectory directory, MeetingTallies tallies, SettingsService settings, TenantDirectory tenants, Clock clock) {
        this.directory = directory;
        this.tallies = tallies;
        this.settings = settings;
        this.tenants = tenants;
        this.clock = clock;
    }

    public record Cell(String period, String status, int held, int valid, OffsetDateTime lastHeldAt) {
    }

    public record Meeting(String type, String typeLabel, String frequency, String frequencyLabel, List<Cell> periods) {
    }

    public record OrgCompliance(String orgId, String orgName, String kind, String tenantId, String status, List<String> missed,
                                List<Meeting> meetings) {
    }

    public record Summary(String period, int organisations, int compliant, int missing, int due, Map<String, Integer> missedByType,
                          String note) {
    }

    public record Report(Summary summary, PageResult<OrgCompliance> organisations) {
    }

    public Mono<Report> report(Caller caller, String periodKey, String tenantId, String orgId, String status, PageQuery page) {
        return prepare(caller, periodKey, tenantId, orgId, status).map(in -> {
            List<OrgCompliance> rows = new ArrayList<>();
            long[] total = {0};
            long skip = page.skip();
            Summary summary = compute(in, row -> {
                if (total[0] >= skip && rows.size() < page.size()) {
                    rows.add(row);
                }
                total[0]++;
            });
            return new Report(summary, PageResult.of(rows, page, total[0]));
        });
    }

    /**
     * What one report is computed from: the caller's organisations in name order with their tallies, own full-member
     * counts (only where a committee-only rule needs them) and the alliance's meeting rules.
     */
    public record Input(Caller caller, Period period, String status, String tenantId, String orgId, List<OrgRecord> orgs,
                        List<Document> tallies, Map<String, Integer> fullMembers, MeetingRules rules) {
    }

    /** Checks the request exactly as the JSON report does (403, 400, 404) and reads everything the report needs. */
    public Mono<Input> prepare(Caller caller, String periodKey, String tenantId, String orgId, String status) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF)) {
            return Mono.error(ApiException.forbidden("会议落实情况仅供管理员和挂联干部查看"));
        }
        Optional<Period> parsed = periodKey == null ? Optional.of(Period.of(Frequency.QUARTERLY, LocalDate.now(clock.withZone(Times.ZONE))))
                : Period.parse(periodKey);
        if (parsed.isEmpty()) {
            return Mono.error(ApiException.badRequest("period", "须为 2026-11（月）、2026-Q4（季度）或 2026（年）"));
        }
        Period period = parsed.get();
        if (status != null && !List.of("COMPLIANT", "MISSING", "DUE").contains(status)) {
            return Mono.error(ApiException.badRequest("status", "须为 COMPLIANT、MISSING 或 DUE"));
        }
        return orgScope(caller, tenantId, orgId).flatMap(scoped -> directory.organisations(scoped.scope(), scoped.filter(), 0, 0).collectList()
                .zipWith(settings.get(caller.allianceId()))
                .flatMap(t -> {
                    List<OrgRecord> orgs = t.getT1();
                    MeetingRules rules = t.getT2().meetings();
                    Bson tallyFilter = scoped.allOfScope() ? new Document() : Filters.in("orgId", orgs.stream().map(OrgRecord::id).toList());
                    List<String> undecided = orgs.stream().filter(o -> MeetingRequirements.needsFullMembers(rules, o)).map(OrgRecord::id).toList();
                    Mono<Map<String, Integer>> fullMembers = undecided.isEmpty() ? Mono.just(Map.of())
                            : directory.fullMemberCounts(scoped.scope(), scoped.allOfScope() ? null : undecided);
                    return Mono.zip(tallies.of(scoped.scope(), months(period, rules), tallyFilter).collectList(), fullMembers)
                            .map(x -> new Input(caller, period, status, tenantId, orgId, orgs, x.getT1(), x.getT2(), rules));
                }));
    }

    /**
     * The months whose tallies the report reads: every month of every period a required frequency splits the report
     * period into (a quarterly meeting judged in a monthly report needs its whole quarter).
     */
    static List<String> months(Period period, MeetingRules rules) {
        java.util.SortedSet<String> months = new java.util.TreeSet<>(period.months());
        rules.rules().stream().map(MeetingRule::frequency).filter(f -> f != Frequency.NONE).distinct()
                .forEach(f -> period.split(f).forEach(p -> months.addAll(p.months())));
        return List.copyOf(months);
    }

    private record OrgScope(Scope scope, Bson filter, boolean allOfScope) {
    }

    /**
     * The organisations whose compliance the caller may see. A {@code tenantId} or {@code orgId} outside that is 404,
     * like any other tenant's id.
     */
    private Mono<OrgScope> orgScope(Caller caller, String tenantId, String orgId) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("status", "ACTIVE"), Filters.in("kind", KINDS)));
        boolean narrowed = tenantId != null || orgId != null;
        if (tenantId != null) {
            filters.add(Filters.eq("tenantId", tenantId));
        }
        if (orgId != null) {
            filters.add(Filters.or(Filters.eq("_id", orgId), Filters.eq("ancestors", orgId)));
        }
        Mono<OrgScope> scope;
        List<Bson> visible = new ArrayList<>();
        if (caller.has(Role.ALLIANCE_ADMIN) || caller.has(Role.ENTERPRISE_ADMIN)) {
            if (tenantId != null && !caller.has(Role.ALLIANCE_ADMIN) && !tenantId.equals(caller.tenantId())) {
                return Mono.error(ApiException.notFound("单位"));
            }
            scope = Mono.just(new OrgScope(Scope.of(caller), Filters.and(filters), !narrowed));
        } else if (caller.has(Role.ORG_ADMIN)) {
            if (tenantId != null && !tenantId.equals(caller.tenantId())) {
                return Mono.error(ApiException.notFound("单位"));
            }
            List<String> roots = List.copyOf(caller.orgIds());
            Bson subtree = Filters.or(Filters.in("_id", roots), Filters.in("ancestors", roots));
            visible.add(subtree);
            filters.add(subtree);
            scope = Mono.just(new OrgScope(Scope.of(caller), Filters.and(filters), false));
        } else {
            // district staff: the organisations of the enterprises located in their parks and buildings
            scope = tenants.collection().find(Scope.of(caller), new Document(), Projections.include("_id"), null, 0, 0)
                    .map(d -> d.getString("_id")).collectList()
                    .flatMap(ids -> {
                        if (tenantId != null && !ids.contains(tenantId)) {
                            return Mono.error(ApiException.notFound("单位"));
                        }
                        visible.add(Filters.in("tenantId", ids));
                        filters.add(Filters.in("tenantId", ids));
                        return Mono.just(new OrgScope(Scope.system(caller.allianceId(), null), Filters.and(filters), false));
                    });
        }
        if (orgId == null) {
            return scope;
        }
        return scope.flatMap(s -> {
            List<Bson> own = new ArrayList<>(visible);
            own.add(Filters.eq("_id", orgId));
            return directory.countOrganisations(s.scope(), Filters.and(own))
                    .flatMap(n -> n > 0 ? Mono.just(s) : Mono.error(ApiException.notFound("党组织")));
        });
    }

    /**
     * One pass over the organisations (in name order): each organisation that owes a meeting in the period and passes
     * the status filter goes to {@code sink}; the summary counts all of them.
     */
    public Summary compute(Input in, Consumer<OrgCompliance> sink) {
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        Map<String, List<Document>> byOrgType = new HashMap<>();
        for (Document d : in.tallies()) {
            byOrgType.computeIfAbsent(d.getString("orgId") + "|" + d.getString("type"), k -> new ArrayList<>()).add(d);
        }
        Map<String, Integer> missedByType = new LinkedHashMap<>();
        int compliant = 0;
        int missing = 0;
        int due = 0;
        for (OrgRecord org : in.orgs()) {
            List<Meeting> meetings = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            boolean anyDue = false;
            for (MeetingRule rule : MeetingRequirements.of(in.rules(), org, in.fullMembers().getOrDefault(org.id(), 0))) {
                ActivityType type = rule.type();
                Frequency frequency = rule.frequency();
                List<Document> monthly = byOrgType.getOrDefault(org.id() + "|" + type.name(), List.of());
                List<Cell> cells = new ArrayList<>();
                for (Period p : in.period().split(frequency)) {
                    int held = 0;
                    int valid = 0;
                    Date last = null;
                    for (Document d : monthly) {
                        if (p.months().contains(d.getString("month"))) {
                            held += d.getInteger("held", 0);
                            valid += d.getInteger("valid", 0);
                            Date at = d.getDate("lastHeldAt");
                            if (at != null && (last == null || at.after(last))) {
                                last = at;
                            }
                        }
                    }
                    String cell;
                    if (valid > 0) {
                        cell = "HELD";
                    } else if (p.endedBefore(today)) {
                        cell = "MISSED";
                        missed.add(type.label() + "（" + p.key() + "）");
                        missedByType.merge(type.name(), 1, Integer::sum);
                    } else if (p.startsAfter(today)) {
                        cell = "UPCOMING";
                    } else {
                        cell = "DUE";
                        anyDue = true;
                    }
                    cells.add(new Cell(p.key(), cell, held, valid, Times.view(last)));
                }
                meetings.add(new Meeting(type.name(), type.label(), frequency.name(), frequency.label(), cells));
            }
            if (meetings.isEmpty()) {
                continue;
            }
            String status = !missed.isEmpty() ? "MISSING" : anyDue ? "DUE" : "COMPLIANT";
            switch (status) {
                case "MISSING" -> missing++;
                case "DUE" -> due++;
                default -> compliant++;
            }
            if (in.status() == null || in.status().equals(status)) {
                sink.accept(new OrgCompliance(org.id(), org.name(), org.kind(), org.tenantId(), status, missed, meetings));
            }
        }
        return new Summary(in.period().key(), compliant + missing + due, compliant, missing, due, missedByType,
                "支部党员大会须过半数正式党员到会方计为已召开；统计来自活动记录，无须另行填报；会议频次及适用组织以联盟在组织管理中的设置为准");
    }
}
