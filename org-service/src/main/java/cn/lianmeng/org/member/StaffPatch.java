package cn.lianmeng.org.member;

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
 * The enterprises a DISTRICT_STAFF caller's parks and buildings hold, read with the caller's own scope (the
 * {@code enterprises} collection's tenancy rule does the park/building filtering). Members are then matched by their
 * employer, so a member is visible to staff exactly while their employer is located in the staff member's patch.
 */
@Component
public class StaffPatch {

    private final ScopedCollection enterprises;

    public StaffPatch(MongoAccess mongo) {
        this.enterprises = mongo.collection("enterprises", ScopeRule.tenantOwned());
    }

    public Mono<Set<String>> enterpriseIds(Caller staff) {
        return enterprises.find(Scope.of(staff), Filters.empty(), Projections.include("_id"), null, 0, 0)
                .map(d -> d.getString("_id")).collect(Collectors.toSet());
    }
}
