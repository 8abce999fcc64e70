package cn.lianmeng.activity.series;

import java.time.LocalDate;

import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/series")
@Tag(name = "周期活动", description = "按月（固定日期）或按周重复的活动，如每月固定日期的主题党日：提前生成、修改本次或此后全部、跳过某次、结束")
public class SeriesController {

    private final SeriesService series;

    public SeriesController(SeriesService series) {
        this.series = series;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "创建周期活动（主办组织的管理员）；立即生成约 3 个月内的各次活动（已发布）。单次修改用 PUT /activities/{id}", responses = {
            @ApiResponse(responseCode = "201", description = "已创建，含已生成的各次活动"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（含首次活动的校验）"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<SeriesService.SeriesView> create(@Valid @RequestBody SeriesService.Create body) {
        return Callers.current().flatMap(c -> series.create(c, body));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看周期活动及其各次活动", responses = {
            @ApiResponse(responseCode = "200", description = "周期活动"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内")})
    public Mono<SeriesService.SeriesView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> series.get(c, id));
    }

    @PutMapping("/{id}/occurrences/{date}/following")
    @Operation(summary = "修改该日期及之后的全部各次活动（单独改过的那几次不变），并作为今后生成的模板；须带周期活动的 version", responses = {
            @ApiResponse(responseCode = "200", description = "已修改，failed 列出未能修改的各次（如会议室冲突）"),
            @ApiResponse(responseCode = "400", description = "字段校验失败或该日期不在周期内"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突")})
    public Mono<SeriesService.EditResult> editFollowing(@PathVariable String id,
                                                        @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                        @Valid @RequestBody SeriesService.EditFollowing body) {
        return Callers.current().flatMap(c -> series.editFollowing(c, id, date, body));
    }

    @PostMapping("/{id}/occurrences/{date}/skip")
    @Operation(summary = "跳过某一次：该次活动取消（附原因）且不再生成", responses = {
            @ApiResponse(responseCode = "200", description = "已跳过"),
            @ApiResponse(responseCode = "400", description = "缺少原因或该日期不在周期内"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内")})
    public Mono<SeriesService.SeriesView> skip(@PathVariable String id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                               @Valid @RequestBody SeriesService.Reason body) {
        return Callers.current().flatMap(c -> series.skip(c, id, date, body.reason()));
    }

    @PostMapping("/{id}/end")
    @Operation(summary = "结束周期活动：不再生成，今后的各次活动取消（附原因）", responses = {
            @ApiResponse(responseCode = "200", description = "已结束"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "已结束")})
    public Mono<SeriesService.SeriesView> end(@PathVariable String id, @Valid @RequestBody SeriesService.Reason body) {
        return Callers.current().flatMap(c -> series.end(c, id, body.reason()));
    }
}
