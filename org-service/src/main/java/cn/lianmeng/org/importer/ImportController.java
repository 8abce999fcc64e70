package cn.lianmeng.org.importer;

import java.time.LocalDate;
import java.time.ZoneId;

import cn.lianmeng.org.spreadsheet.Downloads;
import cn.lianmeng.org.spreadsheet.SpreadsheetUpload;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "批量导入", description = "用 Excel（.xlsx）批量导入成员单位：模板下载、逐行校验与导入报告、导入进度")
public class ImportController {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final EnterpriseImporter importer;
    private final ImportJobs jobs;

    public ImportController(EnterpriseImporter importer, ImportJobs jobs) {
        this.importer = importer;
        this.jobs = jobs;
    }

    /** The multipart form, for the API documentation. */
    @Schema(name = "SpreadsheetUploadForm")
    record UploadForm(@Schema(type = "string", format = "binary", description = "按导入模板填写的 .xlsx 文件，不超过 10 MiB") String file) {
    }

    @PostMapping("/api/org/enterprises/import")
    @Operation(summary = "批量导入成员单位（ALLIANCE_ADMIN）：multipart 字段 file 上传 .xlsx；逐行校验，合格的行导入、有问题的行不导入，"
            + "返回 {imported, rejected, errors:[{row, field, message}]}。同一文件重复上传不会重复导入。导入的企业不开通管理员账户",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = UploadForm.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "导入报告（含每行的问题）"),
                    @ApiResponse(responseCode = "400", description = "没有 file 字段、表头与模板不符、文件损坏或没有数据行"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "非联盟管理员"),
                    @ApiResponse(responseCode = "413", description = "文件超过 10 MiB 或 20000 行，或解压后过大；未导入任何数据"),
                    @ApiResponse(responseCode = "415", description = "文件不是 .xlsx（按内容判断）；未导入任何数据")})
    public Mono<ImportReport> importEnterprises(ServerWebExchange exchange) {
        return Callers.current().flatMap(EnterpriseImporter::requireAdmin)
                .flatMap(c -> SpreadsheetUpload.from(exchange, importer.limits()).flatMap(upload -> importer.importEnterprises(c, upload)));
    }

    @GetMapping("/api/org/enterprises/import/template")
    @Operation(summary = "下载成员单位导入模板（ALLIANCE_ADMIN）：表头、企业类型下拉、填写说明和本联盟的地点名称", responses = {
            @ApiResponse(responseCode = "200", description = "成员单位导入模板.xlsx",
                    content = @Content(mediaType = Downloads.XLSX_TYPE)),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<ResponseEntity<byte[]>> template() {
        return Callers.current().flatMap(importer::template)
                .map(bytes -> Downloads.xlsx(bytes, "成员单位导入模板.xlsx", "enterprise-import-template.xlsx"));
    }

    @GetMapping("/api/org/imports")
    @Operation(summary = "本联盟的导入任务（ALLIANCE_ADMIN），最新的在前；进行中的任务显示进度", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果（不含逐行问题）"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<PageResult<ImportJobs.Job>> list(@RequestParam(required = false) String kind,
                                                 @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size,
                                                 @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, ImportJobs.SORTABLE, "startedAt,desc");
        return Callers.current().flatMap(c -> jobs.list(c, kind, query));
    }

    @GetMapping("/api/org/imports/{id}")
    @Operation(summary = "导入任务的进度与结果（ALLIANCE_ADMIN）：total、processed、imported、rejected、status（RUNNING/DONE/FAILED）及逐行问题", responses = {
            @ApiResponse(responseCode = "200", description = "导入任务"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<ImportJobs.Job> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> jobs.get(c, id));
    }

    @GetMapping("/api/org/imports/{id}/errors")
    @Operation(summary = "下载导入问题清单（ALLIANCE_ADMIN）：行号、列、问题", responses = {
            @ApiResponse(responseCode = "200", description = "导入问题清单.xlsx", content = @Content(mediaType = Downloads.XLSX_TYPE)),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<ResponseEntity<byte[]>> errors(@PathVariable String id) {
        String date = LocalDate.now(ZONE).toString();
        return Callers.current().flatMap(c -> importer.errorReport(c, id))
                .map(bytes -> Downloads.xlsx(bytes, "导入问题清单-" + date + ".xlsx", "import-errors-" + date + ".xlsx"));
    }
}
