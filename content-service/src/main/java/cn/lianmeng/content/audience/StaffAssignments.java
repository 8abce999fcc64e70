package cn.lianmeng.content.audience;

import java.time.Clock;
import java.util.Date;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * District staff's park/building assignments ({@code org.staff.v1} {@code StaffAssignmentChanged}): a reassignment
 * changes what a staff member reads here as soon as the event arrives, without waiting for their next token.
 */
@Component
public class StaffAssignments {

    private final ScopedCollection staff;
    private final Clock clock;

    public StaffAssignments(MongoAccess mongo, Clock clock) {
        this.staff = mongo.collection("staff_assignments", ScopeRule.allianceOwned());
        this.clock = clock;
    }

    public Mono<Boolean> apply(IncomingEvent event) {
        if (!"StaffAssignmentChanged".equals(event.type())) {
            return Mono.just(false);
        }
        String allianceId = event.text("allianceId");
        Document fields = new Document("allianceId", allianceId)
                .append("name", event.optionalText("name"))
                .append("parkIds", Organisations.strings(event.data().get("parkIds")))
                .append("buildingIds", Organisations.strings(event.data().get("buildingIds")))
                .append("updatedAt", Date.from(clock.instant()));
        return staff.upsertIfNewer(Scope.system(allianceId, null), event.text("accountId"), event.number("version"), fields);
    }

    public Mono<Document> find(String allianceId, String accountId) {
        return staff.findById(Scope.system(allianceId, null), accountId);
    }
}
