package cn.lianmeng.org.organisation;

import java.util.List;
import java.util.Objects;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which role may read or change which organisation — the one place for it. The collection's scope has already
 * limited reads to the caller's alliance/tenant/patch (anything else is 404); this class decides, for a document in
 * scope:
 * <ul>
 *   <li>ENTERPRISE_ADMIN manages its own enterprise's tree; organisations of others that cover it are read-only;</li>
 *   <li>ORG_ADMIN reads and manages only the subtree of the organisations in its token's {@code orgs} claim
 *   (403 elsewhere in the tenant); restructuring (move, dissolve) needs authority over the parent, so it applies
 *   only strictly below those organisations;</li>
 *   <li>ALLIANCE_ADMIN reads everything in the alliance and manages alliance- and park-owned organisations;</li>
 *   <li>DISTRICT_STAFF read (their patch only, by scope); MEMBER, AUDITOR and the platform administrator have no
 *   access here.</li>
 * </ul>
 */
final class OrganisationAccess {

    private OrganisationAccess() {
    }

    static boolean isReader(Caller c) {
        return c.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF);
    }

    static void requireReader(Caller c) {
        if (!isReader(c)) {
            throw ApiException.forbidden("当前角色无权查看党组织");
        }
    }

    /** An ORG_ADMIN limited to subtrees (an ENTERPRISE_ADMIN or ALLIANCE_ADMIN holding the role too is not limited). */
    static boolean subtreeLimited(Caller c) {
        return c.has(Role.ORG_ADMIN) && !c.hasAny(Role.ENTERPRISE_ADMIN, Role.ALLIANCE_ADMIN);
    }

    /** The organisation itself or one of its ancestors is one the ORG_ADMIN administers. */
    static boolean inSubtree(Caller c, Document org) {
        return c.orgIds().contains(org.getString("_id")) || strictlyBelow(c, org);
    }

    /** One of the organisation's ancestors is one the ORG_ADMIN administers. */
    static boolean strictlyBelow(Caller c, Document org) {
        return org.getList("ancestors", String.class, List.of()).stream().anyMatch(c.orgIds()::contains);
    }

    /** The extra list filter for subtree-limited callers, or null: their organisations and everything below them. */
    static Bson listRestriction(Caller c) {
        if (!subtreeLimited(c)) {
            return null;
        }
        return Filters.or(Filters.in("_id", c.orgIds()), Filters.in("ancestors", c.orgIds()));
    }

    /** A document found within the caller's scope may be read (403 for an ORG_ADMIN outside its subtree). */
    static void checkRead(Caller c, Document org) {
        requireReader(c);
        if (subtreeLimited(c) && !inSubtree(c, org)) {
            throw ApiException.forbidden("支部管理员只能查看本组织及其下级组织");
        }
    }

    /** The caller may change this organisation (rename, officers, terms, covered enterprises, admins). */
    static void checkManage(Caller c, Document org) {
        OwnerType owner = OwnerType.valueOf(org.getString("ownerType"));
        if (owner == OwnerType.ENTERPRISE) {
            boolean ownTenant = Objects.equals(org.getString("tenantId"), c.tenantId());
            if (c.has(Role.ENTERPRISE_ADMIN) && ownTenant) {
                return;
            }
            if (c.has(Role.ORG_ADMIN) && ownTenant) {
                if (inSubtree(c, org)) {
                    return;
                }
                throw ApiException.forbidden("支部管理员只能管理本组织及其下级组织");
            }
            if (c.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
                throw ApiException.forbidden("该党组织由其他单位牵头组建，本单位只能查看");
            }
            throw ApiException.forbidden("企业的党组织由该企业的党组织管理员维护");
        }
        if (c.has(Role.ALLIANCE_ADMIN) && Objects.equals(org.getString("allianceId"), c.allianceId())) {
            return;
        }
        throw ApiException.forbidden("联盟或园区所属的党组织由联盟管理员维护");
    }

    /** The caller may move or dissolve this organisation: manage it and, for an ORG_ADMIN, its parent too. */
    static void checkRestructure(Caller c, Document org) {
        checkManage(c, org);
        if (subtreeLimited(c) && !strictlyBelow(c, org)) {
            throw ApiException.forbidden("支部管理员不能移动或撤销本人所管理的组织本身，请联系企业党组织管理员");
        }
    }
}
