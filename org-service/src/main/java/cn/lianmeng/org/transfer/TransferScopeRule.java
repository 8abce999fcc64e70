package cn.lianmeng.org.transfer;

import java.util.Objects;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tenancy of transfers: a transfer belongs to two tenants of one alliance, the sending one ({@code fromTenantId},
 * also {@code tenantId}) and the receiving one ({@code toTenantId}); a tenant scope sees a transfer when it is on
 * either side, an alliance scope sees the alliance's transfers, district staff see none.
 */
final class TransferScopeRule implements ScopeRule {

    static final String FROM = "fromTenantId";
    static final String TO = "toTenantId";

    @Override
    public Bson filter(Scope scope) {
        return switch (scope.kind()) {
            case UNRESTRICTED -> new Document();
            case ALLIANCE -> Filters.eq(ALLIANCE, scope.allianceId());
            case STAFF -> Filters.and(Filters.eq(ALLIANCE, scope.allianceId()), Filters.eq("_id", null));
            case TENANT -> eitherSide(scope);
            case SYSTEM -> scope.tenantId() == null ? Filters.eq(ALLIANCE, scope.allianceId()) : eitherSide(scope);
        };
    }

    private static Bson eitherSide(Scope scope) {
        return Filters.and(Filters.eq(ALLIANCE, scope.allianceId()),
                Filters.or(Filters.eq(FROM, scope.tenantId()), Filters.eq(TO, scope.tenantId())));
    }

    @Override
    public boolean admits(Scope scope, Document doc) {
        boolean sameAlliance = Objects.equals(doc.getString(ALLIANCE), scope.allianceId());
        return switch (scope.kind()) {
            case UNRESTRICTED -> true;
            case ALLIANCE -> sameAlliance;
            case STAFF -> false;
            case TENANT -> sameAlliance && (Objects.equals(doc.getString(FROM), scope.tenantId())
                    || Objects.equals(doc.getString(TO), scope.tenantId()));
            case SYSTEM -> sameAlliance && (scope.tenantId() == null || Objects.equals(doc.getString(FROM), scope.tenantId())
                    || Objects.equals(doc.getString(TO), scope.tenantId()));
        };
    }
}
