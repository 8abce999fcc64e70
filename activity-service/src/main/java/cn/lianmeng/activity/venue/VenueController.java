package cn.lianmeng.activity.venue;

import java.time.LocalDate;
import java.util.List;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}")
@Tag(name = "党群服务中心", description = "联盟或园区所属的党群服务中心及其会议室（容量、设施、开放时间）；会议室按活动预订，见 PUT /activities/{id}/booking")
public class VenueController {

    private final VenueService venues;
    private final BookingService bookings;

    public VenueController(VenueService venues, BookingService bookings) {
        this.venues = venues;
        this.bookings = bookings;
    }

    @PostMapping("/service-centres")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建党群服务中心（ALLIANCE_ADMIN）；ownerType=PARK 时须指定本联盟的园区", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败或园区不存在"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "409", description = "同名")})
    public Mono<VenueService.CentreView> createCentre(@Valid @RequestBody VenueService.CentreRequest body) {
        return Callers.current().flatMap(c -> venues.createCentre(c, body));
    }

    @GetMapping("/service-centres")
    @Operation(summary = "本联盟的党群服务中心", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<VenueService.CentreView>> centres(@RequestParam(required = false) String parkId,
                                                             @RequestParam(required = false) Integer page,
                                                             @RequestParam(required = false) Integer size,
                                                             @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, VenueService.CENTRE_SORTABLE, "name");
        return Callers.current().flatMap(c -> venues.centres(c, parkId, query));
    }

    @GetMapping("/service-centres/{id}")
    @Operation(summary = "查看党群服务中心", responses = {
            @ApiResponse(responseCode = "200", description = "党群服务中心"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<VenueService.CentreView> centre(@PathVariable String id) {
        return Callers.current().flatMap(c -> venues.centre(c, id));
    }

    @PutMapping("/service-centres/{id}")
    @Operation(summary = "修改党群服务中心（ALLIANCE_ADMIN，须带 version）", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在"),
            @ApiResponse(responseCode = "409", description = "版本冲突或同名")})
    public Mono<VenueService.CentreView> updateCentre(@PathVariable String id, @Valid @RequestBody VenueService.CentreRequest body) {
        return Callers.current().flatMap(c -> venues.updateCentre(c, id, body));
    }

    @PostMapping("/service-centres/{id}/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建会议室（ALLIANCE_ADMIN）：容量、设施、开放时间（HH:mm，1=周一 … 7=周日）", responses = {
            @ApiResponse(responseCode = "201", description = "已创建"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "服务中心不存在"),
            @ApiResponse(responseCode = "409", description = "同名")})
    public Mono<VenueService.RoomView> createRoom(@PathVariable String id, @Valid @RequestBody VenueService.RoomRequest body) {
        return Callers.current().flatMap(c -> venues.createRoom(c, id, body));
    }

    @GetMapping("/service-centres/{id}/rooms")
    @Operation(summary = "服务中心的会议室（可按最小容量筛选）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "404", description = "服务中心不存在")})
    public Mono<PageResult<VenueService.RoomView>> rooms(@PathVariable String id,
                                                         @RequestParam(required = false) Integer minCapacity,
                                                         @RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size,
                                                         @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, VenueService.ROOM_SORTABLE, "name");
        return Callers.current().flatMap(c -> venues.rooms(c, id, minCapacity, query));
    }

    @GetMapping("/rooms/{id}")
    @Operation(summary = "查看会议室", responses = {
            @ApiResponse(responseCode = "200", description = "会议室"),
            @ApiResponse(responseCode = "404", description = "不存在或属于其他联盟")})
    public Mono<VenueService.RoomView> room(@PathVariable String id) {
        return Callers.current().flatMap(c -> venues.room(c, id));
    }

    @PutMapping("/rooms/{id}")
    @Operation(summary = "修改会议室（ALLIANCE_ADMIN，须带 version；status=CLOSED 暂停预订）", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "403", description = "非联盟管理员"),
            @ApiResponse(responseCode = "404", description = "不存在"),
            @ApiResponse(responseCode = "409", description = "版本冲突或同名")})
    public Mono<VenueService.RoomView> updateRoom(@PathVariable String id, @Valid @RequestBody VenueService.RoomRequest body) {
        return Callers.current().flatMap(c -> venues.updateRoom(c, id, body));
    }

    @GetMapping("/rooms/{id}/bookings")
    @Operation(summary = "会议室的预订情况（from–to 含首尾，最多 31 天）：本单位的预订显示活动，其他单位的只显示已占用", responses = {
            @ApiResponse(responseCode = "200", description = "预订列表"),
            @ApiResponse(responseCode = "400", description = "日期无效"),
            @ApiResponse(responseCode = "404", description = "会议室不存在或属于其他联盟")})
    public Mono<List<BookingService.BookingView>> bookings(@PathVariable String id,
                                                           @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                           @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return Callers.current().flatMap(c -> bookings.bookings(c, id, from, to));
    }
}
