package cn.lianmeng.org.member;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import cn.lianmeng.org.importer.ImportError;
import cn.lianmeng.org.importer.ImportReport;
import cn.lianmeng.org.spreadsheet.Column;
import cn.lianmeng.org.spreadsheet.SheetData;
import cn.lianmeng.org.spreadsheet.SpreadsheetLimits;
import cn.lianmeng.org.spreadsheet.SpreadsheetReader;
import cn.lianmeng.org.spreadsheet.SpreadsheetUpload;
import cn.lianmeng.org.spreadsheet.SpreadsheetWriter;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Imports members of the caller's enterprise from an .xlsx in the template's shape (ENTERPRISE_ADMIN). Every row is
 * validated first ({@link MemberRows}; the organisation is found by its exact name among the tenant's active
 * organisations); ID numbers already in the alliance are rejected by their blind index, so re-uploading a file imports
 * nothing twice. Valid rows are inserted in batches of {@value #CHUNK}, each member with MemberJoined in its outbox;
 * invalid rows change nothing. Imported members get <b>no login</b>: hashing thousands of passwords would hold the
 * request for minutes, and nobody could hand out thousands of initial passwords anyway — an administrator issues a
 * member's login on demand ({@code POST /api/org/members/{id}/account}), which shows its initial password once.
 */
@Service
public class MemberImporter {

    static final int CHUNK = 250;
    private static final Logger log = LoggerFactory.getLogger(MemberImporter.class);

    private final MemberService members;
    private final OrganisationDirectory organisations;
    private final Employers employers;
    private final AuditLog audit;
    private final SpreadsheetReader reader = new SpreadsheetReader(SpreadsheetLimits.DEFAULT);

    public MemberImporter(MemberService members, OrganisationDirectory organisations, Employers employers, AuditLog audit) {
        this.members = members;
        this.organisations = organisations;
        this.employers = employers;
        this.audit = audit;
    }

    public SpreadsheetLimits limits() {
        return reader.limits();
    }

    /** The caller if the ENTERPRISE_ADMIN of a tenant, else 403 (checked before the upload is read). */
    public static Mono<Caller> requireEnterpriseAdmin(Caller caller) {
        return caller.has(Role.ENTERPRISE_ADMIN) && caller.tenantId() != null && caller.allianceId() != null
                ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅企业党组织管理员可批量导入本单位党员"));
    }

    /** Reads, validates and imports; answers the per-row report. Runs to its end even if the client goes away. */
    public Mono<ImportReport> importMembers(Caller caller, SpreadsheetUpload upload) {
        long started = System.nanoTime();
        Mono<ImportReport> work = requireEnterpriseAdmin(caller)
                .then(Mono.fromCallable(() -> reader.read(upload.content(), MemberImportColumns.HEADERS))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(sheet -> run(caller, upload.fileName(), sheet))
                .doOnSuccess(r -> log.info("Member import for tenant {}: {} rows, {} imported, {} rejected in {} ms", caller.tenantId(),
                        r.total(), r.imported(), r.rejected(), (System.nanoTime() - started) / 1_000_000));
        return Mono.defer(() -> Mono.fromFuture(work.toFuture(), true));
    }

    private Mono<ImportReport> run(Caller caller, String fileName, SheetData sheet) {
        String alliance = caller.allianceId();
        String tenant = caller.tenantId();
        Mono<Map<String, List<Organisation>>> orgs = organisations.byNames(alliance, tenant, MemberRows.organisationNames(sheet.rows()))
                .collect(Collectors.groupingBy(Organisation::name));
        Mono<Map<String, String>> employerIds = employers.idsByCreditCode(alliance, MemberRows.employerCodes(sheet.rows()));
        return Mono.zip(orgs, employerIds)
                .map(t -> MemberRows.validate(sheet.rows(), tenant, t.getT1(), t.getT2(), members.today()))
                .flatMap(verdicts -> rejectRegistered(alliance, verdicts))
                .flatMap(verdicts -> insertAll(caller, verdicts))
                .flatMap(report -> audit.record(caller, "MEMBERS_IMPORTED", "member_import", null, tenant, Result.SUCCESS,
                        summary(fileName, report)).thenReturn(report));
    }

    private static Map<String, Object> summary(String fileName, ImportReport report) {
        Map<String, Object> details = new HashMap<>();
        details.put("fileName", String.valueOf(fileName));
        details.put("total", report.total());
        details.put("imported", report.imported());
        details.put("rejected", report.rejected());
        return details;
    }

    /** Rows whose ID number is already a member of the alliance are rejected (this is what makes re-uploads harmless). */
    private Mono<List<MemberRows.Verdict>> rejectRegistered(String allianceId, List<MemberRows.Verdict> verdicts) {
        Map<Integer, String> hashes = new HashMap<>();
        verdicts.stream().filter(MemberRows.Verdict::valid)
                .forEach(v -> hashes.put(v.row(), members.blindIndex(allianceId, v.member().idNumber())));
        return members.takenIdNumbers(allianceId, List.copyOf(hashes.values())).map(taken -> verdicts.stream()
                .map(v -> v.valid() && taken.contains(hashes.get(v.row()))
                        ? v.reject(new ImportError(v.row(), MemberImportColumns.ID_NUMBER, "该身份证号已在本联盟登记为党员，不重复导入"))
                        : v)
                .toList());
    }

    private Mono<ImportReport> insertAll(Caller caller, List<MemberRows.Verdict> verdicts) {
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<ImportError> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        return Flux.fromIterable(verdicts).buffer(CHUNK)
                .concatMap(chunk -> {
                    List<MemberRows.Verdict> valid = chunk.stream().filter(MemberRows.Verdict::valid).toList();
                    chunk.stream().filter(v -> !v.valid()).forEach(v -> {
                        rejected.incrementAndGet();
                        errors.addAll(v.errors());
                    });
                    List<MemberService.ImportedMember> batch = valid.stream()
                            .map(v -> new MemberService.ImportedMember(v.org(), v.employer(), v.member())).toList();
                    return batch.isEmpty() ? Mono.<Void>empty() : members.insertImported(caller, batch).doOnNext(inserted -> {
                        for (int i = 0; i < inserted.size(); i++) {
                            if (inserted.get(i) != null) {
                                ids.add(inserted.get(i));
                                imported.incrementAndGet();
                            } else {
                                rejected.incrementAndGet();
                                errors.add(new ImportError(valid.get(i).row(), MemberImportColumns.ID_NUMBER,
                                        "该身份证号已在本联盟登记为党员（同时进行的另一次导入已导入），不重复导入"));
                            }
                        }
                    }).then();
                })
                .then(Mono.fromSupplier(() -> {
                    members.relayInBackground(ids);
                    List<ImportError> sorted = new ArrayList<>(errors);
                    sorted.sort(Comparator.comparingInt(ImportError::row)
                            .thenComparingInt(e -> MemberImportColumns.HEADERS.indexOf(e.field())));
                    return new ImportReport(imported.get(), rejected.get(), sorted, null, verdicts.size());
                }));
    }

    /**
     * The template: the header row (required columns highlighted, all text-formatted so ID numbers keep their 18
     * characters), drop-downs for 性别, 党员状态, 流动党员, 失联 and — when the names fit Excel's list limit — 所在党组织,
     * an instructions sheet, and the enterprise's active organisations for reference.
     */
    public Mono<byte[]> template(Caller caller) {
        return requireEnterpriseAdmin(caller)
                .flatMap(c -> organisations.ofTenant(c.allianceId(), c.tenantId()).collectList())
                .publishOn(Schedulers.boundedElastic())
                .map(MemberImporter::writeTemplate);
    }

    static byte[] writeTemplate(List<Organisation> orgs) {
        int rows = SpreadsheetLimits.DEFAULT.maxRows();
        List<String> headers = MemberImportColumns.HEADERS;
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            SpreadsheetWriter.Sheet sheet = w.sheet("党员", MemberImportColumns.TEMPLATE)
                    .dropDown(headers.indexOf(MemberImportColumns.GENDER), List.of("男", "女"), rows)
                    .dropDown(headers.indexOf(MemberImportColumns.STATUS), List.of("正式", "预备"), rows)
                    .dropDown(headers.indexOf(MemberImportColumns.MOBILE), List.of("是", "否"), rows)
                    .dropDown(headers.indexOf(MemberImportColumns.LOST_CONTACT), List.of("是", "否"), rows);
            List<String> names = orgs.stream().map(Organisation::name).distinct().toList();
            if (!names.isEmpty() && String.join(",", names).length() <= 250) {
                sheet.dropDown(headers.indexOf(MemberImportColumns.ORGANISATION), names, rows);
            }
            w.instructions("填写说明", "党员批量导入说明", List.of(
                    "1. 在“党员”工作表中每行填写一名党员，第一行表头请勿修改；深红色表头为必填列：姓名、身份证号、入党日期、党员状态、所在党组织。",
                    "2. 身份证号为 18 位，系统核对出生日期和最后一位校验码（X 大小写均可）；同一文件中不能重复；已在本联盟登记的党员不会重复导入，"
                            + "因此同一文件重复上传是安全的。",
                    "3. 性别、出生日期可不填，按身份证号自动识别；填写出生日期时须与身份证号一致。",
                    "4. 日期填写如 2016-07-01（也可 2016/7/1、2016年7月1日）；入党时须年满 18 周岁，入党日期不能晚于今天。",
                    "5. 党员状态填“正式”或“预备”；预备党员须填写预备期满日期（晚于入党日期）。",
                    "6. 所在党组织须与本单位党组织的名称完全一致（见“党组织参考”工作表）。",
                    "7. 工作单位统一社会信用代码：一般不填（即本单位）；所在党组织为联合党支部且党员在其他成员单位工作时，填该单位的代码。",
                    "8. 流动党员、失联填“是”或“否”，不填即“否”；流动党员须填写外出日期，外出满 6 个月应办理组织关系转接。",
                    "9. 手机号填 11 位手机号，可不填。导入的党员暂不开通登录账户：需要时在党员详情中“开通账户”，"
                            + "登录名为手机号（或另行指定），初始密码只显示一次，首次登录须修改。",
                    "10. 文件须为 .xlsx 格式，不超过 10 MiB、20000 行。有问题的行不会导入，其余行照常导入；导入结果列出每个问题所在的行号、列和原因。",
                    "11. 身份证号在系统中加密存储、脱敏显示，请妥善保管本文件，导入后及时删除。"));
            Map<String, String> nameById = new HashMap<>();
            orgs.forEach(o -> nameById.put(o.id(), o.name()));
            SpreadsheetWriter.Sheet reference = w.sheet("党组织参考", List.of(Column.value("党组织名称", 30), Column.value("类别", 12),
                    Column.value("组建方式", 10), Column.value("上级党组织", 30)));
            for (Organisation o : orgs) {
                reference.row(o.name(), kindLabel(o.kind()), formationLabel(o.formation()), o.parentId() == null ? null : nameById.get(o.parentId()));
            }
            return w.toBytes();
        }
    }

    static String kindLabel(String kind) {
        return switch (kind == null ? "" : kind) {
            case "COMMITTEE" -> "党委";
            case "GENERAL_BRANCH" -> "党总支";
            case "BRANCH" -> "党支部";
            case "JOINT_BRANCH" -> "联合党支部";
            case "GROUP" -> "党小组";
            default -> kind;
        };
    }

    static String formationLabel(String formation) {
        return switch (formation == null ? "" : formation) {
            case "SINGLE" -> "单独组建";
            case "JOINT" -> "联合组建";
            case "AFFILIATED" -> "挂靠";
            default -> formation;
        };
    }
}
