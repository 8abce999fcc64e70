package cn.lianmeng.org.coverage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.spreadsheet.Column;
import cn.lianmeng.org.spreadsheet.SpreadsheetWriter;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.security.Caller;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The coverage table as an .xlsx workbook for upward reporting: a summary sheet (scope, date, each rate with its
 * numerator and denominator, the definitions), one breakdown sheet per level below the scope (district, street, park,
 * building: counts and rates per row) and the enterprise list with yes/no columns. Everything in one workbook is
 * computed from the same read of the facts, so the sheets add up.
 */
@Component
public class CoverageExport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<ScopeType> LEVELS = List.of(ScopeType.DISTRICT, ScopeType.STREET, ScopeType.PARK, ScopeType.BUILDING);

    private final CoverageService coverage;
    private final AuditLog audit;
    private final Clock clock;

    public CoverageExport(CoverageService coverage, AuditLog audit, Clock clock) {
        this.coverage = coverage;
        this.audit = audit;
        this.clock = clock;
    }

    public record Workbook(byte[] bytes, String fileName, String fallbackName) {
    }

    public Mono<Workbook> export(Caller caller, String scopeType, String scopeId) {
        return coverage.resolve(caller, scopeType, scopeId).flatMap(r -> Mono.zip(
                        coverage.factDocuments(r).collectList(), coverage.activitySeen(caller))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> write(r, t.getT1(), t.getT2()))
                .flatMap(w -> audit.record(caller, "COVERAGE_EXPORTED", "coverage", r.type().key(r.id()), null, AuditLog.Result.SUCCESS,
                        Map.of("scopeType", r.type().name(), "scopeId", r.id(), "scopeName", r.name())).thenReturn(w)));
    }

    /** Counters over a set of facts documents. */
    static final class Tally {
        final String name;
        final long[] n = new long[Facet.values().length];

        Tally(String name) {
            this.name = name;
        }

        void add(Document facts) {
            Document facets = facts.get("facets", Document.class);
            for (Facet f : Facet.values()) {
                if (facets != null && Boolean.TRUE.equals(facets.getBoolean(f.field()))) {
                    n[f.ordinal()]++;
                }
            }
        }

        long get(Facet f) {
            return n[f.ordinal()];
        }

        double percent(Facet f) {
            return CoverageViews.rate(get(f), get(Facet.IN_SCOPE)) * 100;
        }
    }

    Workbook write(CoverageService.ResolvedScope r, List<Document> facts, boolean activities) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        Tally total = new Tally(r.name());
        facts.forEach(total::add);
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            summary(w, r, total, today, activities);
            for (ScopeType level : LEVELS.subList(Math.max(0, LEVELS.indexOf(r.type()) + 1), LEVELS.size())) {
                breakdown(w, level, facts);
            }
            enterprises(w, facts);
            String fileName = "两个覆盖统计_" + r.name().replaceAll("[\\\\/:*?\"<>|]", "_") + "_" + today + ".xlsx";
            return new Workbook(w.toBytes(), fileName, "coverage-" + r.type().name().toLowerCase() + "-" + today + ".xlsx");
        }
    }

    private void summary(SpreadsheetWriter w, CoverageService.ResolvedScope r, Tally t, LocalDate today, boolean activities) {
        SpreadsheetWriter.Sheet s = w.sheet("汇总", List.of(Column.value("项目", 22), Column.value("数值（分子）", 14),
                Column.value("分母（纳入统计企业数）", 22), Column.value("比率（%）", 12), Column.value("口径说明", 90)));
        Map<String, String> d = coverage.definitions();
        s.row("统计范围", r.name(), null, null, r.type().label());
        s.row("统计日期", today.toString(), null, null, "按导出时的覆盖事实统计");
        s.row("成员单位总数", t.get(Facet.ALL), null, null, "范围内的全部成员单位（在册及暂停，含未纳入统计的；已退出的不计）");
        s.row("纳入统计企业数", t.get(Facet.IN_SCOPE), null, null, d.get("inScope"));
        s.row("组织覆盖", t.get(Facet.ORGANISATION_COVERED), t.get(Facet.IN_SCOPE), t.percent(Facet.ORGANISATION_COVERED), d.get("organisationCoverage"));
        s.row("单独组建", t.get(Facet.SINGLE_ESTABLISHED), t.get(Facet.IN_SCOPE), t.percent(Facet.SINGLE_ESTABLISHED), d.get("singleEstablishmentRate"));
        s.row("工作覆盖", t.get(Facet.WORK_COVERED), t.get(Facet.IN_SCOPE), t.percent(Facet.WORK_COVERED), d.get("workCoverage"));
        s.row("应建未建", t.get(Facet.SHOULD_ESTABLISH), null, null, d.get("shouldEstablish"));
        s.row("组织未覆盖", t.get(Facet.NOT_COVERED), null, null, "纳入统计但既未单独组建、也未被联合党支部覆盖的企业");
        s.row("工作覆盖口径", coverage.workCoverageBasis(activities), null, null, coverage.workCoverageNote());
    }

    private static void breakdown(SpreadsheetWriter w, ScopeType level, List<Document> facts) {
        Map<String, Tally> rows = new LinkedHashMap<>();
        for (Document f : facts) {
            String id = f.getString(level.idField());
            String name = id == null ? "（未在" + level.label() + "）" : f.getString(level.nameField()) != null ? f.getString(level.nameField()) : id;
            rows.computeIfAbsent(id == null ? "" : id, k -> new Tally(name)).add(f);
        }
        List<Tally> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing((Tally t) -> t.name.startsWith("（")).thenComparing(t -> t.name));
        SpreadsheetWriter.Sheet s = w.sheet("按" + level.label(), List.of(Column.value(level.label(), 24), Column.value("成员单位", 10),
                Column.value("纳入统计", 10), Column.value("组织覆盖", 10), Column.value("组织覆盖率（%）", 14),
                Column.value("单独组建", 10), Column.value("单独组建率（%）", 14), Column.value("工作覆盖", 10),
                Column.value("工作覆盖率（%）", 14), Column.value("应建未建", 10)));
        for (Tally t : sorted) {
            s.row(t.name, t.get(Facet.ALL), t.get(Facet.IN_SCOPE), t.get(Facet.ORGANISATION_COVERED), t.percent(Facet.ORGANISATION_COVERED),
                    t.get(Facet.SINGLE_ESTABLISHED), t.percent(Facet.SINGLE_ESTABLISHED), t.get(Facet.WORK_COVERED),
                    t.percent(Facet.WORK_COVERED), t.get(Facet.SHOULD_ESTABLISH));
        }
    }

    private static void enterprises(SpreadsheetWriter w, List<Document> facts) {
        SpreadsheetWriter.Sheet s = w.sheet("企业明细", List.of(Column.value("企业名称", 30), Column.optional("统一社会信用代码", 22),
                Column.value("区", 10), Column.value("街道", 12), Column.value("社区", 12), Column.value("园区", 16), Column.value("楼宇", 16),
                Column.value("成员状态", 10), Column.value("经营状态", 10), Column.value("从业人数", 10), Column.value("纳入统计", 10),
                Column.value("单独组建", 10), Column.value("联合党支部覆盖", 14), Column.value("挂靠", 8), Column.value("组织覆盖", 10),
                Column.value("正式党员数", 10), Column.value("党建指导员", 12), Column.value("最近活动覆盖", 20),
                Column.value("工作覆盖", 10), Column.value("应建未建", 10)));
        for (Document d : facts) {
            CoverageViews.EnterpriseRow e = CoverageViews.EnterpriseRow.of(d);
            s.row(e.name(), e.creditCode(), e.district(), e.street(), e.community(), e.park(), e.building(), statusLabel(e.status()),
                    operatingLabel(e.operatingStatus()), e.staffCount(), e.inScope(), e.ownOrganisation(), e.jointCovered(), e.affiliated(),
                    e.organisationCovered(), e.fullMembers(), e.instructorName() != null ? e.instructorName() : e.instructorAssigned() ? "已选派" : null,
                    e.lastActivityReachedAt(), e.workCovered(), e.shouldEstablish());
        }
    }

    static String statusLabel(String status) {
        return switch (status == null ? "" : status) {
            case "ACTIVE" -> "在册";
            case "SUSPENDED" -> "已暂停";
            case "LEFT" -> "已退出";
            default -> status;
        };
    }

    static String operatingLabel(String status) {
        return switch (status == null ? "OPERATING" : status) {
            case "OPERATING" -> "正常经营";
            case "SHELL" -> "空壳";
            case "ZOMBIE" -> "僵尸";
            default -> status;
        };
    }
}
