package cn.lianmeng.activity.activity;

import java.time.OffsetDateTime;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/activities")
@Tag(name = "活动", description = "三会一课、主题党日、联建活动等：创建、发布、修改、取消、标记已举行、会议记录、联建邀请与会议室预订")
public class ActivityController {

    private final ActivityService activities;

    public ActivityController(ActivityService activities) {
        this.activities = activities;
    }

    public record RoomBooking(@NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String roomId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "创建活动（联盟/企业/支部管理员，主办组织须在管理范围内）；invitedOrgIds 非空即为联建活动；publish=true 直接发布", responses = {
            @ApiResponse(responseCode = "201", description = "已创建（草稿或已发布）"),
            @ApiResponse(responseCode = "400", description = "字段校验失败：结束早于开始、开始已过、名额 ≤ 0、党组织不存在或不在范围内、邀请了其他联盟的组织、会议室不在开放时间或容量不足"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权（含非联盟管理员面向联盟全体）"),
            @ApiResponse(responseCode = "404", description = "会议室不存在或属于其他联盟"),
            @ApiResponse(responseCode = "409", description = "会议室在该时段已被预订")})
    public Mono<ActivityView> create(@Valid @RequestBody ActivityRequests.Create body) {
        return Callers.current().flatMap(c -> activities.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出调用者可见的活动（管理员：管理范围及受邀的联建活动；挂联干部：所辖园区楼宇；党员：本人所在受众）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权（审计员）")})
    public Mono<PageResult<ActivityView>> list(@RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size,
                                               @RequestParam(required = false) String sort,
                                               @RequestParam(required = false) String status,
                                               @RequestParam(required = false) String type,
                                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                                               @RequestParam(required = false) String orgId,
                                               @RequestParam(required = false) String tenantId) {
        PageQuery query = PageQuery.of(page, size, sort, ActivityService.SORTABLE, "startAt");
        return Callers.current().flatMap(c -> activities.list(c, new ActivityService.ListFilter(status, type, from, to, orgId, tenantId), query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看活动；联建活动只对参与组织可见，参与方只看到本方考勤，主办方看到全部", responses = {
            @ApiResponse(responseCode = "200", description = "活动"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或调用者无权看到（含其他租户、未参与的联建活动）")})
    public Mono<ActivityView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> activities.get(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改草稿或已发布的活动（主办方管理员，须带 version）；修改已发布活动会发出 ActivityChanged 通知受众；改时间时会议室随之改订", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "版本冲突、状态不允许修改，或会议室在新时间已被预订")})
    public Mono<ActivityView> update(@PathVariable String id, @Valid @RequestBody ActivityRequests.Update body) {
        return Callers.current().flatMap(c -> activities.update(c, id, body));
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "发布草稿（DRAFT → SCHEDULED），发出 ActivityScheduled", responses = {
            @ApiResponse(responseCode = "200", description = "已发布"),
            @ApiResponse(responseCode = "400", description = "开始时间已过"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "状态不允许")})
    public Mono<ActivityView> publish(@PathVariable String id) {
        return Callers.current().flatMap(c -> activities.publish(c, id));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "开始活动（SCHEDULED → IN_PROGRESS；首位成员签到时也会自动开始）", responses = {
            @ApiResponse(responseCode = "200", description = "进行中"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "状态不允许或尚未到时间")})
    public Mono<ActivityView> start(@PathVariable String id) {
        return Callers.current().flatMap(c -> activities.start(c, id));
    }

    @PostMapping("/{id}/hold")
    @Operation(summary = "标记为已举行（开始后）：按参与组织统计出席、迟到、请假、缺席（支部党员大会另判定是否过半数正式党员到会），发出 ActivityHeld", responses = {
            @ApiResponse(responseCode = "200", description = "已举行，含考勤统计"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "状态不允许或尚未开始")})
    public Mono<ActivityView> hold(@PathVariable String id) {
        return Callers.current().flatMap(c -> activities.hold(c, id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "取消活动（须说明原因），释放会议室，已发布的活动发出 ActivityCancelled", responses = {
            @ApiResponse(responseCode = "200", description = "已取消"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "已举行或已取消")})
    public Mono<ActivityView> cancel(@PathVariable String id, @Valid @RequestBody ActivityRequests.Cancel body) {
        return Callers.current().flatMap(c -> activities.cancel(c, id, body.reason()));
    }

    @PutMapping("/{id}/minutes")
    @Operation(summary = "记录会议记录（已举行后；议题、内容、决议、附件引用），须带 version", responses = {
            @ApiResponse(responseCode = "200", description = "已记录"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "尚未举行或版本冲突")})
    public Mono<ActivityView> minutes(@PathVariable String id, @Valid @RequestBody ActivityRequests.Minutes body) {
        return Callers.current().flatMap(c -> activities.recordMinutes(c, id, body));
    }

    @PostMapping("/{id}/invitations")
    @Operation(summary = "邀请其他单位的党组织共建（主办方管理员；只能邀请本联盟的组织）", responses = {
            @ApiResponse(responseCode = "200", description = "已邀请"),
            @ApiResponse(responseCode = "400", description = "组织不存在（含其他联盟的组织）或已在活动中"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "不存在或不可见"),
            @ApiResponse(responseCode = "409", description = "状态不允许")})
    public Mono<ActivityView> invite(@PathVariable String id, @Valid @RequestBody ActivityRequests.Invite body) {
        return Callers.current().flatMap(c -> activities.invite(c, id, body.orgIds()));
    }

    @PostMapping("/{id}/invitations/{orgId}/accept")
    @Operation(summary = "受邀组织接受联建邀请（该组织的管理员）；其党员随即成为受众", responses = {
            @ApiResponse(responseCode = "200", description = "已接受"),
            @ApiResponse(responseCode = "403", description = "不是受邀组织的管理员"),
            @ApiResponse(responseCode = "404", description = "活动或邀请不存在"),
            @ApiResponse(responseCode = "409", description = "状态不允许或已谢绝")})
    public Mono<ActivityView> accept(@PathVariable String id, @PathVariable String orgId) {
        return Callers.current().flatMap(c -> activities.respond(c, id, orgId, true, null));
    }

    @PostMapping("/{id}/invitations/{orgId}/decline")
    @Operation(summary = "受邀组织谢绝联建邀请（可附原因）", responses = {
            @ApiResponse(responseCode = "200", description = "已谢绝"),
            @ApiResponse(responseCode = "403", description = "不是受邀组织的管理员"),
            @ApiResponse(responseCode = "404", description = "活动或邀请不存在"),
            @ApiResponse(responseCode = "409", description = "状态不允许")})
    public Mono<ActivityView> decline(@PathVariable String id, @PathVariable String orgId,
                                      @Valid @RequestBody(required = false) ActivityRequests.Decline body) {
        return Callers.current().flatMap(c -> activities.respond(c, id, orgId, false, body == null ? null : body.reason()));
    }

    @PutMapping("/{id}/booking")
    @Operation(summary = "为活动预订党群服务中心的会议室（按活动时间；同一会议室的预订不会重叠，并发时只有一个成功）", responses = {
            @ApiResponse(responseCode = "200", description = "已预订"),
            @ApiResponse(responseCode = "400", description = "不在开放时间、容量不足或线上活动"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "活动或会议室不存在（含其他联盟的会议室）"),
            @ApiResponse(responseCode = "409", description = "该时段已被预订或状态不允许")})
    public Mono<ActivityView> book(@PathVariable String id, @Valid @RequestBody RoomBooking body) {
        return Callers.current().flatMap(c -> activities.book(c, id, body.roomId().strip()));
    }

    @DeleteMapping("/{id}/booking")
    @Operation(summary = "取消活动的会议室预订（线下活动须已有地点）", responses = {
            @ApiResponse(responseCode = "200", description = "已取消预订"),
            @ApiResponse(responseCode = "400", description = "取消后线下活动没有地点"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "活动不存在或没有预订"),
            @ApiResponse(responseCode = "409", description = "状态不允许")})
    public Mono<ActivityView> unbook(@PathVariable String id) {
        return Callers.current().flatMap(c -> activities.unbook(c, id));
    }
}
