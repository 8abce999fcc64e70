package cn.lianmeng.content.mailbox;

import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/content/mailbox/threads")
@Tag(name = "党务信箱", description = "党员给党组织写信（可对组织匿名，审计日志仍记录），组织管理员答复；写信人可见处理状态")
public class MailboxController {

    private final Mailbox mailbox;

    public MailboxController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "给本联盟的一个党组织写信（党员）", responses = {
            @ApiResponse(responseCode = "201", description = "已送达"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员"),
            @ApiResponse(responseCode = "404", description = "组织不存在（包括其他联盟的组织）")})
    public Mono<Mailbox.ThreadView> write(@Valid @RequestBody Mailbox.NewThread body) {
        return Callers.current().flatMap(c -> mailbox.write(c, body));
    }

    @GetMapping("/mine")
    @Operation(summary = "我写的信及其处理状态", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员")})
    public Mono<PageResult<Mailbox.ThreadView>> mine(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, null, Mailbox.SORTABLE, "lastMessageAt,desc");
        return Callers.current().flatMap(c -> mailbox.mine(c, query));
    }

    @GetMapping
    @Operation(summary = "本人负责答复的来信（企业管理员：本单位组织；支部管理员：所管理组织；联盟管理员：联盟直属组织）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非组织管理员")})
    public Mono<PageResult<Mailbox.ThreadView>> inbox(@RequestParam(required = false) String orgId, @RequestParam(required = false) String status,
                                                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                                      @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, Mailbox.SORTABLE, "lastMessageAt,desc");
        return Callers.current().flatMap(c -> mailbox.inbox(c, orgId, status, query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看信件往来（写信人或负责答复的管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "信件"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或无权查看")})
    public Mono<Mailbox.ThreadView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> mailbox.get(c, id));
    }

    @PostMapping("/{id}/messages")
    @Operation(summary = "答复（管理员，状态变为已答复）或追问（写信人，状态回到待处理）", responses = {
            @ApiResponse(responseCode = "200", description = "信件"),
            @ApiResponse(responseCode = "400", description = "内容为空"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或无权查看"),
            @ApiResponse(responseCode = "409", description = "已关闭或版本冲突")})
    public Mono<Mailbox.ThreadView> reply(@PathVariable String id, @Valid @RequestBody Mailbox.Reply body) {
        return Callers.current().flatMap(c -> mailbox.reply(c, id, body));
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "关闭信件（写信人或管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "已关闭"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或无权查看"),
            @ApiResponse(responseCode = "409", description = "已关闭")})
    public Mono<Mailbox.ThreadView> close(@PathVariable String id) {
        return Callers.current().flatMap(c -> mailbox.close(c, id));
    }
}
