package cn.lianmeng.activity.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.settings.MeetingRules;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The maintained aggregate behind meeting compliance: per organisation, required meeting type and month, how many such
 * meetings were held and how many were valid (a branch assembly needs its quorum). Fed by {@code ActivityHeld};
 * each activity counts once per tally ({@code activityIds} guard in the same conditional update), so redelivered
 * events change nothing. Compliance reads these, never the activities.
 */
@Component
public class MeetingTallies {

    private final ScopedCollection tallies;

    public MeetingTallies(MongoAccess mongo) {
        this.tallies = mongo.collection("meeting_tallies", ScopeRule.tenantOwned());
        tallies.ensureIndexInBackground(Indexes.ascending("allianceId", "month", "orgId"), new IndexOptions().name("alliance_month_org"));
    }

    static String id(String orgId, String type, String month) {
        return orgId + "|" + type + "|" + month;
    }

    /** Counts one held activity for every participating organisation (and its host). */
    public Mono<Void> apply(IncomingEvent event) {
        ActivityType type = ActivityType.parse(event.text("type")).orElse(null);
        if (type == null || !MeetingRules.TYPES.contains(type)) {
            return Mono.empty();
        }
        String allianceId = event.text("allianceId");
        String activityId = event.text("activityId");
        Instant start = Instant.parse(event.text("startAt"));
        Instant heldAt = Instant.parse(event.text("heldAt"));
        String month = start.atZone(Times.ZONE).toLocalDate().toString().substring(0, 7);
        Map<String, Document> orgs = new LinkedHashMap<>();
        JsonNode list = event.data().get("organisations");
        if (list != null && list.isArray()) {
            for (JsonNode o : list) {
                String orgId = text(o, "orgId");
                if (orgId != null) {
                    JsonNode met = o.get("quorumMet");
                    orgs.put(orgId, new Document("tenantId", text(o, "tenantId")).append("valid", met == null || met.isNull() || met.asBoolean()));
                }
            }
        }
        String host = event.text("hostOrgId");
        orgs.putIfAbsent(host, new Document("tenantId", event.optionalText("tenantId")).append("valid", !type.equals(ActivityType.BRANCH_ASSEMBLY)));
        Scope scope = Scope.system(allianceId, null);
        return Flux.fromIterable(orgs.entrySet()).concatMap(e -> {
            String id = id(e.getKey(), type.name(), month);
            Document tally = new Document("_id", id).append("allianceId", allianceId).append("tenantId", e.getValue().getString("tenantId"))
                    .append("orgId", e.getKey()).append("type", type.name()).append("month", month)
                    .append("held", 0).append("valid", 0).append("activityIds", List.of());
            boolean valid = e.getValue().getBoolean("valid");
            return tallies.insert(scope, tally).then().onErrorResume(ScopedCollection::isDuplicateKey, x -> Mono.empty())
                    .then(tallies.updateOne(scope, Filters.and(Filters.eq("_id", id), Filters.ne("activityIds", activityId)),
                            Updates.combine(Updates.addToSet("activityIds", activityId), Updates.inc("held", 1),
                                    Updates.inc("valid", valid ? 1 : 0), Updates.max("lastHeldAt", Date.from(heldAt)))));
        }).then();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** One organisation's tally of one meeting type in one month. */
    public record Month(String month, int held, int valid, Date lastHeldAt) {
    }

    /**
     * The tallies a report reads, by organisation and meeting type — small records, filled as the documents stream in
     * (a report over 60,000 organisations never holds the documents themselves).
     */
    public static final class Table {

        private final Map<String, Map<String, List<Month>>> byOrg = new HashMap<>();

        void add(Document d) {
            byOrg.computeIfAbsent(d.getString("orgId"), k -> new HashMap<>(4)).computeIfAbsent(d.getString("type"), k -> new ArrayList<>(3))
                    .add(new Month(d.getString("month"), d.getInteger("held", 0), d.getInteger("valid", 0), d.getDate("lastHeldAt")));
        }

        /** One organisation's tallies by meeting type (empty when it has none). */
        public Map<String, List<Month>> of(String orgId) {
            return byOrg.getOrDefault(orgId, Map.of());
        }
    }

    /** Tallies of the months, for the organisations in scope matching {@code orgFilter}. */
    public Mono<Table> table(Scope scope, Collection<String> months, Bson orgFilter) {
        return tallies.stream(scope, Filters.and(Filters.in("month", List.copyOf(months)), orgFilter),
                        Projections.fields(Projections.include("orgId", "type", "month", "held", "valid", "lastHeldAt"), Projections.excludeId()))
                .collect(Table::new, Table::add);
    }
}
