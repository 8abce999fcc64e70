package cn.lianmeng.activity.compliance;

import java.util.Set;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/compliance")
@Tag(name = "会议落实情况", description = "三会一课、主题党日、组织生活会、民主评议的落实情况（按联盟设定的频次，来自活动记录）")
public class ComplianceController {

    private final ComplianceService compliance;

    public ComplianceController(ComplianceService compliance) {
        this.compliance = compliance;
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
}
