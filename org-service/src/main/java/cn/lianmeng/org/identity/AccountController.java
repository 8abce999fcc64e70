package cn.lianmeng.org.identity;

import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/accounts")
@Tag(name = "账户", description = "账户管理")
public class AccountController {

    private final IdentityService identity;

    public AccountController(IdentityService identity) {
        this.identity = identity;
    }

    @PostMapping("/{id}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "解锁账户（联盟管理员：本联盟；企业管理员：本企业）", responses = {
            @ApiResponse(responseCode = "204", description = "已解锁"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "账户不存在或不在范围内")})
    public Mono<Void> unlock(@PathVariable String id) {
        return Callers.current().flatMap(caller -> identity.unlock(caller, id));
    }
}
