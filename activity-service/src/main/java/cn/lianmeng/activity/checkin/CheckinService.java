package cn.lianmeng.activity.checkin;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityAccess;
import cn.lianmeng.activity.activity.ActivityMode;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.ActivityStatus;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.checkin.AttendanceLedger.Method;
import cn.lianmeng.activity.checkin.AttendanceLedger.Status;
import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.settings.AllianceSettings;
import cn.lianmeng.activity.settings.SettingsService;
import cn.lianmeng.activity.signup.SignUpStore;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Check-in and attendance: the rotating code for the organiser, the member's scan (window, code, geofence, audience,
 * sign-up), joining online through the link, the organiser's entries and corrections, and who sees which records.
 */
@Service
public class CheckinService {

    public static final Set<String> SORTABLE = Set.of("at", "memberName", "status");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(Times.ZONE);

    private final ActivityService activities;
    private final AttendanceLedger ledger;
    private final OrgDirectory directory;
    private final SettingsService settings;
    private final SignUpStore signUps;
    private final CheckinCodes codes;
    private final AuditLog audit;
    private final Clock clock;

    public CheckinService(ActivityService activities, AttendanceLedger ledger, OrgDirectory directory, SettingsService settings,
                          SignUpStore signUps, CheckinCodes codes, AuditLog audit, Clock clock) {
        this.activities = activities;
        this.ledger = ledger;
        this.directory = directory;
        this.settings = settings;
        this.signUps = signUps;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    public record CheckinCode(String activityId, String code, String qrContent, long validForSeconds, OffsetDateTime expiresAt,
                              OffsetDateTime windowOpensAt, OffsetDateTime windowClosesAt) {
    }

    public record AttendanceView(String activityId, String memberId, String memberName, String orgId, String status,
                                 String statusLabel, String method, OffsetDateTime at, boolean alreadyRecorded, String message) {

        static AttendanceView of(Document d, boolean alreadyRecorded, String message) {
            Status s = Status.valueOf(d.getString("status"));
            return new AttendanceView(d.getString("activityId"), d.getString("memberId"), d.getString("memberName"), d.getString("orgId"),
                    s.name(), s.label(), d.getString("method"), Times.view(d.getDate("at")), alreadyRecorded, message);
        }
    }

    public record JoinResult(String meetingUrl, AttendanceView attendance) {
    }

    /** The rotating code the organiser shows at the venue (as text or QR), while the check-in window is open. */
    public Mono<CheckinCode> code(Caller caller, String activityId) {
        Instant now = clock.instant();
        return activities.managed(caller, activityId).flatMap(activity -> settingsFor(activity).flatMap(s -> {
            requireCheckInEnabled(s);
            requireOpen(activity);
            if (!ActivityMode.valueOf(activity.getString("mode")).offline()) {
                throw ApiException.badRequest("mode", "线上活动通过会议链接参加并自动记录出席，无须签到码");
            }
            CheckinWindow window = window(activity, s);
            requireWindow(window, now, false);
            String code = codes.code(activityId, now);
            Instant expires = CheckinCodes.expiresAt(now);
            return Mono.just(new CheckinCode(activityId, code, "lianmeng://checkin?activity=" + activityId + "&code=" + code,
                    expires.getEpochSecond() - now.getEpochSecond(), Times.view(expires), Times.view(window.opensAt()),
                    Times.view(window.closesAt(false))));
        }));
    }

    /** The member scans the venue's code. A second check-in changes nothing and answers the first record. */
    public Mono<AttendanceView> checkIn(Caller caller, String activityId, String code, Double latitude, Double longitude) {
        return checkIn(caller, activityId, code, latitude, longitude, clock.instant());
    }

    Mono<AttendanceView> checkIn(Caller caller, String activityId, String code, Double latitude, Double longitude, Instant now) {
        return self(caller).flatMap(member -> audienceActivity(member, activityId).flatMap(activity -> settingsFor(activity).flatMap(s -> {
            requireCheckInEnabled(s);
            requireOpen(activity);
            ActivityMode mode = ActivityMode.valueOf(activity.getString("mode"));
            if (!mode.offline()) {
                throw ApiException.badRequest("code", "线上活动请通过会议链接参加（POST /activities/{id}/join），无须扫码签到");
            }
            CheckinWindow window = window(activity, s);
            requireWindow(window, now, false);
            CheckinCodes.Verdict verdict = codes.verify(activityId, code, now);
            if (verdict == CheckinCodes.Verdict.EXPIRED) {
                throw ApiException.badRequest("code", "签到码已过期，请重新扫描现场的二维码");
            }
            if (verdict == CheckinCodes.Verdict.INVALID) {
                throw ApiException.badRequest("code", "签到码无效或不属于本活动");
            }
            Document fence = activity.get("geofence", Document.class);
            if (fence != null) {
                if (latitude == null || longitude == null) {
                    throw ApiException.invalid(List.of(new FieldProblem("latitude", "本活动须在现场签到，请允许获取位置"),
                            new FieldProblem("longitude", "本活动须在现场签到，请允许获取位置")));
                }
                double distance = Geofence.distanceMeters(fence.get("latitude", Number.class).doubleValue(),
                        fence.get("longitude", Number.class).doubleValue(), latitude, longitude);
                int radius = fence.get("radiusMeters", Number.class).intValue();
                if (distance > radius) {
                    throw ApiException.badRequest("latitude", String.format("您距活动地点约 %.0f 米，超出签到范围（%d 米）", distance, radius));
                }
            }
            return requireSignedUp(activity, member)
                    .then(ledger.record(activity, member, window.late(now) ? Status.LATE : Status.PRESENT, Method.CODE, now,
                            caller.actorName(), s))
                    .flatMap(r -> finish(caller, activity, member, r, now));
        })));
    }

    /** The member joins an online (or hybrid) activity through its link; joining records attendance once. */
    public Mono<JoinResult> join(Caller caller, String activityId) {
        Instant now = clock.instant();
        return self(caller).flatMap(member -> audienceActivity(member, activityId).flatMap(activity -> settingsFor(activity).flatMap(s -> {
            requireOpen(activity);
            if (!ActivityMode.valueOf(activity.getString("mode")).online()) {
                throw ApiException.badRequest("mode", "线下活动请扫描现场签到码签到");
            }
            CheckinWindow window = window(activity, s);
            requireWindow(window, now, true);
            String url = activity.getString("meetingUrl");
            if (!s.checkInEnabled()) {
                // attendance is then entered by the organiser; the link still works
                return Mono.just(new JoinResult(url, null));
            }
            return requireSignedUp(activity, member)
                    .then(ledger.record(activity, member, window.late(now) ? Status.LATE : Status.PRESENT, Method.ONLINE, now,
                            caller.actorName(), s))
                    .flatMap(r -> finish(caller, activity, member, r, now))
                    .map(v -> new JoinResult(url, v));
        })));
    }

    private Mono<AttendanceView> finish(Caller caller, Document activity, MemberRecord member, AttendanceLedger.Recorded r, Instant now) {
        if (!r.created()) {
            return Mono.just(AttendanceView.of(r.record(), true, "您已记录为“" + Status.valueOf(r.record().getString("status")).label()
                    + "”，无须重复签到"));
        }
        return activities.markInProgress(activity, now)
                .then(audit.record(caller, "ATTENDANCE_RECORDED", "activity", activity.getString("_id"), member.tenantId(), Result.SUCCESS,
                        Map.of("status", r.record().getString("status"), "method", r.record().getString("method"))))
                .thenReturn(AttendanceView.of(r.record(), false, Status.LATE.name().equals(r.record().getString("status"))
                        ? "签到成功（迟到）" : "签到成功"));
    }

    /** The caller's own record, or 404 when none. */
    public Mono<AttendanceView> mine(Caller caller, String activityId) {
        return self(caller).flatMap(member -> activities.visible(caller, activityId)
                .flatMap(a -> ledger.find(member.allianceId(), activityId, member.id()))
                .map(d -> AttendanceView.of(d, true, null))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("考勤记录"))));
    }

    public record AttendanceRecords(String activityId, boolean allOrganisations, PageResult<AttendanceView> records) {
    }

    /**
     * Attendance records: the host side sees every participating organisation's, a participating organisation's
     * managers their own tenant's (organisation administrators: their subtree).
     */
    public Mono<AttendanceRecords> list(Caller caller, String activityId, String status, PageQuery page) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅活动的组织方可查看考勤名单；党员请查看本人考勤"));
        }
        return activities.visible(caller, activityId).flatMap(activity -> {
            List<Bson> filters = new ArrayList<>(List.of(Filters.eq("activityId", activityId)));
            if (status != null) {
                try {
                    filters.add(Filters.eq("status", Status.valueOf(status.strip()).name()));
                } catch (IllegalArgumentException e) {
                    return Mono.error(ApiException.badRequest("status", "须为 PRESENT、LATE、ON_LEAVE 或 ABSENT"));
                }
            }
            boolean host = ActivityAccess.manages(caller, activity);
            Scope scope = host ? Scope.system(activity.getString("allianceId"), null) : Scope.of(caller);
            // an organisation administrator of a participating tenant sees the members of their subtree
            Bson own = host || !caller.has(Role.ORG_ADMIN) || caller.has(Role.ENTERPRISE_ADMIN) ? new Document()
                    : Filters.in("memberOrgPath", List.copyOf(caller.orgIds()));
            filters.add(own);
            return ledger.collection().page(scope, Filters.and(filters), page, d -> AttendanceView.of(d, true, null))
                    .map(p -> new AttendanceRecords(activityId, host, p));
        });
    }
    /**
     * An organiser enters or corrects a member's attendance (the way attendance is taken when the alliance has switched
     * check-in off). Host managers may mark anyone in the audience, a participating organisation's managers their own
     * members. Closed once the activity is held (its figures are published).
     */
    public Mono<AttendanceView> mark(Caller caller, String activityId, String memberId, String status) {
        Instant now = clock.instant();
        Status target;
        try {
            target = Status.valueOf(status == null ? "" : status.strip());
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.badRequest("status", "须为 PRESENT、LATE、ON_LEAVE 或 ABSENT"));
        }
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅活动的组织方可登记考勤"));
        }
        return activities.visible(caller, activityId).flatMap(activity -> {
            requireOpen(activity);
            if (now.isBefore(activity.getDate("startAt").toInstant().minus(java.time.Duration.ofHours(1)))) {
                return Mono.error(ApiException.conflict("活动尚未开始，暂不能登记考勤"));
            }
            return directory.member(activity.getString("allianceId"), memberId)
                    .filter(m -> ActivityAccess.inAudience(m, activity))
                    .switchIfEmpty(Mono.error(() -> ApiException.badRequest("memberId", "该党员不在本次活动的参加范围内")))
                    .flatMap(member -> {
                        boolean allowed = ActivityAccess.manages(caller, activity)
                                || ActivityAccess.managesOrg(caller, member.allianceId(), member.tenantId(), member.orgPath());
                        if (!allowed) {
                            return Mono.error(ApiException.forbidden("只能登记本组织党员的考勤"));
                        }
                        return settingsFor(activity).flatMap(s -> ledger.correct(activity, member, target, now, caller.actorName(), s))
                                .flatMap(d -> audit.record(caller, "ATTENDANCE_MARKED", "activity", activityId, member.tenantId(),
                                        Result.SUCCESS, Map.of("memberId", memberId, "status", target.name())).thenReturn(d))
                                .map(d -> AttendanceView.of(d, false, "已登记为“" + target.label() + "”"));
                    });
        });
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    Mono<MemberRecord> self(Caller caller) {
        if (!caller.has(Role.MEMBER) || caller.memberId() == null) {
            return Mono.error(ApiException.forbidden("仅党员本人可签到、参加或请假"));
        }
        return directory.member(caller.allianceId(), caller.memberId())
                .filter(MemberRecord::active)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "无权访问",
                        "未找到您的党员档案（可能尚未同步或已离开组织）", List.of())));
    }

    /** The activity when the member is in its audience; otherwise 404 with the reason (nothing about other tenants leaks). */
    Mono<Document> audienceActivity(MemberRecord member, String activityId) {
        return activities.inAudienceOf(member, activityId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "资源不存在",
                        "活动不存在，或您不在本次活动的参加范围内", List.of())));
    }

    private Mono<Void> requireSignedUp(Document activity, MemberRecord member) {
        Document signUp = activity.get("signUp", Document.class);
        if (signUp == null || !signUp.getBoolean("enabled", false)) {
            return Mono.empty();
        }
        return signUps.confirmed(member.allianceId(), activity.getString("_id"), member.id())
                .flatMap(ok -> ok ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict("本活动须报名参加，您尚未报名成功（候补中或未报名）")));
    }

    Mono<AllianceSettings> settingsFor(Document activity) {
        return settings.get(activity.getString("allianceId"));
    }

    static CheckinWindow window(Document activity, AllianceSettings s) {
        return new CheckinWindow(activity.getDate("startAt").toInstant(), activity.getDate("endAt").toInstant(),
                s.opensBefore(), s.closesAfter(), s.lateAfter());
    }

    static void requireCheckInEnabled(AllianceSettings s) {
        if (!s.checkInEnabled()) {
            throw ApiException.conflict("本联盟已关闭签到（减轻基层负担），考勤由活动组织者登记");
        }
    }

    static void requireOpen(Document activity) {
        ActivityStatus status = ActivityStatus.valueOf(activity.getString("status"));
        switch (status) {
            case SCHEDULED, IN_PROGRESS -> {
            }
            case HELD -> throw ApiException.conflict("status", "活动已结束");
            case CANCELLED -> throw ApiException.conflict("status", "活动已取消");
            case DRAFT -> throw ApiException.conflict("status", "活动尚未发布");
        }
    }

    static void requireWindow(CheckinWindow window, Instant now, boolean online) {
        switch (window.position(now, online)) {
            case TOO_EARLY -> throw ApiException.conflict("签到尚未开始：" + HHMM.format(window.opensAt()) + " 起可签到");
            case CLOSED -> throw ApiException.conflict("签到已截止（" + HHMM.format(window.closesAt(online)) + "）；如未能签到请联系活动组织者");
            case OPEN -> {
            }
        }
    }
}
