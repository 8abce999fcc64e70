package cn.lianmeng.org.organisation;

import java.util.Objects;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Who may read which organisation — the tenancy filter of the {@code organisations} collection:
 * <table>
 *   <tr><th>scope</th><th>sees</th></tr>
 *   <tr><td>ALLIANCE (alliance admins)</td><td>every organisation of the alliance: all tenants' trees and the alliance-
 *   and park-owned ones ({@code tenantId} null)</td></tr>
 *   <tr><td>TENANT (enterprise and org admins)</td><td>its own tree ({@code tenantId} = the tenant) and, read-only, the
 *   organisations that cover it: a joint branch led by another enterprise or owned by the alliance/a park, an
 *   affiliated organisation it is attached to ({@code coveredEnterpriseIds} contains the tenant). Never an
 *   alliance-owned organisation that does not cover it, never another tenant's tree.</td></tr>
 *   <tr><td>STAFF (district staff)</td><td>organisations located in their parks/buildings: {@code parkIds}/
 *   {@code buildingIds} hold the locations of the owning and covered enterprises (and the owning park), kept
 *   current from enterprise events</td></tr>
 *   <tr><td>SYSTEM (consumers, internal checks)</td><td>the alliance, or one tenant's tree when a tenant is named</td></tr>
 * </table>
 * Inserts are admitted only into the writer's own tenant (or the alliance for alliance scopes); district staff never
 * write. Which role may change what (ORG_ADMIN only inside its subtree, alliance admins only alliance/park-owned
 * organisations) is decided by {@link OrganisationAccess}.
 */
final class OrganisationScopeRule implements ScopeRule {

    static final String COVERED = "coveredEnterpriseIds";
    static final String PARKS = "parkIds";
    static final String BUILDINGS = "buildingIds";

    @Override
    public Bson filter(Scope scope) {
        return switch (scope.kind()) {
            case UNRESTRICTED -> new Document();
            case ALLIANCE -> Filters.eq(ALLIANCE, scope.allianceId());
            case SYSTEM -> scope.tenantId() == null ? Filters.eq(ALLIANCE, scope.allianceId())
                    : Filters.and(Filters.eq(ALLIANCE, scope.allianceId()), Filters.eq(TENANT, scope.tenantId()));
            case TENANT -> Filters.and(Filters.eq(ALLIANCE, scope.allianceId()),
                    Filters.or(Filters.eq(TENANT, scope.tenantId()), Filters.eq(COVERED, scope.tenantId())));
            case STAFF -> Filters.and(Filters.eq(ALLIANCE, scope.allianceId()),
                    Filters.or(Filters.in(PARKS, scope.parkIds()), Filters.in(BUILDINGS, scope.buildingIds())));
        };
    }

    @Override
    public boolean admits(Scope scope, Document doc) {
        return switch (scope.kind()) {
            case UNRESTRICTED -> true;
            case ALLIANCE -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId());
            case SYSTEM -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                    && (scope.tenantId() == null || Objects.equals(doc.getString(TENANT), scope.tenantId()));
            case TENANT -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                    && doc.getString(TENANT) != null && Objects.equals(doc.getString(TENANT), scope.tenantId());
            case STAFF -> false;
        };
    }
}
