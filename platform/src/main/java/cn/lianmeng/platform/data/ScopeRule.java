package cn.lianmeng.platform.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * How a collection is partitioned by tenancy, turned into the filter every query of a scope gets. Documents carry
 * {@value #ALLIANCE} and {@value #TENANT}; enterprise-located documents also carry {@value #PARK} and
 * {@value #BUILDING} for district staff.
 */
public interface ScopeRule {

    String ALLIANCE = "allianceId";
    String TENANT = "tenantId";
    String PARK = "parkId";
    String BUILDING = "buildingId";

    /** The filter that restricts a query to what the scope may see. */
    Bson filter(Scope scope);

    /** Whether a new document lies within the scope (inserts outside it are refused). */
    boolean admits(Scope scope, Document doc);

    /** Documents owned by one tenant of one alliance; district staff see the tenants located in their patch. */
    static ScopeRule tenantOwned() {
        return new ScopeRule() {
            @Override
            public Bson filter(Scope scope) {
                List<Bson> parts = new ArrayList<>();
                switch (scope.kind()) {
                    case UNRESTRICTED -> {
                        return new Document();
                    }
                    case ALLIANCE -> parts.add(Filters.eq(ALLIANCE, scope.allianceId()));
                    case STAFF -> {
                        parts.add(Filters.eq(ALLIANCE, scope.allianceId()));
                        parts.add(Filters.or(Filters.in(PARK, scope.parkIds()), Filters.in(BUILDING, scope.buildingIds())));
                    }
                    case TENANT -> {
                        parts.add(Filters.eq(ALLIANCE, scope.allianceId()));
                        parts.add(Filters.eq(TENANT, scope.tenantId()));
                    }
                    case SYSTEM -> {
                        parts.add(Filters.eq(ALLIANCE, scope.allianceId()));
                        if (scope.tenantId() != null) {
                            parts.add(Filters.eq(TENANT, scope.tenantId()));
                        }
                    }
                }
                return Filters.and(parts);
            }

            @Override
            public boolean admits(Scope scope, Document doc) {
                return switch (scope.kind()) {
                    case UNRESTRICTED -> true;
                    case ALLIANCE, STAFF -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId());
                    case TENANT -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                            && Objects.equals(doc.getString(TENANT), scope.tenantId());
                    case SYSTEM -> Objects.equals(doc.getString(ALLIANCE), scope.allianceId())
                            && (scope.tenantId() == null || Objects.equals(doc.getString(TENANT), scope.tenantId()));
                };
            }
        };
    }

    /** Documents owned by an alliance as a whole (alliances, alliance-level settings): every role of it may read. */
    static ScopeRule allianceOwned() {
        return new ScopeRule() {
            @Override
            public Bson filter(Scope scope) {
                return scope.kind() == Scope.Kind.UNRESTRICTED ? new Document() : Filters.eq(ALLIANCE, scope.allianceId());
            }

            @Override
            public boolean admits(Scope scope, Document doc) {
                return scope.kind() == Scope.Kind.UNRESTRICTED
                        || (scope.kind() != Scope.Kind.TENANT && scope.kind() != Scope.Kind.STAFF
                        && Objects.equals(doc.getString(ALLIANCE), scope.allianceId()));
            }
        };
    }
}
