package cn.lianmeng.org.dormancy;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import cn.lianmeng.org.dormancy.WarningViews.ActivityStatus;
import cn.lianmeng.org.dormancy.WarningViews.MemberWarning;
import cn.lianmeng.org.dormancy.WarningViews.OrgWarning;
import cn.lianmeng.org.dormancy.WarningViews.Summary;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "防瘫预警", description = "依据实际活动、会议、出勤和组织信息自动计算的党组织和党员预警（黄/橙/红），按调用者范围查看与导出")
public class WarningController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final WarningQueries warnings;

    public WarningController(WarningQueries warnings) {
        this.warnings = warnings;
    }

    @GetMapping("/api/org/warnings")
    @Operation(summary = "分页列出范围内有预警的党组织（联盟管理员：全联盟；挂联干部：所辖园区楼宇；企业管理员：本企业；支部管理员：本组织及下级），每条列出全部原因", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果，默认按预警等级从高到低"),
            @ApiResponse(responseCode = "400", description = "level、分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "党员、审计员等角色无权查看")})
    public Mono<PageResult<OrgWarning>> list(@Parameter(description = "YELLOW、ORANGE 或 RED；不填为全部有预警的组织") @RequestParam(required = false) String level,
                                             @Parameter(description = "只看某成员单位（租户）") @RequestParam(required = false) String tenantId,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @Parameter(description = "levelRank、name 或 lastActivityAt，可加 ,asc/,desc") @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, WarningQueries.SORTABLE, "levelRank,desc");
        return Callers.current().flatMap(c -> warnings.list(c, level, tenantId, query));
    }

    @GetMapping("/api/org/warnings/summary")
    @Operation(summary = "范围内党组织按预警等级计数，及党员预警人数", responses = {
            @ApiResponse(responseCode = "200", description = "计数"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<Summary> summary(@RequestParam(required = false) String tenantId) {
        return Callers.current().flatMap(c -> warnings.summary(c, tenantId));
    }

    @GetMapping("/api/org/warnings/members")
    @Operation(summary = "党员预警：满6个月未参加组织生活的党员（只显示姓名）；可按党组织筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "党组织不存在或不在范围内")})
    public Mono<PageResult<MemberWarning>> members(@RequestParam(required = false) String orgId,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size,
                                                   @Parameter(description = "name 或 warningSince") @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, WarningQueries.MEMBER_SORTABLE, "name");
        return Callers.current().flatMap(c -> warnings.members(c, orgId, query));
    }

    @GetMapping("/api/org/organisations/{id}/activity-status")
    @Operation(summary = "党组织活动状态：最近活动日期，本月/本季度/本年度及上一周期应开会议的召开情况（按联盟设定的频次），书记、任期与预警原因", responses = {
            @ApiResponse(responseCode = "200", description = "活动状态"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "党组织不存在或不在范围内（包括其他租户）")})
    public Mono<ActivityStatus> activityStatus(@PathVariable String id) {
        return Callers.current().flatMap(c -> warnings.activityStatus(c, id));
    }

    @GetMapping("/api/org/warnings/export")
    @Operation(summary = "导出范围内的预警（.xlsx：组织预警、党员预警两张表），供向上报送", responses = {
            @ApiResponse(responseCode = "200", description = "Excel 文件"),
            @ApiResponse(responseCode = "400", description = "level 无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String level,
                                               @RequestParam(required = false) String tenantId) {
        return Callers.current().flatMap(c -> warnings.export(c, level, tenantId)).map(bytes -> {
            String date = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
            return ResponseEntity.ok()
                    .contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("防瘫预警-" + date + ".xlsx", StandardCharsets.UTF_8).build().toString())
                    .body(bytes);
        });
    }
}
