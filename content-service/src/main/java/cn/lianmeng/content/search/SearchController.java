package cn.lianmeng.content.search;

import cn.lianmeng.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/content/search")
@Tag(name = "搜索", description = "在本人可见的已发布内容中按标题、摘要、标签搜索（中文按字与二元组索引），命中部分以 <em> 标出")
public class SearchController {

    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping
    @Operation(summary = "搜索本人可见的已发布内容；title、summary、tags 为 HTML 转义后的文本，命中处用 <em> 包围", responses = {
            @ApiResponse(responseCode = "200", description = "一页结果"),
            @ApiResponse(responseCode = "400", description = "关键词或分页参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "审计员不能阅读内容")})
    public Mono<SearchService.SearchPage> search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                                                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Callers.current().flatMap(c -> search.search(c, q, kind, page, size));
    }
}
