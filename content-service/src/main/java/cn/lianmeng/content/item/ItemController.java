package cn.lianmeng.content.item;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/content/items")
@Tag(name = "内容与审核", description = "党建动态、通知公告、党务公开、文章与课程：撰写、审核（作者不能审核自己的内容）、定时发布、撤回、归档")
public class ItemController {

    private final ContentItems items;

    public ItemController(ContentItems items) {
        this.items = items;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建内容草稿（联盟管理员：全联盟任意受众；企业管理员：本单位；支部管理员：所管理组织）；正文按白名单净化", responses = {
            @ApiResponse(responseCode = "201", description = "已创建草稿"),
            @ApiResponse(responseCode = "400", description = "字段校验失败（受众、文件、课时等）"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权或受众超出本人范围"),
            @ApiResponse(responseCode = "413", description = "请求体过大")})
    public Mono<ItemView> create(@Valid @RequestBody ItemRequests.Save body) {
        return Callers.current().flatMap(c -> items.create(c, body));
    }

    @GetMapping
    @Operation(summary = "分页列出本人可管理的内容（按状态、类型筛选）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权")})
    public Mono<PageResult<ItemSummary>> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                              @RequestParam(required = false) String sort, @RequestParam(required = false) String status,
                                              @RequestParam(required = false) String kind) {
        PageQuery query = PageQuery.of(page, size, sort, ContentItems.SORTABLE, "updatedAt,desc");
        return Callers.current().flatMap(c -> items.listManaged(c, new ContentItems.ManageFilter(status, kind), query));
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看内容：管理者看到全部信息；读者只能看到受众范围内已发布的内容（并记录已读）", responses = {
            @ApiResponse(responseCode = "200", description = "内容"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权（审计员）"),
            @ApiResponse(responseCode = "404", description = "不存在、未发布或不在受众范围内")})
    public Mono<ItemView> get(@PathVariable String id) {
        return Callers.current().flatMap(c -> items.get(c, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改草稿或已撤回的内容（须带当前 version）；修改者也成为作者，不能再审核它", responses = {
            @ApiResponse(responseCode = "200", description = "已修改"),
            @ApiResponse(responseCode = "400", description = "字段校验失败"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能修改")})
    public Mono<ItemView> update(@PathVariable String id, @Valid @RequestBody ItemRequests.Save body) {
        return Callers.current().flatMap(c -> items.update(c, id, body));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "提交审核", responses = {
            @ApiResponse(responseCode = "200", description = "待审核"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能提交")})
    public Mono<ItemView> submit(@PathVariable String id, @RequestBody(required = false) ItemRequests.Transition body) {
        return Callers.current().flatMap(c -> items.submit(c, id, body == null ? null : body.version()));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "审核通过：立即发布，或在发布时间到达时由调度器发布；作者本人不能审核", responses = {
            @ApiResponse(responseCode = "200", description = "已发布或已定时"),
            @ApiResponse(responseCode = "403", description = "作者不能审核自己的内容，或角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能审核")})
    public Mono<ItemView> approve(@PathVariable String id, @RequestBody(required = false) ItemRequests.Approve body) {
        return Callers.current().flatMap(c -> items.approve(c, id, body));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "退回修改（须说明原因），内容回到草稿", responses = {
            @ApiResponse(responseCode = "200", description = "已退回"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "403", description = "作者不能审核自己的内容，或角色无权"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能退回")})
    public Mono<ItemView> reject(@PathVariable String id, @Valid @RequestBody ItemRequests.Reason body) {
        return Callers.current().flatMap(c -> items.reject(c, id, body));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "撤回已发布或已定时的内容（须说明原因）；读者不再能看到", responses = {
            @ApiResponse(responseCode = "200", description = "已撤回"),
            @ApiResponse(responseCode = "400", description = "缺少原因"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能撤回")})
    public Mono<ItemView> withdraw(@PathVariable String id, @Valid @RequestBody ItemRequests.Reason body) {
        return Callers.current().flatMap(c -> items.withdraw(c, id, body));
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "归档：不再出现在信息流与搜索中，受众仍可通过链接查看", responses = {
            @ApiResponse(responseCode = "200", description = "已归档"),
            @ApiResponse(responseCode = "404", description = "不存在或不在管理范围内"),
            @ApiResponse(responseCode = "409", description = "版本冲突或当前状态不能归档")})
    public Mono<ItemView> archive(@PathVariable String id, @RequestBody(required = false) ItemRequests.Transition body) {
        return Callers.current().flatMap(c -> items.archive(c, id, body == null ? null : body.version()));
    }
}
