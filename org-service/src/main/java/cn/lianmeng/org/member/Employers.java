package cn.lianmeng.org.member;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Members' employers, read from {@code enterprises}: the enterprises a DISTRICT_STAFF caller's parks and buildings
 * hold, read with the caller's own scope (the collection's tenancy rule does the park/building filtering) — members
 * are then matched by employer, so a member is visible to staff exactly while their employer is in the staff member's
 * patch — and enterprise ids by credit code for the import.
 */
@Component
public class Employers {

    private final ScopedCollection enterprises;

    public Employers(MongoAccess mongo) {
        this.enterprises = mongo.collection("enterprises", ScopeRule.tenantOwned());
    }

    public Mono<Set<String>> inPatchOf(Caller staff) {
        return enterprises.find(Scope.of(staff), Filters.empty(), Projections.include("_id"), null, 0, 0)
                .map(d -> d.getString("_id")).collect(Collectors.toSet());
    }

    /** Enterprise ids of the alliance by credit code (codes not registered are absent). */
    public Mono<Map<String, String>> idsByCreditCode(String allianceId, Collection<String> creditCodes) {
        if (creditCodes.isEmpty()) {
            return Mono.just(Map.of());
        }
        return enterprises.find(Scope.system(allianceId, null), Filters.in("creditCode", List.copyOf(creditCodes)),
                Projections.include("_id", "creditCode"), null, 0, 0).collectMap(d -> d.getString("creditCode"), d -> d.getString("_id"));
    }
}
