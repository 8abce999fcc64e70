package cn.lianmeng.org.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.LocationViews;
import cn.lianmeng.org.region.Place;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.org.spreadsheet.Column;
import cn.lianmeng.org.spreadsheet.SheetData;
import cn.lianmeng.org.spreadsheet.SpreadsheetLimits;
import cn.lianmeng.org.spreadsheet.SpreadsheetReader;
import cn.lianmeng.org.spreadsheet.SpreadsheetUpload;
import cn.lianmeng.org.spreadsheet.SpreadsheetWriter;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
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
 * Imports member enterprises from an .xlsx in the template's shape. Every row is validated first
 * ({@link EnterpriseRows}); valid rows are inserted in batches of up to {@value #CHUNK} (one unordered insert each),
 * each enterprise with its EnterpriseOnboarded event in its outbox (relayed in the background) and its audit record;
 * invalid rows change nothing. The job document shows the progress after every chunk. Re-uploading a file
 * imports nothing twice: its credit codes are registered by then, and the alliance's unique index on the credit code
 * settles concurrent uploads. Imported enterprises get no admin account (issued later, one by one).
 */
@Service
public class EnterpriseImporter {

    public static final String KIND = "ENTERPRISES";
    static final int CHUNK = 250;
    private static final Logger log = LoggerFactory.getLogger(EnterpriseImporter.class);

    private final EnterpriseService enterprises;
    private final RegionService regions;
    private final ImportJobs jobs;
    private final AuditLog audit;
    private final SpreadsheetReader reader;

    public EnterpriseImporter(EnterpriseService enterprises, RegionService regions, ImportJobs jobs, AuditLog audit) {
        this.enterprises = enterprises;
        this.regions = regions;
        this.jobs = jobs;
        this.audit = audit;
        this.reader = new SpreadsheetReader(SpreadsheetLimits.DEFAULT);
    }

    public SpreadsheetLimits limits() {
        return reader.limits();
    }

    /** The caller if an ALLIANCE_ADMIN, else 403 (checked before the upload is read). */
    public static Mono<Caller> requireAdmin(Caller caller) {
        return caller.has(Role.ALLIANCE_ADMIN) ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅联盟管理员可导入成员单位"));
    }

    /**
     * Reads, validates and imports the upload; answers the report. Runs to its end even when the client goes away
     * (the job then shows the outcome).
     */
    public Mono<ImportReport> importEnterprises(Caller caller, SpreadsheetUpload upload) {
        long started = System.nanoTime();
        Mono<ImportReport> work = requireAdmin(caller)
                .then(Mono.fromCallable(() -> reader.read(upload.content(), EnterpriseImportColumns.HEADERS))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(sheet -> {
                    log.info("Enterprise import: {} rows read from {} ({} bytes) in {} ms", sheet.rows().size(), upload.fileName(),
                            upload.content().length, (System.nanoTime() - started) / 1_000_000);
                    return run(caller, upload.fileName(), sheet);
                })
                .doOnSuccess(r -> log.info("Enterprise import {}: {} rows, {} imported, {} rejected in {} ms", r.jobId(), r.total(),
                        r.imported(), r.rejected(), (System.nanoTime() - started) / 1_000_000));
        return Mono.defer(() -> Mono.fromFuture(work.toFuture(), true));
    }

    private Mono<ImportReport> run(Caller caller, String fileName, SheetData sheet) {
        Scope scope = Scope.of(caller);
        int total = sheet.rows().size();
        return jobs.start(caller, KIND, fileName, total).flatMap(jobId ->
                Mono.zip(enterprises.locations(scope), enterprises.registered(scope, EnterpriseRows.creditCodes(sheet.rows())))
                        .map(t -> EnterpriseRows.validate(sheet.rows(), t.getT1(), t.getT2()))
                        .flatMap(verdicts -> insertAll(caller, jobId, verdicts))
                        .flatMap(report -> jobs.finish(caller, jobId, total, report.imported(), report.rejected(), report.errors())
                                .then(audit.record(caller, "ENTERPRISES_IMPORTED", "import_job", jobId, null, Result.SUCCESS,
                                        summary(fileName, total, report.imported(), report.rejected())))
                                .thenReturn(report))
                        .onErrorResume(e -> {
                            log.error("Enterprise import {} failed", jobId, e);
                            return jobs.fail(caller, jobId, "导入中断，已导入的行保留；重新上传同一文件只会导入其余的行")
                                    .then(audit.record(caller, "ENTERPRISES_IMPORTED", "import_job", jobId, null, Result.FAILURE,
                                            summary(fileName, total, -1, -1)))
                                    .onErrorResume(x -> Mono.empty())
                                    .then(Mono.error(e));
                        }));
    }

    private static Map<String, Object> summary(String fileName, int total, int imported, int rejected) {
        Map<String, Object> details = new HashMap<>();
        details.put("fileName", String.valueOf(fileName));
        details.put("total", total);
        if (imported >= 0) {
            details.put("imported", imported);
            details.put("rejected", rejected);
        }
        return details;
    }

    private Mono<ImportReport> insertAll(Caller caller, String jobId, List<EnterpriseRows.Verdict> verdicts) {
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<ImportError> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        return Flux.fromIterable(verdicts).buffer(CHUNK)
                .concatMap(chunk -> {
                    List<EnterpriseRows.Verdict> valid = chunk.stream().filter(EnterpriseRows.Verdict::valid).toList();
                    chunk.stream().filter(v -> !v.valid()).forEach(v -> {
                        rejected.incrementAndGet();
                        errors.addAll(v.errors());
                    });
                    List<EnterpriseService.ImportedEnterprise> batch = valid.stream()
                            .map(v -> new EnterpriseService.ImportedEnterprise(v.draft().profile(), v.draft().location())).toList();
                    return enterprises.insertImported(caller, batch, jobId).flatMap(inserted -> {
                        for (int i = 0; i < inserted.size(); i++) {
                            if (inserted.get(i) != null) {
                                ids.add(inserted.get(i));
                                imported.incrementAndGet();
                            } else {
                                rejected.incrementAndGet();
                                errors.add(new ImportError(valid.get(i).row(), EnterpriseImportColumns.CREDIT_CODE,
                                        "已在本联盟登记（同时进行的另一次导入已导入该企业），不重复导入"));
                            }
                        }
                        processed.addAndGet(chunk.size());
                        return jobs.progress(caller, jobId, processed.get(), imported.get(), rejected.get());
                    });
                })
                .then(Mono.fromSupplier(() -> {
                    enterprises.relayInBackground(ids);
                    List<ImportError> sorted = new ArrayList<>(errors);
                    sorted.sort(Comparator.comparingInt(ImportError::row)
                            .thenComparingInt(e -> EnterpriseImportColumns.HEADERS.indexOf(e.field())));
                    return new ImportReport(imported.get(), rejected.get(), sorted, jobId, verdicts.size());
                }));
    }

    /**
     * The template: the header row in the contract's order (required columns highlighted, a drop-down for 企业类型,
     * text-formatted so codes and phones stay as typed), an instructions sheet, and the alliance's place names.
     */
    public Mono<byte[]> template(Caller caller) {
        return requireAdmin(caller).flatMap(c -> Mono.zip(regions.tree(c, null), regions.catalogue(Scope.of(c))))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> writeTemplate(t.getT1(), t.getT2()));
    }

    static byte[] writeTemplate(List<LocationViews.RegionNode> tree, LocationCatalogue catalogue) {
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            w.sheet("成员单位", EnterpriseImportColumns.TEMPLATE)
                    .dropDown(EnterpriseImportColumns.HEADERS.indexOf(EnterpriseImportColumns.TYPE), EnterpriseImportColumns.TYPE_LABELS,
                            SpreadsheetLimits.DEFAULT.maxRows());
            w.instructions("填写说明", "成员单位批量导入说明", List.of(
                    "1. 在“成员单位”工作表中每行填写一家企业，第一行表头请勿修改、删除或调整列名。",
                    "2. 深红色表头为必填列：企业名称、统一社会信用代码、企业类型、所属行业、从业人数、区、街道；灰色表头为选填列。",
                    "3. 统一社会信用代码为 18 位，系统会核对最后一位校验码；同一文件中不能重复，已在本联盟登记的企业不会重复导入。",
                    "4. 企业类型从下拉列表选择：" + String.join("、", EnterpriseImportColumns.TYPE_LABELS) + "。",
                    "5. 从业人数、正式党员人数填不小于 0 的整数，正式党员人数不能超过从业人数。",
                    "6. 区、街道、社区、园区、楼宇须与本联盟已登记的名称完全一致（见“地点参考”工作表）；社区须属于所填街道，"
                            + "楼宇位于园区内时园区可不填，填写时须一致。",
                    "7. 联系电话填手机号（如 13812345678）或带区号的固定电话（如 021-12345678）。",
                    "8. 文件须为 .xlsx 格式，不超过 10 MiB、20000 行。有问题的行不会导入，其余行照常导入；导入结果会列出每个问题所在的行号、列和原因。",
                    "9. 导入的企业暂不开通管理员账户，可在成员单位详情中逐个开通。"));
            SpreadsheetWriter.Sheet places = w.sheet("地点参考", List.of(Column.value("类别", 8), Column.value("名称", 24),
                    Column.value("所属", 30)));
            for (LocationViews.RegionNode district : tree) {
                places.row("区", district.name(), null);
                for (LocationViews.RegionNode street : district.children()) {
                    places.row("街道", street.name(), district.name());
                    for (LocationViews.RegionNode community : street.children()) {
                        places.row("社区", community.name(), district.name() + " / " + street.name());
                    }
                }
            }
            for (Place park : catalogue.parks()) {
                places.row("园区", park.name(), null);
            }
            for (Place building : catalogue.buildings()) {
                places.row("楼宇", building.name(), catalogue.parkById(building.parkId()).map(Place::name).orElse(null));
            }
            return w.toBytes();
        }
    }

    /** The stored row problems of a job as a workbook (行号, 列, 问题) for the office to fix the file. */
    public Mono<byte[]> errorReport(Caller caller, String jobId) {
        return jobs.get(caller, jobId).publishOn(Schedulers.boundedElastic()).map(job -> {
            try (SpreadsheetWriter w = new SpreadsheetWriter()) {
                SpreadsheetWriter.Sheet s = w.sheet("导入问题", List.of(Column.value("行号", 8), Column.value("列", 18), Column.value("问题", 70)));
                job.errors().forEach(e -> s.row(e.row(), e.field(), e.message()));
                if (job.errorsTruncated()) {
                    s.row(null, null, "（仅列出前 " + ImportJobs.STORED_ERRORS + " 条问题）");
                }
                return w.toBytes();
            }
        });
    }
}
