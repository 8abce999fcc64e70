package cn.lianmeng.org.member;

import java.util.Collection;
import java.util.List;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-only access to organisations for members and transfers. Organisations are looked up alliance-wide
 * ({@code Scope.system(allianceId, null)}): a transfer may name another tenant's organisation, and the caller's rights
 * on it are decided afterwards by {@link OrgAdminRights}; an organisation of another alliance is never found.
 */
@Component
public class OrganisationDirectory {

    private final ScopedCollection organisations;

    public OrganisationDirectory(MongoAccess mongo) {
        this.organisations = mongo.collection(Organisation.COLLECTION, ScopeRule.tenantOwned());
    }

    public Mono<Organisation> find(String allianceId, String orgId) {
        if (allianceId == null || orgId == null) {
            return Mono.empty();
        }
        return organisations.findById(Scope.system(allianceId, null), orgId).map(Organisation::fromDocument);
    }

    /** The organisation and every organisation below it. */
    public Flux<Organisation> subtree(String allianceId, String orgId) {
        return organisations.find(Scope.system(allianceId, null), Filters.or(Filters.eq("_id", orgId), Filters.eq("ancestors", orgId)),
                null, 0, 0).map(Organisation::fromDocument);
    }

    /** Active organisations of one tenant by exact name (import resolves 所在党组织 by name within the tenant). */
    public Flux<Organisation> byNames(String allianceId, String tenantId, Collection<String> names) {
        return organisations.find(Scope.system(allianceId, tenantId),
                Filters.and(Filters.in("name", List.copyOf(names)), Filters.eq("status", "ACTIVE")), Sorts.ascending("_id"), 0, 0)
                .map(Organisation::fromDocument);
    }

    /** Every ACTIVE organisation of an alliance, by tenant and name (demo data). */
    public Flux<Organisation> active(String allianceId) {
        return organisations.find(Scope.system(allianceId, null), Filters.eq("status", "ACTIVE"), Sorts.ascending("tenantId", "name", "_id"), 0, 0)
                .map(Organisation::fromDocument);
    }

    /** The ACTIVE organisations of one tenant, by name (import template). */
    public Flux<Organisation> ofTenant(String allianceId, String tenantId) {
        return organisations.find(Scope.system(allianceId, tenantId), Filters.eq("status", "ACTIVE"), Sorts.ascending("name", "_id"), 0, 0)
                .map(Organisation::fromDocument);
    }
}
