package cn.lianmeng.activity.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The organisations and the caller's own member record as activity-service knows them (read models of org events).
 * Managers see the alliance's active organisations by name, to pick invitees for joint activities.
 */
@RestController
@RequestMapping("${lianmeng.api-prefix}")
@Tag(name = "组织目录", description = "本服务从组织服务事件同步的党组织与党员副本（联建邀请选组织、本人档案）")
public class DirectoryController {

    private static final Set<Role> MANAGERS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN);

    private final OrgDirectory directory;

    public DirectoryController(OrgDirectory directory) {
        this.directory = directory;
    }

    public record OrgView(String id, String name, String kind, String tenantId, String parentId, List<String> ancestors,
                          String status, List<OrgRecord.Officer> officers, long version) {
        static OrgView of(OrgRecord o) {
            return new OrgView(o.id(), o.name(), o.kind(), o.tenantId(), o.parentId(), o.ancestors(), o.status(), o.officers(), o.version());
        }
    }

    public record MemberView(String id, String name, String tenantId, String enterpriseId, String orgId, List<String> orgAncestors,
                             String status, boolean active, long version) {
    }

    @GetMapping("/organisations")
    @Operation(summary = "本联盟的党组织（联盟/企业/支部管理员，用于联建邀请等；可按单位、类型、名称前缀筛选）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "参数无效"),
            @ApiResponse(responseCode = "403", description = "非管理员")})
    public Mono<PageResult<OrgView>> organisations(@RequestParam(required = false) String tenantId,
                                                   @RequestParam(required = false) String kind,
                                                   @RequestParam(required = false) String q,
                                                   @RequestParam(required = false) Boolean includeDissolved,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, "name", Set.of("name"), "name");
        return Callers.require(MANAGERS.toArray(Role[]::new)).flatMap(c -> {
            List<Bson> filters = new ArrayList<>();
            if (!Boolean.TRUE.equals(includeDissolved)) {
                filters.add(Filters.eq("status", "ACTIVE"));
            }
            if (tenantId != null) {
                filters.add(Filters.eq("tenantId", tenantId));
            }
            if (kind != null) {
                filters.add(Filters.eq("kind", kind));
            }
            if (q != null && !q.isBlank()) {
                filters.add(Filters.regex("name", "^" + Pattern.quote(q.strip())));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            // names of organisations are shared across the alliance so that joint activities can invite them
            Scope scope = Scope.system(c.allianceId(), null);
            return directory.organisationCollection().page(scope, filter, query, d -> OrgView.of(OrgRecord.of(d)));
        });
    }

    @GetMapping("/organisations/{id}")
    @Operation(summary = "查看一个党组织（本联盟的管理员）", responses = {
            @ApiResponse(responseCode = "200", description = "党组织"),
            @ApiResponse(responseCode = "403", description = "非管理员"),
            @ApiResponse(responseCode = "404", description = "不存在、尚未同步或属于其他联盟")})
    public Mono<OrgView> organisation(@PathVariable String id) {
        return Callers.require(MANAGERS.toArray(Role[]::new))
                .flatMap(c -> directory.organisation(c.allianceId(), id))
                .map(OrgView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")));
    }

    @GetMapping("/me")
    @Operation(summary = "本人的党员档案（按令牌中的 mid；本服务同步的副本）", responses = {
            @ApiResponse(responseCode = "200", description = "党员档案"),
            @ApiResponse(responseCode = "403", description = "非党员"),
            @ApiResponse(responseCode = "404", description = "尚未同步")})
    public Mono<MemberView> me() {
        return Callers.require(Role.MEMBER)
                .flatMap(c -> directory.member(c.allianceId(), c.memberId()))
                .map(m -> new MemberView(m.id(), m.name(), m.tenantId(), m.enterpriseId(), m.orgId(), m.orgAncestors(), m.status(),
                        m.active(), m.version()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党员档案")));
    }
}
