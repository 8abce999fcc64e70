package cn.lianmeng.content.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.lianmeng.content.audience.AudienceKeys;
import cn.lianmeng.content.audience.Members;
import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.item.ContentKind;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.security.Caller;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * 站内消息: notifications to members, one per member and source event — the message id is
 * {@code <memberId>:<sourceEventId>}, so a redelivered event (or a fan-out resumed after a crash) never makes a second
 * message. Sources: {@code content.item.v1} ContentPublished (new items of the member's audience) and
 * {@code activity.activity.v1} ActivityScheduled, ActivityChanged, ActivityCancelled, ActivityReminderDue (the
 * activity's audience: the listed members, else the members of the listed organisations and their subtrees).
 */
@Service
public class Inbox {

    public static final Set<String> SORTABLE = Set.of("createdAt");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    private static final Document RECIPIENT = new Document("tenantId", 1).append("accountId", 1);

    private final ScopedCollection messages;
    private final ScopedCollection counters;
    private final Members members;
    private final Readers readers;
    private final Clock clock;

    public Inbox(MongoAccess mongo, Members members, Readers readers, Clock clock) {
        this.messages = mongo.collection("inbox_messages", ScopeRule.tenantOwned());
        this.counters = mongo.collection("inbox_counters", ScopeRule.tenantOwned());
        this.members = members;
        this.readers = readers;
        this.clock = clock;
        messages.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("memberId"), Indexes.descending("createdAt")),
                new IndexOptions().name("member_created"));
        messages.ensureIndexInBackground(Indexes.ascending("memberId", "readAt"), new IndexOptions().name("member_unread"));
        // by-id lookups carry the alliance ({$and: [{allianceId}, {_id: …}]}): real MongoDB answers them from _id, the
        // indexed stand-in from this index
        counters.ensureIndexInBackground(Indexes.ascending("allianceId", "_id"), new IndexOptions().name("alliance_id"));
    }

    public record Message(String id, String category, String type, String title, String text, String linkType, String linkId,
                          boolean read, Date createdAt, Date readAt) {

        static Message of(Document d) {
            Document link = d.get("link", Document.class);
            return new Message(d.getString("_id"), d.getString("category"), d.getString("type"), d.getString("title"),
                    d.getString("text"), link == null ? null : link.getString("type"), link == null ? null : link.getString("id"),
                    d.getDate("readAt") != null, d.getDate("createdAt"), d.getDate("readAt"));
        }
    }

    public record Unread(long unread) {
    }

    // ---------------------------------------------------------------- delivery

    /** A new published item: one message per member of its audience. Answers how many messages were new. */
    public Mono<Long> onContent(IncomingEvent event) {
        if (!"ContentPublished".equals(event.type())) {
            return Mono.just(0L);
        }
        String allianceId = event.text("allianceId");
        List<String> keys = strings(event.data().get("audienceKeys"));
        if (keys.isEmpty()) {
            return Mono.just(0L);
        }
        String kind = ContentKind.parse(event.optionalText("kind")).map(ContentKind::label).orElse("内容");
        Document template = new Document("category", "CONTENT").append("type", "CONTENT_PUBLISHED")
                .append("title", "新" + kind + "：" + event.text("title"))
                .append("text", event.optionalText("summary"))
                .append("link", new Document("type", "CONTENT_ITEM").append("id", event.text("itemId")));
        return deliver(event.id(), allianceId, members.inAudience(allianceId, keys, RECIPIENT), template);
    }

    /** Fields of an ActivityChanged that members need to hear about (not e.g. invitation answers or sign-up settings). */
    static final Set<String> NOTEWORTHY = Set.of("title", "type", "startAt", "endAt", "mode", "address", "meetingUrl", "room");

    /**
     * An activity fact from activity-service (docs/activity-contracts.md): scheduled, changed (when something members
     * care about changed), cancelled, or a reminder a day or an hour before.
     */
    public Mono<Long> onActivity(IncomingEvent event) {
        String type = switch (event.type()) {
            case "ActivityScheduled" -> "ACTIVITY_SCHEDULED";
            case "ActivityChanged" -> "ACTIVITY_CHANGED";
            case "ActivityCancelled" -> "ACTIVITY_CANCELLED";
            case "ActivityReminderDue" -> "ACTIVITY_REMINDER";
            default -> null;
        };
        if (type == null) {
            return Mono.just(0L);
        }
        List<String> changed = strings(event.data().get("changedFields"));
        if ("ACTIVITY_CHANGED".equals(type) && !changed.isEmpty() && changed.stream().noneMatch(NOTEWORTHY::contains)) {
            return Mono.just(0L);
        }
        String allianceId = event.text("allianceId");
        String title = event.text("title");
        String when = when(event.optionalText("startAt"));
        String reason = event.optionalText("cancelReason") != null ? event.optionalText("cancelReason") : event.optionalText("reason");
        String heading = switch (type) {
            case "ACTIVITY_SCHEDULED" -> "新活动：" + title;
            case "ACTIVITY_CHANGED" -> "活动变更：" + title;
            case "ACTIVITY_CANCELLED" -> "活动取消：" + title;
            default -> "活动提醒：" + title;
        };
        String text = switch (type) {
            case "ACTIVITY_SCHEDULED" -> when == null ? "请按时参加。" : "活动将于 " + when + " 开始，请按时参加。";
            case "ACTIVITY_CHANGED" -> when == null ? "活动安排有变化，请查看最新安排。" : "活动安排有变化，现定于 " + when + " 开始。";
            case "ACTIVITY_CANCELLED" -> "该活动已取消" + (reason == null ? "。" : "：" + reason);
            default -> reminder(event.optionalText("reminder"), when);
        };
        Document template = new Document("category", "ACTIVITY").append("type", type).append("title", heading).append("text", text)
                .append("link", new Document("type", "ACTIVITY").append("id", event.text("activityId")));
        List<String> memberIds = strings(event.data().get("audienceMemberIds"));
        if (!memberIds.isEmpty()) {
            return deliver(event.id(), allianceId, members.collection().find(Scope.system(allianceId, null),
                    Filters.and(Filters.in("_id", memberIds), Filters.eq("active", true)), RECIPIENT, null, 0, memberIds.size()), template);
        }
        List<String> keys = activityAudience(allianceId, event);
        return keys.isEmpty() ? Mono.just(0L) : deliver(event.id(), allianceId, members.inAudience(allianceId, keys, RECIPIENT), template);
    }

    /**
     * The audience keys of an activity: its effective organisations ({@code audienceOrgIds}, each with its subtree),
     * else by {@code audience.scope} (ORGANISATIONS: the orgIds; TENANT: the host's tenant; ALLIANCE: everyone), else the
     * listed {@code organisations[].orgId} and {@code hostOrgId}.
     */
    static List<String> activityAudience(String allianceId, IncomingEvent event) {
        Set<String> keys = new LinkedHashSet<>();
        strings(event.data().get("audienceOrgIds")).forEach(o -> keys.add(AudienceKeys.org(o)));
        JsonNode audience = event.data().get("audience");
        if (keys.isEmpty() && audience != null && audience.isObject()) {
            String scope = audience.get("scope") == null || audience.get("scope").isNull() ? "" : audience.get("scope").asString();
            switch (scope) {
                case "ALLIANCE" -> keys.add(AudienceKeys.alliance(allianceId));
                case "TENANT" -> {
                    if (event.optionalText("tenantId") != null) {
                        keys.add(AudienceKeys.tenant(event.optionalText("tenantId")));
                    }
                }
                default -> strings(audience.get("orgIds")).forEach(o -> keys.add(AudienceKeys.org(o)));
            }
        }
        if (keys.isEmpty()) {
            JsonNode orgs = event.data().get("organisations");
            if (orgs != null && orgs.isArray()) {
                orgs.forEach(o -> {
                    JsonNode id = o.get("orgId");
                    if (id != null && !id.isNull()) {
                        keys.add(AudienceKeys.org(id.asString()));
                    }
                });
            }
            if (event.optionalText("hostOrgId") != null) {
                keys.add(AudienceKeys.org(event.optionalText("hostOrgId")));
            }
        }
        return List.copyOf(keys);
    }

    private static String reminder(String which, String when) {
        String lead = which == null ? "" : switch (which) {
            case "DAY_BEFORE", "P1D", "ONE_DAY" -> "明天";
            case "HOUR_BEFORE", "PT1H", "ONE_HOUR" -> "一小时后";
            default -> "";
        };
        return when == null ? "活动即将开始，请做好准备。" : "活动将于" + (lead.isEmpty() ? " " : lead + "（") + when + (lead.isEmpty() ? " " : "）") + "开始，请做好准备。";
    }

    private Mono<Long> deliver(String sourceEventId, String allianceId, Flux<Document> recipients, Document template) {
        Date now = Date.from(clock.instant());
        Scope scope = Scope.system(allianceId, null);
        return recipients.flatMap(m -> {
                    String memberId = m.getString("_id");
                    Document message = new Document(template)
                            .append("_id", memberId + ":" + sourceEventId)
                            .append("allianceId", allianceId)
                            .append("tenantId", m.getString("tenantId"))
                            .append("memberId", memberId)
                            .append("sourceEventId", sourceEventId)
                            .append("createdAt", now)
                            .append("readAt", null);
                    return messages.insert(scope, message).thenReturn(1L)
                            .onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.just(0L))
                            .flatMap(n -> count(scope, memberId, m.getString("tenantId"), sourceEventId).thenReturn(n));
                }, 8)
                .reduce(0L, Long::sum);
    }

    /**
     * Counts one new message in the member's unread counter, once per source event even when redelivered: the counter
     * remembers the last {@value #REMEMBERED} event ids it counted. Both steps are idempotent, so a fan-out resumed
     * after a crash completes the count too.
     */
    private Mono<Void> count(Scope scope, String memberId, String tenantId, String sourceEventId) {
        Document fresh = new Document("_id", memberId).append("allianceId", scope.allianceId()).append("tenantId", tenantId)
                .append("unread", 0L).append("counted", List.of());
        return counters.insert(scope, fresh).then().onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.empty())
                .then(counters.updateOne(scope, Filters.and(Filters.eq("_id", memberId), Filters.ne("counted", sourceEventId)),
                        Updates.combine(Updates.inc("unread", 1L),
                                Updates.pushEach("counted", List.of(sourceEventId), new com.mongodb.client.model.PushOptions().slice(-REMEMBERED)))))
                .then();
    }

    static final int REMEMBERED = 100;

    private Mono<Void> uncount(Reader r, long n) {
        if (n <= 0) {
            return Mono.empty();
        }
        return counters.updateOne(r.scope(), Filters.eq("_id", r.memberId()), Updates.inc("unread", -n))
                .then(counters.updateOne(r.scope(), Filters.and(Filters.eq("_id", r.memberId()), Filters.lt("unread", 0L)), Updates.set("unread", 0L)))
                .then();
    }

    // ---------------------------------------------------------------- reading

    private Mono<Reader> member(Caller caller) {
        return readers.of(caller).flatMap(r -> r.isMember() ? Mono.just(r)
                : Mono.error(ApiException.forbidden("站内消息仅面向党员（账户未关联党员档案）")));
    }

    public Mono<PageResult<Message>> list(Caller caller, boolean unreadOnly, PageQuery page) {
        return member(caller).flatMap(r -> {
            Bson filter = unreadOnly ? Filters.and(Filters.eq("memberId", r.memberId()), Filters.eq("readAt", null))
                    : Filters.eq("memberId", r.memberId());
            return messages.page(r.scope(), filter, page, Message::of);
        });
    }

    /** The member's unread counter (one lookup by id); a member without a counter yet has its messages counted. */
    public Mono<Unread> unread(Caller caller) {
        return member(caller).flatMap(r -> counters.findById(r.scope(), r.memberId())
                        .map(c -> Math.max(0L, c.get("unread", Number.class).longValue()))
                        .switchIfEmpty(Mono.defer(() -> messages.count(r.scope(),
                                Filters.and(Filters.eq("memberId", r.memberId()), Filters.eq("readAt", null))))))
                .map(Unread::new);
    }

    public Mono<Message> markRead(Caller caller, String id) {
        return member(caller).flatMap(r -> {
            Bson mine = Filters.and(Filters.eq("_id", id), Filters.eq("memberId", r.memberId()));
            return messages.updateOne(r.scope(), Filters.and(mine, Filters.eq("readAt", null)), Updates.set("readAt", Date.from(clock.instant())))
                    .flatMap(u -> uncount(r, u.getModifiedCount()))
                    .then(messages.findOne(r.scope(), mine))
                    .map(Message::of)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("消息")));
        });
    }

    public Mono<Unread> markAllRead(Caller caller) {
        return member(caller).flatMap(r -> messages.updateMany(r.scope(),
                                Filters.and(Filters.eq("memberId", r.memberId()), Filters.eq("readAt", null)), Updates.set("readAt", Date.from(clock.instant())))
                        .flatMap(u -> uncount(r, u.getModifiedCount())))
                .thenReturn(new Unread(0));
    }

    static String when(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(SHANGHAI).format(WHEN);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(iso).atZone(SHANGHAI).format(WHEN);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n.asString());
                }
            });
        }
        return out;
    }

    /** For tests and diagnostics: the messages stored for a member of an alliance. */
    public Mono<Long> count(String allianceId, String memberId) {
        return messages.count(Scope.system(allianceId, null), Filters.eq("memberId", memberId));
    }
}
