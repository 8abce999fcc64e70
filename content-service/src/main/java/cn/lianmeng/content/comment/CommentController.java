package cn.lianmeng.content.comment;

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
@RequestMapping("/api/content")
@Tag(name = "评论", description = "允许评论的内容下的党员评论：先过禁用词，默认先审后发")
public class CommentController {

    private final Comments comments;

    public CommentController(Comments comments) {
        this.comments = comments;
    }

    @PostMapping("/items/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "发表评论（受众范围内的党员；默认待审核）", responses = {
            @ApiResponse(responseCode = "201", description = "已提交（status 为 PENDING 或 APPROVED）"),
            @ApiResponse(responseCode = "400", description = "内容为空、过长或含禁用词（不保存）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "账户未关联党员"),
            @ApiResponse(responseCode = "404", description = "内容不存在或不在受众范围内"),
            @ApiResponse(responseCode = "409", description = "该内容不允许评论")})
    public Mono<Comments.CommentView> post(@PathVariable String id, @Valid @RequestBody Comments.NewComment body) {
        return Callers.current().flatMap(c -> comments.post(c, id, body));
    }

    @GetMapping("/items/{id}/comments")
    @Operation(summary = "评论列表：读者看到已通过的与自己的评论；内容管理者看到全部（可按状态筛选）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "内容不存在或不在受众范围内")})
    public Mono<PageResult<Comments.CommentView>> list(@PathVariable String id, @RequestParam(required = false) String status,
                                                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, null, Comments.SORTABLE, "createdAt,desc");
        return Callers.current().flatMap(c -> comments.list(c, id, status, query));
    }

    @PostMapping("/comments/{id}/approve")
    @Operation(summary = "通过评论（内容管理者）", responses = {
            @ApiResponse(responseCode = "200", description = "已通过"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或无权管理")})
    public Mono<Comments.CommentView> approve(@PathVariable String id) {
        return Callers.current().flatMap(c -> comments.moderate(c, id, true, null));
    }

    @PostMapping("/comments/{id}/reject")
    @Operation(summary = "不予显示（内容管理者）", responses = {
            @ApiResponse(responseCode = "200", description = "已拒绝"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或无权管理")})
    public Mono<Comments.CommentView> reject(@PathVariable String id, @Valid @RequestBody(required = false) Comments.Moderation body) {
        return Callers.current().flatMap(c -> comments.moderate(c, id, false, body));
    }
}
