package cn.lianmeng.org.region;

import java.util.List;

import cn.lianmeng.org.region.LocationViews.RegionNode;
import cn.lianmeng.org.region.LocationViews.RegionView;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/regions")
@Tag(name = "区域", description = "区 → 街道 → 社区 三级区域。联盟管理员维护，本联盟所有角色可查看。"
        + "区域不能删除（成员单位和历史记录引用它们）；层级和上级在创建后不可更改，名称、代码、坐标可修改。")
public class RegionController {

    private final RegionService regions;

    public RegionController(RegionService regions) {
        this.regions = regions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建区域（ALLIANCE_ADMIN）：区无上级；街道的上级须为区，社区的上级须为街道；同一上级下名称唯一", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（含上级不存在或层级不符，指明 parentId；坐标超出范围）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "同一上级下已有同名区域")})
    public Mono<RegionView> create(@Valid @RequestBody LocationRequests.NewRegion body) {
        return Callers.current().flatMap(c -> regions.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出本联盟的区域，可按层级和上级筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页、排序或层级参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<PageResult<RegionView>> list(@Parameter(description = "DISTRICT、STREET 或 COMMUNITY") @RequestParam(required = false) String level,
                                             @RequestParam(required = false) String parentId,
                                             @Parameter(description = "仅平台管理员：指定联盟") @RequestParam(required = false) String allianceId,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, RegionService.SORTABLE, "name");
        return Callers.current().flatMap(c -> regions.list(c, level, parentId, allianceId, query));
    }

    @GetMapping("/tree")
    @Operation(summary = "本联盟的完整区域树（区 → 街道 → 社区，按名称排序）", responses = {
            @ApiResponse(responseCode = "200", description = "区域树"),
            @ApiResponse(responseCode = "400", description = "平台管理员未指定联盟"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<List<RegionNode>> tree(@Parameter(description = "仅平台管理员：指定联盟") @RequestParam(required = false) String allianceId) {
        return Callers.current().flatMap(c -> regions.tree(c, allianceId));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看区域", responses = {
            @ApiResponse(responseCode = "200", description = "区域"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<RegionView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> regions.get(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改区域的名称、代码、坐标（ALLIANCE_ADMIN）；须带当前 version。区域不能删除", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或同一上级下已有同名区域")})
    public Mono<RegionView> update(@PathVariable String id, @Valid @RequestBody LocationRequests.UpdateRegion body) {
        return Callers.current().flatMap(c -> regions.update(c, id, body));
    }
}
