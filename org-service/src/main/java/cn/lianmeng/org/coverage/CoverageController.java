package cn.lianmeng.org.coverage;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageResult;
import cn.lianmeng.org.spreadsheet.Downloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/coverage")
@Tag(name = "两个覆盖", description = "组织覆盖、单独组建、工作覆盖与应建未建：按联盟、区、街道、园区、楼宇统计，每个数字都可点开企业名单")
public class CoverageController {

    private final CoverageService coverage;
    private final CoverageExport export;

    public CoverageController(CoverageService coverage, CoverageExport export) {
        this.coverage = coverage;
        this.export = export;
    }

    @GetMapping
    @Operation(summary = "某一范围的覆盖情况（联盟管理员：本联盟任一范围；挂联干部：所辖园区楼宇，以及其所在区、街道中的挂联部分）",
            description = "比率为 0 到 1 的小数；纳入统计企业数为 0 时比率为 0。工作覆盖率为本平台口径（无官方公式），workCoverageBasis 说明是否已计入活动数据。",
            responses = {
                    @ApiResponse(responseCode = "200", description = "覆盖情况"),
                    @ApiResponse(responseCode = "400", description = "scopeType 或 scopeId 无效"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "角色无权（仅联盟管理员、挂联干部）"),
                    @ApiResponse(responseCode = "404", description = "范围不存在或不在调用者范围内")})
    public Mono<CoverageViews.Summary> summary(
            @Parameter(description = "ALLIANCE、DISTRICT、STREET、PARK 或 BUILDING，缺省为 ALLIANCE") @RequestParam(required = false) String scopeType,
            @Parameter(description = "区、街道、园区或楼宇的编号；ALLIANCE 可省略") @RequestParam(required = false) String scopeId) {
        return Callers.current().flatMap(c -> coverage.summary(c, scopeType, scopeId));
    }

    @GetMapping("/enterprises")
    @Operation(summary = "某一数字背后的企业名单（分页）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "scopeType、scopeId、facet 或分页参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "范围不存在或不在调用者范围内")})
    public Mono<PageResult<CoverageViews.EnterpriseRow>> enterprises(
            @RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId,
            @Parameter(description = "all、inScope（缺省）、organisationCovered、singleEstablished、workCovered、shouldEstablish、notCovered")
            @RequestParam(required = false) String facet,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort) {
        return Callers.current().flatMap(c -> coverage.enterprises(c, scopeType, scopeId, facet, page, size, sort));
    }

    @GetMapping("/export")
    @Operation(summary = "导出覆盖统计表（.xlsx）：汇总（含分子分母与口径）、按区/街道/园区/楼宇分组、企业明细", responses = {
            @ApiResponse(responseCode = "200", description = "工作簿，文件名按 RFC 5987 编码"),
            @ApiResponse(responseCode = "400", description = "scopeType 或 scopeId 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "范围不存在或不在调用者范围内")})
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String scopeType,
                                               @RequestParam(required = false) String scopeId) {
        return Callers.current().flatMap(c -> export.export(c, scopeType, scopeId))
                .map(w -> Downloads.xlsx(w.bytes(), w.fileName(), w.fallbackName()));
    }
}
