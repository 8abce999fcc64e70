package cn.lianmeng.content.school;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.content.audience.AudienceKeys;
import cn.lianmeng.content.audience.Members;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.config.ContentProperties;
import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ContentKind;
import cn.lianmeng.content.item.ContentStatus;
import cn.lianmeng.content.item.ItemView;
import cn.lianmeng.content.settings.AllianceSettings;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 手机党校: courses (items of kind COURSE) with ordered lessons; progress per member and lesson
 * ({@link LessonProgress}); lesson completion credits the lesson's study hours to the member's year once and leaves
 * through the outbox as {@code LessonCompleted} and {@code StudyHoursRecorded} on {@code content.study.v1} in the same
 * write; quizzes scored on the server; yearly hours against the DESIGN §3 targets; organisation reports.
 *
 * <p>Routine progress reports (a video heartbeat every few seconds) are the member's own study record and are not
 * written to the audit log one by one; completions and quiz submissions are.
 */
@Service
public class School {

    public static final String TOPIC = TopicsConfiguration.STUDY;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final ScopedCollection progress;
    private final ContentItems items;
    private final Readers readers;
    private final Members members;
    private final Organisations organisations;
    private final AllianceSettings settings;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final ContentProperties.Study study;
    private final StudyTargets targets;
    private final Clock clock;

    public School(MongoAccess mongo, ContentItems items, Readers readers, Members members, Organisations organisations,
                  AllianceSettings settings, Outbox outbox, OutboxRelay relay, AuditLog audit, ContentProperties properties, Clock clock) {
        this.progress = mongo.collection("study_progress", ScopeRule.tenantOwned());
        this.items = items;
        this.readers = readers;
        this.members = members;
        this.organisations = organisations;
        this.settings = settings;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.study = properties.getStudy();
        this.targets = new StudyTargets(study.getMemberTargetHours(), study.getOfficerTargetHours());
        this.clock = clock;
        relay.register(progress);
        progress.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId", "year", "completed"), new IndexOptions().name("member_year"));
        progress.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId", "courseId"), new IndexOptions().name("member_course"));
        progress.ensureIndexInBackground(Indexes.ascending("allianceId", "year", "completed", "memberId"), new IndexOptions().name("year_member"));
    }

    // ---------------------------------------------------------------- views

    @Schema(description = "某课时的学习进度")
    public record LessonState(String lessonId, String title, String type, double studyHours, double percent, Double positionSeconds,
                              Double watchedSeconds, boolean completed, Date completedAt, Integer bestQuizScore, Boolean quizPassed) {
    }

    @Schema(description = "课程进度")
    public record CourseProgress(String courseId, String title, boolean required, int lessons, int completedLessons, boolean completed,
                                 double studyHours, double earnedHours, List<LessonState> lessonStates) {
    }

    public record CourseDetail(ItemView course, CourseProgress progress) {
    }

    public record ProgressReport(@Schema(description = "视频课时：当前播放位置（秒）") Double positionSeconds,
                                 @Schema(description = "图文/附件课时：已阅读比例 0–100") Double readPercent,
                                 @Schema(description = "客户端记录该进度的时间（可选，缺省为服务器时间）；不能早于上一次上报") OffsetDateTime at) {
    }

    public record QuizSubmission(Map<String, List<String>> answers) {
    }

    public record RequiredCourse(String courseId, String title, int lessons, int completedLessons, boolean completed) {
    }

    @Schema(description = "本人某年的学习情况；积分仅在联盟启用时显示，且只对本人可见")
    public record StudyYear(int year, double hours, double target, double expectedByNow, boolean behind, boolean officer,
                            int lessonsCompleted, List<RequiredCourse> requiredCourses, Integer points) {
    }

    @Schema(description = "组织学习情况报表中的一行（按组织、姓名排列，不排名）")
    public record ReportRow(String memberId, String name, String orgId, String orgName, String role, double target,
                            double expectedByNow, double hours, int lessonsCompleted, boolean behind) {
    }

    public record OrgReport(String orgId, String orgName, int year, int members, int behind, List<ReportRow> rows) {
    }

    // ---------------------------------------------------------------- courses

