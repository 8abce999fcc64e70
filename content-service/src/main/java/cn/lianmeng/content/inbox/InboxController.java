package cn.lianmeng.content.inbox;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/content/inbox")
@Tag(name = "站内消息", description = "新内容与活动通知、提醒、变更、取消；每个来源事件对每位党员只生成一条")
public class InboxController {

    private final Inbox inbox;

    public InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "我的站内消息（党员），最新在前", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员")})
    public Mono<PageResult<Inbox.Message>> list(@RequestParam(required = false) Boolean unreadOnly,
                                                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, "createdAt,desc", Inbox.SORTABLE, "createdAt,desc");
        return Callers.current().flatMap(c -> inbox.list(c, Boolean.TRUE.equals(unreadOnly), query));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "未读消息数", responses = {
            @ApiResponse(responseCode = "200", description = "未读数"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员")})
    public Mono<Inbox.Unread> unread() {
        return Callers.current().flatMap(inbox::unread);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "标记一条消息为已读（重复标记无副作用）", responses = {
            @ApiResponse(responseCode = "200", description = "消息"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或不是本人的消息")})
    public Mono<Inbox.Message> read(@PathVariable String id) {
        return Callers.current().flatMap(c -> inbox.markRead(c, id));
    }

    @PostMapping("/read-all")
    @Operation(summary = "全部标记为已读", responses = {
            @ApiResponse(responseCode = "200", description = "未读数归零"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员")})
    public Mono<Inbox.Unread> readAll() {
        return Callers.current().flatMap(inbox::markAllRead);
    }
}
