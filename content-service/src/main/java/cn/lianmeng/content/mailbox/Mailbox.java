package cn.lianmeng.content.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.platform.audit.AuditLog;
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
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 党务信箱: members write to an organisation of their alliance; the organisation's admins answer; the thread's status
 * (OPEN → ANSWERED → CLOSED, back to OPEN when the writer follows up) is visible to the writer. A writer may stay
 * anonymous to the organisation — the admins never see who wrote — but never to the audit log, which records the
 * writer's account like every other write.
 *
 * <p>Who answers: ENTERPRISE_ADMIN for organisations of their tenant, ORG_ADMIN for organisations in their subtrees,
 * ALLIANCE_ADMIN for organisations owned by the alliance or a park (no tenant). Anyone else — and any organisation of
 * another alliance — gets 404.
 */
@Service
public class Mailbox {

    public static final Set<String> SORTABLE = Set.of("lastMessageAt", "createdAt");
    static final String ANONYMOUS = "匿名党员";

    private final ScopedCollection threads;
    private final Readers readers;
    private final Organisations organisations;
    private final AuditLog audit;
    private final Clock clock;

    public Mailbox(MongoAccess mongo, Readers readers, Organisations organisations, AuditLog audit, Clock clock) {
        this.threads = mongo.collection("mailbox_threads", ScopeRule.tenantOwned());
        this.readers = readers;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
        threads.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "writerMemberId"), Indexes.descending("lastMessageAt")),
                new IndexOptions().name("writer"));
        threads.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "tenantId", "orgPath", "status"),
                Indexes.descending("lastMessageAt")), new IndexOptions().name("organisation"));
    }

    public enum Status { OPEN, ANSWERED, CLOSED }

    public record NewThread(@NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String orgId,
                            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String subject,
                            @NotBlank(message = "不能为空") @Size(max = 5000, message = "不能超过 5000 字") String body,
                            @Schema(description = "对组织匿名（审计日志仍记录写信账户）") Boolean anonymous) {
    }

    public record Reply(Long version, @NotBlank(message = "不能为空") @Size(max = 5000, message = "不能超过 5000 字") String body) {
    }

    public record Message(String id, String from, String authorName, String body, Date at) {
    }

    @Schema(description = "信件往来；对组织匿名时管理员看不到写信人")
    public record ThreadView(String id, String orgId, String orgName, String subject, String status, boolean anonymous,
                             String writerName, String writerMemberId, List<Message> messages, long version, Date createdAt,
                             Date lastMessageAt) {
    }

    private static ThreadView view(Document d, boolean asWriter) {
        boolean anonymous = Boolean.TRUE.equals(d.getBoolean("anonymous"));
        boolean hide = anonymous && !asWriter;
        List<Message> messages = d.getList("messages", Document.class, List.of()).stream().map(m -> new Message(m.getString("id"),
                m.getString("from"), "WRITER".equals(m.getString("from")) && hide ? ANONYMOUS : m.getString("authorName"),
                m.getString("body"), m.getDate("at"))).toList();
        return new ThreadView(d.getString("_id"), d.getString("orgId"), d.getString("orgName"), d.getString("subject"), d.getString("status"),
                anonymous, hide ? ANONYMOUS : d.getString("writerName"), hide ? null : d.getString("writerMemberId"), messages,
                d.get("version", Number.class).longValue(), d.getDate("createdAt"), d.getDate("lastMessageAt"));
    }

    private Mono<Reader> member(Caller caller) {
        return readers.of(caller).flatMap(r -> r.isMember() ? Mono.just(r)
                : Mono.error(ApiException.forbidden("党务信箱由党员本人写信（账户未关联党员档案）")));
    }

    public Mono<ThreadView> write(Caller caller, NewThread req) {
        return member(caller).flatMap(reader -> organisations.find(reader.allianceId(), req.orgId())
                .filter(o -> !"DISSOLVED".equals(o.getString("status")))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("组织")))
                .flatMap(org -> {
                    Instant now = clock.instant();
                    boolean anonymous = Boolean.TRUE.equals(req.anonymous());
                    String name = reader.member().getString("name");
                    String id = new ObjectId().toHexString();
                    Document doc = new Document("_id", id).append("allianceId", reader.allianceId())
                            .append("tenantId", org.getString("tenantId"))
                            .append("orgId", org.getString("_id")).append("orgName", org.getString("name"))
                            .append("orgPath", Organisations.path(org))
                            .append("writerMemberId", reader.memberId()).append("writerAccountId", caller.accountId())
                            .append("writerName", name).append("anonymous", anonymous)
                            .append("subject", req.subject().strip()).append("status", Status.OPEN.name())
                            .append("messages", List.of(message("WRITER", name, req.body(), now)))
                            .append("version", 1L).append("createdAt", Date.from(now)).append("lastMessageAt", Date.from(now));
                    return threads.insert(reader.scope(), doc)
                            .flatMap(d -> audit.record(caller, "MAILBOX_LETTER_WRITTEN", "mailbox-thread", id, org.getString("tenantId"),
                                    AuditLog.Result.SUCCESS, Map.of("orgId", org.getString("_id"), "anonymous", anonymous,
                                            "memberId", reader.memberId())).thenReturn(view(d, true)));
                }));
    }

    public Mono<PageResult<ThreadView>> mine(Caller caller, PageQuery page) {
        return member(caller).flatMap(reader -> threads.page(reader.scope(), Filters.eq("writerMemberId", reader.memberId()), page,
                d -> view(d, true)));
    }

    /** The threads the caller answers (their organisations), optionally one organisation's and one status. */
    public Mono<PageResult<ThreadView>> inbox(Caller caller, String orgId, String status, PageQuery page) {
        return answerer(caller).flatMap(scope -> {
            List<Bson> filter = new ArrayList<>();
            filter.add(answerable(caller));
            if (orgId != null) {
                filter.add(Filters.eq("orgPath", orgId));
            }
            if (status != null) {
                filter.add(Filters.eq("status", parse(status).name()));
            }
            return threads.page(scope, Filters.and(filter), page, d -> view(d, false));
        });
    }

    public Mono<ThreadView> get(Caller caller, String id) {
        return find(caller, id).map(t -> view(t.doc(), t.writer()));
    }

    public Mono<ThreadView> reply(Caller caller, String id, Reply req) {
        return find(caller, id).flatMap(t -> {
            Document d = t.doc();
            Status status = Status.valueOf(d.getString("status"));
            if (status == Status.CLOSED) {
                return Mono.error(ApiException.conflict("status", "该信件已关闭，不能再回复"));
            }
            long version = d.get("version", Number.class).longValue();
            if (req.version() != null && req.version() != version) {
                return Mono.error(ApiException.conflict("version", "信件已有新回复（当前版本 " + version + "），请刷新后重试"));
            }
            Instant now = clock.instant();
            String from = t.writer() ? "WRITER" : "ORGANISATION";
            String author = t.writer() ? d.getString("writerName") : displayName(caller) + "（" + d.getString("orgName") + "）";
            Status next = t.writer() ? Status.OPEN : Status.ANSWERED;
            return threads.updateAndGet(t.scope(), Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                            Updates.combine(Updates.push("messages", message(from, author, req.body(), now)), Updates.set("status", next.name()),
                                    Updates.set("lastMessageAt", Date.from(now)), Updates.set("version", version + 1)))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "信件刚被更新，请刷新后重试")))
                    .flatMap(after -> audit.record(caller, t.writer() ? "MAILBOX_FOLLOW_UP" : "MAILBOX_ANSWERED", "mailbox-thread", id,
                            d.getString("tenantId"), AuditLog.Result.SUCCESS, Map.of("status", next.name())).thenReturn(view(after, t.writer())));
        });
    }

    public Mono<ThreadView> close(Caller caller, String id) {
        return find(caller, id).flatMap(t -> {
            Document d = t.doc();
            if (Status.CLOSED.name().equals(d.getString("status"))) {
                return Mono.error(ApiException.conflict("status", "该信件已关闭"));
            }
            long version = d.get("version", Number.class).longValue();
            return threads.updateAndGet(t.scope(), Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                            Updates.combine(Updates.set("status", Status.CLOSED.name()), Updates.set("closedAt", Date.from(clock.instant())),
                                    Updates.set("version", version + 1)))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "信件刚被更新，请刷新后重试")))
                    .flatMap(after -> audit.record(caller, "MAILBOX_CLOSED", "mailbox-thread", id, d.getString("tenantId"),
                            AuditLog.Result.SUCCESS, Map.of()).thenReturn(view(after, t.writer())));
        });
    }

    private record Found(Document doc, boolean writer, Scope scope) {
    }

    /** The thread if the caller wrote it or answers for its organisation; else 404. */
    private Mono<Found> find(Caller caller, String id) {
        Mono<Found> asWriter = caller.memberId() == null ? Mono.empty()
                : readers.of(caller).filter(Reader::isMember)
                        .flatMap(r -> threads.findOne(r.scope(), Filters.and(Filters.eq("_id", id), Filters.eq("writerMemberId", r.memberId())))
                                .map(d -> new Found(d, true, r.scope())));
        Mono<Found> asAnswerer = caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) && caller.allianceId() != null
                ? answerer(caller).flatMap(scope -> threads.findOne(scope, Filters.and(Filters.eq("_id", id), answerable(caller)))
                        .map(d -> new Found(d, false, scope)))
                : Mono.empty();
        return asWriter.switchIfEmpty(asAnswerer).switchIfEmpty(Mono.error(() -> ApiException.notFound("信件")));
    }

    private static Mono<Scope> answerer(Caller caller) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) || caller.allianceId() == null) {
            return Mono.error(ApiException.forbidden("仅组织管理员可处理信箱来信"));
        }
        return Mono.just(Scope.of(caller));
    }

    /** Beyond the tenancy scope: alliance admins answer for tenant-less organisations, org admins for their subtrees. */
    private static Bson answerable(Caller caller) {
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return Filters.eq("tenantId", null);
        }
        if (caller.has(Role.ENTERPRISE_ADMIN)) {
            return new Document();
        }
        return Filters.in("orgPath", caller.orgIds());
    }

    private static Document message(String from, String author, String body, Instant at) {
        return new Document("id", new ObjectId().toHexString()).append("from", from).append("authorName", author)
                .append("body", body.strip()).append("at", Date.from(at));
    }

    private static Status parse(String status) {
        try {
            return Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "须为 OPEN、ANSWERED 或 CLOSED");
        }
    }

    private static String displayName(Caller caller) {
        return caller.displayName() != null ? caller.displayName() : caller.actorName();
    }
}
