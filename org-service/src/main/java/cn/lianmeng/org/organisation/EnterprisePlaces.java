package cn.lianmeng.org.organisation;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.ProcessedEvents;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the {@code parkIds}/{@code buildingIds} of organisations (what district staff's scope filters on) current
 * when an enterprise moves to another park or building: on every {@code org.enterprise.v1} event the organisations
 * the enterprise owns or is covered by — and the groups inside them — get their places recomputed from the
 * enterprises collection. Recomputing from current state is idempotent; event ids are remembered too.
 */
@Component
class EnterprisePlaces {

    static final String CONSUMER = "org-service.organisation-places";
    static final Set<String> TYPES = Set.of("EnterpriseOnboarded", "EnterpriseUpdated", "EnterpriseSuspended", "EnterpriseReactivated",
            "EnterpriseLeft");

    private final OrganisationStore store;
    private final ProcessedEvents processed;

    EnterprisePlaces(OrganisationStore store, ProcessedEvents processed) {
        this.store = store;
        this.processed = processed;
    }

    Mono<Boolean> apply(IncomingEvent event) {
        if (!TYPES.contains(event.type())) {
            return Mono.just(false);
        }
        String enterpriseId = event.text("enterpriseId");
        String allianceId = event.text("allianceId");
        Scope scope = Scope.system(allianceId, null);
        return processed.once(CONSUMER, event, () -> store.organisations()
                .find(scope, Filters.or(Filters.eq("tenantId", enterpriseId), Filters.eq("coveredEnterpriseIds", enterpriseId)),
                        Sorts.ascending("depth"), 0, 0)
                .concatMap(org -> refresh(scope, org))
                .then());
    }

    private Mono<Void> refresh(Scope scope, Document org) {
        OrganisationKind kind = OrganisationKind.valueOf(org.getString("kind"));
        Mono<Document> parent = kind == OrganisationKind.GROUP && org.getString("parentId") != null
                ? store.organisations().findById(scope, org.getString("parentId")) : Mono.empty();
        return parent.map(p -> List.of(p)).defaultIfEmpty(List.of())
                .flatMap(p -> store.places(org.getString("allianceId"), OwnerType.valueOf(org.getString("ownerType")), org.getString("ownerId"),
                        org.getList("coveredEnterpriseIds", String.class, List.of()), p.isEmpty() ? null : p.get(0), kind))
                .flatMap(places -> {
                    boolean same = Objects.equals(places.parkIds(), org.getList(OrganisationScopeRule.PARKS, String.class, List.of()))
                            && Objects.equals(places.buildingIds(), org.getList(OrganisationScopeRule.BUILDINGS, String.class, List.of()));
                    Mono<Void> self = same ? Mono.empty() : store.organisations().updateOne(scope, Filters.eq("_id", org.getString("_id")),
                            Updates.combine(Updates.set(OrganisationScopeRule.PARKS, places.parkIds()),
                                    Updates.set(OrganisationScopeRule.BUILDINGS, places.buildingIds()))).then();
                    // groups inside a joint or affiliated organisation cover no enterprise of their own: they follow it
                    Mono<Void> groups = kind == OrganisationKind.GROUP ? Mono.empty()
                            : store.organisations().updateMany(scope, Filters.and(Filters.eq("parentId", org.getString("_id")),
                                    Filters.eq("kind", OrganisationKind.GROUP.name()), Filters.size("coveredEnterpriseIds", 0)),
                            Updates.combine(Updates.set(OrganisationScopeRule.PARKS, places.parkIds()),
                                    Updates.set(OrganisationScopeRule.BUILDINGS, places.buildingIds()))).then();
                    return self.then(groups);
                });
    }
}
