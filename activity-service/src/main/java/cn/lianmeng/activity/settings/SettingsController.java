package cn.lianmeng.activity.settings;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/settings")
@Tag(name = "活动设置", description = "联盟级设置：签到与积分开关（反形式主义，可关闭）、签到时间窗、会议频次")
public class SettingsController {

    private final SettingsService settings;

    public SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "查看本联盟的活动设置（本联盟任一角色）", responses = {
            @ApiResponse(responseCode = "200", description = "设置（未修改过时为默认值，version 为 0）"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<AllianceSettings> get() {
        return Callers.require(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF, Role.MEMBER)
                .flatMap(c -> settings.get(c.allianceId()));
    }

    @PutMapping
    @Operation(summary = "修改本联盟的活动设置（ALLIANCE_ADMIN）；须带当前 version（首次为 0）", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<AllianceSettings> update(@Valid @RequestBody SettingsService.Update body) {
        return Callers.current().flatMap(c -> settings.update(c, body));
    }
}
