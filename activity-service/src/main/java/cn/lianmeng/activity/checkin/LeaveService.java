package cn.lianmeng.activity.checkin;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityAccess;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.checkin.AttendanceLedger.Method;
import cn.lianmeng.activity.checkin.AttendanceLedger.Status;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Leave requests (请假): a member in the audience asks with a reason before the activity ends; the managers of their
 * organisation (or of the host) approve or reject. Approval records the member as on leave — once, like a check-in.
 */
@Service
public class LeaveService {

    public static final Set<String> SORTABLE = Set.of("createdAt", "memberName", "status");

    public enum LeaveStatus { PENDING, APPROVED, REJECTED }

    private final ScopedCollection leaves;
    private final ActivityService activities;
    private final CheckinService checkins;
    private final AttendanceLedger ledger;
    private final OrgDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public LeaveService(MongoAccess mongo, ActivityService activities, CheckinService checkins, AttendanceLedger ledger,
                        OrgDirectory directory, AuditLog audit, Clock clock) {
        this.leaves = mongo.collection("leave_requests", ScopeRule.tenantOwned());
        this.activities = activities;
        this.checkins = checkins;
        this.ledger = ledger;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        leaves.ensureIndexInBackground(Indexes.ascending("activityId", "status", "createdAt"), new IndexOptions().name("activity_status_created"));
    }

    public record LeaveView(String activityId, String memberId, String memberName, String orgId, String reason, String status,
                            String statusLabel, String decidedBy, String note, OffsetDateTime createdAt, OffsetDateTime decidedAt) {

        static LeaveView of(Document d) {
            LeaveStatus s = LeaveStatus.valueOf(d.getString("status"));
            String label = switch (s) {
                case PENDING -> "待审批";
                case APPROVED -> "已批准";
                case REJECTED -> "未批准";
            };
            return new LeaveView(d.getString("activityId"), d.getString("memberId"), d.getString("memberName"), d.getString("orgId"),
                    d.getString("reason"), s.name(), label, d.getString("decidedBy"), d.getString("note"),
                    Times.view(d.getDate("createdAt")), Times.view(d.getDate("decidedAt")));
        }
    }

