package cn.lianmeng.org.alliance;

import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/alliances")
@Tag(name = "联盟", description = "党建联盟及其管理员（平台管理员）")
public class AllianceController {

    private final AllianceService alliances;

    public AllianceController(AllianceService alliances) {
        this.alliances = alliances;
    }

    public record NewAlliance(@NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
                              @NotBlank(message = "不能为空") @Pattern(regexp = "[a-z0-9-]{2,32}", message = "须为 2–32 位小写字母、数字或连字符") String code,
                              @Size(max = 100, message = "不能超过 100 字") String region) {
    }

    public record NewAllianceAccount(@NotBlank(message = "不能为空") @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String username,
                                     @Size(max = 50, message = "不能超过 50 字") String displayName,
                                     @Pattern(regexp = "1\\d{10}", message = "须为 11 位手机号") String phone,
                                     @NotNull(message = "不能为空") Role role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "创建联盟（PLATFORM_ADMIN）", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非平台管理员"),
            @ApiResponse(responseCode = "409", description = "联盟代码已存在")})
    public Mono<AllianceService.AllianceView> create(@Valid @RequestBody NewAlliance body) {
        return Callers.current().flatMap(c -> alliances.create(c, body.name().strip(), body.code(), body.region()));
    }

    @GetMapping
    @Operation(summary = "列出联盟（平台管理员：全部；其他角色：本联盟）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<PageResult<AllianceService.AllianceView>> list(@RequestParam(required = false) Integer page,
                                                               @RequestParam(required = false) Integer size,
                                                               @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, AllianceService.SORTABLE, "createdAt");
        return Callers.current().flatMap(c -> alliances.list(c, query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看联盟", responses = {
            @ApiResponse(responseCode = "200", description = "联盟"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或不在范围内")})
    public Mono<AllianceService.AllianceView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> alliances.get(c, id));
    }

    @PostMapping("/{id}/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "为联盟创建管理员或审计员账户（PLATFORM_ADMIN）；初始密码只返回这一次，首次登录须修改", responses = {
            @ApiResponse(responseCode = "201", description = "已创建，含初始密码"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非平台管理员"),
            @ApiResponse(responseCode = "404", description = "联盟不存在"),
            @ApiResponse(responseCode = "409", description = "用户名已被占用")})
    public Mono<IdentityService.Provisioned> createAccount(@PathVariable String id, @Valid @RequestBody NewAllianceAccount body) {
        return Callers.current().flatMap(c -> alliances.createAccount(c, id, body.username(), body.displayName(), body.phone(),
                body.role(), null));
    }
}
