package cn.lianmeng.org.enterprise;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
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
@RequestMapping("/api/org/enterprises")
@Tag(name = "成员单位", description = "成员企业（租户）的登记、查询、修改、暂停与恢复")
public class EnterpriseController {

    private final EnterpriseService enterprises;

    public EnterpriseController(EnterpriseService enterprises) {
        this.enterprises = enterprises;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "登记成员单位到调用者的联盟（ALLIANCE_ADMIN）；同时开通企业党组织管理员账户，初始密码只返回这一次", responses = {
            @ApiResponse(responseCode = "201", description = "已登记"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（含统一社会信用代码校验位）"),
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
                                                 @RequestParam(required = false) String q) {
        PageQuery query = PageQuery.of(page, size, sort, EnterpriseService.SORTABLE, "name");
        return Callers.current().flatMap(c -> enterprises.list(c, new EnterpriseService.ListFilter(status, district, street, type, q), query));
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
}
