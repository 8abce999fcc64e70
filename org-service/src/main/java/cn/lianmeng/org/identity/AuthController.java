package cn.lianmeng.org.identity;

import java.util.List;

import cn.lianmeng.platform.privacy.Masking;
import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "认证", description = "登录、当前用户、修改密码")
public class AuthController {

    private final IdentityService identity;

    public AuthController(IdentityService identity) {
        this.identity = identity;
    }

    public record LoginRequest(@NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String username,
                               @NotBlank(message = "不能为空") @Size(max = 128, message = "过长") String password) {
    }

    public record ChangePasswordRequest(@NotBlank(message = "不能为空") @Size(max = 128, message = "过长") String oldPassword,
                                        @NotBlank(message = "不能为空") @Size(max = 128, message = "过长") String newPassword) {
    }

    public record Me(String accountId, String username, String displayName, String phone, String allianceId, String tenantId,
                     List<String> roles, List<String> orgIds, List<String> parkIds, List<String> buildingIds, String memberId,
                     boolean passwordChangeRequired) {
    }

    @PostMapping("/login")
    @Operation(summary = "登录（无需令牌）；连续 5 次失败锁定 30 分钟", responses = {
            @ApiResponse(responseCode = "200", description = "访问令牌（RS256 JWT，30 分钟）"),
            @ApiResponse(responseCode = "400", description = "用户名或密码为空"),
            @ApiResponse(responseCode = "401", description = "用户名或密码错误"),
            @ApiResponse(responseCode = "403", description = "账户已停用或所属单位已暂停/退出"),
            @ApiResponse(responseCode = "423", description = "账户已锁定"),
            @ApiResponse(responseCode = "429", description = "登录过于频繁（网关限流）")})
    public Mono<IdentityService.LoginResult> login(@Valid @RequestBody LoginRequest body, ServerHttpRequest request) {
        String ip = request.getRemoteAddress() == null ? null : request.getRemoteAddress().getAddress().getHostAddress();
        return identity.login(body.username().strip(), body.password(), ip);
    }

    @GetMapping("/me")
    @Operation(summary = "当前用户、角色与范围（任何已登录用户）", responses = {
            @ApiResponse(responseCode = "200", description = "当前用户"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<Me> me() {
        return Callers.current().flatMap(caller -> identity.account(caller).map(a -> new Me(a.id(), a.username(), a.displayName(),
                Masking.phone(a.phone()), a.allianceId(), a.tenantId(), a.roles().stream().map(Enum::name).sorted().toList(),
                a.orgIds(), a.parkIds(), a.buildingIds(), a.memberId(), a.mustChangePassword())));
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "修改密码（首次登录必须先修改）；新密码至少 8 位且含字母、数字和符号", responses = {
            @ApiResponse(responseCode = "204", description = "已修改；请重新登录获取新令牌"),
            @ApiResponse(responseCode = "400", description = "原密码错误或新密码不符合规则"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<Void> changePassword(@Valid @RequestBody ChangePasswordRequest body) {
        return Callers.current().flatMap(caller -> identity.changePassword(caller, body.oldPassword(), body.newPassword()));
    }
}