    public Mono<LeaveView> request(Caller caller, String activityId, String reason) {
        Instant now = clock.instant();
        return checkins.self(caller).flatMap(member -> checkins.audienceActivity(member, activityId).flatMap(activity -> {
            CheckinService.requireOpen(activity);
            if (!now.isBefore(activity.getDate("endAt").toInstant())) {
                return Mono.error(ApiException.conflict("活动已结束，不能再请假"));
            }
            return ledger.find(member.allianceId(), activityId, member.id())
                    .flatMap(existing -> Mono.<LeaveView>error(ApiException.conflict("您的考勤已记录为“"
                            + Status.valueOf(existing.getString("status")).label() + "”，无须请假")))
                    .switchIfEmpty(Mono.defer(() -> {
                        String id = AttendanceLedger.id(activityId, member.id());
                        Scope scope = Scope.system(member.allianceId(), null);
                        Document doc = new Document("_id", id).append("allianceId", member.allianceId()).append("tenantId", member.tenantId())
                                .append("activityId", activityId).append("memberId", member.id()).append("memberName", member.name())
                                .append("orgId", ActivityAccess.attendanceOrg(member, activity)).append("memberOrgPath", member.orgPath())
                                .append("reason", reason.strip()).append("status", LeaveStatus.PENDING.name())
                                .append("createdAt", Date.from(now)).append("version", 1L);
                        return leaves.insert(scope, doc)
                                .onErrorResume(ScopedCollection::isDuplicateKey, e -> leaves.updateAndGet(scope,
                                                Filters.and(Filters.eq("_id", id), Filters.eq("status", LeaveStatus.REJECTED.name())),
                                                Updates.combine(Updates.set("status", LeaveStatus.PENDING.name()), Updates.set("reason", reason.strip()),
                                                        Updates.set("createdAt", Date.from(now)), Updates.unset("decidedBy"), Updates.unset("note"),
                                                        Updates.unset("decidedAt"), Updates.inc("version", 1L)))
                                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("您已提交过本次活动的请假申请"))))
                                .flatMap(d -> audit.record(caller, "LEAVE_REQUESTED", "activity", activityId, member.tenantId(),
                                        Result.SUCCESS, Map.of()).thenReturn(LeaveView.of(d)));
                    }));
        }));
    }

    public Mono<LeaveView> decide(Caller caller, String activityId, String memberId, boolean approve, String note) {
        Instant now = clock.instant();
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅党员所在组织或主办组织的管理员可审批请假"));
        }
        return activities.visible(caller, activityId).flatMap(activity -> {
            CheckinService.requireOpen(activity);
            Scope scope = Scope.system(activity.getString("allianceId"), null);
            String id = AttendanceLedger.id(activityId, memberId);
            return leaves.findById(scope, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("请假申请")))
                    .flatMap(leave -> directory.member(activity.getString("allianceId"), memberId)
                            .switchIfEmpty(Mono.error(() -> ApiException.notFound("党员")))
                            .flatMap(member -> {
                                if (!ActivityAccess.manages(caller, activity)
                                        && !ActivityAccess.managesOrg(caller, member.allianceId(), member.tenantId(), member.orgPath())) {
                                    return Mono.error(ApiException.forbidden("仅党员所在组织或主办组织的管理员可审批请假"));
                                }
                                LeaveStatus target = approve ? LeaveStatus.APPROVED : LeaveStatus.REJECTED;
                                if (target.name().equals(leave.getString("status"))) {
                                    return Mono.just(LeaveView.of(leave));
                                }
                                if (!LeaveStatus.PENDING.name().equals(leave.getString("status"))) {
                                    return Mono.error(ApiException.conflict("status", "该请假申请已处理"));
                                }
                                return leaves.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("status", LeaveStatus.PENDING.name())),
                                                Updates.combine(Updates.set("status", target.name()), Updates.set("decidedBy", caller.actorName()),
                                                        Updates.set("note", note), Updates.set("decidedAt", Date.from(now)), Updates.inc("version", 1L)))
                                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "该请假申请刚被处理，请刷新")))
                                        .flatMap(d -> (approve
                                                ? checkins.settingsFor(activity).flatMap(s -> ledger.record(activity, member, Status.ON_LEAVE,
                                                Method.LEAVE, now, caller.actorName(), s)).then()
                                                : Mono.<Void>empty())
                                                .then(audit.record(caller, approve ? "LEAVE_APPROVED" : "LEAVE_REJECTED", "activity", activityId,
                                                        member.tenantId(), Result.SUCCESS, Map.of("memberId", memberId)))
                                                .thenReturn(LeaveView.of(d)));
                            }));
        });
    }

    public Mono<LeaveView> mine(Caller caller, String activityId) {
        return checkins.self(caller).flatMap(member -> activities.visible(caller, activityId)
                .flatMap(a -> leaves.findById(Scope.system(member.allianceId(), null), AttendanceLedger.id(activityId, member.id())))
                .map(LeaveView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("请假申请"))));
    }

    public Mono<PageResult<LeaveView>> list(Caller caller, String activityId, String status, PageQuery page) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅活动的组织方可查看请假申请"));
        }
        return activities.visible(caller, activityId).flatMap(activity -> {
            List<Bson> filters = new ArrayList<>(List.of(Filters.eq("activityId", activityId)));
            if (status != null) {
                try {
                    filters.add(Filters.eq("status", LeaveStatus.valueOf(status.strip()).name()));
                } catch (IllegalArgumentException e) {
                    return Mono.error(ApiException.badRequest("status", "须为 PENDING、APPROVED 或 REJECTED"));
                }
            }
            boolean host = ActivityAccess.manages(caller, activity);
            if (!host && caller.has(Role.ORG_ADMIN) && !caller.has(Role.ENTERPRISE_ADMIN)) {
                filters.add(Filters.in("memberOrgPath", List.copyOf(caller.orgIds())));
            }
            Scope scope = host ? Scope.system(activity.getString("allianceId"), null) : Scope.of(caller);
            return leaves.page(scope, Filters.and(filters), page, LeaveView::of);
        });
    }
}
