package cn.lianmeng.content.comment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ContentStatus;
import cn.lianmeng.content.settings.AllianceSettings;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Comments on items whose authors allow them (public disclosures never do). Members of the item's audience write
 * plain text; the forbidden-word list (configured plus the alliance's own) is applied before anything is stored; by
 * default a comment is held (PENDING) until a manager of the item approves it — alliances may switch moderation off.
 * Readers see approved comments and their own pending ones; the item's managers see and moderate all.
 */
@Service
public class Comments {

    public static final Set<String> SORTABLE = Set.of("createdAt");

    private final ScopedCollection comments;
    private final ContentItems items;
    private final Readers readers;
    private final AllianceSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    public Comments(MongoAccess mongo, ContentItems items, Readers readers, AllianceSettings settings, AuditLog audit, Clock clock) {
        this.comments = mongo.collection("comments", ScopeRule.tenantOwned());
        this.items = items;
        this.readers = readers;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        comments.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId", "itemId", "status"), Indexes.descending("createdAt")),
                new IndexOptions().name("item_status"));
    }

    public enum Status { PENDING, APPROVED, REJECTED }

    public record NewComment(@NotBlank(message = "不能为空") @Size(max = 500, message = "不能超过 500 字") String body) {
    }

    public record Moderation(@Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record CommentView(String id, String itemId, String authorName, String body, String status, boolean mine, Date createdAt) {
    }

    private static CommentView view(Document d, String memberId) {
        return new CommentView(d.getString("_id"), d.getString("itemId"), d.getString("authorName"), d.getString("body"),
                d.getString("status"), memberId != null && memberId.equals(d.getString("memberId")), d.getDate("createdAt"));
    }

    public Mono<CommentView> post(Caller caller, String itemId, NewComment req) {
        return readers.of(caller).flatMap(reader -> {
            if (!reader.isMember()) {
                return Mono.error(ApiException.forbidden("评论由党员本人发表（账户未关联党员档案）"));
            }
            return items.readable(reader, itemId)
                    .filter(d -> ContentStatus.PUBLISHED.name().equals(d.getString("status")))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("内容")))
                    .flatMap(item -> {
                        if (!Boolean.TRUE.equals(item.getBoolean("allowComments"))) {
                            return Mono.error(ApiException.conflict("该内容不允许评论"));
                        }
                        return settings.forbiddenWords(reader.allianceId()).zipWith(settings.of(reader.allianceId())).flatMap(t -> {
                            if (ForbiddenWords.find(req.body(), t.getT1()).isPresent()) {
                                return audit.record(caller, "COMMENT_REFUSED", "content", itemId, reader.memberTenantId(),
                                                AuditLog.Result.FAILURE, Map.of("reason", "forbidden-word"))
                                        .then(Mono.error(ApiException.badRequest("body", "评论含有不允许使用的词语，请修改后再发表")));
                            }
                            Status status = t.getT2().commentModeration() ? Status.PENDING : Status.APPROVED;
                            String id = new ObjectId().toHexString();
                            Document doc = new Document("_id", id).append("allianceId", reader.allianceId())
                                    .append("tenantId", reader.memberTenantId()).append("itemId", itemId)
                                    .append("memberId", reader.memberId()).append("authorName", reader.member().getString("name"))
                                    .append("body", req.body().strip()).append("status", status.name())
                                    .append("createdAt", Date.from(clock.instant()));
                            return comments.insert(reader.scope(), doc)
                                    .flatMap(d -> audit.record(caller, "COMMENT_POSTED", "comment", id, reader.memberTenantId(),
                                            AuditLog.Result.SUCCESS, Map.of("itemId", itemId, "status", status.name())).thenReturn(view(d, reader.memberId())));
                        });
                    });
        });
    }

    /** Approved comments and the reader's own; the item's managers see every comment (optionally of one status). */
    public Mono<PageResult<CommentView>> list(Caller caller, String itemId, String status, PageQuery page) {
        Mono<Boolean> manager = items.managed(caller, itemId).map(d -> true).onErrorResume(ApiException.class, e -> Mono.just(false));
        return manager.flatMap(isManager -> readers.of(caller).flatMap(reader -> {
            Mono<Document> item = isManager ? items.managed(caller, itemId) : items.readable(reader, itemId);
            return item.switchIfEmpty(Mono.error(() -> ApiException.notFound("内容"))).flatMap(d -> {
                List<Bson> filter = new ArrayList<>();
                filter.add(Filters.eq("itemId", itemId));
                if (isManager) {
                    if (status != null) {
                        filter.add(Filters.eq("status", parse(status).name()));
                    }
                } else if (reader.isMember()) {
                    filter.add(Filters.or(Filters.eq("status", Status.APPROVED.name()), Filters.eq("memberId", reader.memberId())));
                } else {
                    filter.add(Filters.eq("status", Status.APPROVED.name()));
                }
                return comments.page(reader.scope(), Filters.and(filter), page, c -> view(c, reader.memberId()));
            });
        }));
    }

    public Mono<CommentView> moderate(Caller caller, String commentId, boolean approve, Moderation req) {
        return readers.of(caller).flatMap(reader -> comments.findById(reader.scope(), commentId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("评论")))
                .flatMap(c -> items.managed(caller, c.getString("itemId")).flatMap(item -> {
                    Status next = approve ? Status.APPROVED : Status.REJECTED;
                    Instant now = clock.instant();
                    return comments.updateAndGet(reader.scope(), Filters.eq("_id", commentId), Updates.combine(
                                    Updates.set("status", next.name()), Updates.set("moderatedAt", Date.from(now)),
                                    Updates.set("moderatedBy", caller.accountId()),
                                    Updates.set("moderationReason", req == null ? null : req.reason())))
                            .flatMap(d -> audit.record(caller, approve ? "COMMENT_APPROVED" : "COMMENT_REJECTED", "comment", commentId,
                                    item.getString("tenantId"), AuditLog.Result.SUCCESS, Map.of("itemId", c.getString("itemId")))
                                    .thenReturn(view(d, reader.memberId())));
                })))
                .onErrorMap(e -> e instanceof ApiException a && a.status().value() == 404 ? ApiException.notFound("评论") : e);
    }

    private static Status parse(String status) {
        try {
            return Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "须为 PENDING、APPROVED 或 REJECTED");
        }
    }
}
