package cn.lianmeng.content.audience;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import cn.lianmeng.platform.web.ApiException;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a verified caller into a {@link Reader}. Keys come from the member read model (token claim {@code mid}) and
 * from the caller's administrative roles:
 * <ul>
 *   <li>ALLIANCE_ADMIN: everything in the alliance;</li>
 *   <li>ENTERPRISE_ADMIN: the alliance, their tenant and its park/building;</li>
 *   <li>ORG_ADMIN: the alliance, their tenant and its park/building, their organisations and those above them;</li>
 *   <li>DISTRICT_STAFF: the alliance and their parks/buildings (the assignment read model when present, else the token);</li>
 *   <li>a member: {@link AudienceKeys#forMember} as stored on the member read model (when the read model does not know
 *       the member yet: the alliance, their tenant and the token's organisations);</li>
 *   <li>AUDITOR: nothing — the audit log only (separation of duties, 403).</li>
 * </ul>
 * Everybody with a role in the alliance also holds {@code PUB:<alliance>} (public disclosures).
 */
@Component
public class Readers {

    private final Members members;
    private final Organisations organisations;
    private final StaffAssignments staff;
    private final TenantDirectory tenants;

    public Readers(Members members, Organisations organisations, StaffAssignments staff, TenantDirectory tenants) {
        this.members = members;
        this.organisations = organisations;
        this.staff = staff;
        this.tenants = tenants;
    }

    public Mono<Reader> of(Caller caller) {
        String allianceId = caller.allianceId();
        if (allianceId == null || !caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF, Role.MEMBER)) {
            return Mono.error(ApiException.forbidden("当前角色不能阅读内容"));
        }
        // known and active → the member's keys; known but left (or another account's) → none; unknown → the token's
        Mono<java.util.Optional<Document>> member = caller.memberId() == null ? Mono.just(java.util.Optional.empty())
                : members.find(allianceId, caller.memberId()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty());
        return member.flatMap(found -> {
            Document m = found.filter(d -> Boolean.TRUE.equals(d.getBoolean("active")))
                    .filter(d -> d.getString("accountId") == null || Objects.equals(d.getString("accountId"), caller.accountId()))
                    .orElse(null);
            Set<String> keys = new LinkedHashSet<>();
            keys.add(AudienceKeys.publicIn(allianceId));
            if (m != null) {
                keys.addAll(m.getList("keys", String.class, List.of()));
            }
            if (found.isEmpty() && caller.has(Role.MEMBER)) {
                keys.add(AudienceKeys.alliance(allianceId));
                if (caller.tenantId() != null) {
                    keys.add(AudienceKeys.tenant(caller.tenantId()));
                }
                caller.orgIds().forEach(o -> keys.add(AudienceKeys.org(o)));
            }
            boolean allSeeing = caller.has(Role.ALLIANCE_ADMIN);
            return adminKeys(caller, keys).then(Mono.fromSupplier(() -> new Reader(caller, allianceId, allSeeing, Set.copyOf(keys), m)));
        });
    }

    private Mono<Void> adminKeys(Caller caller, Set<String> keys) {
        String allianceId = caller.allianceId();
        Mono<Void> work = Mono.empty();
        if (caller.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) && caller.tenantId() != null) {
            keys.add(AudienceKeys.alliance(allianceId));
            keys.add(AudienceKeys.tenant(caller.tenantId()));
            work = work.then(tenants.collection().findById(Scope.system(allianceId, null), caller.tenantId())
                    .doOnNext(t -> location(t, keys)).then());
        }
        if (caller.has(Role.ORG_ADMIN) && !caller.orgIds().isEmpty()) {
            work = work.then(organisations.findAll(allianceId, caller.orgIds())
                    .filter(o -> Objects.equals(o.getString("tenantId"), caller.tenantId()) || caller.tenantId() == null)
                    .doOnNext(o -> Organisations.path(o).forEach(id -> keys.add(AudienceKeys.org(id))))
                    .then());
        }
        if (caller.has(Role.DISTRICT_STAFF)) {
            keys.add(AudienceKeys.alliance(allianceId));
            work = work.then(staff.find(allianceId, caller.accountId())
                    .map(s -> new Patch(s.getList("parkIds", String.class, List.of()), s.getList("buildingIds", String.class, List.of())))
                    .defaultIfEmpty(new Patch(List.copyOf(caller.parkIds()), List.copyOf(caller.buildingIds())))
                    .doOnNext(p -> {
                        p.parks().forEach(id -> keys.add(AudienceKeys.park(id)));
                        p.buildings().forEach(id -> keys.add(AudienceKeys.building(id)));
                    }).then());
        }
        return work;
    }

    private record Patch(List<String> parks, List<String> buildings) {
    }

    private static void location(Document tenant, Set<String> keys) {
        if (tenant.getString("parkId") != null) {
            keys.add(AudienceKeys.park(tenant.getString("parkId")));
        }
        if (tenant.getString("buildingId") != null) {
            keys.add(AudienceKeys.building(tenant.getString("buildingId")));
        }
    }

    /** Ids of the organisations administered by an ORG_ADMIN and everything below them (for authoring checks). */
    public Flux<Document> administeredOrganisations(Caller caller) {
        return Flux.fromIterable(caller.orgIds()).concatMap(o -> organisations.subtree(caller.allianceId(), o));
    }
}
