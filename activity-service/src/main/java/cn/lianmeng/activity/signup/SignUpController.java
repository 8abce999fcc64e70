package cn.lianmeng.activity.signup;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/activities/{id}/signups")
@Tag(name = "报名", description = "限额活动的报名与候补：名额满后进入候补，有人取消时依次递补")
public class SignUpController {

    private final SignUpService signUps;

    public SignUpController(SignUpService signUps) {
        this.signUps = signUps;
    }

    @PostMapping
    @Operation(summary = "党员本人报名（身份取自令牌的 mid）；名额已满则进入候补；重复报名返回原结果", responses = {
            @ApiResponse(responseCode = "200", description = "报名成功（CONFIRMED）或候补中（WAITLISTED）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非党员或未找到党员档案"),
            @ApiResponse(responseCode = "404", description = "活动不存在或不在您的受众范围内"),
            @ApiResponse(responseCode = "409", description = "无须报名或报名已截止")})
    public Mono<SignUpService.SignUpView> signUp(@PathVariable String id) {
        return Callers.current().flatMap(c -> signUps.signUp(c, id));
    }

    @DeleteMapping("/me")
    @Operation(summary = "取消本人报名；空出的名额依次由候补递补", responses = {
            @ApiResponse(responseCode = "200", description = "已取消"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "活动或报名不存在"),
            @ApiResponse(responseCode = "409", description = "活动已结束或已取消")})
    public Mono<SignUpService.SignUpView> withdraw(@PathVariable String id) {
        return Callers.current().flatMap(c -> signUps.withdraw(c, id));
    }

    @GetMapping("/me")
    @Operation(summary = "查看本人报名状态", responses = {
            @ApiResponse(responseCode = "200", description = "报名状态（候补时含候补序号）"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "未报名或活动不可见")})
    public Mono<SignUpService.SignUpView> mine(@PathVariable String id) {
        return Callers.current().flatMap(c -> signUps.mine(c, id));
    }

    @GetMapping
    @Operation(summary = "报名名单（主办方：全部；参与方：本单位党员）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "活动不可见")})
    public Mono<PageResult<SignUpService.SignUpView>> list(@PathVariable String id,
                                                           @RequestParam(required = false) String status,
                                                           @RequestParam(required = false) Integer page,
                                                           @RequestParam(required = false) Integer size,
                                                           @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, SignUpService.SORTABLE, "createdAt");
        return Callers.current().flatMap(c -> signUps.list(c, id, status, query));
    }
}
