package cn.lianmeng.org.dormancy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.ProcessedEvents;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the dormancy read models current from the events of {@link #TOPICS} and re-evaluates what each event touches.
 * Idempotent and order-safe: every event runs at most once per event id ({@link ProcessedEvents}); snapshots are
 * applied with version guards ({@code upsertIfNewer}), so duplicates and late, older snapshots leave the newest state;
 * attendance facts are guarded by their version (or their time when the body has none). Evaluation always reads the
 * stored facts, never the event alone, so it is the same whatever the order of arrival.
 */
@Component
public class DormancyConsumer {

    public static final String CONSUMER = "org-service-dormancy";
    public static final String ORGANISATIONS = "org.organisation.v1";
    public static final String MEMBERS = "org.member.v1";
    public static final String ENTERPRISES = "org.enterprise.v1";
    public static final String ACTIVITIES = "activity.activity.v1";
    public static final String ATTENDANCE = "activity.attendance.v1";
    public static final List<String> TOPICS = List.of(ORGANISATIONS, MEMBERS, ENTERPRISES, ACTIVITIES, ATTENDANCE);
    static final Set<String> ACTIVITY_TYPES = Set.of("ActivityScheduled", "ActivityChanged", "ActivityHeld", "ActivityCancelled");
    private static final Logger log = LoggerFactory.getLogger(DormancyConsumer.class);

    private final DormancyStore store;
    private final DormancyEvaluator evaluator;
    private final ProcessedEvents processed;
    private final Clock clock;

    public DormancyConsumer(DormancyStore store, DormancyEvaluator evaluator, ProcessedEvents processed, Clock clock) {
        this.store = store;
        this.evaluator = evaluator;
        this.processed = processed;
        this.clock = clock;
    }

    /** Applies one event of one of {@link #TOPICS}; completes when the read models and assessments are written. */
    public Mono<Void> apply(String topic, IncomingEvent event) {
        Mono<Void> work = switch (topic) {
            case ORGANISATIONS -> organisation(event);
            case MEMBERS -> member(event);
            case ENTERPRISES -> enterprise(event);
            case ACTIVITIES -> activity(event);
            case ATTENDANCE -> attendance(event);
            default -> Mono.empty();
        };
        return processed.once(CONSUMER, event, () -> work).then();
    }

    private Instant occurred(IncomingEvent e) {
        Instant at = EventFields.instant(e.data(), "occurredAt");
        return at != null ? at : clock.instant();
    }

    // ---- org.organisation.v1 ----

    private Mono<Void> organisation(IncomingEvent e) {
        String orgId = e.text("orgId");
        String allianceId = EventFields.alliance(e);
        long version = e.number("version");
        JsonNode body = e.data();
        Scope s = Scope.system(allianceId, null);
        Instant occurred = occurred(e);
        Instant created = EventFields.instant(body, "createdAt");
        Instant firstSeen = created != null ? created : occurred;
        return store.orgs.findById(s, orgId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(stored -> {
                    Document previous = stored.orElse(null);
                    Number storedVersion = previous == null ? null : previous.get("version", Number.class);
                    if (storedVersion != null && storedVersion.longValue() >= version) {
                        return Mono.just(false); // an older or duplicate snapshot
                    }
                    String tenantId = EventFields.text(body, "tenantId");
                    String ownerType = EventFields.text(body, "ownerType");
                    String ownerId = EventFields.text(body, "ownerId");
                    Document secretary = null;
                    int committeeMembers = 0;
                    for (JsonNode o : EventFields.objects(body, "officers")) {
                        String role = EventFields.text(o, "role");
                        if ("SECRETARY".equals(role) && secretary == null) {
                            LocalDate since = EventFields.date(o, "since");
                            secretary = new Document("memberId", EventFields.text(o, "memberId")).append("name", EventFields.text(o, "name"))
                                    .append("since", since == null ? null : since.toString());
                        } else if ("COMMITTEE_MEMBER".equals(role)) {
                            committeeMembers++;
                        }
                    }
                    Date vacantSince = null;
                    if (secretary == null && previous != null) {
                        // vacant since the snapshot that removed the secretary; kept while it stays vacant
                        vacantSince = previous.get("secretary") != null ? Date.from(occurred) : previous.getDate("secretaryVacantSince");
                    }
                    LocalDate termStart = EventFields.date(body, "termStart");
                    LocalDate termEnd = EventFields.date(body, "termEnd");
                    Document fields = new Document("tenantId", tenantId)
                            .append("name", EventFields.text(body, "name"))
                            .append("kind", EventFields.text(body, "kind"))
                            .append("formation", EventFields.text(body, "formation"))
                            .append("ownerType", ownerType)
                            .append("ownerId", ownerId)
                            .append("parentId", EventFields.text(body, "parentId"))
                            .append("ancestors", EventFields.strings(body, "ancestors"))
                            .append("coveredEnterpriseIds", EventFields.strings(body, "coveredEnterpriseIds"))
                            .append("status", Objects.requireNonNullElse(EventFields.text(body, "status"), "ACTIVE"))
                            .append("secretary", secretary)
                            .append("committeeMembers", committeeMembers)
                            .append("secretaryVacantSince", vacantSince)
                            .append("termStart", termStart == null ? null : termStart.toString())
                            .append("termEnd", termEnd == null ? null : termEnd.toString());
                    if (previous == null) {
                        fields.append("createdAt", Date.from(firstSeen));
                    }
                    return location(s, ownerType, ownerId, tenantId)
                            .flatMap(loc -> store.orgs.upsertIfNewer(s, orgId, version, fields.append("parkId", loc.parkId())
                                    .append("buildingId", loc.buildingId()).append("enterpriseName", loc.enterpriseName())));
                })
                // an earlier snapshot arriving late can still tell us the organisation existed earlier
                .then(store.orgs.updateOne(s, Filters.and(Filters.eq("_id", orgId), Filters.gt("createdAt", Date.from(firstSeen))),
                        Updates.set("createdAt", Date.from(firstSeen))))
                .then(evaluator.evaluateOrg(allianceId, orgId))
                .then();
    }

    record Location(String parkId, String buildingId, String enterpriseName) {
    }

    /** Where district staff find the organisation: its enterprise's park/building, or the owning park. */
    private Mono<Location> location(Scope s, String ownerType, String ownerId, String tenantId) {
        if ("PARK".equals(ownerType)) {
            return Mono.just(new Location(ownerId, null, null));
        }
        if (tenantId == null) {
            return Mono.just(new Location(null, null, null));
        }
        return store.enterprises.findById(s, tenantId)
                .map(d -> new Location(d.getString("parkId"), d.getString("buildingId"), d.getString("name")))
                .defaultIfEmpty(new Location(null, null, null));
    }

    // ---- org.member.v1 ----

    private Mono<Void> member(IncomingEvent e) {
        String memberId = e.text("memberId");
        String allianceId = EventFields.alliance(e);
        long version = e.number("version");
        JsonNode body = e.data();
        Scope s = Scope.system(allianceId, null);
        Instant occurred = occurred(e);
        Instant declaredJoin = EventFields.firstInstant(body, "joinedAt", "joinDate");
        String orgId = EventFields.text(body, "orgId");
        String previousOrgId = EventFields.text(body, "previousOrgId");
        String enterpriseId = EventFields.text(body, "enterpriseId");
        Boolean activeField = EventFields.bool(body, "active");
        boolean active = activeField != null ? activeField : !"MemberLeft".equals(e.type());
        return store.members.findById(s, memberId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(stored -> {
                    Document previous = stored.orElse(null);
                    Document fields = new Document("tenantId", EventFields.text(body, "tenantId"))
                            .append("enterpriseId", enterpriseId)
                            .append("orgId", orgId)
                            .append("orgAncestors", EventFields.strings(body, "orgAncestors"))
                            .append("name", EventFields.text(body, "name"))
                            .append("status", EventFields.text(body, "status"))
                            .append("active", active);
                    if (declaredJoin != null) {
                        fields.append("joinedAt", Date.from(declaredJoin)).append("joinedDeclared", true);
                    } else if (previous == null) {
                        fields.append("joinedAt", Date.from(occurred)).append("joinedDeclared", false);
                    }
                    Mono<Document> located = enterpriseId == null ? Mono.just(fields)
                            : store.enterprises.findById(s, enterpriseId)
                            .map(d -> fields.append("parkId", d.getString("parkId")).append("buildingId", d.getString("buildingId")))
                            .defaultIfEmpty(fields);
                    Set<String> orgs = new LinkedHashSet<>();
                    if (previous != null && previous.getString("orgId") != null) {
                        orgs.add(previous.getString("orgId"));
                    }
                    return located.flatMap(f -> store.members.upsertIfNewer(s, memberId, version, f)).thenReturn(orgs);
                })
                .flatMap(orgs -> {
                    // without a declared join date the member is known from their first event, whatever the order
                    Mono<?> firstSeen = declaredJoin != null ? Mono.empty()
                            : store.members.updateOne(s, Filters.and(Filters.eq("_id", memberId), Filters.eq("joinedDeclared", false),
                            Filters.gt("joinedAt", Date.from(occurred))), Updates.set("joinedAt", Date.from(occurred)));
                    if (orgId != null) {
                        orgs.add(orgId);
                    }
                    if (previousOrgId != null) {
                        orgs.add(previousOrgId);
                    }
                    return firstSeen.then(evaluator.evaluateMember(allianceId, memberId))
                            .thenMany(Flux.fromIterable(orgs).concatMap(o -> evaluator.evaluateOrg(allianceId, o)))
                            .then();
                });
    }

    // ---- org.enterprise.v1 ----

    private Mono<Void> enterprise(IncomingEvent e) {
        String enterpriseId = e.text("enterpriseId");
        String allianceId = EventFields.alliance(e);
        long version = e.number("version");
        JsonNode body = e.data();
        Scope tenant = Scope.system(allianceId, enterpriseId);
        Scope alliance = Scope.system(allianceId, null);
        Document fields = new Document("name", EventFields.text(body, "name"))
                .append("status", EventFields.text(body, "status"))
                .append("parkId", EventFields.text(body, "parkId"))
                .append("buildingId", EventFields.text(body, "buildingId"));
        return store.enterprises.upsertIfNewer(tenant, enterpriseId, version, fields)
                // propagate the stored (newest) snapshot, also when this one was stale or a redelivery
                .then(store.enterprises.findById(tenant, enterpriseId))
                .flatMap(ent -> store.orgs.updateMany(tenant, Filters.and(Filters.eq("tenantId", enterpriseId), Filters.ne("ownerType", "PARK")),
                                Updates.combine(Updates.set("parkId", ent.getString("parkId")), Updates.set("buildingId", ent.getString("buildingId")),
                                        Updates.set("enterpriseName", ent.getString("name"))))
                        .then(store.members.updateMany(alliance, Filters.eq("enterpriseId", enterpriseId),
                                Updates.combine(Updates.set("parkId", ent.getString("parkId")), Updates.set("buildingId", ent.getString("buildingId")))))
                        .then(refreshEnterpriseActivity(alliance, enterpriseId)))
                .thenMany(store.orgs.find(tenant, Filters.eq("tenantId", enterpriseId), Projections.include("_id"), null, 0, 10_000))
                .concatMap(o -> evaluator.evaluateOrg(allianceId, o.getString("_id")))
                .then();
    }

    /** The enterprise's last activity: the latest held activity that reached it. */
    private Mono<Void> refreshEnterpriseActivity(Scope alliance, String enterpriseId) {
        return store.activities.find(alliance, Filters.and(Filters.eq("reachedEnterpriseIds", enterpriseId), Filters.eq("status", "HELD")), Projections.include("heldAt", "_id"),
                        Sorts.descending("heldAt"), 0, 1).next()
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(last -> store.enterprises.updateOne(alliance, Filters.eq("_id", enterpriseId), Updates.combine(
                        Updates.set("lastActivityAt", last.map(d -> d.getDate("heldAt")).orElse(null)),
                        Updates.set("lastActivityId", last.map(d -> d.getString("_id")).orElse(null)))))
                .then();
    }

    // ---- activity.activity.v1 ----

    private Mono<Void> activity(IncomingEvent e) {
        if (!ACTIVITY_TYPES.contains(e.type())) {
            return Mono.empty(); // a type this consumer does not need: ignored, not an error
        }
        String activityId = e.text("activityId");
        String allianceId = EventFields.alliance(e);
        long version = e.number("version");
        JsonNode body = e.data();
        Scope s = Scope.system(allianceId, null);
        String type = EventFields.text(body, "type");
        String declared = switch (e.type()) {
            case "ActivityHeld" -> "HELD";
            case "ActivityCancelled" -> "CANCELLED";
            default -> EventFields.text(body, "status");
        };
        // when it took place: the start (activity-service's contract: heldAt is when the organiser marked it held)
        Instant heldAt = EventFields.firstInstant(body, "startAt", "heldAt", "endAt");
        Instant occurred = occurred(e);
        List<String> reached = EventFields.strings(body, "reachedEnterpriseIds");
        return store.activities.findById(s, activityId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(stored -> {
                    // a change without a status keeps the stored one (a held activity stays held when minutes are added)
                    String status = declared != null ? declared
                            : stored.map(d -> d.getString("status")).filter(Objects::nonNull).orElse("SCHEDULED");
                    boolean held = "HELD".equals(status);
                    String effectiveType = type != null ? type : stored.map(d -> d.getString("type")).orElse(null);
                    List<Document> organisations = participation(body, effectiveType);
                    boolean detailed = organisations.stream().anyMatch(o -> o.get("present") != null || o.get("quorumMet") != null);
                    Date when = heldAt != null ? Date.from(heldAt)
                            : stored.map(d -> d.getDate("heldAt")).orElse(Date.from(occurred));
                    Document fields = new Document("status", status).append("heldAt", when);
                    // fields a partial change may leave out keep their stored values
                    putIfPresent(fields, "tenantId", orElse(EventFields.text(body, "tenantId"), e.tenantId()));
                    putIfPresent(fields, "type", type);
                    putIfPresent(fields, "title", EventFields.text(body, "title"));
                    putIfPresent(fields, "hostOrgId", EventFields.text(body, "hostOrgId"));
                    Set<String> orgs = new LinkedHashSet<>();
                    Set<String> enterprises = new LinkedHashSet<>(reached);
                    stored.ifPresent(d -> {
                        orgs.addAll(d.getList("orgIds", String.class, List.of()));
                        enterprises.addAll(d.getList("reachedEnterpriseIds", String.class, List.of()));
                    });
                    boolean storedOrganisations = stored.map(d -> !d.getList("organisations", Document.class, List.of()).isEmpty()).orElse(false);
                    // a later change of a held activity (minutes added) without attendance figures keeps the held figures
                    boolean replaceOrganisations = !held || "ActivityHeld".equals(e.type()) || detailed || !storedOrganisations;
                    if (replaceOrganisations && (!organisations.isEmpty() || !held)) {
                        fields.append("organisations", organisations)
                                .append("orgIds", organisations.stream().map(o -> o.getString("orgId")).toList());
                    }
                    if (!reached.isEmpty() || !held) {
                        fields.append("reachedEnterpriseIds", reached);
                    }
                    organisations.forEach(o -> orgs.add(o.getString("orgId")));
                    return store.activities.upsertIfNewer(s, activityId, version, fields)
                            // participants follow the stored status: a held activity counts, anything else does not
                            .then(store.activities.findById(s, activityId))
                            .flatMap(fact -> {
                                boolean isHeld = "HELD".equals(fact.getString("status"));
                                List<Document> entries = fact.getList("organisations", Document.class, List.of());
                                List<String> participants = isHeld ? entries.stream().filter(o -> Boolean.TRUE.equals(o.getBoolean("participated")))
                                        .map(o -> o.getString("orgId")).toList() : List.of();
                                entries.forEach(o -> orgs.add(o.getString("orgId")));
                                return store.activities.updateOne(s, Filters.eq("_id", activityId), Updates.set("participantOrgIds", participants));
                            })
                            .thenMany(Flux.fromIterable(enterprises).concatMap(ent -> refreshEnterpriseActivity(s, ent)))
                            .thenMany(Flux.fromIterable(orgs).concatMap(o -> evaluator.evaluateOrg(allianceId, o)))
                            .then();
                });
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static void putIfPresent(Document fields, String key, Object value) {
        if (value != null) {
            fields.append(key, value);
        }
    }

    /**
     * Per organisation of the activity: whether it took part (listed, and some of its members present or late — or no
     * counts given) and whether the activity counts as its required meeting (a branch assembly only with quorum: the
     * body's {@code quorumMet}, else more than half of {@code fullMembers} in {@code fullPresent}). Without
     * {@code organisations[]} the host organisation (and any {@code participatingOrgIds}) took part.
     */
    static List<Document> participation(JsonNode body, String type) {
        List<Document> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode o : EventFields.objects(body, "organisations")) {
            String orgId = EventFields.text(o, "orgId");
            if (orgId == null || !seen.add(orgId)) {
                continue;
            }
            Integer present = EventFields.integer(o, "present");
            Integer late = EventFields.integer(o, "late");
            Integer onLeave = EventFields.integer(o, "onLeave");
            Integer absent = EventFields.integer(o, "absent");
            Integer fullMembers = EventFields.integer(o, "fullMembers");
            Integer fullPresent = EventFields.integer(o, "fullPresent");
            Boolean quorumMet = EventFields.bool(o, "quorumMet");
            boolean counted = present != null || late != null || onLeave != null || absent != null;
            boolean participated = !counted || (present == null ? 0 : present) + (late == null ? 0 : late) > 0;
            Boolean quorum = quorumMet != null ? quorumMet
                    : fullMembers != null && fullPresent != null ? fullPresent * 2 > fullMembers : null;
            out.add(new Document("orgId", orgId).append("tenantId", EventFields.text(o, "tenantId"))
                    .append("present", present).append("late", late).append("onLeave", onLeave).append("absent", absent)
                    .append("fullMembers", fullMembers).append("fullPresent", fullPresent).append("quorumMet", quorum)
                    .append("participated", participated)
                    .append("valid", participated && (!MeetingType.BRANCH_ASSEMBLY.name().equals(type) || Boolean.TRUE.equals(quorum))));
        }
        if (out.isEmpty()) {
            List<String> ids = new ArrayList<>();
            String host = EventFields.text(body, "hostOrgId");
            if (host != null) {
                ids.add(host);
            }
            ids.addAll(EventFields.strings(body, "participatingOrgIds"));
            for (String orgId : ids) {
                if (seen.add(orgId)) {
                    // no attendance counts: a branch assembly cannot be shown to have had its quorum
                    out.add(new Document("orgId", orgId).append("participated", true)
                            .append("valid", !MeetingType.BRANCH_ASSEMBLY.name().equals(type)));
                }
            }
        }
        return out;
    }

    // ---- activity.attendance.v1 ----

    private Mono<Void> attendance(IncomingEvent e) {
        if (!"AttendanceRecorded".equals(e.type())) {
            return Mono.empty();
        }
        String activityId = e.text("activityId");
        String memberId = e.text("memberId");
        String allianceId = EventFields.alliance(e);
        JsonNode body = e.data();
        String status = e.text("status");
        String type = EventFields.text(body, "activityType") != null ? EventFields.text(body, "activityType") : EventFields.text(body, "type");
        // the day of the organisational life is the activity's; the check-in time only when the start is not given
        Instant at = EventFields.firstInstant(body, "activityStartAt", "at", "occurredAt");
        if (at == null) {
            at = clock.instant();
        }
        Long bodyVersion = EventFields.number(body, "version");
        long version = bodyVersion != null ? bodyVersion : at.toEpochMilli();
        boolean counts = ("PRESENT".equals(status) || "LATE".equals(status)) && MeetingType.isOrganisationalLife(type);
        Scope s = Scope.system(allianceId, null);
        Document fields = new Document("tenantId", orElse(EventFields.text(body, "tenantId"), e.tenantId()))
                .append("activityId", activityId).append("memberId", memberId).append("orgId", EventFields.text(body, "orgId"))
                .append("status", status).append("type", type).append("at", Date.from(at)).append("counts", counts);
        return store.attendance.upsertIfNewer(s, activityId + ":" + memberId, version, fields)
                .then(evaluator.evaluateMemberAndOrg(allianceId, memberId))
                .doOnError(err -> log.debug("Attendance {} of {} failed: {}", activityId, memberId, err.toString()));
    }
}
