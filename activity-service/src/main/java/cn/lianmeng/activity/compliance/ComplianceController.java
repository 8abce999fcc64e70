package cn.lianmeng.activity.compliance;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/compliance")
@Tag(name = "会议落实情况", description = "三会一课、主题党日、组织生活会、民主评议的落实情况（按联盟设定的频次，来自活动记录）")
public class ComplianceController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ComplianceService compliance;
    private final ComplianceExport export;

    public ComplianceController(ComplianceService compliance, ComplianceExport export) {
        this.compliance = compliance;
        this.export = export;
    }

    @GetMapping
    @Operation(summary = "各党组织在某月/季度/年度应开会议的召开情况（联盟管理员：全联盟；企业管理员：本单位；支部管理员：本组织及下级；挂联干部：所辖园区楼宇）", responses = {
            @ApiResponse(responseCode = "200", description = "汇总与分页明细：HELD 已召开，MISSED 未召开（期已过），DUE 本期尚未召开，UPCOMING 未到期"),
            @ApiResponse(responseCode = "400", description = "period 或 status 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "党员、审计员无权查看")})
    public Mono<ComplianceService.Report> report(@RequestParam(required = false) String period,
                                                 @RequestParam(required = false) String tenantId,
                                                 @RequestParam(required = false) String orgId,
                                                 @RequestParam(required = false) String status,
                                                 @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, "name", Set.of("name"), "name");
        return Callers.current().flatMap(c -> compliance.report(c, period, tenantId, orgId, status, query));
    }

    @GetMapping("/export")
    @Operation(summary = "导出会议落实情况（.xlsx，用于向上报送）：汇总表与全部党组织明细，范围与筛选同上（不分页）", responses = {
            @ApiResponse(responseCode = "200", description = "工作簿，文件名按 RFC 6266 / RFC 5987 编码",
                    content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))),
            @ApiResponse(responseCode = "400", description = "period 或 status 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "党员、审计员无权导出"),
            @ApiResponse(responseCode = "404", description = "单位或党组织不存在或不在调用者范围内")})
    public Mono<ResponseEntity<Flux<DataBuffer>>> export(@RequestParam(required = false) String period,
                                                         @RequestParam(required = false) String tenantId,
                                                         @RequestParam(required = false) String orgId,
                                                         @RequestParam(required = false) String status) {
        return Callers.current().flatMap(c -> export.export(c, period, tenantId, orgId, status))
                .map(w -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(XLSX))
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(w.fileName(), w.fallbackName()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentLength(w.size())
                        .body(DataBufferUtils.read(w.file(), DefaultDataBufferFactory.sharedInstance, 64 * 1024)
                                .doFinally(s -> ComplianceExport.delete(w.file()))));
    }

    /**
     * {@code attachment; filename="fallback.xlsx"; filename*=UTF-8''%E4%BC%9A…} — RFC 6266 with the RFC 5987 encoding
     * of the real (Chinese) name; browsers use {@code filename*}.
     */
    static String attachment(String fileName, String fallback) {
        String ascii = fallback.replaceAll("[^A-Za-z0-9._-]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
