package cn.lianmeng.org.dormancy;

import cn.lianmeng.org.dormancy.MeetingSettingsService.SettingsView;
import cn.lianmeng.org.dormancy.MeetingSettingsService.UpdateRequest;
import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/org/alliance-settings/meetings")
@Tag(name = "会议频次", description = "联盟的三会一课等会议频次及适用组织类型（默认：党员大会每季度、支委会每月、党小组会每月、党课每季度、主题党日每月、组织生活会和民主评议每年）")
public class MeetingSettingsController {

    private final MeetingSettingsService settings;

    public MeetingSettingsController(MeetingSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "查看本联盟的会议频次（version 为 0 表示仍是默认值）", responses = {
            @ApiResponse(responseCode = "200", description = "会议频次"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<SettingsView> get() {
        return Callers.current().flatMap(settings::get);
    }

    @PutMapping
    @Operation(summary = "修改会议频次（ALLIANCE_ADMIN）；只需列出要修改的会议类型，须带当前 version；修改后全联盟预警随即重新计算", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "会议类型、频次或组织类型无效（errors[] 指明字段）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<SettingsView> update(@RequestBody UpdateRequest body) {
        return Callers.current().flatMap(c -> settings.update(c, body));
    }
}
