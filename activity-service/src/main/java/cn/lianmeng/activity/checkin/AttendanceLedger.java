package cn.lianmeng.activity.checkin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityAccess;
import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.AttendanceSummaries;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.activity.settings.AllianceSettings;
import cn.lianmeng.activity.signup.SignUpStore;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The attendance records: one document per (activity, member) — {@code _id = activityId:memberId} — so a member is
 * recorded once however often they scan; a record is owned by the member's tenant. Each new or corrected record
 * carries {@code AttendanceRecorded} in its outbox ({@code activity.attendance.v1}, key = activity id). Also computes
 * the per-organisation figures when an activity is held.
 */
@Service
public class AttendanceLedger implements AttendanceSummaries {

    public static final String TOPIC = "activity.attendance.v1";
    public static final String RECORDED = "AttendanceRecorded";

    public enum Status {
        PRESENT("出席"), LATE("迟到"), ON_LEAVE("请假"), ABSENT("缺席");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean attended() {
            return this == PRESENT || this == LATE;
        }
    }

    public enum Method { CODE, ONLINE, LEAVE, MANUAL }

    private final ScopedCollection attendance;
    private final OrgDirectory directory;
    private final SignUpStore signUps;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public AttendanceLedger(MongoAccess mongo, OrgDirectory directory, SignUpStore signUps, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.attendance = mongo.collection("attendance", ScopeRule.tenantOwned());
        this.directory = directory;
        this.signUps = signUps;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        relay.register(attendance);
        attendance.ensureIndexInBackground(Indexes.ascending("activityId", "orgId", "status"), new IndexOptions().name("activity_org_status"));
        attendance.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId", "at"), new IndexOptions().name("alliance_member_at"));
    }

    public static String id(String activityId, String memberId) {
        return activityId + ":" + memberId;
    }

    public ScopedCollection collection() {
        return attendance;
    }

    /** A record and whether this call created it (false: the member was already recorded; nothing changed). */
    public record Recorded(Document record, boolean created) {
    }

    /** Records a member once; a repeated check-in answers the existing record unchanged. */
    public Mono<Recorded> record(Document activity, MemberRecord member, Status status, Method method, Instant at,
                                 String recordedBy, AllianceSettings settings) {
        String activityId = activity.getString("_id");
        String id = id(activityId, member.id());
        Document doc = new Document("_id", id).append("allianceId", member.allianceId()).append("tenantId", member.tenantId())
                .append("activityId", activityId).append("activityTenantId", activity.getString("tenantId"))
                .append("activityType", activity.getString("type")).append("activityStartAt", activity.getDate("startAt"))
                .append("memberId", member.id()).append("memberName", member.name()).append("enterpriseId", member.enterpriseId())
                .append("orgId", ActivityAccess.attendanceOrg(member, activity)).append("memberOrgId", member.orgId()).append("memberOrgPath", member.orgPath())
                .append("fullMember", member.full()).append("status", status.name()).append("method", method.name())
                .append("at", Date.from(at)).append("recordedBy", recordedBy).append("version", 1L);
        OutboxMessage event = outbox.message(TOPIC, RECORDED, activityId, member.allianceId(), member.tenantId(),
                event(doc, settings, clock.instant()));
        Scope scope = Scope.system(member.allianceId(), null);
        return attendance.insert(scope, Outbox.withOutbox(doc, event))
                .map(d -> {
                    relay.relaySoon(attendance, id);
                    return new Recorded(d, true);
                })
                .onErrorResume(ScopedCollection::isDuplicateKey, e -> attendance.findById(scope, id).map(d -> new Recorded(d, false)));
    }

