package cn.lianmeng.platform.audit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Read-only access to this service's audit trail, for auditors of the alliance (separation of duties). */
@RestController
@RequestMapping("${lianmeng.api-prefix}/audit")
@Tag(name = "审计日志", description = "仅审计员（AUDITOR）可读；平台管理员可读全部联盟")
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    public record AuditEntryView(String id, Date at, String service, String actorId, String actorName, String allianceId,
                                 String tenantId, String action, String targetType, String targetId, String result,
                                 Map<String, Object> details) {
    }

    @GetMapping
    @Operation(summary = "查询审计日志（AUDITOR）", responses = {
            @ApiResponse(responseCode = "200", description = "分页结果"),
            @ApiResponse(responseCode = "400", description = "分页或排序参数无效"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "非审计员")})
    public Mono<PageResult<AuditEntryView>> list(@RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size,
                                                 @RequestParam(required = false) String action,
                                                 @RequestParam(required = false) String actorName,
                                                 @RequestParam(required = false) String targetId) {
        PageQuery query = PageQuery.of(page, size, "at,desc", Set.of("at"), "at,desc");
        return Callers.require(Role.AUDITOR, Role.PLATFORM_ADMIN).flatMap(caller -> {
            Scope scope = Scope.of(caller);
            List<Bson> filters = new ArrayList<>();
            if (action != null) {
                filters.add(Filters.eq("action", action));
            }
            if (actorName != null) {
                filters.add(Filters.eq("actorName", actorName));
            }
            if (targetId != null) {
                filters.add(Filters.eq("targetId", targetId));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            return audit.collection().page(scope, filter, query, AuditController::view);
        });
    }

    private static AuditEntryView view(Document d) {
        return new AuditEntryView(d.getString("_id"), d.getDate("at"), d.getString("service"), d.getString("actorId"),
                d.getString("actorName"), d.getString("allianceId"), d.getString("tenantId"), d.getString("action"),
                d.getString("targetType"), d.getString("targetId"), d.getString("result"),
                d.get("details", Document.class));
    }
}
