package cn.lianmeng.content.feed;

import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/content")
@Tag(name = "信息流", description = "按受众推送的已发布内容、未读标记、已读回执与触达统计（不做公开排名）")
public class FeedController {

    private final FeedService feed;

    public FeedController(FeedService feed) {
        this.feed = feed;
    }

    @GetMapping("/feed")
    @Operation(summary = "我的信息流：受众范围内已发布的内容，最新在前，分页，带未读标记（党员）", responses = {
            @ApiResponse(responseCode = "200", description = "一页内容；hasNext 表示是否还有下一页"),
            @ApiResponse(responseCode = "400", description = "分页或类型参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "审计员不能阅读内容")})
    public Mono<FeedService.FeedPage> feed(@RequestParam(required = false) String kind, @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        return Callers.current().flatMap(c -> feed.feed(c, kind, page, size));
    }

    @GetMapping("/items/{id}/reach")
    @Operation(summary = "内容触达统计（可管理该内容的管理员）：应达人数、已读人数与已读率，按组织列出", responses = {
            @ApiResponse(responseCode = "200", description = "统计"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内")})
    public Mono<FeedService.Reach> reach(@PathVariable String id) {
        return Callers.current().flatMap(c -> feed.reach(c, id));
    }
}
