package cn.lianmeng.activity.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityMode;
import cn.lianmeng.activity.activity.ActivityRules;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.ActivityStatus;
import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.MemberRecord;
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
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Calendar views (a day, week or month of activities, paged) for the caller, an organisation, a tenant; and each
 * member's private iCalendar feed, reachable by a secret URL that the member can rotate or revoke (only its hash is
 * stored).
 */
@Service
public class CalendarService {

    static final int FEED_PAST_DAYS = 30;
    static final int FEED_AHEAD_DAYS = 180;

    private final ActivityService activities;
    private final OrgDirectory directory;
    private final ScopedCollection feeds;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CalendarService(ActivityService activities, OrgDirectory directory, MongoAccess mongo, AuditLog audit, Clock clock) {
        this.activities = activities;
        this.directory = directory;
        this.feeds = mongo.collection("calendar_feeds", ScopeRule.tenantOwned());
        this.audit = audit;
        this.clock = clock;
        feeds.ensureIndexInBackground(Indexes.ascending("tokenHash"), new IndexOptions().unique(true).sparse(true).name("token_hash_unique"));
    }

    public enum View { DAY, WEEK, MONTH }

    public record Range(View view, Instant from, Instant to) {

        /** The day, the week (Monday to Sunday) or the month containing {@code date}, in Asia/Shanghai. */
        public static Range of(String view, LocalDate date) {
            View v;
            try {
                v = View.valueOf(view == null ? "MONTH" : view.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("view", "须为 day、week 或 month");
            }
            LocalDate first = switch (v) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
            };
            LocalDate next = switch (v) {
                case DAY -> first.plusDays(1);
                case WEEK -> first.plusWeeks(1);
                case MONTH -> first.plusMonths(1);
            };
            return new Range(v, first.atStartOfDay(Times.ZONE).toInstant(), next.atStartOfDay(Times.ZONE).toInstant());
        }
    }

    public record Entry(String id, String title, String type, String typeLabel, String status, OffsetDateTime startAt,
                        OffsetDateTime endAt, String hostOrgId, String hostOrgName, String mode, String place, boolean joint) {

        static Entry of(Document d) {
            Document booking = d.get("booking", Document.class);
            String place = booking != null ? booking.getString("centreName") + " " + booking.getString("roomName")
                    : ActivityMode.ONLINE.name().equals(d.getString("mode")) ? "线上" : d.getString("address");
            return new Entry(d.getString("_id"), d.getString("title"), d.getString("type"), ActivityType.valueOf(d.getString("type")).label(),
                    d.getString("status"), Times.view(d.getDate("startAt")), Times.view(d.getDate("endAt")), d.getString("hostOrgId"),
                    d.getString("hostOrgName"), d.getString("mode"), place, d.getBoolean("joint", false));
        }
    }

    public record CalendarPage(String view, OffsetDateTime from, OffsetDateTime to, PageResult<Entry> entries) {
    }

    private static Bson overlapping(Range r) {
        return Filters.and(Filters.lt("startAt", Date.from(r.to())), ActivityRules.endingAfter(r.from()),
                Filters.ne("status", ActivityStatus.DRAFT.name()));
    }

    /** The caller's own calendar: for a member the activities of their audiences, for an administrator what they see. */
    public Mono<CalendarPage> mine(Caller caller, Range range, PageQuery page) {
        return page(caller, range, new Document(), page);
    }

    /**
     * An organisation's calendar: what it or its sub-organisations host, and what it takes part in (as audience or as
     * an invited or accepted joint partner) — one indexed field, {@code visibleOrgPaths}.
     */
    public Mono<CalendarPage> organisation(Caller caller, String orgId, Range range, PageQuery page) {
        return directory.organisation(caller.allianceId(), orgId).switchIfEmpty(Mono.error(() -> ApiException.notFound("党组织")))
                .flatMap(org -> page(caller, range, Filters.eq("visibleOrgPaths", orgId), page));
    }

