package cn.lianmeng.activity.calendar;

import java.time.LocalDate;
import java.util.Set;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("${lianmeng.api-prefix}/calendar")
@Tag(name = "日历", description = "按日/周/月查看活动（本人、党组织、成员单位），会议室见 /rooms/{id}/bookings；个人 iCalendar 订阅链接")
public class CalendarController {

    private final CalendarService calendar;
    private final String prefix;

    public CalendarController(CalendarService calendar, @Value("${lianmeng.api-prefix}") String prefix) {
        this.calendar = calendar;
        this.prefix = prefix;
    }

    private static CalendarService.Range range(String view, LocalDate date) {
        return CalendarService.Range.of(view, date == null ? LocalDate.now(Times.ZONE) : date);
    }

    private static PageQuery page(Integer page, Integer size) {
        return PageQuery.of(page, size, "startAt", Set.of("startAt"), "startAt");
    }

    @GetMapping("/me")
    @Operation(summary = "本人日历：党员为其受众内的活动，管理员为其可见的活动（view=day|week|month，date 所在的日/周/月）", responses = {
            @ApiResponse(responseCode = "200", description = "分页的日程"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<CalendarService.CalendarPage> mine(@RequestParam(required = false) String view,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Callers.current().flatMap(c -> calendar.mine(c, range(view, date), page(page, size)));
    }

    @GetMapping("/organisations/{orgId}")
    @Operation(summary = "党组织日历：本组织及下级组织主办、本组织作为受众或受邀/参与联建的活动（限调用者可见范围）", responses = {
            @ApiResponse(responseCode = "200", description = "分页的日程"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "404", description = "党组织不存在")})
    public Mono<CalendarService.CalendarPage> organisation(@PathVariable String orgId, @RequestParam(required = false) String view,
                                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Callers.current().flatMap(c -> calendar.organisation(c, orgId, range(view, date), page(page, size)));
    }

    @GetMapping("/tenants/{tenantId}")
    @Operation(summary = "成员单位日历（本单位管理员、联盟管理员、挂联干部）", responses = {
            @ApiResponse(responseCode = "200", description = "分页的日程"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "404", description = "不在调用者范围内")})
    public Mono<CalendarService.CalendarPage> tenant(@PathVariable String tenantId, @RequestParam(required = false) String view,
                                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                     @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Callers.current().flatMap(c -> calendar.tenant(c, tenantId, range(view, date), page(page, size)));
    }

    @PostMapping("/feed")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "生成（或重新生成）本人的 iCalendar 订阅链接，可在手机日历中订阅；链接只显示这一次，重新生成后旧链接失效", responses = {
            @ApiResponse(responseCode = "201", description = "订阅链接"),
            @ApiResponse(responseCode = "403", description = "非党员")})
    public Mono<CalendarService.Feed> issueFeed() {
        return Callers.current().flatMap(c -> calendar.issueFeed(c, prefix));
    }

    @DeleteMapping("/feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "撤销本人的日历订阅链接", responses = {
            @ApiResponse(responseCode = "204", description = "已撤销"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "没有有效的订阅")})
    public Mono<Void> revokeFeed() {
        return Callers.current().flatMap(calendar::revokeFeed);
    }

    @GetMapping(value = "/feeds/{token}.ics")
    @Operation(summary = "iCalendar 订阅（无须令牌，凭链接中的私密令牌；过去 30 天至未来 180 天）", security = {}, responses = {
            @ApiResponse(responseCode = "200", description = "text/calendar"),
            @ApiResponse(responseCode = "404", description = "链接无效或已撤销")})
    public Mono<ResponseEntity<String>> feed(@PathVariable String token) {
        return calendar.feed(token).map(ics -> ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .body(ics));
    }
}
