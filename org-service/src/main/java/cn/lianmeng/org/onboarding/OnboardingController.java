package cn.lianmeng.org.onboarding;

import java.util.Optional;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
@RequestMapping("/api/org/onboarding/applications")
@Tag(name = "入盟申请", description = "企业自行申请（无需登录）或联盟管理员代为登记；联盟管理员审批：通过即开通成员单位及其管理员账户，驳回须说明原因")
public class OnboardingController {

    private final OnboardingService onboarding;

    public OnboardingController(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    /** The verified caller when the request carries a token, else empty (public application). */
    private static Mono<Optional<Caller>> optionalCaller() {
        return Callers.current().map(Optional::of)
                .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.UNAUTHORIZED ? Mono.just(Optional.empty()) : Mono.error(e));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "提交入盟申请：企业无需登录，用 allianceCode 指明联盟（来源 APPLIED）；联盟管理员携带令牌代为登记受邀企业（来源 INVITED）",
            responses = {
                    @ApiResponse(responseCode = "201", description = "已提交，待联盟管理员审核"),
                    @ApiResponse(responseCode = "400", description = "字段校验失败：统一社会信用代码校验位、联盟代码、区街道等地点名称……"),
                    @ApiResponse(responseCode = "401", description = "携带的令牌无效"),
                    @ApiResponse(responseCode = "403", description = "携带令牌但不是联盟管理员"),
                    @ApiResponse(responseCode = "409", description = "该信用代码已在本联盟登记，或已有待审核的申请"),
                    @ApiResponse(responseCode = "429", description = "提交过于频繁")})
    public Mono<ApplicationView> submit(@Valid @RequestBody OnboardingRequests.Apply body) {
        return optionalCaller().flatMap(c -> onboarding.submit(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出本联盟的入盟申请（ALLIANCE_ADMIN），可按状态筛选；默认最新提交在前", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "状态、分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<PageResult<ApplicationView>> list(@RequestParam(required = false) String status,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size,
                                                  @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, OnboardingService.SORTABLE, "submittedAt,desc");
        return Callers.current().flatMap(c -> onboarding.list(c, status, query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看入盟申请（ALLIANCE_ADMIN）", responses = {
            @ApiResponse(responseCode = "200", description = "申请"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<ApplicationView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> onboarding.get(c, id));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "通过入盟申请（ALLIANCE_ADMIN）：开通成员单位及其企业党组织管理员账户（首次登录须改密码），初始密码只返回这一次；须带当前 version",
            responses = {
                    @ApiResponse(responseCode = "200", description = "已通过；adminAccount 含初始密码"),
                    @ApiResponse(responseCode = "400", description = "申请中的地点已不存在，或管理员用户名格式不正确"),
                    @ApiResponse(responseCode = "401", description = "未登录"),
                    @ApiResponse(responseCode = "403", description = "非联盟管理员"),
                    @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟"),
                    @ApiResponse(responseCode = "409", description = "已审批过、版本冲突、正在由他人审批，或信用代码/用户名已被占用")})
    public Mono<OnboardingService.Approved> approve(@PathVariable String id, @Valid @RequestBody OnboardingRequests.Approve body) {
        return Callers.current().flatMap(c -> onboarding.approve(c, id, body));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "驳回入盟申请（ALLIANCE_ADMIN）：须说明原因，须带当前 version", responses = {
            @ApiResponse(responseCode = "200", description = "已驳回"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "已审批过、版本冲突或正在由他人审批")})
    public Mono<ApplicationView> reject(@PathVariable String id, @Valid @RequestBody OnboardingRequests.Reject body) {
        return Callers.current().flatMap(c -> onboarding.reject(c, id, body));
    }
}
