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

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.activity.settings.AllianceSettings;
import cn.lianmeng.activity.settings.Frequency;
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
 * frequencies (DESIGN §3 defaults) from the maintained monthly tallies — never by scanning activities. A period of a
 * required meeting is HELD (a valid meeting took place), MISSED (it ended without one), DUE (still running) or
 * UPCOMING (not started yet).
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
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF)) {
            return Mono.error(ApiException.forbidden("会议落实情况仅供管理员和挂联干部查看"));
        }
        Period period = (periodKey == null ? java.util.Optional.of(Period.of(Frequency.QUARTERLY, LocalDate.now(clock.withZone(Times.ZONE))))
                : Period.parse(periodKey)).orElseThrow(() -> ApiException.badRequest("period", "须为 2026-11（月）、2026-Q4（季度）或 2026（年）"));
        if (status != null && !List.of("COMPLIANT", "MISSING", "DUE").contains(status)) {
            return Mono.error(ApiException.badRequest("status", "须为 COMPLIANT、MISSING 或 DUE"));
        }
        return orgScope(caller, tenantId, orgId).flatMap(scoped -> directory.organisations(scoped.scope(), scoped.filter(), 0, 0).collectList()
                .zipWith(settings.get(caller.allianceId()))
                .flatMap(t -> {
                    List<OrgRecord> orgs = t.getT1();
                    Bson tallyFilter = scoped.allOfScope() ? new Document() : Filters.in("orgId", orgs.stream().map(OrgRecord::id).toList());
                    return tallies.of(scoped.scope(), period.months(), tallyFilter).collectList()
                            .map(list -> compute(orgs, list, t.getT2(), period, status, page));
                }));
    }

    private record OrgScope(Scope scope, Bson filter, boolean allOfScope) {
    }

    /** The organisations whose compliance the caller may see. */
    private Mono<OrgScope> orgScope(Caller caller, String tenantId, String orgId) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("status", "ACTIVE"), Filters.in("kind", KINDS)));
        boolean narrowed = tenantId != null || orgId != null;
        if (tenantId != null) {
            filters.add(Filters.eq("tenantId", tenantId));
        }
        if (orgId != null) {
            filters.add(Filters.or(Filters.eq("_id", orgId), Filters.eq("ancestors", orgId)));
        }
        if (caller.has(Role.ALLIANCE_ADMIN) || caller.has(Role.ENTERPRISE_ADMIN)) {
            return Mono.just(new OrgScope(Scope.of(caller), Filters.and(filters), !narrowed));
        }
        if (caller.has(Role.ORG_ADMIN)) {
            List<String> roots = List.copyOf(caller.orgIds());
            filters.add(Filters.or(Filters.in("_id", roots), Filters.in("ancestors", roots)));
            return Mono.just(new OrgScope(Scope.of(caller), Filters.and(filters), false));
        }
        // district staff: the organisations of the enterprises located in their parks and buildings
        return tenants.collection().find(Scope.of(caller), new Document(), Projections.include("_id"), null, 0, 0)
                .map(d -> d.getString("_id")).collectList()
                .map(ids -> {
                    filters.add(Filters.in("tenantId", ids));
                    return new OrgScope(Scope.system(caller.allianceId(), null), Filters.and(filters), false);
                });
    }

    private Report compute(List<OrgRecord> orgs, List<Document> tallyDocs, AllianceSettings s, Period period, String statusFilter,
                           PageQuery page) {
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        Map<String, List<Document>> byOrgType = new HashMap<>();
        for (Document d : tallyDocs) {
            byOrgType.computeIfAbsent(d.getString("orgId") + "|" + d.getString("type"), k -> new ArrayList<>()).add(d);
        }
        List<OrgCompliance> rows = new ArrayList<>();
        Map<String, Integer> missedByType = new LinkedHashMap<>();
        int compliant = 0;
        int missing = 0;
        int due = 0;
        for (OrgRecord org : orgs) {
            List<Meeting> meetings = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            boolean anyDue = false;
            for (ActivityType type : MeetingRequirements.of(org)) {
                Frequency frequency = s.frequency(type);
                if (frequency == null) {
                    continue;
                }
                List<Document> monthly = byOrgType.getOrDefault(org.id() + "|" + type.name(), List.of());
                List<Cell> cells = new ArrayList<>();
                for (Period p : period.split(frequency)) {
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
            if (statusFilter == null || statusFilter.equals(status)) {
                rows.add(new OrgCompliance(org.id(), org.name(), org.kind(), org.tenantId(), status, missed, meetings));
            }
        }
        int from = (int) Math.min(page.skip(), rows.size());
        int to = Math.min(from + page.size(), rows.size());
        Summary summary = new Summary(period.key(), compliant + missing + due, compliant, missing, due, missedByType,
                "支部党员大会须过半数正式党员到会方计为已召开；统计来自活动记录，无须另行填报");
        return new Report(summary, PageResult.of(rows.subList(from, to), page, rows.size()));
    }
}