    private Mono<Reader> member(Caller caller) {
        return readers.of(caller).flatMap(r -> r.isMember() ? Mono.just(r)
                : Mono.error(ApiException.forbidden("学习进度仅记录党员本人（账户未关联党员档案）")));
    }

    private Mono<Document> course(Reader reader, String courseId) {
        return items.readable(reader, courseId)
                .filter(d -> ContentKind.COURSE.name().equals(d.getString("kind")) && d.get("course", Document.class) != null)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("课程")));
    }

    public Mono<List<CourseProgress>> courses(Caller caller) {
        return readers.of(caller).flatMap(reader -> items.collection().find(reader.scope(), Filters.and(
                                Filters.eq("status", ContentStatus.PUBLISHED.name()), Filters.eq("kind", ContentKind.COURSE.name()),
                                reader.visibility()), null, Sorts.descending("publishedAt"), 0, 200)
                .collectList()
                .flatMap(courses -> states(reader, courses.stream().map(c -> c.getString("_id")).toList())
                        .map(states -> courses.stream().map(c -> courseProgress(reader, c, states)).toList())));
    }

    public Mono<CourseDetail> detail(Caller caller, String courseId) {
        return readers.of(caller).flatMap(reader -> course(reader, courseId).flatMap(c -> states(reader, List.of(courseId))
                .map(states -> new CourseDetail(courseView(c), reader.isMember() ? courseProgress(reader, c, states) : null))));
    }

    private static ItemView courseView(Document c) {
        return ItemView.forReader(c);
    }

    /** The member's stored lesson states for the courses, by progress id. */
    private Mono<Map<String, Document>> states(Reader reader, List<String> courseIds) {
        if (!reader.isMember() || courseIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return progress.find(reader.scope(), Filters.and(Filters.eq("memberId", reader.memberId()), Filters.in("courseId", courseIds)),
                        null, null, 0, 10_000)
                .collectMap(d -> d.getString("_id"));
    }

    private CourseProgress courseProgress(Reader reader, Document course, Map<String, Document> states) {
        Document c = course.get("course", Document.class);
        List<Document> lessons = c.getList("lessons", Document.class, List.of());
        List<LessonState> lessonStates = new ArrayList<>();
        int done = 0;
        double earned = 0;
        for (Document l : lessons) {
            Document s = reader.isMember() ? states.get(id(reader.memberId(), course.getString("_id"), l.getString("id"))) : null;
            LessonState state = lessonState(l, s);
            if (state.completed()) {
                done++;
                earned += state.studyHours();
            }
            lessonStates.add(state);
        }
        return new CourseProgress(course.getString("_id"), course.getString("title"), requiredFor(course, reader), lessons.size(), done,
                !lessons.isEmpty() && done == lessons.size(), number(c.get("totalStudyHours")), Math.round(earned * 10) / 10.0, lessonStates);
    }

    /** Whether a course is required for this reader: required, and for everyone or one of the member's officer roles. */
    static boolean requiredFor(Document course, Reader reader) {
        Document c = course.get("course", Document.class);
        if (c == null || !Boolean.TRUE.equals(c.getBoolean("required"))) {
            return false;
        }
        List<String> roles = c.getList("requiredForRoles", String.class, List.of());
        if (roles.isEmpty()) {
            return true;
        }
        List<String> held = reader.member() == null ? List.of() : reader.member().getList("effectiveRoles", String.class, List.of());
        return held.stream().anyMatch(roles::contains);
    }

    private static LessonState lessonState(Document lesson, Document s) {
        String type = lesson.getString("type");
        Integer duration = lesson.getInteger("durationSeconds");
        double hours = number(lesson.get("studyHours"));
        if (s == null) {
            return new LessonState(lesson.getString("id"), lesson.getString("title"), type, hours, 0, "VIDEO".equals(type) ? 0.0 : null,
                    "VIDEO".equals(type) ? 0.0 : null, false, null, null, null);
        }
        LessonProgress.State state = state(s);
        Document quiz = s.get("quiz", Document.class);
        return new LessonState(lesson.getString("id"), lesson.getString("title"), type, hours,
                LessonProgress.percent(state, duration == null ? null : duration.doubleValue()),
                "VIDEO".equals(type) ? state.position() : null, "VIDEO".equals(type) ? Math.round(state.watchedSeconds() * 10) / 10.0 : null,
                state.completed(), s.getDate("completedAt"), quiz == null ? null : quiz.getInteger("bestScore"),
                quiz == null ? null : quiz.getBoolean("passed"));
    }

    // ---------------------------------------------------------------- progress

    public Mono<LessonState> report(Caller caller, String courseId, String lessonId, ProgressReport req) {
        return member(caller).flatMap(reader -> course(reader, courseId).flatMap(course -> {
            Document lesson = lesson(course, lessonId);
            String type = lesson.getString("type");
            List<FieldProblem> errors = new ArrayList<>();
            if ("VIDEO".equals(type) && (req == null || req.positionSeconds() == null)) {
                errors.add(new FieldProblem("positionSeconds", "视频课时须上报播放位置"));
            }
            if (!"VIDEO".equals(type) && (req == null || req.readPercent() == null)) {
                errors.add(new FieldProblem("readPercent", "图文与附件课时须上报阅读进度"));
            }
            if (!errors.isEmpty()) {
                return Mono.error(ApiException.invalid(errors));
            }
            Instant now = clock.instant();
            Instant at = req.at() == null ? now : req.at().toInstant();
            String id = id(reader.memberId(), courseId, lessonId);
            return progress.findById(reader.scope(), id).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                    .flatMap(existing -> {
                        LessonProgress.State before = existing.map(School::state).orElse(LessonProgress.State.initial());
                        LessonProgress.State after;
                        try {
                            after = "VIDEO".equals(type)
                                    ? LessonProgress.video(before, req.positionSeconds(), lesson.getInteger("durationSeconds", 0), at, now, study.getMaxPlaybackRate())
                                    : LessonProgress.reading(before, req.readPercent(), at, now);
                        } catch (LessonProgress.Refused refused) {
                            return Mono.error(ApiException.badRequest(refused.field(), refused.getMessage()));
                        }
                        boolean completing = !before.completed() && after.completed();
                        return write(reader, course, lesson, existing.orElse(null), after, completing, now)
                                .flatMap(d -> completing
                                        ? audit.record(caller, "LESSON_COMPLETED", "lesson", courseId + "/" + lessonId, reader.memberTenantId(),
                                                AuditLog.Result.SUCCESS, Map.of("studyHours", number(lesson.get("studyHours")))).thenReturn(d)
                                        : Mono.just(d))
                                .map(d -> lessonState(lesson, d));
                    });
        }));
    }

    private Mono<Document> write(Reader reader, Document course, Document lesson, Document existing, LessonProgress.State s,
                                 boolean completing, Instant now) {
        String courseId = course.getString("_id");
        String lessonId = lesson.getString("id");
        String id = id(reader.memberId(), courseId, lessonId);
        Document fields = new Document("positionSeconds", s.position())
                .append("watched", s.watched().stream().map(i -> new Document("from", i.from()).append("to", i.to())).toList())
                .append("readPercent", s.readPercent())
                .append("lastReportAt", Date.from(s.lastReportAt()))
                .append("completed", s.completed())
                .append("updatedAt", Date.from(now));
        int year = now.atZone(SHANGHAI).getYear();
        double hours = number(lesson.get("studyHours"));
        Mono<List<OutboxMessage>> events = !completing ? Mono.just(List.of())
                : yearHours(reader, year).map(total -> {
                    fields.append("completedAt", Date.from(now)).append("year", year).append("studyHours", hours);
                    Map<String, Object> completed = new java.util.LinkedHashMap<>();
                    completed.put("memberId", reader.memberId());
                    completed.put("allianceId", reader.allianceId());
                    completed.put("tenantId", reader.memberTenantId());
                    completed.put("orgId", reader.memberOrgId());
                    completed.put("courseId", courseId);
                    completed.put("courseTitle", course.getString("title"));
                    completed.put("lessonId", lessonId);
                    completed.put("lessonTitle", lesson.getString("title"));
                    completed.put("studyHours", hours);
                    completed.put("year", year);
                    completed.put("occurredAt", now.toString());
                    Map<String, Object> recorded = new java.util.LinkedHashMap<>(completed);
                    recorded.remove("courseTitle");
                    recorded.remove("lessonTitle");
                    recorded.put("hours", hours);
                    recorded.remove("studyHours");
                    recorded.put("yearTotalHours", Math.round((total + hours) * 10) / 10.0);
                    return List.of(
                            outbox.message(TOPIC, "LessonCompleted", reader.memberId(), reader.allianceId(), reader.memberTenantId(), completed),
                            outbox.message(TOPIC, "StudyHoursRecorded", reader.memberId(), reader.allianceId(), reader.memberTenantId(), recorded));
                });
        return events.flatMap(messages -> {
            Mono<Document> written;
            if (existing == null) {
                Document doc = new Document(fields).append("_id", id).append("allianceId", reader.allianceId())
                        .append("tenantId", reader.memberTenantId()).append("memberId", reader.memberId())
                        .append("orgId", reader.memberOrgId()).append("courseId", courseId).append("lessonId", lessonId)
                        .append("lessonType", lesson.getString("type")).append("version", 1L).append("createdAt", Date.from(now));
                if (!messages.isEmpty()) {
                    doc.append(OutboxMessage.FIELD, messages.stream().map(OutboxMessage::toDocument).toList());
                }
                written = progress.insert(reader.scope(), doc)
                        .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("学习进度刚被更新，请重试"));
            } else {
                long version = existing.get("version", Number.class).longValue();
                List<Bson> updates = new ArrayList<>();
                fields.forEach((k, v) -> updates.add(Updates.set(k, v)));
                updates.add(Updates.set("version", version + 1));
                if (!messages.isEmpty()) {
                    updates.add(Updates.pushEach(OutboxMessage.FIELD, messages.stream().map(OutboxMessage::toDocument).toList()));
                }
                written = progress.updateAndGet(reader.scope(), Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                                Updates.combine(updates))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("学习进度刚被更新，请重试")));
            }
            return written.doOnSuccess(d -> {
                if (!messages.isEmpty()) {
                    relay.relaySoon(progress, id);
                }
            });
        });
    }

    private Mono<Double> yearHours(Reader reader, int year) {
        return progress.aggregate(reader.scope(), List.of(
                        Aggregates.match(Filters.and(Filters.eq("memberId", reader.memberId()), Filters.eq("year", year), Filters.eq("completed", true))),
                        Aggregates.group(null, Accumulators.sum("hours", "$studyHours"))))
                .next().map(d -> number(d.get("hours"))).defaultIfEmpty(0.0);
    }

    public Mono<QuizScoring.Result> quiz(Caller caller, String courseId, String lessonId, QuizSubmission submission) {
        return member(caller).flatMap(reader -> course(reader, courseId).flatMap(course -> {
            Document lesson = lesson(course, lessonId);
            Document quiz = lesson.get("quiz", Document.class);
            if (quiz == null) {
                return Mono.error(ApiException.notFound("测验"));
            }
            Map<String, List<String>> answers = submission == null || submission.answers() == null ? Map.of() : submission.answers();
            List<FieldProblem> problems = QuizScoring.problems(quiz, answers);
            if (!problems.isEmpty()) {
                return Mono.error(ApiException.invalid(problems));
            }
            QuizScoring.Result result = QuizScoring.score(quiz, answers);
            String id = id(reader.memberId(), courseId, lessonId);
            Instant now = clock.instant();
            Bson update = Updates.combine(Updates.inc("quiz.attempts", 1), Updates.max("quiz.bestScore", result.score()),
                    Updates.set("quiz.lastScore", result.score()), Updates.set("quiz.lastAt", Date.from(now)),
                    Updates.max("quiz.passed", result.passed()), Updates.set("updatedAt", Date.from(now)));
            Document fresh = new Document("_id", id).append("allianceId", reader.allianceId())
                    .append("tenantId", reader.memberTenantId()).append("memberId", reader.memberId())
                    .append("orgId", reader.memberOrgId()).append("courseId", courseId).append("lessonId", lessonId)
                    .append("lessonType", lesson.getString("type")).append("positionSeconds", 0.0).append("watched", List.of())
                    .append("readPercent", 0.0).append("completed", false).append("version", 1L)
                    .append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                    .append("quiz", new Document("attempts", 1).append("bestScore", result.score()).append("lastScore", result.score())
                            .append("lastAt", Date.from(now)).append("passed", result.passed()));
            Mono<Void> stored = progress.updateOne(reader.scope(), Filters.eq("_id", id), update)
                    .flatMap(r -> r.getMatchedCount() > 0 ? Mono.<Void>empty()
                            : progress.insert(reader.scope(), fresh).then()
                                    .onErrorResume(ScopedCollection::isDuplicateKey, e -> progress.updateOne(reader.scope(), Filters.eq("_id", id), update).then()));
            return stored.then(audit.record(caller, "QUIZ_SUBMITTED", "lesson", courseId + "/" + lessonId, reader.memberTenantId(),
                    AuditLog.Result.SUCCESS, Map.of("score", result.score(), "passed", result.passed()))).thenReturn(result);
        }));
    }

    // ---------------------------------------------------------------- study hours

    public Mono<StudyYear> me(Caller caller, Integer year) {
        int y = year == null ? LocalDate.now(clock.withZone(SHANGHAI)).getYear() : year;
        if (y < 2000 || y > 2100) {
            return Mono.error(ApiException.badRequest("year", "年份无效"));
        }
        return member(caller).flatMap(reader -> {
            boolean officer = Members.isOfficer(reader.member());
            double target = targets.target(officer);
            double expected = targets.expectedBy(target, y, LocalDate.now(clock.withZone(SHANGHAI)));
            Mono<Document> totals = progress.aggregate(reader.scope(), List.of(
                            Aggregates.match(Filters.and(Filters.eq("memberId", reader.memberId()), Filters.eq("year", y), Filters.eq("completed", true))),
                            Aggregates.group(null, Accumulators.sum("hours", "$studyHours"), Accumulators.sum("lessons", 1))))
                    .next().defaultIfEmpty(new Document("hours", 0.0).append("lessons", 0));
            Mono<List<RequiredCourse>> required = items.collection().find(reader.scope(), Filters.and(
                                    Filters.eq("status", ContentStatus.PUBLISHED.name()), Filters.eq("kind", ContentKind.COURSE.name()),
                                    Filters.eq("course.required", true), reader.visibility()), null, Sorts.descending("publishedAt"), 0, 200)
                    .filter(c -> requiredFor(c, reader))
                    .collectList()
                    .flatMap(courses -> states(reader, courses.stream().map(c -> c.getString("_id")).toList())
                            .map(states -> courses.stream().map(c -> {
                                CourseProgress p = courseProgress(reader, c, states);
                                return new RequiredCourse(p.courseId(), p.title(), p.lessons(), p.completedLessons(), p.completed());
                            }).toList()));
            return Mono.zip(totals, required, settings.of(reader.allianceId())).map(t -> {
                double hours = Math.round(number(t.getT1().get("hours")) * 10) / 10.0;
                Integer points = t.getT3().pointsEnabled() ? (int) Math.round(hours * t.getT3().pointsPerHour()) : null;
                return new StudyYear(y, hours, target, expected, hours < expected, officer,
                        t.getT1().get("lessons", Number.class).intValue(), t.getT2(), points);
            });
        });
    }

    /** Who in the organisation's subtree is behind: ALLIANCE_ADMIN, the tenant's ENTERPRISE_ADMIN, ORG_ADMIN of the subtree. */
    public Mono<OrgReport> report(Caller caller, String orgId, Integer year) {
        int y = year == null ? LocalDate.now(clock.withZone(SHANGHAI)).getYear() : year;
        if (y < 2000 || y > 2100) {
            return Mono.error(ApiException.badRequest("year", "年份无效"));
        }
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) || caller.allianceId() == null) {
            return Mono.error(ApiException.forbidden("仅管理员可查看组织学习报表"));
        }
        if (orgId == null || orgId.isBlank()) {
            return Mono.error(ApiException.badRequest("orgId", "须指定组织"));
        }
        String allianceId = caller.allianceId();
        Scope scope = Scope.system(allianceId, null);
        return organisations.find(allianceId, orgId)
                .filter(org -> caller.has(Role.ALLIANCE_ADMIN)
                        || (caller.has(Role.ENTERPRISE_ADMIN) && Objects.equals(org.getString("tenantId"), caller.tenantId()))
                        || (caller.has(Role.ORG_ADMIN) && Objects.equals(org.getString("tenantId"), caller.tenantId())
                        && Organisations.within(org, caller.orgIds())))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("组织")))
                .flatMap(org -> members.collection().find(scope, Filters.and(Filters.eq("active", true),
                                        Filters.eq("keys", AudienceKeys.org(orgId))),
                                new Document("name", 1).append("orgId", 1).append("effectiveRoles", 1).append("officerRoles", 1), null, 0, 100_000)
                        .collectList()
                        .flatMap(people -> {
                            List<String> ids = people.stream().map(p -> p.getString("_id")).toList();
                            Set<String> orgIds = new HashSet<>();
                            people.forEach(p -> orgIds.add(p.getString("orgId")));
                            orgIds.remove(null);
                            Mono<Map<String, Document>> hours = ids.isEmpty() ? Mono.just(Map.of())
                                    : progress.aggregate(scope, List.of(
                                                    Aggregates.match(Filters.and(Filters.eq("year", y), Filters.eq("completed", true), Filters.in("memberId", ids))),
                                                    Aggregates.group("$memberId", Accumulators.sum("hours", "$studyHours"), Accumulators.sum("lessons", 1))))
                                            .collectMap(d -> d.getString("_id"));
                            Mono<Map<String, String>> names = orgIds.isEmpty() ? Mono.just(Map.of())
                                    : organisations.findAll(allianceId, orgIds).collectMap(o -> o.getString("_id"), o -> o.getString("name"));
                            return Mono.zip(hours, names).map(t -> {
                                LocalDate today = LocalDate.now(clock.withZone(SHANGHAI));
                                List<ReportRow> rows = new ArrayList<>();
                                for (Document p : people) {
                                    boolean officer = Members.isOfficer(p);
                                    double target = targets.target(officer);
                                    double expected = targets.expectedBy(target, y, today);
                                    Document h = t.getT1().get(p.getString("_id"));
                                    double done = h == null ? 0 : Math.round(number(h.get("hours")) * 10) / 10.0;
                                    int lessons = h == null ? 0 : h.get("lessons", Number.class).intValue();
                                    List<String> roles = p.getList("effectiveRoles", String.class, p.getList("officerRoles", String.class, List.of()));
                                    rows.add(new ReportRow(p.getString("_id"), p.getString("name"), p.getString("orgId"),
                                            t.getT2().getOrDefault(p.getString("orgId"), ""), roleLabel(roles), target, expected, done, lessons,
                                            done < expected));
                                }
                                rows.sort(Comparator.comparing(ReportRow::orgName, Comparator.nullsLast(Comparator.naturalOrder()))
                                        .thenComparing(ReportRow::name, Comparator.nullsLast(Comparator.naturalOrder())));
                                int behind = (int) rows.stream().filter(ReportRow::behind).count();
                                return new OrgReport(orgId, org.getString("name"), y, rows.size(), behind, rows);
                            });
                        }));
    }

    static String roleLabel(List<String> roles) {
        if (roles.contains("SECRETARY")) {
            return "书记";
        }
        if (roles.contains("DEPUTY_SECRETARY")) {
            return "副书记";
        }
        if (roles.contains("COMMITTEE_MEMBER")) {
            return "委员";
        }
        return "党员";
    }

    // ---------------------------------------------------------------- helpers

    static String id(String memberId, String courseId, String lessonId) {
        return memberId + ":" + courseId + ":" + lessonId;
    }

    private static Document lesson(Document course, String lessonId) {
        return course.get("course", Document.class).getList("lessons", Document.class, List.of()).stream()
                .filter(l -> l.getString("id").equals(lessonId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("课时"));
    }

    static LessonProgress.State state(Document s) {
        List<LessonProgress.Interval> watched = s.getList("watched", Document.class, List.of()).stream()
                .map(w -> new LessonProgress.Interval(number(w.get("from")), number(w.get("to")))).toList();
        Date last = s.getDate("lastReportAt");
        return new LessonProgress.State(number(s.get("positionSeconds")), watched, number(s.get("readPercent")),
                last == null ? null : last.toInstant(), Boolean.TRUE.equals(s.getBoolean("completed")));
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
