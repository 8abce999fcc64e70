package cn.lianmeng.org.enterprise;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/org/enterprises")
@Tag(name = "成员单位", description = "成员企业（租户）的登记、查询、修改、暂停、恢复、退出，党建指导员与企业管理员账户")
public class EnterpriseController {

    private final EnterpriseService enterprises;

    public EnterpriseController(EnterpriseService enterprises) {
        this.enterprises = enterprises;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "登记成员单位到调用者的联盟（ALLIANCE_ADMIN）；同时开通企业党组织管理员账户，初始密码只返回这一次", responses = {
            @ApiResponse(responseCode = "201", description = "已登记"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（含统一社会信用代码校验位，以及本联盟没有的区、街道、社区、园区、楼宇）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "信用代码已在本联盟登记，或管理员用户名已被占用"),
            @ApiResponse(responseCode = "413", description = "请求体过大")})
    public Mono<EnterpriseService.Registered> register(@Valid @RequestBody EnterpriseRequests.Register body) {
        return Callers.current().flatMap(c -> enterprises.register(c, body, null));
    }

    @GetMapping
    @Operation(summary = "分页列出范围内的成员单位（联盟管理员：本联盟；企业管理员：本企业；挂联干部：所辖园区楼宇）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<EnterpriseView>> list(@RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size,
                                                 @RequestParam(required = false) String sort,
                                                 @RequestParam(required = false) String status,
                                                 @RequestParam(required = false) String district,
                                                 @RequestParam(required = false) String street,
                                                 @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String q,
                                                 @RequestParam(required = false) String districtId,
                                                 @RequestParam(required = false) String streetId,
                                                 @RequestParam(required = false) String communityId,
                                                 @RequestParam(required = false) String parkId,
                                                 @RequestParam(required = false) String buildingId,
                                                 @RequestParam(required = false) String operatingStatus) {
        PageQuery query = PageQuery.of(page, size, sort, EnterpriseService.SORTABLE, "name");
        return Callers.current().flatMap(c -> enterprises.list(c, new EnterpriseService.ListFilter(status, district, street, type, q,
                districtId, streetId, communityId, parkId, buildingId, operatingStatus), query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看成员单位", responses = {
            @ApiResponse(responseCode = "200", description = "成员单位"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在调用者范围内（包括其他租户）")})
    public Mono<EnterpriseView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> enterprises.get(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改成员单位资料（联盟管理员，或本企业管理员）；须带当前 version", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<EnterpriseView> update(@PathVariable String id, @Valid @RequestBody EnterpriseRequests.Update body) {
        return Callers.current().flatMap(c -> enterprises.update(c, id, body));
    }

    @PostMapping("/{id}/suspend")
    @Operation(summary = "暂停成员单位（ALLIANCE_ADMIN）；暂停后其账户不能登录，历史保留", responses = {
            @ApiResponse(responseCode = "200", description = "已暂停"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "当前状态不能暂停")})
    public Mono<EnterpriseView> suspend(@PathVariable String id, @Valid @RequestBody EnterpriseRequests.StatusChange body) {
        return Callers.current().flatMap(c -> enterprises.suspend(c, id, body.reason()));
    }

    @PostMapping("/{id}/reactivate")
    @Operation(summary = "恢复已暂停的成员单位（ALLIANCE_ADMIN）", responses = {
            @ApiResponse(responseCode = "200", description = "已恢复"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "当前状态不能恢复")})
    public Mono<EnterpriseView> reactivate(@PathVariable String id, @Valid @RequestBody EnterpriseRequests.StatusChange body) {
        return Callers.current().flatMap(c -> enterprises.reactivate(c, id, body.reason()));
    }

    @PostMapping("/{id}/leave")
    @Operation(summary = "成员单位退出联盟（ALLIANCE_ADMIN）；须说明原因。历史记录保留，其账户不能再登录；可用“恢复”重新入盟", responses = {
            @ApiResponse(responseCode = "200", description = "已退出"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "已退出")})
    public Mono<EnterpriseView> leave(@PathVariable String id, @Valid @RequestBody EnterpriseRequests.StatusChange body) {
        return Callers.current().flatMap(c -> enterprises.leave(c, id, body.reason()));
    }

    @PutMapping("/{id}/instructor")
    @Operation(summary = "指定党建指导员（ALLIANCE_ADMIN）：本联盟的挂联干部账户；须带当前 version", responses = {
            @ApiResponse(responseCode = "200", description = "已指定"),
            @ApiResponse(responseCode = "400", description = "accountId 不是本联盟的挂联干部账户"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "成员单位不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或成员单位已退出")})
    public Mono<EnterpriseView> assignInstructor(@PathVariable String id, @Valid @RequestBody EnterpriseRequests.AssignInstructor body) {
        return Callers.current().flatMap(c -> enterprises.assignInstructor(c, id, body));
    }

    @DeleteMapping("/{id}/instructor")
    @Operation(summary = "撤销党建指导员（ALLIANCE_ADMIN）；须带当前 version（查询参数）", responses = {
            @ApiResponse(responseCode = "200", description = "已撤销"),
            @ApiResponse(responseCode = "400", description = "缺少 version"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "成员单位不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突，或没有党建指导员")})
    public Mono<EnterpriseView> unassignInstructor(@PathVariable String id, @RequestParam(required = false) Long version) {
        return Callers.current().flatMap(c -> enterprises.unassignInstructor(c, id, version));
    }

    @PostMapping("/{id}/admin-account")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "为没有管理员账户的成员单位（如批量导入的）开通企业党组织管理员账户（ALLIANCE_ADMIN）；"
            + "用户名默认为统一社会信用代码，初始密码只返回这一次，首次登录须修改", responses = {
            @ApiResponse(responseCode = "201", description = "已开通"),
            @ApiResponse(responseCode = "400", description = "用户名格式不正确"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "成员单位不存在或不在范围内"),
            @ApiResponse(responseCode = "409", description = "已有管理员账户、用户名已被占用或成员单位已退出")})
    public Mono<EnterpriseService.IssuedAdmin> issueAdminAccount(@PathVariable String id,
                                                                 @Valid @RequestBody(required = false) EnterpriseRequests.IssueAdminAccount body) {
        return Callers.current().flatMap(c -> enterprises.issueAdminAccount(c, id, body == null ? null : body.adminUsername()));
    }
}
