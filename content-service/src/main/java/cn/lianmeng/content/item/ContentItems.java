package cn.lianmeng.content.item;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.lianmeng.content.audience.Audience;
import cn.lianmeng.content.audience.AudienceKeys;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.config.TopicsConfiguration;
import cn.lianmeng.content.feed.Receipts;
import cn.lianmeng.content.feed.Timelines;
import cn.lianmeng.content.files.FileKind;
import cn.lianmeng.content.files.FileStore;
import cn.lianmeng.content.search.Bigrams;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Content items and their review workflow ({@link Workflow}). Every change is one conditional single-document write
 * (version and status in the filter) carrying its {@code content.item.v1} event in the outbox, and is audited.
 * Bodies are sanitised before they are stored; audiences become {@code audienceKeys}; searchable text becomes
 * {@code searchTokens} (character n-grams, see {@link Bigrams}).
 */
@Service
public class ContentItems {

    public static final String TOPIC = TopicsConfiguration.ITEMS;
    public static final String COLLECTION = "content_items";
    public static final Set<String> SORTABLE = Set.of("updatedAt", "createdAt", "publishedAt", "title");
    private static final Pattern FILE_REF = Pattern.compile("/api/content/files/([a-f0-9]{24})");
    private static final Pattern LESSON_ID = Pattern.compile("^[A-Za-z0-9_-]{1,40}$");
    private static final Logger log = LoggerFactory.getLogger(ContentItems.class);

    private final ScopedCollection items;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Authoring authoring;
    private final HtmlSanitizer sanitizer;
    private final FileStore files;
    private final Readers readers;
    private final Receipts receipts;
    private final Timelines timelines;
    private final Clock clock;

