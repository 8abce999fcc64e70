package cn.lianmeng.org.region;

import cn.lianmeng.org.region.LocationViews.BuildingView;
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
@RequestMapping("/api/org/buildings")
@Tag(name = "楼宇", description = "联盟的楼宇（可位于某园区，可归属某区、街道）。联盟管理员维护，本联盟所有角色可查看；名称在本联盟内唯一。"
        + "楼宇不能删除（成员单位和挂联干部的分工引用它们）。")
public class BuildingController {

    private final BuildingService buildings;

    public BuildingController(BuildingService buildings) {
        this.buildings = buildings;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建楼宇（ALLIANCE_ADMIN）；位于园区且未给区、街道时沿用园区的区、街道", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（园区、区、街道不存在或不匹配；坐标超出范围）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "本联盟已有同名楼宇")})
    public Mono<BuildingView> create(@Valid @RequestBody LocationRequests.NewBuilding body) {
        return Callers.current().flatMap(c -> buildings.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出本联盟的楼宇，可按园区、区、街道、名称前缀筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<PageResult<BuildingView>> list(@RequestParam(required = false) String parkId,
                                               @RequestParam(required = false) String districtId,
                                               @RequestParam(required = false) String streetId,
                                               @Parameter(description = "名称前缀") @RequestParam(required = false) String q,
                                               @Parameter(description = "仅平台管理员：指定联盟") @RequestParam(required = false) String allianceId,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size,
                                               @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, BuildingService.SORTABLE, "name");
        return Callers.current().flatMap(c -> buildings.list(c, parkId, districtId, streetId, q, allianceId, query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看楼宇", responses = {
            @ApiResponse(responseCode = "200", description = "楼宇"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<BuildingView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> buildings.get(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改楼宇（ALLIANCE_ADMIN）；须带当前 version，未给出的可选字段将被清空。楼宇不能删除", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或本联盟已有同名楼宇")})
    public Mono<BuildingView> update(@PathVariable String id, @Valid @RequestBody LocationRequests.UpdateBuilding body) {
        return Callers.current().flatMap(c -> buildings.update(c, id, body));
    }
}