    /** An organiser's correction (or entry, when check-in is switched off): insert, or a version-guarded change. */
    public Mono<Document> correct(Document activity, MemberRecord member, Status status, Instant at, String recordedBy,
                                  AllianceSettings settings) {
        Scope scope = Scope.system(member.allianceId(), null);
        String id = id(activity.getString("_id"), member.id());
        return attendance.findById(scope, id)
                .flatMap(current -> {
                    if (status.name().equals(current.getString("status"))) {
                        return Mono.just(current);
                    }
                    long version = current.get("version", Number.class).longValue();
                    Document after = new Document(current).append("status", status.name()).append("method", Method.MANUAL.name())
                            .append("at", Date.from(at)).append("recordedBy", recordedBy).append("version", version + 1);
                    OutboxMessage event = outbox.message(TOPIC, RECORDED, activity.getString("_id"), member.allianceId(),
                            member.tenantId(), event(after, settings, clock.instant()));
                    return attendance.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                                    Updates.combine(Updates.set("status", status.name()), Updates.set("method", Method.MANUAL.name()),
                                            Updates.set("at", Date.from(at)), Updates.set("recordedBy", recordedBy),
                                            Updates.set("version", version + 1), Outbox.push(event)))
                            .switchIfEmpty(Mono.error(() -> cn.lianmeng.platform.web.ApiException.conflict("考勤记录刚被修改，请刷新后重试")))
                            .doOnSuccess(d -> relay.relaySoon(attendance, id));
                })
                .switchIfEmpty(Mono.defer(() -> record(activity, member, status, Method.MANUAL, at, recordedBy, settings)
                        .flatMap(r -> r.created() ? Mono.just(r.record()) : correct(activity, member, status, at, recordedBy, settings))));
    }

    public Mono<Document> find(String allianceId, String activityId, String memberId) {
        return attendance.findById(Scope.system(allianceId, null), id(activityId, memberId));
    }

    private static Map<String, Object> event(Document d, AllianceSettings settings, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("attendanceId", d.getString("_id"));
        body.put("activityId", d.getString("activityId"));
        body.put("allianceId", d.getString("allianceId"));
        body.put("activityTenantId", d.getString("activityTenantId"));
        body.put("activityType", d.getString("activityType"));
        body.put("activityStartAt", Times.event(d.getDate("activityStartAt")));
        body.put("tenantId", d.getString("tenantId"));
        body.put("orgId", d.getString("orgId"));
        body.put("memberId", d.getString("memberId"));
        body.put("enterpriseId", d.getString("enterpriseId"));
        body.put("status", d.getString("status"));
        body.put("method", d.getString("method"));
        body.put("at", Times.event(d.getDate("at")));
        body.put("pointsEligible", settings.pointsEnabled() && Status.valueOf(d.getString("status")).attended());
        body.put("version", d.get("version", Number.class).longValue());
        body.put("occurredAt", now.toString());
        return body;
    }

    // ---- summary when held ---------------------------------------------------------------------------------------

    private static final class Tally {
        int present;
        int late;
        int onLeave;
        int absent;
        int fullMembers;
        int fullPresent;

        void add(Status status, boolean full) {
            switch (status) {
                case PRESENT -> present++;
                case LATE -> late++;
                case ON_LEAVE -> onLeave++;
                case ABSENT -> absent++;
            }
            if (full) {
                fullMembers++;
                if (status.attended()) {
                    fullPresent++;
                }
            }
        }
    }

    /**
     * Attendance per participating organisation: the expected members (confirmed sign-ups, or else the audience) each
     * count once as present, late, on leave or absent; members recorded without being expected (e.g. the audience
     * changed after they checked in) count under the organisation of their record. The quorum of a branch assembly
     * counts full members only.
     */
    @Override
    public Mono<Document> summarise(Document activity, Instant now) {
        String allianceId = activity.getString("allianceId");
        String activityId = activity.getString("_id");
        Document signUp = activity.get("signUp", Document.class);
        Mono<List<MemberRecord>> expected = signUp != null && signUp.getBoolean("enabled", false)
                ? signUps.confirmedMemberIds(allianceId, activityId).flatMap(ids -> directory.members(allianceId, ids).collectList())
                : directory.activeMembers(allianceId, ActivityAccess.audienceMembers(activity)).collectList();
        Mono<List<Document>> records = attendance.find(Scope.system(allianceId, null), Filters.eq("activityId", activityId), null, 0, 0)
                .collectList();
        ActivityType type = ActivityType.valueOf(activity.getString("type"));
        return Mono.zip(expected, records).flatMap(t -> {
            Map<String, Document> byMember = new HashMap<>();
            t.getT2().forEach(r -> byMember.put(r.getString("memberId"), r));
            Map<String, Tally> tallies = new LinkedHashMap<>();
            Set<String> counted = new LinkedHashSet<>();
            for (MemberRecord m : t.getT1()) {
                Document r = byMember.get(m.id());
                Status status = r == null ? Status.ABSENT : Status.valueOf(r.getString("status"));
                tallies.computeIfAbsent(ActivityAccess.attendanceOrg(m, activity), k -> new Tally()).add(status, m.full());
                counted.add(m.id());
            }
            Set<String> reached = new LinkedHashSet<>();
            for (Document r : t.getT2()) {
                Status status = Status.valueOf(r.getString("status"));
                if (!counted.contains(r.getString("memberId"))) {
                    tallies.computeIfAbsent(r.getString("orgId"), k -> new Tally()).add(status, r.getBoolean("fullMember", false));
                }
                if (status.attended() && r.getString("enterpriseId") != null) {
                    reached.add(r.getString("enterpriseId"));
                }
            }
            // organisations named in the audience or accepted invitations appear even if nobody of theirs was expected
            activity.getList("audienceOrgIds", String.class, List.of()).forEach(o -> tallies.computeIfAbsent(o, k -> new Tally()));
            return directory.organisations(allianceId, tallies.keySet()).collectMap(OrgRecord::id).map(orgs -> {
                List<Document> entries = new ArrayList<>();
                tallies.forEach((orgId, tally) -> {
                    OrgRecord o = orgs.get(orgId);
                    entries.add(new Document("orgId", orgId).append("orgName", o == null ? null : o.name())
                            .append("tenantId", o == null ? null : o.tenantId()).append("orgPath", o == null ? List.of(orgId) : o.path())
                            .append("present", tally.present).append("late", tally.late).append("onLeave", tally.onLeave)
                            .append("absent", tally.absent).append("fullMembers", tally.fullMembers).append("fullPresent", tally.fullPresent)
                            .append("quorumRequired", Quorum.required(type))
                            .append("quorumMet", Quorum.met(type, tally.fullMembers, tally.fullPresent)));
                });
                return new Document("organisations", entries).append("reachedEnterpriseIds", List.copyOf(reached))
                        .append("computedAt", Date.from(now));
            });
        });
    }
}
