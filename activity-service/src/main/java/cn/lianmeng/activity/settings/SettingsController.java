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
@Tag(name = "活动设置", description = "联盟级设置：签到与积分开关（反形式主义，可关闭）、签到时间窗；会议频次只读（由组织管理 /api/org/alliance-settings/meetings 统一设置）")
public class SettingsController {

    private final SettingsService settings;

    public SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "查看本联盟的活动设置（本联盟任一角色）；meetingFrequencies 与 meetingSettings 为当前生效的会议频次，只读", responses = {
            @ApiResponse(responseCode = "200", description = "设置（未修改过时为默认值，version 为 0）"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<SettingsService.SettingsView> get() {
        return Callers.require(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF, Role.MEMBER)
                .flatMap(c -> settings.get(c.allianceId())).map(SettingsService::view);
    }

    @PutMapping
    @Operation(summary = "修改本联盟的签到、积分开关与签到时间窗（ALLIANCE_ADMIN）；须带当前 version（首次为 0）。会议频次不在此修改，请求中带 meetingFrequencies 将被拒绝（400），请改用 PUT /api/org/alliance-settings/meetings", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败，或请求中带有 meetingFrequencies"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<SettingsService.SettingsView> update(@Valid @RequestBody SettingsService.Update body) {
        return Callers.current().flatMap(c -> settings.update(c, body)).map(SettingsService::view);
    }
}
