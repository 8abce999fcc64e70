package cn.lianmeng.activity.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.OrgDirectory;
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
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

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
            long skip = page.skip();
            Summary summary = compute(in, i -> i >= skip && i < skip + page.size(), rows::add);
            long total = status == null ? summary.organisations()
                    : switch (status) {
                        case "COMPLIANT" -> summary.compliant();
                        case "MISSING" -> summary.missing();
                        default -> summary.due();
                    };
            return new Report(summary, PageResult.of(rows, page, total));
        });
    }

    /**
     * What one report is computed from: the caller's organisations in report order ({@link ComplianceOrg#ORDER}), the
     * tallies of the months the period needs, own full-member counts (only where a committee-only rule needs them) and
     * the alliance's meeting rules.
     */
    public record Input(Caller caller, Period period, String status, String tenantId, String orgId, List<ComplianceOrg> orgs,
                        MeetingTallies.Table tallies, Map<String, Integer> fullMembers, MeetingRules rules) {
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
        return orgScope(caller, tenantId, orgId).zipWith(settings.get(caller.allianceId())).flatMap(t -> {
            OrgScope scoped = t.getT1();
            MeetingRules rules = t.getT2().meetings();
            List<String> months = months(period, rules);
            // organisations unsorted with a projection, sorted here: no blocking sort of the whole alliance in the database
            Mono<List<ComplianceOrg>> orgs = directory.organisationFields(scoped.scope(), scoped.filter(), ComplianceOrg.FIELDS)
                    .map(ComplianceOrg::of).collectSortedList(ComplianceOrg.ORDER);
            Mono<Tuple2<List<ComplianceOrg>, MeetingTallies.Table>> read = scoped.allOfScope()
                    // the caller's whole scope: organisations and tallies read side by side
                    ? Mono.zip(orgs, tallies.table(scoped.scope(), months, new Document()))
                    : orgs.flatMap(list -> tallies.table(scoped.scope(), months, Filters.in("orgId", list.stream().map(ComplianceOrg::id).toList()))
                    .map(table -> Tuples.of(list, table)));
            return read.flatMap(x -> {
                List<String> undecided = x.getT1().stream().filter(o -> MeetingRequirements.needsFullMembers(rules, o.kind(), o.committeeMembers()))
                        .map(ComplianceOrg::id).toList();
                Mono<Map<String, Integer>> fullMembers = undecided.isEmpty() ? Mono.just(Map.of())
                        : directory.fullMemberCounts(scoped.scope(), scoped.allOfScope() ? null : undecided);
                return fullMembers.map(counts -> new Input(caller, period, status, tenantId, orgId, x.getT1(), x.getT2(), counts, rules));
            });
        });
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
     * One pass over the organisations (in name order): every organisation that owes a meeting in the period and passes
     * the status filter goes to {@code sink}; the summary counts all of them.
     */
    public Summary compute(Input in, Consumer<OrgCompliance> sink) {
        return compute(in, i -> true, sink);
    }

    /**
     * The same, building the rows of only the organisations whose position among those passing the status filter
     * {@code wanted} accepts (a page of a report over 60,000 organisations builds 20 rows, and judges the rest
     * without keeping anything).
     */
    public Summary compute(Input in, LongPredicate wanted, Consumer<OrgCompliance> sink) {
        Judge judge = new Judge(in, LocalDate.now(clock.withZone(Times.ZONE)));
        int[] missedByType = new int[ActivityType.values().length];
        int compliant = 0;
        int missing = 0;
        int due = 0;
        long index = 0;
        for (ComplianceOrg org : in.orgs()) {
            List<MeetingRule> rules = judge.rules(org);
            if (rules.isEmpty()) {
                continue;
            }
            String status = judge.status(org, rules, missedByType, null, null);
            switch (status) {
                case "MISSING" -> missing++;
                case "DUE" -> due++;
                default -> compliant++;
            }
            if (in.status() == null || in.status().equals(status)) {
                if (wanted.test(index)) {
                    List<Meeting> meetings = new ArrayList<>();
                    List<String> missed = new ArrayList<>();
                    judge.status(org, rules, null, meetings, missed);
                    sink.accept(new OrgCompliance(org.id(), org.name(), org.kind(), org.tenantId(), status, missed, meetings));
                }
                index++;
            }
        }
        Map<String, Integer> missedCounts = new LinkedHashMap<>();
        for (ActivityType type : ActivityType.values()) {
            if (missedByType[type.ordinal()] > 0) {
                missedCounts.put(type.name(), missedByType[type.ordinal()]);
            }
        }
        return new Summary(in.period().key(), compliant + missing + due, compliant, missing, due, missedCounts,
                "支部党员大会须过半数正式党员到会方计为已召开；统计来自活动记录，无须另行填报；会议频次及适用组织以联盟在组织管理中的设置为准");
    }

    /** Judges one organisation's required meetings over the report period's sub-periods (computed once per report). */
    private static final class Judge {

        private final Input in;
        private final Map<Frequency, List<Span>> spans = new EnumMap<>(Frequency.class);
        private final Map<String, List<MeetingRule>> rules = new HashMap<>();

        /** A sub-period with its months and where it stands today. */
        private record Span(String key, List<String> months, boolean ended, boolean upcoming) {
        }

        Judge(Input in, LocalDate today) {
            this.in = in;
            for (Frequency f : Frequency.values()) {
                if (f == Frequency.NONE) {
                    continue; // a meeting not required is never judged
                }
                spans.put(f, in.period().split(f).stream().map(p -> new Span(p.key(), p.months(), p.endedBefore(today), p.startsAfter(today))).toList());
            }
        }

        /** The rules the organisation must follow (the same few lists for every organisation of a kind). */
        List<MeetingRule> rules(ComplianceOrg org) {
            boolean committee = in.rules().hasCommittee(org.kind(), org.committeeMembers(), in.fullMembers().getOrDefault(org.id(), 0));
            return rules.computeIfAbsent(org.kind() + "|" + committee, k -> MeetingRequirements.of(in.rules(), org.kind(), committee));
        }

        /**
         * MISSING, DUE or COMPLIANT. Counts missed periods into {@code missedByType} and builds the cells into
         * {@code meetings} and the missed labels into {@code missed} where those are given.
         */
        String status(ComplianceOrg org, List<MeetingRule> rules, int[] missedByType, List<Meeting> meetings, List<String> missed) {
            boolean anyMissed = false;
            boolean anyDue = false;
            Map<String, List<MeetingTallies.Month>> tallies = in.tallies().of(org.id());
            for (MeetingRule rule : rules) {
                ActivityType type = rule.type();
                Frequency frequency = rule.frequency();
                List<MeetingTallies.Month> monthly = tallies.getOrDefault(type.name(), List.of());
                List<Cell> cells = meetings == null ? null : new ArrayList<>();
                for (Span p : spans.get(frequency)) {
                    int held = 0;
                    int valid = 0;
                    Date last = null;
                    for (MeetingTallies.Month m : monthly) {
                        if (p.months().contains(m.month())) {
                            held += m.held();
                            valid += m.valid();
                            if (m.lastHeldAt() != null && (last == null || m.lastHeldAt().after(last))) {
                                last = m.lastHeldAt();
                            }
                        }
                    }
                    String cell;
                    if (valid > 0) {
                        cell = "HELD";
                    } else if (p.ended()) {
                        cell = "MISSED";
                        anyMissed = true;
                        if (missedByType != null) {
                            missedByType[type.ordinal()]++;
                        }
                        if (missed != null) {
                            missed.add(type.label() + "（" + p.key() + "）");
                        }
                    } else if (p.upcoming()) {
                        cell = "UPCOMING";
                    } else {
                        cell = "DUE";
                        anyDue = true;
                    }
                    if (cells != null) {
                        cells.add(new Cell(p.key(), cell, held, valid, Times.view(last)));
                    }
                }
                if (meetings != null) {
                    meetings.add(new Meeting(type.name(), type.label(), frequency.name(), frequency.label(), cells));
                }
            }
            return anyMissed ? "MISSING" : anyDue ? "DUE" : "COMPLIANT";
        }
    }
}
