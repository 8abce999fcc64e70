package cn.lianmeng.activity.checkin;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/activities/{id}")
@Tag(name = "签到与考勤", description = "现场动态签到码、线上参会、请假审批、考勤登记与统计（联盟可关闭签到）")
public class CheckinController {

    private final CheckinService checkins;
    private final LeaveService leaves;

    public CheckinController(CheckinService checkins, LeaveService leaves) {
        this.checkins = checkins;
        this.leaves = leaves;
    }

    public record CheckinRequest(
            @NotBlank(message = "请扫描现场签到码") @Size(max = 64, message = "签到码无效") String code,
            @DecimalMin(value = "-90", message = "须在 -90 到 90 之间") @DecimalMax(value = "90", message = "须在 -90 到 90 之间") Double latitude,
            @DecimalMin(value = "-180", message = "须在 -180 到 180 之间") @DecimalMax(value = "180", message = "须在 -180 到 180 之间") Double longitude) {
    }

    public record LeaveRequest(@NotBlank(message = "请填写请假原因") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Decision(@Size(max = 200, message = "不能超过 200 字") String note) {
    }

    public record Mark(@NotBlank(message = "不能为空") String status) {
    }

    @GetMapping("/checkin-code")
    @Operation(summary = "现场签到码（主办方管理员，签到时间窗内）：约每 15 秒轮换，签名且绑定本活动，有效 15–30 秒；以二维码展示 qrContent", responses = {
            @ApiResponse(responseCode = "200", description = "当前签到码"),
            @ApiResponse(responseCode = "400", description = "线上活动无签到码"),
            @ApiResponse(responseCode = "403", description = "非主办方管理员"),
            @ApiResponse(responseCode = "404", description = "活动不可见"),
            @ApiResponse(responseCode = "409", description = "不在签到时间内、活动未发布/已结束/已取消，或本联盟已关闭签到")})
    public Mono<CheckinService.CheckinCode> code(@PathVariable String id) {
        return Callers.current().flatMap(c -> checkins.code(c, id));
    }

    @PostMapping("/checkin")
    @Operation(summary = "党员扫码签到（本人，受众内）；开始前后各 30 分钟（可配置）内有效，迟到单独记录；重复签到不改变结果", responses = {
            @ApiResponse(responseCode = "200", description = "签到结果（alreadyRecorded=true 表示此前已记录）"),
            @ApiResponse(responseCode = "400", description = "签到码无效或已过期、超出地理围栏、线上活动"),
            @ApiResponse(responseCode = "403", description = "非党员或未找到党员档案"),
            @ApiResponse(responseCode = "404", description = "活动不存在或您不在参加范围内"),
            @ApiResponse(responseCode = "409", description = "不在签到时间内、须报名而未报名、活动已结束/已取消，或本联盟已关闭签到")})
    public Mono<CheckinService.AttendanceView> checkIn(@PathVariable String id, @Valid @RequestBody CheckinRequest body) {
        return Callers.current().flatMap(c -> checkins.checkIn(c, id, body.code().strip(), body.latitude(), body.longitude()));
    }

    @PostMapping("/join")
    @Operation(summary = "通过会议链接参加线上活动：返回链接并记录出席（一次）", responses = {
            @ApiResponse(responseCode = "200", description = "会议链接与考勤记录（本联盟关闭签到时只返回链接）"),
            @ApiResponse(responseCode = "400", description = "线下活动"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "活动不存在或您不在参加范围内"),
            @ApiResponse(responseCode = "409", description = "不在参会时间内或须报名而未报名")})
    public Mono<CheckinService.JoinResult> join(@PathVariable String id) {
        return Callers.current().flatMap(c -> checkins.join(c, id));
    }

    @GetMapping("/attendance/me")
    @Operation(summary = "本人在该活动的考勤记录", responses = {
            @ApiResponse(responseCode = "200", description = "考勤记录"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "尚无记录或活动不可见")})
    public Mono<CheckinService.AttendanceView> mine(@PathVariable String id) {
        return Callers.current().flatMap(c -> checkins.mine(c, id));
    }

    @GetMapping("/attendance")
    @Operation(summary = "考勤名单：主办方看到全部参与组织，参与方只看到本方", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "活动不可见")})
    public Mono<CheckinService.AttendanceRecords> attendance(@PathVariable String id,
                                                             @RequestParam(required = false) String status,
                                                             @RequestParam(required = false) Integer page,
                                                             @RequestParam(required = false) Integer size,
                                                             @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, CheckinService.SORTABLE, "at");
        return Callers.current().flatMap(c -> checkins.list(c, id, status, query));
    }

    @PutMapping("/attendance/{memberId}")
    @Operation(summary = "登记或更正考勤（主办方或党员所在组织的管理员；关闭签到时以此登记）：PRESENT、LATE、ON_LEAVE、ABSENT", responses = {
            @ApiResponse(responseCode = "200", description = "已登记"),
            @ApiResponse(responseCode = "400", description = "状态无效或党员不在参加范围内"),
            @ApiResponse(responseCode = "403", description = "无权登记该党员"),
            @ApiResponse(responseCode = "404", description = "活动不可见"),
            @ApiResponse(responseCode = "409", description = "活动已举行（统计已发布）、已取消或尚未开始")})
    public Mono<CheckinService.AttendanceView> mark(@PathVariable String id, @PathVariable String memberId, @Valid @RequestBody Mark body) {
        return Callers.current().flatMap(c -> checkins.mark(c, id, memberId, body.status()));
    }

    @PostMapping("/leave-requests")
    @Operation(summary = "党员请假（须说明原因，活动结束前）", responses = {
            @ApiResponse(responseCode = "200", description = "已提交"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "活动不存在或您不在参加范围内"),
            @ApiResponse(responseCode = "409", description = "已提交、已签到或活动已结束")})
    public Mono<LeaveService.LeaveView> requestLeave(@PathVariable String id, @Valid @RequestBody LeaveRequest body) {
        return Callers.current().flatMap(c -> leaves.request(c, id, body.reason()));
    }

    @GetMapping("/leave-requests/me")
    @Operation(summary = "本人的请假申请", responses = {
            @ApiResponse(responseCode = "200", description = "请假申请"),
            @ApiResponse(responseCode = "404", description = "没有申请或活动不可见")})
    public Mono<LeaveService.LeaveView> myLeave(@PathVariable String id) {
        return Callers.current().flatMap(c -> leaves.mine(c, id));
    }

    @GetMapping("/leave-requests")
    @Operation(summary = "请假申请列表（主办方：全部；参与方：本方）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "活动不可见")})
    public Mono<PageResult<LeaveService.LeaveView>> leaveRequests(@PathVariable String id,
                                                                  @RequestParam(required = false) String status,
                                                                  @RequestParam(required = false) Integer page,
                                                                  @RequestParam(required = false) Integer size,
                                                                  @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, LeaveService.SORTABLE, "createdAt");
        return Callers.current().flatMap(c -> leaves.list(c, id, status, query));
    }

    @PostMapping("/leave-requests/{memberId}/approve")
    @Operation(summary = "批准请假（党员所在组织或主办方的管理员），考勤记为请假", responses = {
            @ApiResponse(responseCode = "200", description = "已批准"),
            @ApiResponse(responseCode = "403", description = "无权审批"),
            @ApiResponse(responseCode = "404", description = "申请不存在"),
            @ApiResponse(responseCode = "409", description = "已处理或活动已结束")})
    public Mono<LeaveService.LeaveView> approve(@PathVariable String id, @PathVariable String memberId,
                                                @Valid @RequestBody(required = false) Decision body) {
        return Callers.current().flatMap(c -> leaves.decide(c, id, memberId, true, body == null ? null : body.note()));
    }

    @PostMapping("/leave-requests/{memberId}/reject")
    @Operation(summary = "不批准请假", responses = {
            @ApiResponse(responseCode = "200", description = "已处理"),
            @ApiResponse(responseCode = "403", description = "无权审批"),
            @ApiResponse(responseCode = "404", description = "申请不存在"),
            @ApiResponse(responseCode = "409", description = "已处理或活动已结束")})
    public Mono<LeaveService.LeaveView> reject(@PathVariable String id, @PathVariable String memberId,
                                               @Valid @RequestBody(required = false) Decision body) {
        return Callers.current().flatMap(c -> leaves.decide(c, id, memberId, false, body == null ? null : body.note()));
    }
}