    public Mono<CalendarPage> tenant(Caller caller, String tenantId, Range range, PageQuery page) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF, Role.MEMBER)) {
            return Mono.error(ApiException.forbidden());
        }
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.DISTRICT_STAFF) && !tenantId.equals(caller.tenantId())) {
            return Mono.error(ApiException.notFound("成员单位"));
        }
        return page(caller, range, Filters.eq("visibleTenantIds", tenantId), page);
    }

    private Mono<CalendarPage> page(Caller caller, Range range, Bson target, PageQuery page) {
        Bson filter = Filters.and(overlapping(range), target);
        return activities.visibility(caller).flatMap(v -> activities.findVisible(v, filter, Sorts.ascending("startAt", "_id"), page.skip(), page.size())
                .map(Entry::of).collectList()
                .zipWith(activities.countVisible(v, filter))
                .map(t -> new CalendarPage(range.view().name(), Times.view(range.from()), Times.view(range.to()),
                        PageResult.of(t.getT1(), page, t.getT2()))));
    }

    // ---- iCalendar feed ------------------------------------------------------------------------------------------

    public record Feed(String url, OffsetDateTime createdAt, String note) {
    }

    /** Creates the member's feed or replaces its secret (the old URL stops working). The URL is shown only now. */
    public Mono<Feed> issueFeed(Caller caller, String apiPrefix) {
        if (!caller.has(Role.MEMBER) || caller.memberId() == null) {
            return Mono.error(ApiException.forbidden("仅党员本人可订阅个人日历"));
        }
        return directory.member(caller.allianceId(), caller.memberId()).filter(MemberRecord::active)
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden("未找到您的党员档案")))
                .flatMap(member -> {
                    byte[] secret = new byte[32];
                    random.nextBytes(secret);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    Instant now = clock.instant();
                    Scope scope = Scope.system(member.allianceId(), null);
                    Document fields = new Document("allianceId", member.allianceId()).append("tenantId", member.tenantId())
                            .append("memberId", member.id()).append("tokenHash", hash(token)).append("createdAt", Date.from(now));
                    return feeds.insert(scope, new Document("_id", member.id()).append("version", 1L).append("allianceId", member.allianceId())
                                    .append("tenantId", member.tenantId()).append("memberId", member.id()).append("tokenHash", hash(token))
                                    .append("createdAt", Date.from(now)))
                            .onErrorResume(ScopedCollection::isDuplicateKey, e -> feeds.updateAndGet(scope, Filters.eq("_id", member.id()),
                                    Updates.combine(Updates.set("tokenHash", fields.getString("tokenHash")), Updates.set("createdAt", Date.from(now)),
                                            Updates.set("tenantId", member.tenantId()), Updates.inc("version", 1L))))
                            .flatMap(d -> audit.record(caller, "CALENDAR_FEED_ISSUED", "calendar-feed", member.id(), member.tenantId(),
                                    Result.SUCCESS, Map.of()))
                            .thenReturn(new Feed(apiPrefix + "/calendar/feeds/" + token + ".ics", Times.view(now),
                                    "请妥善保管此链接：持有链接者可看到您的活动日程；重新生成或撤销后旧链接失效"));
                });
    }

    public Mono<Void> revokeFeed(Caller caller) {
        if (!caller.has(Role.MEMBER) || caller.memberId() == null) {
            return Mono.error(ApiException.forbidden("仅党员本人可撤销个人日历订阅"));
        }
        return feeds.updateOne(Scope.system(caller.allianceId(), null), Filters.and(Filters.eq("_id", caller.memberId()),
                        Filters.exists("tokenHash")), Updates.combine(Updates.unset("tokenHash"), Updates.inc("version", 1L)))
                .flatMap(r -> r.getModifiedCount() == 0 ? Mono.error(ApiException.notFound("日历订阅"))
                        : audit.record(caller, "CALENDAR_FEED_REVOKED", "calendar-feed", caller.memberId(), caller.tenantId(), Result.SUCCESS, Map.of()));
    }

    /** The feed behind a secret token (404 for an unknown or revoked one): the member's activities, 30 days back to 180 ahead. */
    public Mono<String> feed(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            return Mono.error(ApiException.notFound("日历订阅"));
        }
        return feeds.findOne(Scope.unrestricted("calendar feed lookup by its secret token"), Filters.eq("tokenHash", hash(token)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("日历订阅")))
                .flatMap(f -> directory.member(f.getString("allianceId"), f.getString("memberId")))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("日历订阅")))
                .flatMap(member -> {
                    Instant now = clock.instant();
                    Caller owner = new Caller("calendar-feed:" + member.id(), null, member.name(), member.allianceId(), member.tenantId(),
                            Set.of(Role.MEMBER), Set.of(), Set.of(), Set.of(), member.id(), false);
                    Bson window = Filters.and(ActivityRules.endingAfter(now.minus(Duration.ofDays(FEED_PAST_DAYS))),
                            Filters.lt("startAt", Date.from(now.plus(Duration.ofDays(FEED_AHEAD_DAYS)))));
                    return activities.visibility(owner).flatMapMany(v -> activities.findVisible(v, window, Sorts.ascending("startAt"), 0, 1000))
                            .map(d -> toEvent(d, now)).collectList()
                            .map(events -> ICalendar.write("联盟党建活动 · " + member.name(), events));
                });
    }

    private static ICalendar.Event toEvent(Document d, Instant now) {
        Entry e = Entry.of(d);
        String description = ActivityType.valueOf(d.getString("type")).label() + " · " + d.getString("hostOrgName")
                + (d.getString("description") == null ? "" : "\n" + d.getString("description"));
        return new ICalendar.Event(d.getString("_id") + "@lianmeng", d.getDate("startAt").toInstant(), d.getDate("endAt").toInstant(),
                d.getString("title"), e.place(), description, d.getString("meetingUrl"),
                ActivityStatus.CANCELLED.name().equals(d.getString("status")), d.get("version", Number.class).longValue(), now);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> none() {
        return List.of();
    }
}
