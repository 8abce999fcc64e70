package cn.lianmeng.activity.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityAccess;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.ActivityStatus;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.signup.SignUpStore.Status;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sign-up with a capacity and a waitlist. A seat is a conditional {@code $inc} on the activity document
 * ({@code seatsTaken < capacity}), taken before the sign-up is confirmed, so confirmed sign-ups never exceed the
 * capacity however many members sign up at once. Withdrawing a confirmed sign-up frees its seat and promotes the first
 * on the waitlist; each step is a single-document conditional update (no transactions).
 */
@Service
public class SignUpService {

    public static final Set<String> SORTABLE = Set.of("createdAt", "waitPosition", "memberName");

    private final SignUpStore store;
    private final ScopedCollection signups;
    private final ActivityService activities;
    private final OrgDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public SignUpService(SignUpStore store, ActivityService activities, OrgDirectory directory, AuditLog audit, Clock clock) {
        this.store = store;
        this.signups = store.collection();
        this.activities = activities;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    public record SignUpView(String activityId, String memberId, String memberName, String orgId, String status,
                             String statusLabel, Long waitPosition, OffsetDateTime createdAt, OffsetDateTime confirmedAt) {

        static SignUpView of(Document d) {
            Status s = Status.valueOf(d.getString("status"));
            String label = switch (s) {
                case PENDING -> "处理中";
                case CONFIRMED -> "报名成功";
                case WAITLISTED -> "候补中";
                case WITHDRAWN -> "已取消报名";
            };
            Number pos = d.get("waitPosition", Number.class);
            return new SignUpView(d.getString("activityId"), d.getString("memberId"), d.getString("memberName"), d.getString("orgId"),
                    s.name(), label, s == Status.WAITLISTED && pos != null ? pos.longValue() : null,
                    Times.view(d.getDate("createdAt")), Times.view(d.getDate("confirmedAt")));
        }
    }

    /** The calling member signs up; repeating it answers the existing sign-up unchanged. */
    public Mono<SignUpView> signUp(Caller caller, String activityId) {
        Instant now = clock.instant();
        return self(caller).flatMap(member -> activities.visible(caller, activityId).flatMap(activity -> {
            Document signUp = activity.get("signUp", Document.class);
            if (signUp == null || !signUp.getBoolean("enabled", false)) {
                return Mono.error(ApiException.conflict("本活动无须报名，直接参加即可"));
            }
            if (!ActivityStatus.SCHEDULED.name().equals(activity.getString("status")) || !now.isBefore(activity.getDate("startAt").toInstant())) {
                return Mono.error(ApiException.conflict("status", "活动已开始、已结束或已取消，报名已截止"));
            }
            String id = SignUpStore.id(activityId, member.id());
            Scope scope = Scope.system(member.allianceId(), null);
            Document doc = new Document("_id", id).append("allianceId", member.allianceId()).append("tenantId", member.tenantId())
                    .append("activityId", activityId).append("memberId", member.id()).append("memberName", member.name())
                    .append("orgId", ActivityAccess.attendanceOrg(member, activity))
                    .append("status", Status.PENDING.name()).append("createdAt", Date.from(now)).append("version", 1L);
            return signups.insert(scope, doc)
                    .map(d -> true)
                    .onErrorResume(ScopedCollection::isDuplicateKey, e -> signups.updateAndGet(scope,
                                    Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.WITHDRAWN.name())),
                                    Updates.combine(Updates.set("status", Status.PENDING.name()), Updates.set("createdAt", Date.from(now)),
                                            Updates.unset("waitPosition"), Updates.inc("version", 1L)))
                            .map(d -> true).defaultIfEmpty(false))
                    .flatMap(fresh -> !fresh ? signups.findById(scope, id).map(SignUpView::of)
                            : allocate(activity, id, now).flatMap(v -> audit.record(caller, "ACTIVITY_SIGNED_UP", "activity", activityId,
                            member.tenantId(), Result.SUCCESS, Map.of("status", v.status())).thenReturn(v)));
        }));
    }

    /** Confirms the pending sign-up if a seat is free, else puts it on the waitlist. */
    private Mono<SignUpView> allocate(Document activity, String id, Instant now) {
        Scope scope = Scope.system(activity.getString("allianceId"), null);
        return activities.takeSeat(activity).flatMap(seat -> seat
                ? signups.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.PENDING.name())),
                        Updates.combine(Updates.set("status", Status.CONFIRMED.name()), Updates.set("confirmedAt", Date.from(now)),
                                Updates.inc("version", 1L)))
                .switchIfEmpty(Mono.defer(() -> activities.releaseSeat(activity).then(signups.findById(scope, id))))
                : activities.nextWaitPosition(activity).flatMap(pos -> signups.updateAndGet(scope,
                                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.PENDING.name())),
                                Updates.combine(Updates.set("status", Status.WAITLISTED.name()), Updates.set("waitPosition", pos),
                                        Updates.inc("version", 1L)))
                        .switchIfEmpty(Mono.defer(() -> signups.findById(scope, id)))))
                .map(SignUpView::of);
    }

    /** The calling member withdraws; a freed seat goes to the first on the waitlist. */
    public Mono<SignUpView> withdraw(Caller caller, String activityId) {
        Instant now = clock.instant();
        return self(caller).flatMap(member -> activities.visible(caller, activityId).flatMap(activity -> {
            if (!ActivityStatus.valueOf(activity.getString("status")).open()) {
                return Mono.error(ApiException.conflict("status", "活动已结束或已取消，不能取消报名"));
            }
            Scope scope = Scope.system(member.allianceId(), null);
            String id = SignUpStore.id(activityId, member.id());
            return signups.findById(scope, id)
                    .filter(d -> !Status.WITHDRAWN.name().equals(d.getString("status")))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("报名")))
                    .flatMap(current -> signups.updateAndGet(scope,
                                    Filters.and(Filters.eq("_id", id), Filters.eq("status", current.getString("status"))),
                                    Updates.combine(Updates.set("status", Status.WITHDRAWN.name()), Updates.set("withdrawnAt", Date.from(now)),
                                            Updates.inc("version", 1L)))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("报名状态刚刚变化，请刷新后重试")))
                            .flatMap(after -> (Status.CONFIRMED.name().equals(current.getString("status"))
                                    ? activities.releaseSeat(activity).then(promote(activity, now)) : Mono.<Void>empty())
                                    .then(audit.record(caller, "ACTIVITY_SIGNUP_WITHDRAWN", "activity", activityId, member.tenantId(),
                                            Result.SUCCESS, Map.of()))
                                    .thenReturn(SignUpView.of(after))));
        }));
    }

    /**
     * Moves waitlisted members up while seats are free: take a seat first, then confirm the earliest waitlisted
     * sign-up; if that member withdrew in between, give the seat back and try the next.
     */
    public Mono<Void> promote(Document activity, Instant now) {
        Scope scope = Scope.system(activity.getString("allianceId"), null);
        Bson waiting = Filters.and(Filters.eq("activityId", activity.getString("_id")), Filters.eq("status", Status.WAITLISTED.name()));
        return signups.find(scope, waiting, Sorts.ascending("waitPosition"), 0, 1).next()
                .flatMap(next -> activities.takeSeat(activity).flatMap(seat -> {
                    if (!seat) {
                        return Mono.<Void>empty();
                    }
                    return signups.updateAndGet(scope, Filters.and(Filters.eq("_id", next.getString("_id")),
                                    Filters.eq("status", Status.WAITLISTED.name())),
                                    Updates.combine(Updates.set("status", Status.CONFIRMED.name()), Updates.set("confirmedAt", Date.from(now)),
                                            Updates.set("promoted", true), Updates.inc("version", 1L)))
                            .map(d -> true).defaultIfEmpty(false)
                            .flatMap(done -> (done ? Mono.<Void>empty() : activities.releaseSeat(activity))
                                    .then(Mono.defer(() -> promote(activity, now))));
                }));
    }

    public Mono<SignUpView> mine(Caller caller, String activityId) {
        return self(caller).flatMap(member -> activities.visible(caller, activityId)
                .flatMap(a -> signups.findById(Scope.system(member.allianceId(), null), SignUpStore.id(activityId, member.id())))
                .map(SignUpView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("报名"))));
    }

    /** Sign-ups of an activity: the host side sees all, a participating organisation's managers their own members. */
    public Mono<PageResult<SignUpView>> list(Caller caller, String activityId, String status, PageQuery page) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅活动的组织方可查看报名名单"));
        }
        return activities.visible(caller, activityId).flatMap(activity -> {
            Bson filter = Filters.eq("activityId", activityId);
            if (status != null) {
                try {
                    filter = Filters.and(filter, Filters.eq("status", Status.valueOf(status.strip()).name()));
                } catch (IllegalArgumentException e) {
                    return Mono.error(ApiException.badRequest("status", "须为 CONFIRMED、WAITLISTED、WITHDRAWN 或 PENDING"));
                }
            }
            Scope scope = ActivityAccess.manages(caller, activity) ? Scope.system(activity.getString("allianceId"), null) : Scope.of(caller);
            return signups.page(scope, filter, page, SignUpView::of);
        });
    }

    private Mono<MemberRecord> self(Caller caller) {
        if (!caller.has(Role.MEMBER) || caller.memberId() == null) {
            return Mono.error(ApiException.forbidden("仅党员本人可报名"));
        }
        return directory.member(caller.allianceId(), caller.memberId())
                .filter(MemberRecord::active)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "无权访问",
                        "未找到您的党员档案（可能尚未同步或已离开组织）", List.of())));
    }
}
