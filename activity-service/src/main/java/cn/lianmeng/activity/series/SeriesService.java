package cn.lianmeng.activity.series;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityAccess;
import cn.lianmeng.activity.activity.ActivityRequests;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.ActivityStatus;
import cn.lianmeng.activity.activity.Times;
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
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recurring series, e.g. a THEME_DAY on the 15th of every month or a monthly BRANCH_COMMITTEE. Occurrences are real
 * activities ({@code _id = seriesId-yyyyMMdd}, so regenerating never duplicates one) generated a few months ahead and
 * kept ahead by {@link SeriesJob}. One occurrence is edited like any activity (it then leaves the series' later
 * edits); "this and all following" changes the series' template and every later occurrence still in step; skipping
 * one cancels that occurrence and keeps it from being generated again; ending a series cancels its future occurrences.
 */
@Service
public class SeriesService {

    private static final Logger log = LoggerFactory.getLogger(SeriesService.class);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<Role> MANAGERS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN);

    private final ScopedCollection series;
    private final ActivityService activities;
    private final OrgDirectory directory;
    private final AuditLog audit;
    private final Clock clock;
    private final int horizonMonths;

    public SeriesService(MongoAccess mongo, ActivityService activities, OrgDirectory directory, AuditLog audit, Clock clock,
                         @Value("${lianmeng.activity.series.horizon-months:3}") int horizonMonths) {
        this.series = mongo.collection("activity_series", ScopeRule.tenantOwned());
        this.activities = activities;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.horizonMonths = horizonMonths;
        series.ensureIndexInBackground(Indexes.ascending("status", "generatedThrough"), new IndexOptions().name("status_generated"));
    }

    @Schema(description = "每次活动的内容；时间为每次的开始时刻（HH:mm，上海时间）与时长")
    public record Template(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 5000, message = "不能超过 5000 字") String description,
            @NotBlank(message = "不能为空") String type,
            @NotBlank(message = "不能为空") String mode,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Size(max = 500, message = "不能超过 500 字") String meetingUrl,
            @Valid ActivityRequests.Geofence geofence,
            @Min(value = 1, message = "须大于 0") @Max(value = 100_000, message = "过大") Integer capacity,
            Boolean signUpRequired,
            @Valid ActivityRequests.Audience audience,
            @NotBlank(message = "不能为空") String startTime,
            @NotNull(message = "不能为空") @Min(value = 15, message = "不能少于 15 分钟") @Max(value = 720, message = "不能超过 720 分钟") Integer durationMinutes) {
    }

    public record Create(
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String hostOrgId,
            @NotNull(message = "不能为空") @Valid Template template,
            @NotBlank(message = "不能为空") String frequency,
            @Min(value = 1, message = "须在 1 到 12 之间") @Max(value = 12, message = "须在 1 到 12 之间") Integer interval,
            @Min(value = 1, message = "须在 1 到 31 之间") @Max(value = 31, message = "须在 1 到 31 之间") Integer dayOfMonth,
            @Min(value = 1, message = "须在 1（周一）到 7（周日）之间") @Max(value = 7, message = "须在 1（周一）到 7（周日）之间") Integer dayOfWeek,
            @NotNull(message = "不能为空") LocalDate firstDate,
            LocalDate until) {
    }

    public record EditFollowing(@NotNull(message = "不能为空（用于并发控制）") Long version, @NotNull(message = "不能为空") @Valid Template template) {
    }

    public record Reason(@NotBlank(message = "须说明原因") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Occurrence(String activityId, String date, String status, boolean detached, OffsetDateTime startAt) {
    }

    public record SeriesView(String id, String hostOrgId, String hostOrgName, String title, String type, String frequency, int interval,
                             Integer dayOfMonth, Integer dayOfWeek, String firstDate, String until, String startTime,
                             int durationMinutes, String status, List<String> skipped, String generatedThrough,
                             List<Occurrence> occurrences, long version) {
    }

    public record EditResult(SeriesView series, int updated, List<Map<String, String>> failed) {
    }

    // ---- create --------------------------------------------------------------------------------------------------

    public Mono<SeriesView> create(Caller caller, Create req) {
        if (!caller.hasAny(MANAGERS)) {
            return Mono.error(ApiException.forbidden("仅联盟、企业或支部管理员可创建周期活动"));
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        List<FieldProblem> errors = new ArrayList<>();
        Recurrence rule = rule(req, today, errors);
        LocalTime startTime = time(req.template().startTime(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        LocalDate last = rule.until() != null ? rule.until() : rule.first().plusYears(2);
        List<LocalDate> dates = rule.between(rule.first(), last).stream()
                .filter(d -> d.atTime(startTime).atZone(Times.ZONE).toInstant().isAfter(now)).toList();
        if (dates.isEmpty()) {
            return Mono.error(ApiException.badRequest("until", "截止日期之前没有可安排的日期"));
        }
        String id = new ObjectId().toHexString();
        LocalDate first = dates.get(0);
        Document template = template(req.template());
        // the first occurrence goes through every activity rule (host, audience, times); if it fails, nothing is stored
        return activities.create(caller, occurrence(template, req.hostOrgId(), first), now, options(id, first))
                .flatMap(firstActivity -> {
                    Document doc = new Document("_id", id).append("allianceId", firstActivity.getString("allianceId"))
                            .append("tenantId", firstActivity.getString("tenantId")).append("hostOrgId", req.hostOrgId())
                            .append("hostOrgName", firstActivity.getString("hostOrgName"))
                            .append("template", template).append("rule", ruleDoc(rule)).append("skipped", List.of())
                            .append("generatedThrough", first.toString()).append("status", "ACTIVE")
                            .append("creator", creator(caller)).append("version", 1L)
                            .append("createdAt", Date.from(now)).append("createdBy", caller.accountId());
                    return series.insert(Scope.system(doc.getString("allianceId"), null), doc)
                            .flatMap(d -> generate(d, caller, now))
                            .flatMap(d -> audit.record(caller, "SERIES_CREATED", "activity-series", id, d.getString("tenantId"), Result.SUCCESS,
                                    Map.of("frequency", rule.frequency().name(), "first", first.toString())).thenReturn(d));
                })
                .flatMap(d -> view(d));
    }

    private static ActivityService.CreateOptions options(String seriesId, LocalDate date) {
        return new ActivityService.CreateOptions(seriesId + "-" + COMPACT.format(date),
                new Document("seriesId", seriesId).append("occurrenceDate", date.toString()));
    }

    private Recurrence rule(Create req, LocalDate today, List<FieldProblem> errors) {
        Recurrence.Frequency frequency = null;
        try {
            frequency = Recurrence.Frequency.valueOf(req.frequency().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem("frequency", "须为 MONTHLY（每月）或 WEEKLY（每周）"));
        }
        if (frequency == Recurrence.Frequency.MONTHLY && req.dayOfMonth() == null) {
            errors.add(new FieldProblem("dayOfMonth", "每月举行须指定日期（1–31，超过当月天数时为月末）"));
        }
        if (frequency == Recurrence.Frequency.WEEKLY && req.dayOfWeek() == null) {
            errors.add(new FieldProblem("dayOfWeek", "每周举行须指定星期（1=周一 … 7=周日）"));
        }
        if (req.firstDate().isBefore(today)) {
            errors.add(new FieldProblem("firstDate", "不能早于今天"));
        }
        if (req.until() != null && (req.until().isBefore(req.firstDate()) || req.until().isAfter(req.firstDate().plusYears(2)))) {
            errors.add(new FieldProblem("until", "须在首次日期之后、两年之内"));
        }
        return new Recurrence(frequency, req.interval() == null ? 1 : req.interval(), req.dayOfMonth(), req.dayOfWeek(), req.firstDate(),
                req.until());
    }

    private static LocalTime time(String value, List<FieldProblem> errors) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem("template.startTime", "须为 HH:mm，例如 19:00"));
            return LocalTime.MIDNIGHT;
        }
    }

    private static Document template(Template t) {
        Document d = new Document("title", t.title()).append("description", t.description()).append("type", t.type())
                .append("mode", t.mode()).append("address", t.address()).append("meetingUrl", t.meetingUrl())
                .append("capacity", t.capacity()).append("signUpRequired", t.signUpRequired())
                .append("startTime", t.startTime().strip()).append("durationMinutes", t.durationMinutes());
        if (t.geofence() != null) {
            d.append("geofence", new Document("latitude", t.geofence().latitude()).append("longitude", t.geofence().longitude())
                    .append("radiusMeters", t.geofence().radiusMeters()));
        }
        if (t.audience() != null) {
            d.append("audience", new Document("scope", t.audience().scope()).append("orgIds", t.audience().orgIds()));
        }
        return d;
    }

    private static ActivityRequests.Geofence geofence(Document t) {
        Document g = t.get("geofence", Document.class);
        return g == null ? null : new ActivityRequests.Geofence(g.get("latitude", Number.class).doubleValue(),
                g.get("longitude", Number.class).doubleValue(), g.get("radiusMeters", Number.class).intValue());
    }

    private static ActivityRequests.Audience audience(Document t) {
        Document a = t.get("audience", Document.class);
        return a == null ? null : new ActivityRequests.Audience(a.getString("scope"), a.getList("orgIds", String.class, null));
    }

    private static OffsetDateTime[] times(Document t, LocalDate date) {
        OffsetDateTime start = date.atTime(LocalTime.parse(t.getString("startTime"))).atZone(Times.ZONE).toOffsetDateTime();
        return new OffsetDateTime[]{start, start.plusMinutes(t.getInteger("durationMinutes"))};
    }

    private static ActivityRequests.Create occurrence(Document t, String hostOrgId, LocalDate date) {
        OffsetDateTime[] times = times(t, date);
        return new ActivityRequests.Create(t.getString("title"), t.getString("description"), t.getString("type"), t.getString("mode"),
                hostOrgId, times[0], times[1], t.getString("address"), null, t.getString("meetingUrl"), geofence(t), t.getInteger("capacity"),
                t.getBoolean("signUpRequired"), audience(t), null, true);
    }

    private static Document ruleDoc(Recurrence r) {
        return new Document("frequency", r.frequency().name()).append("interval", r.interval()).append("dayOfMonth", r.dayOfMonth())
                .append("dayOfWeek", r.dayOfWeek()).append("first", r.first().toString())
                .append("until", r.until() == null ? null : r.until().toString());
    }

    private static Recurrence rule(Document d) {
        Document r = d.get("rule", Document.class);
        return new Recurrence(Recurrence.Frequency.valueOf(r.getString("frequency")), r.getInteger("interval"), r.getInteger("dayOfMonth"),
                r.getInteger("dayOfWeek"), LocalDate.parse(r.getString("first")), r.getString("until") == null ? null : LocalDate.parse(r.getString("until")));
    }

    /** The creator's authority, under which the series keeps generating occurrences. */
    private static Document creator(Caller c) {
        return new Document("accountId", c.accountId()).append("username", c.username()).append("tenantId", c.tenantId())
                .append("roles", c.roles().stream().map(Enum::name).toList()).append("orgIds", List.copyOf(c.orgIds()));
    }

    private static Caller creatorOf(Document s) {
        Document c = s.get("creator", Document.class);
        Set<Role> roles = new HashSet<>();
        c.getList("roles", String.class, List.of()).forEach(r -> roles.add(Role.valueOf(r)));
        return new Caller(c.getString("accountId"), c.getString("username"), "周期活动", s.getString("allianceId"), c.getString("tenantId"),
                roles, Set.copyOf(c.getList("orgIds", String.class, List.of())), Set.of(), Set.of(), null, false);
    }

    // ---- generation ----------------------------------------------------------------------------------------------

    /** Generates the occurrences after {@code generatedThrough} up to the horizon; an occurrence already there is kept. */
    Mono<Document> generate(Document s, Caller caller, Instant now) {
        if (!"ACTIVE".equals(s.getString("status"))) {
            return Mono.just(s);
        }
        LocalDate horizon = LocalDate.now(clock.withZone(Times.ZONE)).plusMonths(horizonMonths);
        LocalDate from = LocalDate.parse(s.getString("generatedThrough")).plusDays(1);
        List<String> skipped = s.getList("skipped", String.class, List.of());
        Document template = s.get("template", Document.class);
        List<LocalDate> dates = rule(s).between(from, horizon).stream().filter(d -> !skipped.contains(d.toString())).toList();
        return Flux.fromIterable(dates)
                .concatMap(d -> activities.create(caller, occurrence(template, s.getString("hostOrgId"), d), now, options(s.getString("_id"), d))
                        .then()
                        .onErrorResume(e -> {
                            if (!(e instanceof ApiException api && api.status() == HttpStatus.CONFLICT)) {
                                log.warn("Series {} could not generate {}: {}", s.getString("_id"), d, e.getMessage());
                            }
                            return Mono.empty();
                        }))
                .then(series.updateAndGet(Scope.system(s.getString("allianceId"), null),
                        Filters.and(Filters.eq("_id", s.getString("_id")), Filters.lt("generatedThrough", horizon.toString())),
                        Updates.set("generatedThrough", horizon.toString())))
                .defaultIfEmpty(s);
    }

    /** Extends every active series to the horizon (the job). */
    public Mono<Long> extendAll(Instant now) {
        String horizon = LocalDate.now(clock.withZone(Times.ZONE)).plusMonths(horizonMonths).toString();
        return series.find(Scope.unrestricted("series generation job"), Filters.and(Filters.eq("status", "ACTIVE"),
                        Filters.lt("generatedThrough", horizon)), Sorts.ascending("generatedThrough"), 0, 200)
                .concatMap(s -> generate(s, creatorOf(s), now).onErrorResume(e -> Mono.empty()))
                .count();
    }

    // ---- changes -------------------------------------------------------------------------------------------------

    private Mono<Document> managed(Caller caller, String id) {
        if (!caller.hasAny(MANAGERS)) {
            return Mono.error(ApiException.forbidden("仅活动的组织方可管理周期活动"));
        }
        return series.findById(Scope.of(caller), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("周期活动")))
                .flatMap(s -> directory.organisation(s.getString("allianceId"), s.getString("hostOrgId"))
                        .filter(o -> ActivityAccess.managesOrg(caller, o))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("周期活动")))
                        .thenReturn(s));
    }

    public Mono<SeriesView> get(Caller caller, String id) {
        return managed(caller, id).flatMap(this::view);
    }

    /** Changes this and all following occurrences (those not edited on their own) and the template for later ones. */
    public Mono<EditResult> editFollowing(Caller caller, String id, LocalDate from, EditFollowing req) {
        Instant now = clock.instant();
        List<FieldProblem> errors = new ArrayList<>();
        time(req.template().startTime(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        return managed(caller, id).flatMap(s -> {
            long version = s.get("version", Number.class).longValue();
            if (version != req.version()) {
                return Mono.error(ApiException.conflict("version", "周期活动已被他人修改（当前版本 " + version + "），请刷新后重试"));
            }
            if (!rule(s).occursOn(from)) {
                return Mono.error(ApiException.badRequest("date", "该日期不是本周期活动的举行日期"));
            }
            Document template = template(req.template());
            Scope scope = Scope.system(s.getString("allianceId"), null);
            return series.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                            Updates.combine(Updates.set("template", template), Updates.inc("version", 1L), Updates.set("updatedAt", Date.from(now))))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "周期活动刚被他人修改，请刷新后重试")))
                    .flatMap(updated -> activities.collection().find(scope, Filters.and(Filters.eq("seriesId", id),
                                    Filters.gte("occurrenceDate", from.toString()), Filters.ne("seriesDetached", true),
                                    Filters.in("status", List.of(ActivityStatus.DRAFT.name(), ActivityStatus.SCHEDULED.name()))),
                            Sorts.ascending("startAt"), 0, 0).collectList()
                            .flatMap(occurrences -> {
                                List<Map<String, String>> failed = new ArrayList<>();
                                return Flux.fromIterable(occurrences).concatMap(o -> {
                                    OffsetDateTime[] times = times(template, LocalDate.parse(o.getString("occurrenceDate")));
                                    ActivityRequests.Update u = new ActivityRequests.Update(o.get("version", Number.class).longValue(),
                                            template.getString("title"), template.getString("description"), template.getString("type"),
                                            template.getString("mode"), times[0], times[1], template.getString("address"),
                                            template.getString("meetingUrl"), geofence(template), template.getInteger("capacity"),
                                            template.getBoolean("signUpRequired"), audience(template));
                                    return activities.update(caller, o.getString("_id"), u, false).map(v -> 1)
                                            .onErrorResume(e -> {
                                                failed.add(Map.of("activityId", o.getString("_id"), "date", o.getString("occurrenceDate"),
                                                        "reason", e.getMessage() == null ? e.toString() : e.getMessage()));
                                                return Mono.just(0);
                                            });
                                }).reduce(0, Integer::sum)
                                        .flatMap(n -> audit.record(caller, "SERIES_UPDATED", "activity-series", id, s.getString("tenantId"),
                                                Result.SUCCESS, Map.of("from", from.toString(), "updated", n)).thenReturn(n))
                                        .flatMap(n -> view(updated).map(v -> new EditResult(v, n, failed)));
                            }));
        });
    }

    /** Skips one date: its occurrence is cancelled with the reason and never generated again. */
    public Mono<SeriesView> skip(Caller caller, String id, LocalDate date, String reason) {
        return managed(caller, id).flatMap(s -> {
            if (!rule(s).occursOn(date)) {
                return Mono.error(ApiException.badRequest("date", "该日期不是本周期活动的举行日期"));
            }
            Scope scope = Scope.system(s.getString("allianceId"), null);
            String occurrenceId = id + "-" + COMPACT.format(date);
            return series.updateAndGet(scope, Filters.eq("_id", id), Updates.combine(Updates.addToSet("skipped", date.toString()),
                            Updates.inc("version", 1L)))
                    .flatMap(updated -> activities.collection().findById(scope, occurrenceId)
                            .filter(o -> ActivityStatus.valueOf(o.getString("status")).open() || ActivityStatus.DRAFT.name().equals(o.getString("status")))
                            .flatMap(o -> activities.cancel(caller, occurrenceId, "本次跳过：" + reason.strip(), clock.instant()))
                            .then(audit.record(caller, "SERIES_OCCURRENCE_SKIPPED", "activity-series", id, s.getString("tenantId"), Result.SUCCESS,
                                    Map.of("date", date.toString(), "reason", reason)))
                            .then(view(updated)));
        });
    }

    /** Ends the series: no more occurrences, and the future ones are cancelled with the reason. */
    public Mono<SeriesView> end(Caller caller, String id, String reason) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(s -> {
            Scope scope = Scope.system(s.getString("allianceId"), null);
            return series.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("status", "ACTIVE")),
                            Updates.combine(Updates.set("status", "ENDED"), Updates.set("endedAt", Date.from(now)), Updates.inc("version", 1L)))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "周期活动已结束")))
                    .flatMap(updated -> activities.collection().find(scope, Filters.and(Filters.eq("seriesId", id),
                                    Filters.gt("startAt", Date.from(now)),
                                    Filters.in("status", List.of(ActivityStatus.DRAFT.name(), ActivityStatus.SCHEDULED.name()))), null, 0, 0)
                            .concatMap(o -> activities.cancel(caller, o.getString("_id"), "周期活动已结束：" + reason.strip(), now))
                            .then(audit.record(caller, "SERIES_ENDED", "activity-series", id, s.getString("tenantId"), Result.SUCCESS,
                                    Map.of("reason", reason)))
                            .then(view(updated)));
        });
    }

    private Mono<SeriesView> view(Document s) {
        Scope scope = Scope.system(s.getString("allianceId"), null);
        return activities.collection().find(scope, Filters.eq("seriesId", s.getString("_id")), Sorts.ascending("startAt"), 0, 100)
                .map(o -> new Occurrence(o.getString("_id"), o.getString("occurrenceDate"), o.getString("status"),
                        o.getBoolean("seriesDetached", false), Times.view(o.getDate("startAt"))))
                .collectList()
                .map(occ -> {
                    Document t = s.get("template", Document.class);
                    Document r = s.get("rule", Document.class);
                    return new SeriesView(s.getString("_id"), s.getString("hostOrgId"), s.getString("hostOrgName"), t.getString("title"),
                            t.getString("type"), r.getString("frequency"), r.getInteger("interval"), r.getInteger("dayOfMonth"),
                            r.getInteger("dayOfWeek"), r.getString("first"), r.getString("until"), t.getString("startTime"),
                            t.getInteger("durationMinutes"), s.getString("status"), s.getList("skipped", String.class, List.of()),
                            s.getString("generatedThrough"), occ, s.get("version", Number.class).longValue());
                });
    }
}
