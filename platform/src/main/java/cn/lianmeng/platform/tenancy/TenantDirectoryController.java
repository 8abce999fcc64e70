package cn.lianmeng.platform.tenancy;

import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** This service's tenant directory (read model of org-service's enterprise events), scoped to the caller. */
@RestController
@RequestMapping("${lianmeng.api-prefix}/tenants")
@Tag(name = "成员单位目录", description = "本服务从组织服务事件同步的成员单位（租户）副本；按调用者范围过滤")
public class TenantDirectoryController {

    private final TenantDirectory directory;

    public TenantDirectoryController(TenantDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看一个成员单位（联盟管理员/审计员：本联盟；企业角色：本企业；挂联干部：所辖园区楼宇）", responses = {
            @ApiResponse(responseCode = "200", description = "已同步"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在、尚未同步或不在调用者范围内")})
    public Mono<TenantDirectory.TenantView> get(@PathVariable String id) {
        return Callers.current()
                .flatMap(caller -> directory.get(Scope.of(caller), id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("成员单位")));
    }

    @GetMapping
    @Operation(summary = "列出调用者范围内的成员单位", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录")})
    public Mono<PageResult<TenantDirectory.TenantView>> list(@RequestParam(required = false) Integer page,
                                                             @RequestParam(required = false) Integer size,
                                                             @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, Set.of("name", "updatedAt"), "name");
        return Callers.current().flatMap(caller ->
                directory.collection().page(Scope.of(caller), new Document(), query, TenantDirectory::view));
    }
}