    public ContentItems(MongoAccess mongo, Outbox outbox, OutboxRelay relay, AuditLog audit, Authoring authoring,
                        HtmlSanitizer sanitizer, FileStore files, Readers readers, Receipts receipts, Timelines timelines, Clock clock) {
        this.items = mongo.collection(COLLECTION, ScopeRule.tenantOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.authoring = authoring;
        this.sanitizer = sanitizer;
        this.files = files;
        this.readers = readers;
        this.receipts = receipts;
        this.timelines = timelines;
        this.clock = clock;
        relay.register(items);
        // by-id lookups carry the alliance ({$and: [{allianceId}, {_id: …}]}): real MongoDB answers them from _id, the
        // indexed stand-in from this index
        items.ensureIndexInBackground(Indexes.ascending("allianceId", "_id"), new IndexOptions().name("alliance_id"));
        // the feed: {allianceId, status, audienceKeys: {$in: keys}} sorted by {publishedAt: -1, _id: -1} — on real MongoDB
        // one index interval per key, merged in sort order (SORT_MERGE), so no in-memory sort and a page reads ~size keys
        items.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "status", "audienceKeys"),
                Indexes.descending("publishedAt", "_id")), new IndexOptions().name("feed"));
        items.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "status", "kind", "audienceKeys"),
                Indexes.descending("publishedAt", "_id")), new IndexOptions().name("feed_kind"));
        // search: one of the query's n-grams bounds the scan, newest first; the other n-grams and the audience filter
        // the fetched documents
        items.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "status", "searchTokens"),
                Indexes.descending("publishedAt", "_id")), new IndexOptions().name("search"));
        items.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "tenantId", "status"),
                Indexes.descending("updatedAt")), new IndexOptions().name("manage"));
        items.ensureIndexInBackground(Indexes.ascending("allianceId", "fileIds"), new IndexOptions().name("files"));
        items.ensureIndexInBackground(Indexes.ascending("status", "publishAt"), new IndexOptions().name("schedule"));
    }

    public ScopedCollection collection() {
        return items;
    }

    public record ManageFilter(String status, String kind) {
    }

    // ---------------------------------------------------------------- authoring

    public Mono<ItemView> create(Caller caller, ItemRequests.Save req) {
        return Authoring.requireAuthor(caller).flatMap(c -> prepare(c, req)).flatMap(p -> {
            String id = new ObjectId().toHexString();
            Instant now = clock.instant();
            Document doc = p.fields().append("_id", id).append("allianceId", caller.allianceId())
                    .append("tenantId", p.placement().tenantId())
                    .append("status", ContentStatus.DRAFT.name())
                    .append("authorAccountId", caller.accountId())
                    .append("authorName", displayName(caller))
                    .append("editorAccountIds", List.of(caller.accountId()))
                    .append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now));
            OutboxMessage event = event(doc, "ContentCreated", null, now);
            return items.insert(Scope.of(caller), Outbox.withOutbox(doc, event))
                    .doOnSuccess(d -> relay.relaySoon(items, id))
                    .flatMap(d -> audit.record(caller, "CONTENT_CREATED", "content", id, d.getString("tenantId"), Result.SUCCESS,
                            Map.of("kind", d.getString("kind"), "title", d.getString("title"))).thenReturn(d))
                    .map(d -> ItemView.of(d, true, null));
        });
    }

    public Mono<ItemView> update(Caller caller, String id, ItemRequests.Save req) {
        if (req.version() == null) {
            return Mono.error(ApiException.badRequest("version", "不能为空（用于并发控制）"));
        }
        return managed(caller, id).flatMap(current -> prepare(caller, req).flatMap(p -> {
            Document sets = p.fields();
            sets.put("tenantId", current.getString("tenantId")); // the owner never changes
            return change(caller, current, req.version(), Workflow.Action.EDIT, false, sets,
                    Updates.addToSet("editorAccountIds", caller.accountId()), "ContentUpdated", "CONTENT_UPDATED", null, Map.of());
        }));
    }

    public Mono<ItemView> submit(Caller caller, String id, Long version) {
        return managed(caller, id).flatMap(current -> change(caller, current, version, Workflow.Action.SUBMIT, false,
                new Document("submittedAt", Date.from(clock.instant())), null, "ContentSubmitted", "CONTENT_SUBMITTED", null, Map.of()));
    }

    public Mono<ItemView> approve(Caller caller, String id, ItemRequests.Approve req) {
        return managed(caller, id).flatMap(current -> {
            if (!ContentStatus.IN_REVIEW.name().equals(current.getString("status"))) {
                return Mono.error(notInReview(current));
            }
            if (current.getList("editorAccountIds", String.class, List.of()).contains(caller.accountId())) {
                return audit.record(caller, "CONTENT_APPROVAL_REFUSED", "content", id, current.getString("tenantId"), Result.FAILURE,
                                Map.of("reason", "self-review"))
                        .then(Mono.error(ApiException.forbidden("作者不能审核自己撰写或修改过的内容，请由其他管理员审核")));
            }
            Instant now = clock.instant();
            Date publishAt = req != null && req.publishAt() != null ? Date.from(req.publishAt().toInstant()) : current.getDate("publishAt");
            boolean later = publishAt != null && publishAt.toInstant().isAfter(now);
            Document sets = new Document("reviewerAccountId", caller.accountId()).append("reviewerName", displayName(caller))
                    .append("reviewedAt", Date.from(now)).append("publishAt", publishAt).append("lastRejection", null);
            if (!later) {
                sets.append("publishedAt", Date.from(now));
            }
            return change(caller, current, req == null ? null : req.version(), Workflow.Action.APPROVE, later, sets, null,
                    later ? "ContentScheduled" : "ContentPublished", later ? "CONTENT_SCHEDULED" : "CONTENT_PUBLISHED", null,
                    Map.of("publishAt", publishAt == null ? "" : publishAt.toInstant().toString()));
        });
    }

    public Mono<ItemView> reject(Caller caller, String id, ItemRequests.Reason req) {
        return managed(caller, id).flatMap(current -> {
            if (!ContentStatus.IN_REVIEW.name().equals(current.getString("status"))) {
                return Mono.error(notInReview(current));
            }
            if (current.getList("editorAccountIds", String.class, List.of()).contains(caller.accountId())) {
                return Mono.error(ApiException.forbidden("作者不能审核自己撰写或修改过的内容，请由其他管理员审核"));
            }
            Document note = new Document("reason", req.reason().strip()).append("by", caller.accountId())
                    .append("byName", displayName(caller)).append("at", Date.from(clock.instant()));
            return change(caller, current, req.version(), Workflow.Action.REJECT, false, new Document("lastRejection", note), null,
                    "ContentRejected", "CONTENT_REJECTED", req.reason().strip(), Map.of("reason", req.reason().strip()));
        });
    }

    public Mono<ItemView> withdraw(Caller caller, String id, ItemRequests.Reason req) {
        return managed(caller, id).flatMap(current -> {
            Document note = new Document("reason", req.reason().strip()).append("by", caller.accountId())
                    .append("byName", displayName(caller)).append("at", Date.from(clock.instant()));
            return change(caller, current, req.version(), Workflow.Action.WITHDRAW, false, new Document("withdrawal", note), null,
                    "ContentWithdrawn", "CONTENT_WITHDRAWN", req.reason().strip(), Map.of("reason", req.reason().strip()));
        });
    }

    public Mono<ItemView> archive(Caller caller, String id, Long version) {
        return managed(caller, id).flatMap(current -> change(caller, current, version, Workflow.Action.ARCHIVE, false,
                new Document("archivedAt", Date.from(clock.instant())), null, "ContentArchived", "CONTENT_ARCHIVED", null, Map.of()));
    }

    /** The item as the caller may see it: managers see everything, readers published items of their audience; else 404. */
    public Mono<ItemView> get(Caller caller, String id) {
        if (Authoring.AUTHORS.stream().anyMatch(caller::has)) {
            Mono<ItemView> asManager = items.findOne(Scope.of(caller), Filters.and(Filters.eq("_id", id), Authoring.managedFilter(caller)))
                    .filter(d -> Authoring.manages(caller, d))
                    .map(d -> ItemView.of(d, true, null));
            return asManager.switchIfEmpty(Mono.defer(() -> asReader(caller, id)));
        }
        return asReader(caller, id);
    }

    private Mono<ItemView> asReader(Caller caller, String id) {
        return readers.of(caller).flatMap(reader -> readable(reader, id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("内容")))
                .flatMap(d -> receipts.record(reader, d).thenReturn(ItemView.of(d, false, reader.isMember() ? true : null))));
    }

    /** A published (or archived) item of the reader's audience, else empty. */
    public Mono<Document> readable(Reader reader, String id) {
        return items.findOne(reader.scope(), Filters.and(Filters.eq("_id", id),
                        Filters.in("status", ContentStatus.PUBLISHED.name(), ContentStatus.ARCHIVED.name()), reader.visibility()));
    }

    /** An item the caller manages, else 404 (403 for roles that manage nothing). */
    public Mono<Document> managed(Caller caller, String id) {
        return Authoring.requireAuthor(caller)
                .flatMap(c -> items.findOne(Scope.of(c), Filters.and(Filters.eq("_id", id), Authoring.managedFilter(c))))
                .filter(d -> Authoring.manages(caller, d))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("内容")));
    }

    public Mono<PageResult<ItemSummary>> listManaged(Caller caller, ManageFilter f, PageQuery page) {
        return Authoring.requireAuthor(caller).flatMap(c -> {
            List<Bson> filters = new ArrayList<>();
            filters.add(Authoring.managedFilter(c));
            if (f.status() != null) {
                ContentStatus status = parseStatus(f.status());
                filters.add(Filters.eq("status", status.name()));
            }
            if (f.kind() != null) {
                ContentKind kind = ContentKind.parse(f.kind()).orElseThrow(() -> ApiException.badRequest("kind", "取值无效"));
                filters.add(Filters.eq("kind", kind.name()));
            }
            return items.page(Scope.of(c), Filters.and(filters), page, d -> ItemSummary.of(d, null));
        });
    }

    static ContentStatus parseStatus(String value) {
        try {
            return ContentStatus.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "须为 DRAFT、IN_REVIEW、SCHEDULED、PUBLISHED、WITHDRAWN 或 ARCHIVED");
        }
    }

    // ---------------------------------------------------------------- scheduled publishing

    /** Publishes every approved item whose time has come; idempotent (status and version in the filter). */
    public Mono<Long> publishDue() {
        Scope scheduler = Scope.unrestricted("content publishing scheduler");
        Instant now = clock.instant();
        return items.find(scheduler, Filters.and(Filters.eq("status", ContentStatus.SCHEDULED.name()), Filters.lte("publishAt", Date.from(now))),
                        null, null, 0, 200)
                .concatMap(current -> {
                    long version = current.get("version", Number.class).longValue();
                    Document after = new Document(current);
                    after.put("status", ContentStatus.PUBLISHED.name());
                    after.put("publishedAt", Date.from(now));
                    after.put("version", version + 1);
                    OutboxMessage event = event(after, "ContentPublished", null, now);
                    String id = current.getString("_id");
                    return items.updateAndGet(scheduler, Filters.and(Filters.eq("_id", id), Filters.eq("status", ContentStatus.SCHEDULED.name()),
                                    Filters.eq("version", version)),
                                    Updates.combine(Updates.set("status", ContentStatus.PUBLISHED.name()), Updates.set("publishedAt", Date.from(now)),
                                            Updates.set("version", version + 1), Updates.set("updatedAt", Date.from(now)), Outbox.push(event)))
                            .doOnNext(d -> relay.relaySoon(items, id))
                            .flatMap(d -> timeline(d).thenReturn(d))
                            .flatMap(d -> audit.record("system:publishing-scheduler", "定时发布", d.getString("allianceId"), d.getString("tenantId"),
                                    "CONTENT_PUBLISHED", "content", id, Result.SUCCESS, Map.of("scheduled", true)).thenReturn(1L))
                            .onErrorResume(e -> {
                                log.warn("Scheduled publishing of {} failed, will retry: {}", id, e.toString());
                                return Mono.empty();
                            });
                })
                .count();
    }

    // ---------------------------------------------------------------- internals

    private record Prepared(Document fields, Authoring.Placement placement) {
    }

    /** Validates a save request against the caller's rights and builds the item's content fields. */
    private Mono<Prepared> prepare(Caller caller, ItemRequests.Save req) {
        List<FieldProblem> errors = new ArrayList<>();
        ContentKind kind = ContentKind.parse(req.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldProblem("kind", "须为 NEWS、NOTICE、DISCLOSURE、ARTICLE 或 COURSE"));
        }
        if (kind == ContentKind.COURSE && req.course() == null) {
            errors.add(new FieldProblem("course", "课程须包含课时"));
        }
        if (kind != null && kind != ContentKind.COURSE && req.course() != null) {
            errors.add(new FieldProblem("course", "只有课程（COURSE）可以包含课时"));
        }
        Document course = null;
        if (kind == ContentKind.COURSE && req.course() != null) {
            course = course(req.course(), errors);
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        Audience audience = req.audience();
        String body = sanitizer.sanitize(req.body());
        List<String> tags = req.tags() == null ? List.of() : req.tags().stream().map(String::strip).distinct().toList();
        List<String> attachments = req.attachmentFileIds() == null ? List.of() : req.attachmentFileIds().stream().distinct().toList();
        Document courseDoc = course;
        return authoring.place(caller, kind, audience, req.authorOrgId(), req.allowComments())
                .flatMap(placement -> checkFiles(caller, req.coverFileId(), attachments, body, courseDoc).map(fileIds -> {
                    List<String> keys = AudienceKeys.forAudience(caller.allianceId(), audience);
                    List<String> searchable = new ArrayList<>();
                    searchable.add(req.title());
                    searchable.add(req.summary() == null ? "" : req.summary());
                    searchable.addAll(tags);
                    Document org = placement.authorOrg();
                    Document fields = new Document("kind", kind.name())
                            .append("title", req.title().strip())
                            .append("summary", req.summary() == null ? null : req.summary().strip())
                            .append("body", body)
                            .append("coverFileId", req.coverFileId())
                            .append("attachmentFileIds", attachments)
                            .append("fileIds", fileIds)
                            .append("tags", tags)
                            .append("authorOrgId", org == null ? null : org.getString("_id"))
                            .append("authorOrgName", org == null ? null : org.getString("name"))
                            .append("authorOrgPath", org == null ? List.of() : Organisations.path(org))
                            .append("audience", audience.toDocument())
                            .append("audienceKeys", keys)
                            .append("allowComments", Boolean.TRUE.equals(req.allowComments()) && !audience.publicInAlliance())
                            .append("publishAt", req.publishAt() == null ? null : Date.from(req.publishAt().toInstant()))
                            .append("course", courseDoc)
                            .append("searchTokens", Bigrams.index(searchable));
                    return new Prepared(fields, placement);
                }));
    }

    /** Builds the stored course from the request (lesson ids kept or assigned; quiz answers as option ids). */
    private Document course(ItemRequests.Course c, List<FieldProblem> errors) {
        List<Document> lessons = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        double total = 0;
        List<String> roles = c.requiredForRoles() == null ? List.of() : c.requiredForRoles().stream().distinct().toList();
        if (roles.stream().anyMatch(r -> !AudienceKeys.OFFICER_ROLES.contains(r))) {
            errors.add(new FieldProblem("course.requiredForRoles", "职务须为 SECRETARY、DEPUTY_SECRETARY 或 COMMITTEE_MEMBER"));
        }
        for (int i = 0; i < c.lessons().size(); i++) {
            ItemRequests.Lesson l = c.lessons().get(i);
            String field = "course.lessons[" + i + "]";
            String id = l.id() == null || l.id().isBlank() ? "L" + new ObjectId().toHexString() : l.id().strip();
            if (!LESSON_ID.matcher(id).matches()) {
                errors.add(new FieldProblem(field + ".id", "只能包含字母、数字、- 和 _"));
            } else if (!ids.add(id)) {
                errors.add(new FieldProblem(field + ".id", "课时编号重复"));
            }
            String type = l.type() == null ? "" : l.type().strip().toUpperCase(java.util.Locale.ROOT);
            switch (type) {
                case "VIDEO" -> {
                    if (l.videoFileId() == null) {
                        errors.add(new FieldProblem(field + ".videoFileId", "视频课时须指定视频文件"));
                    }
                    if (l.durationSeconds() == null) {
                        errors.add(new FieldProblem(field + ".durationSeconds", "视频课时须给出时长（秒）"));
                    }
                }
                case "TEXT" -> {
                    if (l.text() == null || l.text().isBlank()) {
                        errors.add(new FieldProblem(field + ".text", "图文课时须有正文"));
                    }
                }
                case "ATTACHMENT" -> {
                    if (l.attachmentFileIds() == null || l.attachmentFileIds().isEmpty()) {
                        errors.add(new FieldProblem(field + ".attachmentFileIds", "附件课时须至少有一个附件"));
                    }
                }
                default -> errors.add(new FieldProblem(field + ".type", "须为 TEXT、VIDEO 或 ATTACHMENT"));
            }
            Document quiz = null;
            if (l.quiz() != null) {
                List<Document> questions = new ArrayList<>();
                for (int q = 0; q < l.quiz().questions().size(); q++) {
                    ItemRequests.Question question = l.quiz().questions().get(q);
                    String qField = field + ".quiz.questions[" + q + "]";
                    String qType = question.type() == null ? "" : question.type().strip().toUpperCase(java.util.Locale.ROOT);
                    if (!qType.equals("SINGLE") && !qType.equals("MULTIPLE")) {
                        errors.add(new FieldProblem(qField + ".type", "须为 SINGLE 或 MULTIPLE"));
                    }
                    Set<Integer> correct = new LinkedHashSet<>(question.correct());
                    if (correct.stream().anyMatch(x -> x == null || x < 0 || x >= question.options().size())) {
                        errors.add(new FieldProblem(qField + ".correct", "正确选项须为选项的序号（从 0 开始）"));
                    } else if (qType.equals("SINGLE") && correct.size() != 1) {
                        errors.add(new FieldProblem(qField + ".correct", "单选题须恰有一个正确选项"));
                    }
                    List<Document> options = new ArrayList<>();
                    for (int o = 0; o < question.options().size(); o++) {
                        options.add(new Document("id", String.valueOf((char) ('A' + o))).append("text", question.options().get(o).strip()));
                    }
                    questions.add(new Document("id", "Q" + (q + 1)).append("text", question.text().strip()).append("type", qType)
                            .append("options", options)
                            .append("correct", correct.stream().filter(x -> x != null && x >= 0 && x < 8).map(x -> String.valueOf((char) ('A' + x))).toList()));
                }
                quiz = new Document("passPercent", l.quiz().passPercent() == null ? 60 : l.quiz().passPercent()).append("questions", questions);
            }
            double hours = l.studyHours() == null ? 0 : Math.round(l.studyHours() * 10) / 10.0;
            total += hours;
            lessons.add(new Document("id", id).append("order", i + 1).append("title", l.title().strip()).append("type", type)
                    .append("text", sanitizer.sanitize(l.text()))
                    .append("videoFileId", "VIDEO".equals(type) ? l.videoFileId() : null)
                    .append("durationSeconds", "VIDEO".equals(type) ? l.durationSeconds() : null)
                    .append("attachmentFileIds", l.attachmentFileIds() == null ? List.of() : l.attachmentFileIds().stream().distinct().toList())
                    .append("studyHours", hours)
                    .append("quiz", quiz));
        }
        return new Document("required", Boolean.TRUE.equals(c.required())).append("requiredForRoles", roles)
                .append("lessons", lessons).append("totalStudyHours", Math.round(total * 10) / 10.0);
    }

    /** Every referenced file must be one the caller could have uploaded (within their scope), of the right kind. */
    private Mono<List<String>> checkFiles(Caller caller, String coverFileId, List<String> attachments, String body, Document course) {
        Map<String, FileKind> required = new HashMap<>();
        Map<String, String> fieldOf = new HashMap<>();
        Set<String> all = new LinkedHashSet<>();
        if (coverFileId != null) {
            required.put(coverFileId, FileKind.IMAGE);
            fieldOf.put(coverFileId, "coverFileId");
            all.add(coverFileId);
        }
        attachments.forEach(a -> {
            fieldOf.putIfAbsent(a, "attachmentFileIds");
            all.add(a);
        });
        refs(body).forEach(r -> {
            fieldOf.putIfAbsent(r, "body");
            all.add(r);
        });
        if (course != null) {
            List<Document> lessons = course.getList("lessons", Document.class);
            for (int i = 0; i < lessons.size(); i++) {
                Document l = lessons.get(i);
                String video = l.getString("videoFileId");
                if (video != null) {
                    required.put(video, FileKind.VIDEO);
                    fieldOf.putIfAbsent(video, "course.lessons[" + i + "].videoFileId");
                    all.add(video);
                }
                for (String a : l.getList("attachmentFileIds", String.class, List.of())) {
                    fieldOf.putIfAbsent(a, "course.lessons[" + i + "].attachmentFileIds");
                    all.add(a);
                }
                for (String r : refs(l.getString("text"))) {
                    fieldOf.putIfAbsent(r, "course.lessons[" + i + "].text");
                    all.add(r);
                }
            }
        }
        if (all.isEmpty()) {
            return Mono.just(List.of());
        }
        Scope scope = Scope.of(caller);
        return Flux.fromIterable(all)
                .concatMap(id -> files.find(scope, id).map(f -> Map.entry(id, f.metadata().getString("kind"))).defaultIfEmpty(Map.entry(id, "")))
                .collectList()
                .flatMap(found -> {
                    List<FieldProblem> errors = new ArrayList<>();
                    for (Map.Entry<String, String> e : found) {
                        if (e.getValue().isEmpty()) {
                            errors.add(new FieldProblem(fieldOf.get(e.getKey()), "文件不存在或不在本单位范围内：" + e.getKey()));
                        } else if (required.containsKey(e.getKey()) && !required.get(e.getKey()).name().equals(e.getValue())) {
                            errors.add(new FieldProblem(fieldOf.get(e.getKey()), "须为" + required.get(e.getKey()).label() + "文件"));
                        }
                    }
                    return errors.isEmpty() ? Mono.just(List.copyOf(all)) : Mono.error(ApiException.invalid(errors));
                });
    }

    private static List<String> refs(String html) {
        if (html == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = FILE_REF.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * One guarded transition: check the expected version (409) and the workflow (409), then write the new state, the
     * version bump and the event in one conditional single-document update; audit it.
     */
    private Mono<ItemView> change(Caller caller, Document current, Long expectedVersion, Workflow.Action action, boolean later,
                                  Document sets, Bson extra, String eventType, String auditAction, String reason, Map<String, ?> details) {
        String id = current.getString("_id");
        long version = current.get("version", Number.class).longValue();
        if (expectedVersion != null && expectedVersion != version) {
            return Mono.error(ApiException.conflict("version", "该内容已被他人修改（当前版本 " + version + "），请刷新后重试"));
        }
        ContentStatus status = ContentStatus.valueOf(current.getString("status"));
        ContentStatus next = Workflow.next(action, status, later).orElse(null);
        if (next == null) {
            return Mono.error(ApiException.conflict("status", "当前状态为“" + status.label() + "”，不能执行此操作"));
        }
        Instant now = clock.instant();
        Document after = new Document(current);
        after.putAll(sets);
        after.put("status", next.name());
        after.put("version", version + 1);
        after.put("updatedAt", Date.from(now));
        OutboxMessage event = event(after, eventType, reason, now);
        List<Bson> updates = new ArrayList<>();
        sets.forEach((k, v) -> updates.add(Updates.set(k, v)));
        updates.add(Updates.set("status", next.name()));
        updates.add(Updates.set("version", version + 1));
        updates.add(Updates.set("updatedAt", Date.from(now)));
        updates.add(Outbox.push(event));
        if (extra != null) {
            updates.add(extra);
        }
        Scope scope = Scope.of(caller);
        return items.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version), Filters.eq("status", status.name())),
                        Updates.combine(updates))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "该内容刚被他人修改，请刷新后重试")))
                .doOnSuccess(d -> relay.relaySoon(items, id))
                .flatMap(d -> timeline(d).thenReturn(d))
                .flatMap(d -> audit.record(caller, auditAction, "content", id, d.getString("tenantId"), Result.SUCCESS, details)
                        .thenReturn(ItemView.of(d, true, null)));
    }

    /**
     * Keeps the feed timelines in step right away (the {@code content.item.v1} consumer repeats it, so a failure here
     * only delays the item's appearance in the fast path; the feed verifies every item it shows).
     */
    private Mono<Void> timeline(Document d) {
        String status = d.getString("status");
        List<String> keys = d.getList("audienceKeys", String.class, List.of());
        Mono<Void> work;
        if (ContentStatus.PUBLISHED.name().equals(status)) {
            work = timelines.add(d.getString("allianceId"), d.getString("_id"), d.getDate("publishedAt"), keys);
        } else if (ContentStatus.WITHDRAWN.name().equals(status) || ContentStatus.ARCHIVED.name().equals(status)) {
            work = timelines.remove(d.getString("allianceId"), d.getString("_id"), keys);
        } else {
            return Mono.empty();
        }
        return work.onErrorResume(e -> {
            log.warn("Feed timelines of {} not updated now, the item event will: {}", d.getString("_id"), e.toString());
            return Mono.empty();
        });
    }

    private OutboxMessage event(Document d, String type, String reason, Instant at) {
        Document course = d.get("course", Document.class);
        Double hours = course == null ? null : ItemView.number(course.get("totalStudyHours"));
        Date publishAt = d.getDate("publishAt");
        Date publishedAt = d.getDate("publishedAt");
        ItemEvent body = new ItemEvent(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("kind"),
                d.getString("title"), d.getString("summary"), d.getList("tags", String.class, List.of()), d.getString("authorOrgId"),
                Audience.of(d.get("audience", Document.class)), d.getList("audienceKeys", String.class, List.of()), d.getString("status"),
                publishAt == null ? null : publishAt.toInstant().toString(), publishedAt == null ? null : publishedAt.toInstant().toString(),
                hours, reason, d.get("version", Number.class).longValue(), at.toString());
        return outbox.message(TOPIC, type, d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), body);
    }

    private static ApiException notInReview(Document current) {
        return ApiException.conflict("status", "当前状态为“" + ContentStatus.valueOf(current.getString("status")).label() + "”，不能审核");
    }

    static String displayName(Caller caller) {
        return caller.displayName() != null ? caller.displayName() : caller.actorName();
    }

    /** Whether a stored item's readers include everyone with any of the keys (for other packages' checks). */
    public static boolean visibleTo(Document item, Reader reader) {
        return Workflow.readable(ContentStatus.valueOf(item.getString("status")))
                && reader.sees(item.getList("audienceKeys", String.class, List.of()));
    }

    static boolean same(String a, String b) {
        return Objects.equals(a, b);
    }
}
