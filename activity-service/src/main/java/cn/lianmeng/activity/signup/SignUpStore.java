package cn.lianmeng.activity.signup;

import java.util.List;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code signups} collection: one document per (activity, member) — {@code _id = activityId:memberId}, so a
 * member holds at most one sign-up per activity — owned by the member's tenant.
 */
@Component
public class SignUpStore {

    public enum Status { PENDING, CONFIRMED, WAITLISTED, WITHDRAWN }

    private final ScopedCollection signups;

    public SignUpStore(MongoAccess mongo) {
        this.signups = mongo.collection("signups", ScopeRule.tenantOwned());
        signups.ensureIndexInBackground(Indexes.ascending("activityId", "status", "waitPosition"), new IndexOptions().name("activity_status_position"));
        signups.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId", "status"), new IndexOptions().name("alliance_member_status"));
    }

    public static String id(String activityId, String memberId) {
        return activityId + ":" + memberId;
    }

    ScopedCollection collection() {
        return signups;
    }

    /** Members with a confirmed seat (the expected attendance of an activity that requires sign-up). */
    public Mono<List<String>> confirmedMemberIds(String allianceId, String activityId) {
        return signups.find(Scope.system(allianceId, null), Filters.and(Filters.eq("activityId", activityId),
                        Filters.eq("status", Status.CONFIRMED.name())), Projections.include("memberId"), null, 0, 0)
                .map(d -> d.getString("memberId")).collectList();
    }

    public Mono<Boolean> confirmed(String allianceId, String activityId, String memberId) {
        return signups.findById(Scope.system(allianceId, null), id(activityId, memberId))
                .map(d -> Status.CONFIRMED.name().equals(d.getString("status"))).defaultIfEmpty(false);
    }
}
