package cn.lianmeng.org.staff;

import cn.lianmeng.org.staff.StaffViews.HistoryEntry;
import cn.lianmeng.org.staff.StaffViews.Me;
import cn.lianmeng.org.staff.StaffViews.Provisioned;
import cn.lianmeng.org.staff.StaffViews.StaffView;
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
@RequestMapping("/api/org/staff")
@Tag(name = "挂联干部", description = "挂联干部（DISTRICT_STAFF）账户及其园区、楼宇分工（一楼一长、挂园区包企业）。"
        + "分工保存在账户上，从下次登录签发的令牌起生效；此前签发的令牌在有效期（默认 30 分钟）内仍按原分工。")
public class StaffController {

    private final StaffService staff;

    public StaffController(StaffService staff) {
        this.staff = staff;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "开通挂联干部账户（ALLIANCE_ADMIN）；初始密码只返回这一次，首次登录须修改", responses = {
            @ApiResponse(responseCode = "201", description = "已开通"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "用户名或手机号已被占用")})
    public Mono<Provisioned> provision(@Valid @RequestBody StaffRequests.NewStaff body) {
        return Callers.current().flatMap(c -> staff.provision(c, body, null));
    }

    @GetMapping
    @Operation(summary = "分页列出本联盟的挂联干部（ALLIANCE_ADMIN），手机号脱敏；可按用户名或姓名前缀、状态、园区、楼宇筛选", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页、排序或筛选参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<PageResult<StaffView>> list(@Parameter(description = "用户名或姓名前缀") @RequestParam(required = false) String q,
                                            @Parameter(description = "ACTIVE 或 DISABLED") @RequestParam(required = false) String status,
                                            @RequestParam(required = false) String parkId,
                                            @RequestParam(required = false) String buildingId,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size,
                                            @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, StaffService.SORTABLE, "username");
        return Callers.current().flatMap(c -> staff.list(c, new StaffService.ListFilter(q, status, parkId, buildingId), query));
    }

    @GetMapping("/me")
    @Operation(summary = "挂联干部查看本人当前令牌下的园区、楼宇及其中的成员单位数；assignmentChanged 为真表示分工已调整，重新登录后生效", responses = {
            @ApiResponse(responseCode = "200", description = "本人分工"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非挂联干部")})
    public Mono<Me> me() {
        return Callers.current().flatMap(staff::me);
    }

    @GetMapping("/{accountId}")
    @Operation(summary = "查看挂联干部（ALLIANCE_ADMIN）", responses = {
            @ApiResponse(responseCode = "200", description = "挂联干部"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、不是挂联干部或属于其他联盟")})
    public Mono<StaffView> get(@PathVariable String accountId) {
        return Callers.current().flatMap(c -> staff.get(c, accountId));
    }

    @PutMapping("/{accountId}/assignments")
    @Operation(summary = "设置挂联干部的园区、楼宇分工（ALLIANCE_ADMIN，整体替换）；须带当前 version。从其下次登录起生效", responses = {
            @ApiResponse(responseCode = "200", description = "已调整"),
            @ApiResponse(responseCode = "400", description = "园区或楼宇不存在于本联盟（指明 parkIds / buildingIds），或字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、不是挂联干部或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<StaffView> assign(@PathVariable String accountId, @Valid @RequestBody StaffRequests.Assignments body) {
        return Callers.current().flatMap(c -> staff.assign(c, accountId, body));
    }

    @GetMapping("/{accountId}/assignments/history")
    @Operation(summary = "挂联干部分工的调整历史（ALLIANCE_ADMIN），新的在前", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、不是挂联干部或属于其他联盟")})
    public Mono<PageResult<HistoryEntry>> history(@PathVariable String accountId,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, "version,desc", java.util.Set.of("version"), "version,desc");
        return Callers.current().flatMap(c -> staff.history(c, accountId, query));
    }

    @PostMapping("/{accountId}/disable")
    @Operation(summary = "停用挂联干部账户（ALLIANCE_ADMIN）；停用后不能登录，已签发的令牌在有效期内仍可用；分工保留", responses = {
            @ApiResponse(responseCode = "200", description = "已停用"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、不是挂联干部或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "已停用")})
    public Mono<StaffView> disable(@PathVariable String accountId, @Valid @RequestBody StaffRequests.StatusChange body) {
        return Callers.current().flatMap(c -> staff.disable(c, accountId, body.reason()));
    }

    @PostMapping("/{accountId}/enable")
    @Operation(summary = "重新启用挂联干部账户（ALLIANCE_ADMIN）", responses = {
            @ApiResponse(responseCode = "200", description = "已启用"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、不是挂联干部或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "未停用")})
    public Mono<StaffView> enable(@PathVariable String accountId, @Valid @RequestBody StaffRequests.StatusChange body) {
        return Callers.current().flatMap(c -> staff.enable(c, accountId, body.reason()));
    }
}
