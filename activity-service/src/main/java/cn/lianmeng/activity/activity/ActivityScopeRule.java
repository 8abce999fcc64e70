package cn.lianmeng.activity.activity;

import java.util.List;
import java.util.Objects;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tenancy of activities. An activity belongs to its host's tenant ({@code tenantId}) but may be visible to other
 * tenants of the same alliance: those of the organisations invited to a joint activity, or all of them for an
 * alliance-wide audience. Each document lists them in {@value #VISIBLE_TENANTS} ({@value #ALL_TENANTS} = every tenant
 * of the alliance). A tenant-bound caller sees an activity only when their tenant is listed; district staff see the
 * activities hosted in their patch (the host's park/building) and alliance-wide ones. Inserts only into the caller's
 * own tenant.
 */
public final class ActivityScopeRule implements ScopeRule {

    public static final String VISIBLE_TENANTS = "visibleTenantIds";
    public static final String ALL_TENANTS = "*";

    @Override
    public Bson filter(Scope scope) {
        return switch (scope.kind()) {
            case UNRESTRICTED -> new Document();
            case ALLIANCE -> Filters.eq(ALLIANCE, scope.allianceId());
            case STAFF -> Filters.and(Filters.eq(ALLIANCE, scope.allianceId()), Filters.or(
                    Filters.in(PARK, scope.parkIds()), Filters.in(BUILDING, scope.buildingIds()), Filters.eq(VISIBLE_TENANTS, ALL_TENANTS)));
            case TENANT -> Filters.and(Filters.eq(ALLIANCE, scope.allianceId()),
                    Filters.in(VISIBLE_TENANTS, List.of(scope.tenantId(), ALL_TENANTS)));
            case SYSTEM -> scope.tenantId() == null ? Filters.eq(ALLIANCE, scope.allianceId())
                    : Filters.and(Filters.eq(ALLIANCE, scope.allianceId()), Filters.in(VISIBLE_TENANTS, List.of(scope.tenantId(), ALL_TENANTS)));
        };
    }

    @Override
    public boolean admits(Scope scope, Document doc) {
        return switch (scope.kind()) {
            case UNRESTRICTED -> true;
            case ALLIANCE -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId());
            case STAFF -> false;
            case TENANT -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                    && Objects.equals(doc.getString(TENANT), scope.tenantId());
            case SYSTEM -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                    && (scope.tenantId() == null || Objects.equals(doc.getString(TENANT), scope.tenantId()));
        };
    }
}
