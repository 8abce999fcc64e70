package cn.lianmeng.activity.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.settings.Frequency;
import cn.lianmeng.activity.settings.MeetingRule;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The meeting-compliance report as an .xlsx workbook for upward reporting: the same computation, scope rules and
 * errors as {@code GET /api/activity/compliance} ({@link ComplianceService#prepare}, {@link ComplianceService#compute}),
 * but every row instead of one page. A summary sheet (scope, period, the report's totals, missed meetings per type,
 * the frequencies in force) and a detail sheet (one row per organisation: 党组织, 类别, 所属单位, one column per required
 * meeting type with 已召开/未召开/本期未召开/未到期 and the counts, 状态). Rows are written as they are computed into a
 * streaming workbook and the file is handed out from a temporary file, so the heap holds neither. Every export is
 * audited with its scope.
 */
@Component
public class ComplianceExport {

    private static final Logger log = LoggerFactory.getLogger(ComplianceExport.class);

    static final Map<String, String> KIND_LABELS = Map.of("COMMITTEE", "党委", "GENERAL_BRANCH", "党总支", "BRANCH", "党支部",
            "JOINT_BRANCH", "联合党支部", "GROUP", "党小组");
    static final Map<String, String> CELL_LABELS = Map.of("HELD", "已召开", "MISSED", "未召开", "DUE", "本期未召开", "UPCOMING", "未到期");
    static final Map<String, String> STATUS_LABELS = Map.of("COMPLIANT", "已落实", "MISSING", "有未召开", "DUE", "本期进行中");
    /** Text of a meeting type an organisation does not owe. */
    static final String NOT_REQUIRED = "—";

    private final ComplianceService compliance;
    private final TenantDirectory tenants;
    private final AuditLog audit;
    private final Clock clock;

    public ComplianceExport(ComplianceService compliance, TenantDirectory tenants, AuditLog audit, Clock clock) {
        this.compliance = compliance;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** A finished workbook in a temporary file (the caller streams and deletes it). */
    public record Workbook(Path file, long size, String fileName, String fallbackName, int rows) {
    }

    public Mono<Workbook> export(Caller caller, String periodKey, String tenantId, String orgId, String status) {
        return compliance.prepare(caller, periodKey, tenantId, orgId, status)
                .flatMap(in -> tenantNames(in).map(names -> Map.entry(in, names)))
                .publishOn(Schedulers.boundedElastic())
                .map(e -> write(e.getKey(), e.getValue()))
                .flatMap(w -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("period", w.in().period().key());
                    details.put("scope", w.scope());
                    details.put("tenantId", tenantId == null ? "" : tenantId);
                    details.put("orgId", orgId == null ? "" : orgId);
                    details.put("status", status == null ? "" : status);
                    details.put("rows", w.workbook().rows());
                    String target = orgId != null ? orgId : tenantId != null ? tenantId : caller.tenantId() != null ? caller.tenantId() : caller.allianceId();
                    return audit.record(caller, "COMPLIANCE_EXPORTED", "compliance", target, tenantId != null ? tenantId : caller.tenantId(),
                                    AuditLog.Result.SUCCESS, details)
                            .thenReturn(w.workbook())
                            .onErrorResume(x -> {
                                delete(w.workbook().file());
                                return Mono.error(x);
                            });
                });
    }

    private record Written(ComplianceService.Input in, String scope, Workbook workbook) {
    }

    /** Names of the tenants of the organisations in the report (the tenant directory), by tenant id. */
    private Mono<Map<String, String>> tenantNames(ComplianceService.Input in) {
        List<String> ids = in.orgs().stream().map(ComplianceOrg::tenantId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return tenants.collection().find(Scope.system(in.caller().allianceId(), null), Filters.in("_id", ids),
                        Projections.include("_id", "name"), null, 0, 0)
                .filter(d -> d.getString("name") != null)
                .collectMap(d -> d.getString("_id"), d -> d.getString("name"))
                .map(m -> (Map<String, String>) m);
    }

    /** What the export covers, in words, for the title row and the audit entry. */
    static String scopeName(ComplianceService.Input in, Map<String, String> tenantNames) {
        Caller c = in.caller();
        if (in.orgId() != null) {
            return in.orgs().stream().filter(o -> o.id().equals(in.orgId())).map(ComplianceOrg::name).findFirst().orElse("党组织 " + in.orgId());
        }
        if (in.tenantId() != null) {
            return tenantNames.getOrDefault(in.tenantId(), "单位 " + in.tenantId());
        }
        if (c.has(Role.ALLIANCE_ADMIN)) {
            return "全联盟";
        }
        if (c.has(Role.ENTERPRISE_ADMIN)) {
            return tenantNames.getOrDefault(c.tenantId(), "本单位");
        }
        if (c.has(Role.ORG_ADMIN)) {
            String roots = in.orgs().stream().filter(o -> c.orgIds().contains(o.id())).map(ComplianceOrg::name).collect(Collectors.joining("、"));
            return roots.isEmpty() ? "本组织" : roots;
        }
        return "所辖园区、楼宇";
    }

    private Written write(ComplianceService.Input in, Map<String, String> tenantNames) {
        String scope = scopeName(in, tenantNames);
        String heading = scope + " " + in.period().label() + " 会议落实情况（三会一课、主题党日、组织生活会、民主评议党员）";
        List<MeetingRule> required = in.rules().rules().stream().filter(r -> r.frequency() != Frequency.NONE).toList();
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), Times.ZONE);
        Path file = null;
        try (ComplianceWorkbook w = new ComplianceWorkbook()) {
            ComplianceWorkbook.Sheet summarySheet = w.sheet("汇总", heading, List.of(new ComplianceWorkbook.Column("项目", 24),
                    new ComplianceWorkbook.Column("数值", 16), new ComplianceWorkbook.Column("说明", 80)));
            List<ComplianceWorkbook.Column> columns = new ArrayList<>(List.of(new ComplianceWorkbook.Column("序号", 8),
                    new ComplianceWorkbook.Column("党组织", 30), new ComplianceWorkbook.Column("类别", 12),
                    new ComplianceWorkbook.Column("所属单位", 28)));
            required.forEach(r -> columns.add(new ComplianceWorkbook.Column(r.type().label() + "（" + r.frequency().label() + "）", 22)));
            columns.add(new ComplianceWorkbook.Column("状态", 12));
            columns.add(new ComplianceWorkbook.Column("未召开明细", 40));
            columns.add(new ComplianceWorkbook.Column("组织编号", 40));
            ComplianceWorkbook.Sheet detail = w.sheet("明细", heading, columns);
            int[] n = {0};
            ComplianceService.Summary summary = compliance.compute(in, row -> {
                Map<String, ComplianceService.Meeting> byType = new HashMap<>();
                row.meetings().forEach(m -> byType.put(m.type(), m));
                List<Object> values = new ArrayList<>(List.of(++n[0], row.orgName(), KIND_LABELS.getOrDefault(row.kind(), row.kind()),
                        row.tenantId() == null ? "联盟、园区直属" : tenantNames.getOrDefault(row.tenantId(), row.tenantId())));
                required.forEach(r -> values.add(cellText(byType.get(r.type().name()))));
                values.add(STATUS_LABELS.getOrDefault(row.status(), row.status()));
                values.add(String.join("、", row.missed()));
                values.add(row.orgId());
                detail.row(values);
            });
            summarySheet.row("统计范围", scope, "按导出人的权限范围" + (in.status() == null ? "" : "，仅含状态为“" + STATUS_LABELS.get(in.status()) + "”的党组织"));
            summarySheet.row("统计期间", in.period().label(), in.period().key());
            summarySheet.row("应开会议的党组织", summary.organisations(), "有按规定须召开的会议的党组织数（状态筛选前）");
            summarySheet.row("已落实", summary.compliant(), "本期应开的会议均已召开");
            summarySheet.row("有未召开", summary.missing(), "至少一项已到期的会议未召开");
            summarySheet.row("本期进行中", summary.due(), "无未召开项，尚有本期未结束的会议未召开");
            for (MeetingRule r : required) {
                summarySheet.row("未召开：" + r.type().label(), summary.missedByType().getOrDefault(r.type().name(), 0),
                        "应" + r.frequency().label() + "召开，已到期未召开的期数");
            }
            summarySheet.row("明细行数", detail.rows(), "见“明细”工作表");
            summarySheet.row("会议频次", in.rules().version() == 0 ? "默认" : "第 " + in.rules().version() + " 版",
                    required.stream().map(r -> r.type().label() + r.frequency().label()).collect(Collectors.joining("，"))
                            + "（由联盟在组织管理中统一设置）");
            summarySheet.row("口径说明", null, summary.note());
            summarySheet.row("导出时间", now.withNano(0).toString().replace('T', ' '), "导出人：" + in.caller().actorName());
            file = Files.createTempFile("compliance-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                w.write(out);
            }
            String fileName = "会议落实情况_" + scope.replaceAll("[\\\\/:*?\"<>|\\s]", "_") + "_" + in.period().key() + ".xlsx";
            return new Written(in, scope, new Workbook(file, Files.size(file), fileName, "compliance-" + in.period().key() + ".xlsx", detail.rows()));
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** 已召开（2次）, 未召开, 本期未召开, 未到期; one line per period when the report period spans several. */
    static String cellText(ComplianceService.Meeting meeting) {
        if (meeting == null) {
            return NOT_REQUIRED;
        }
        List<String> lines = new ArrayList<>();
        for (ComplianceService.Cell c : meeting.periods()) {
            String text = CELL_LABELS.getOrDefault(c.status(), c.status());
            if (c.valid() > 0) {
                text += c.held() > c.valid() ? "（有效" + c.valid() + "次，共" + c.held() + "次）" : "（" + c.valid() + "次）";
            } else if (c.held() > 0) {
                text += "（召开" + c.held() + "次，均未达到正式党员过半数）";
            }
            lines.add(meeting.periods().size() > 1 ? c.period() + " " + text : text);
        }
        return String.join("\n", lines);
    }

    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary export {}: {}", file, e.toString());
        }
    }
}
