package cn.lianmeng.org.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.lianmeng.org.coverage.CoverageService;
import cn.lianmeng.org.coverage.CoverageViews;
import cn.lianmeng.org.spreadsheet.Column;
import cn.lianmeng.org.spreadsheet.SpreadsheetWriter;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.security.Caller;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The ledger of a scope as an .xlsx workbook: one row per enterprise (location, coverage status, organisations,
 * instructor, last visit, open and overdue tasks) and the open tasks with their owners and deadlines.
 */
@Component
public class LedgerExport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CoverageService coverage;
    private final LedgerStore store;
    private final AuditLog audit;
    private final Clock clock;

    public LedgerExport(CoverageService coverage, LedgerStore store, AuditLog audit, Clock clock) {
        this.coverage = coverage;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public record Workbook(byte[] bytes, String fileName, String fallbackName) {
    }

    public Mono<Workbook> export(Caller caller, String scopeType, String scopeId) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        String todayText = today.toString();
        return coverage.resolve(caller, scopeType, scopeId).flatMap(r -> {
            Document isOpen = new Document("$cond", List.of(new Document("$eq", List.of("$done", false)), 1, 0));
            Document isOverdue = new Document("$cond", List.of(new Document("$and", List.of(
                    new Document("$eq", List.of("$done", false)), new Document("$lt", List.of("$deadline", todayText)))), 1, 0));
            Mono<Map<String, Document>> visits = store.visits.aggregate(r.scope(), List.of(Aggregates.group("$tenantId",
                            Accumulators.max("last", "$date"), Accumulators.sum("count", 1))))
                    .collectMap(d -> String.valueOf(d.getString("_id")), d -> d);
            Mono<Map<String, Document>> tasks = store.tasks.aggregate(r.scope(), List.of(Aggregates.group("$tenantId",
                            Accumulators.sum("open", isOpen), Accumulators.sum("overdue", isOverdue))))
                    .collectMap(d -> String.valueOf(d.getString("_id")), d -> d);
            // the open tasks the caller sees; those about enterprises outside the scope are left out when writing
            Mono<List<Document>> openTasks = store.tasks.find(r.scope(), Filters.eq("done", false), Sorts.ascending("deadline", "_id"), 0, 0)
                    .collectList();
            return Mono.zip(coverage.factDocuments(r).collectList(), coverage.organisationsByEnterprise(caller.allianceId()),
                            visits, tasks, openTasks)
                    .publishOn(Schedulers.boundedElastic())
                    .map(t -> write(r, today, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5()))
                    .flatMap(w -> audit.record(caller, "LEDGER_EXPORTED", "ledger", r.type().key(r.id()), null, AuditLog.Result.SUCCESS,
                            Map.of("scopeType", r.type().name(), "scopeId", r.id(), "scopeName", r.name())).thenReturn(w));
        });
    }

    Workbook write(CoverageService.ResolvedScope r, LocalDate today, List<Document> facts, Map<String, List<CoverageService.OrganisationRef>> orgs,
                   Map<String, Document> visits, Map<String, Document> tasks, List<Document> openTasks) {
        java.util.Set<String> inScope = facts.stream().map(d -> d.getString("_id")).collect(Collectors.toSet());
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            SpreadsheetWriter.Sheet s = w.sheet("台账", List.of(Column.value("企业名称", 30), Column.optional("统一社会信用代码", 22),
                    Column.value("区", 10), Column.value("街道", 12), Column.value("社区", 12), Column.value("园区", 16), Column.value("楼宇", 16),
                    Column.value("纳入统计", 10), Column.value("组织覆盖情况", 16), Column.value("党组织", 36), Column.value("书记", 10),
                    Column.value("正式党员数", 10), Column.value("党建指导员", 12), Column.value("工作覆盖", 10), Column.value("应建未建", 10),
                    Column.value("最近走访日期", 14), Column.value("走访次数", 10), Column.value("未完成任务", 10), Column.value("逾期任务", 10)));
            for (Document d : facts) {
                CoverageViews.EnterpriseRow e = CoverageViews.EnterpriseRow.of(d);
                List<CoverageService.OrganisationRef> o = orgs.getOrDefault(e.id(), List.of());
                Document v = visits.get(e.id());
                Document t = tasks.get(e.id());
                s.row(e.name(), e.creditCode(), e.district(), e.street(), e.community(), e.park(), e.building(), e.inScope(),
                        coverageLabel(e), o.stream().map(x -> x.name() + "（" + relation(x.relation()) + "）").collect(Collectors.joining("；")),
                        o.stream().map(CoverageService.OrganisationRef::secretaryName).filter(java.util.Objects::nonNull).findFirst().orElse(null),
                        e.fullMembers(), e.instructorName() != null ? e.instructorName() : e.instructorAssigned() ? "已选派" : null,
                        e.workCovered(), e.shouldEstablish(),
                        v == null ? null : LocalDate.parse(v.getString("last")), v == null ? 0 : v.get("count", Number.class).longValue(),
                        t == null ? 0 : t.get("open", Number.class).longValue(), t == null ? 0 : t.get("overdue", Number.class).longValue());
            }
            SpreadsheetWriter.Sheet ts = w.sheet("未完成任务", List.of(Column.value("任务", 30), Column.value("企业", 30),
                    Column.value("负责人", 12), Column.value("截止日期", 14), Column.value("是否逾期", 10), Column.value("逾期天数", 10),
                    Column.value("最新进展", 50)));
            for (Document d : openTasks) {
                String enterprise = d.getString("tenantId");
                if (enterprise != null ? !inScope.contains(enterprise) : r.type() != cn.lianmeng.org.coverage.ScopeType.ALLIANCE) {
                    continue;
                }
                LocalDate deadline = LocalDate.parse(d.getString("deadline"));
                long late = deadline.isBefore(today) ? ChronoUnit.DAYS.between(deadline, today) : 0;
                List<Document> progress = d.getList("progress", Document.class, List.of());
                ts.row(d.getString("title"), d.getString("enterpriseName"), d.getString("ownerName"), deadline, late > 0, late,
                        progress.isEmpty() ? null : progress.get(progress.size() - 1).getString("note"));
            }
            String fileName = "覆盖台账_" + r.name().replaceAll("[\\\\/:*?\"<>|]", "_") + "_" + today + ".xlsx";
            return new Workbook(w.toBytes(), fileName, "ledger-" + r.type().name().toLowerCase() + "-" + today + ".xlsx");
        }
    }

    static String coverageLabel(CoverageViews.EnterpriseRow e) {
        if (e.ownOrganisation()) {
            return "单独组建";
        }
        if (e.jointCovered()) {
            return "联合党支部覆盖";
        }
        if (e.affiliated()) {
            return "挂靠（不计入覆盖）";
        }
        return "未覆盖";
    }

    static String relation(String relation) {
        return switch (relation) {
            case "OWN" -> "单独组建";
            case "JOINT" -> "联合";
            case "AFFILIATED" -> "挂靠";
            default -> relation;
        };
    }
}
