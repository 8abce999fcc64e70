package cn.lianmeng.content.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import cn.lianmeng.content.audience.Audience;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may author, review and manage what (the decision, documented in the README):
 * <ul>
 *   <li><b>ALLIANCE_ADMIN</b>: alliance content (stored without tenant) for any audience of the alliance — alliance-wide,
 *       any enterprises, organisation subtrees, parks, buildings, optionally narrowed to officer roles; manages and
 *       reviews every item of the alliance.</li>
 *   <li><b>ENTERPRISE_ADMIN</b>: content of their tenant for audiences inside it — the whole enterprise or organisation
 *       subtrees owned by the tenant (optionally narrowed to roles); manages and reviews the tenant's items.</li>
 *   <li><b>ORG_ADMIN</b>: content of an organisation they administer (token claim {@code orgs}) for subtrees of those
 *       organisations; manages and reviews items whose author organisation lies in their subtrees.</li>
 *   <li>Disclosures (DISCLOSURE) of any author may additionally be public to the whole alliance (read-only, no comments).</li>
 *   <li>An item's authors (its creator and everyone who edited it) never review it — another manager must.</li>
 *   <li>DISTRICT_STAFF, MEMBER and AUDITOR do not author or manage content.</li>
 * </ul>
 */
@Component
public class Authoring {

    public static final Set<Role> AUTHORS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN);

    private final Organisations organisations;
    private final TenantDirectory tenants;

    public Authoring(Organisations organisations, TenantDirectory tenants) {
        this.organisations = organisations;
        this.tenants = tenants;
    }

    /** Where a new or edited item belongs: its tenant (null for alliance content) and its author organisation. */
    public record Placement(String tenantId, Document authorOrg) {
    }

    public static Mono<Caller> requireAuthor(Caller caller) {
        return caller.hasAny(AUTHORS) && caller.allianceId() != null ? Mono.just(caller)
                : Mono.error(ApiException.forbidden("仅联盟管理员、企业党组织管理员或支部管理员可管理内容"));
    }

    /** The management filter beyond the caller's tenancy scope: an ORG_ADMIN manages items of their subtrees only. */
    public static org.bson.conversions.Bson managedFilter(Caller caller) {
        if (caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN)) {
            return new Document();
        }
        return Filters.in("authorOrgPath", caller.orgIds());
    }

    /** Whether the caller manages a stored item (its tenancy already checked by the scope of the read). */
    public static boolean manages(Caller caller, Document item) {
        if (!caller.hasAny(AUTHORS) || !Objects.equals(caller.allianceId(), item.getString("allianceId"))) {
            return false;
        }
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return true;
        }
        if (item.getString("tenantId") == null || !Objects.equals(item.getString("tenantId"), caller.tenantId())) {
            return false;
        }
        if (caller.has(Role.ENTERPRISE_ADMIN)) {
            return true;
        }
        return item.getList("authorOrgPath", String.class, List.of()).stream().anyMatch(caller.orgIds()::contains);
    }

    /** Checks the audience and author organisation against the caller's rights; answers the item's placement. */
    public Mono<Placement> place(Caller caller, ContentKind kind, Audience audience, String authorOrgId, Boolean allowComments) {
        List<FieldProblem> problems = new ArrayList<>(audience.shapeProblems("audience"));
        if (audience.publicInAlliance() && kind != ContentKind.DISCLOSURE) {
            problems.add(new FieldProblem("audience.publicInAlliance", "仅党务公开可对全联盟公开"));
        }
        if (audience.publicInAlliance() && Boolean.TRUE.equals(allowComments)) {
            problems.add(new FieldProblem("allowComments", "对全联盟公开的党务公开为只读，不允许评论"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        String allianceId = caller.allianceId();
        boolean allianceAdmin = caller.has(Role.ALLIANCE_ADMIN);
        boolean enterpriseAdmin = !allianceAdmin && caller.has(Role.ENTERPRISE_ADMIN);
        if (!allianceAdmin) {
            if (caller.tenantId() == null) {
                return Mono.error(ApiException.forbidden("账户未关联成员单位，不能发布内容"));
            }
            if (audience.allianceWide() || !audience.parkIds().isEmpty() || !audience.buildingIds().isEmpty()) {
                return Mono.error(ApiException.forbidden("全联盟、园区或楼宇范围的内容须由联盟管理员发布"));
            }
            if (audience.tenantIds().stream().anyMatch(t -> !t.equals(caller.tenantId()))) {
                return Mono.error(ApiException.forbidden("只能向本单位发布内容"));
            }
            if (!enterpriseAdmin && !audience.tenantIds().isEmpty()) {
                return Mono.error(ApiException.forbidden("支部管理员只能向所管理的组织发布内容"));
            }
        }
        List<String> orgIds = new ArrayList<>(audience.orgIds());
        String authorOrg = authorOrgId;
        if (authorOrg == null && !allianceAdmin && !enterpriseAdmin && caller.orgIds().size() == 1) {
            authorOrg = caller.orgIds().iterator().next();
        }
        if (authorOrg != null) {
            orgIds.add(authorOrg);
        }
        String author = authorOrg;
        Mono<Map<String, Document>> orgs = orgIds.isEmpty() ? Mono.just(Map.of())
                : organisations.findAll(allianceId, orgIds).collectMap(o -> o.getString("_id"));
        Mono<List<String>> unknownTenants = !allianceAdmin || audience.tenantIds().isEmpty() ? Mono.just(List.of())
                : Flux.fromIterable(audience.tenantIds())
                        .filterWhen(t -> tenants.collection().findOne(Scope.system(allianceId, null), Filters.eq("_id", t)).hasElement().map(f -> !f))
                        .collectList();
        return Mono.zip(orgs, unknownTenants).flatMap(t -> {
            Map<String, Document> found = t.getT1();
            List<FieldProblem> errors = new ArrayList<>();
            List<String> missing = audience.orgIds().stream().filter(o -> !found.containsKey(o)).toList();
            if (!missing.isEmpty()) {
                errors.add(new FieldProblem("audience.orgIds", "组织不存在或尚未同步：" + String.join("、", missing)));
            }
            if (!t.getT2().isEmpty()) {
                errors.add(new FieldProblem("audience.tenantIds", "成员单位不存在或尚未同步：" + String.join("、", t.getT2())));
            }
            if (author != null && !found.containsKey(author)) {
                errors.add(new FieldProblem("authorOrgId", "组织不存在或尚未同步"));
            }
            if (author == null && !allianceAdmin && !enterpriseAdmin) {
                errors.add(new FieldProblem("authorOrgId", "支部管理员须指定发布组织"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            if (!allianceAdmin) {
                for (String o : orgIds) {
                    Document org = found.get(o);
                    if (!Objects.equals(org.getString("tenantId"), caller.tenantId())) {
                        return Mono.error(ApiException.forbidden("只能面向本单位的组织发布内容"));
                    }
                    if (!enterpriseAdmin && !Organisations.within(org, caller.orgIds())) {
                        return Mono.error(ApiException.forbidden("只能面向所管理的组织及其下级组织发布内容"));
                    }
                }
            }
            String tenantId = allianceAdmin ? null : caller.tenantId();
            return Mono.just(new Placement(tenantId, author == null ? null : found.get(author)));
        });
    }

    static String names(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining("、"));
    }
}
