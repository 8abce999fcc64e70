package cn.lianmeng.content.settings;

import cn.lianmeng.platform.security.Callers;
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
@RequestMapping("/api/content/settings")
@Tag(name = "内容设置", description = "联盟级开关：学习积分（默认关闭、不公开排名）、评论先审后发、禁用词")
public class SettingsController {

    private final AllianceSettings settings;

    public SettingsController(AllianceSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "本联盟的内容设置（联盟管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "设置（version 0 表示尚未保存过，使用默认值）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员")})
    public Mono<AllianceSettings.Settings> get() {
        return Callers.current().flatMap(settings::get);
    }

    @PutMapping
    @Operation(summary = "修改本联盟的内容设置（联盟管理员；须带当前 version，首次保存为 0）", responses = {
            @ApiResponse(responseCode = "200", description = "已保存"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<AllianceSettings.Settings> update(@Valid @RequestBody AllianceSettings.Update body) {
        return Callers.current().flatMap(c -> settings.update(c, body));
    }
}
