package cn.lianmeng.content.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.lianmeng.content.audience.Members;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ContentKind;
import cn.lianmeng.content.item.ContentStatus;
import cn.lianmeng.content.item.ItemSummary;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A reader's feed and, for managers, an item's reach. The feed query is
 * {@code {allianceId, status: PUBLISHED, audienceKeys: {$in: readerKeys}}} sorted by {@code publishedAt} desc — served
 * by the {@code feed} index (allianceId, status, audienceKeys, publishedAt) — one page plus one item to know whether
 * there is a next page (no count over the whole feed), then one {@code _id $in} lookup of the page's read receipts.
 */
@Service
public class FeedService {

    private final ContentItems items;
    private final Readers readers;
    private final Receipts receipts;
    private final Members members;
    private final Organisations organisations;

    public FeedService(ContentItems items, Readers readers, Receipts receipts, Members members, Organisations organisations) {
        this.items = items;
        this.readers = readers;
        this.receipts = receipts;
        this.members = members;
        this.organisations = organisations;
    }

    /** A page of a feed: {@code hasNext} instead of a total, so the feed never counts everything it could show. */
    public record FeedPage(List<ItemSummary> content, int page, int size, boolean hasNext) {
    }

    public Mono<FeedPage> feed(Caller caller, String kind, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        List<FieldProblem> errors = new ArrayList<>();
        if (p < 0 || p > 10_000) {
            errors.add(new FieldProblem("page", "页码须在 0 到 10000 之间"));
        }
        if (s < 1 || s > 100) {
            errors.add(new FieldProblem("size", "每页条数须在 1 到 100 之间"));
        }
        ContentKind k = kind == null ? null : ContentKind.parse(kind).orElse(null);
        if (kind != null && k == null) {
            errors.add(new FieldProblem("kind", "须为 NEWS、NOTICE、DISCLOSURE、ARTICLE 或 COURSE"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        return readers.of(caller).flatMap(reader -> {
            List<Bson> filter = new ArrayList<>();
            filter.add(Filters.eq("status", ContentStatus.PUBLISHED.name()));
            if (k != null) {
                filter.add(Filters.eq("kind", k.name()));
            }
            filter.add(reader.visibility());
            return items.collection().find(reader.scope(), Filters.and(filter), ItemSummary.FIELDS,
                            Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.descending("_id")), (long) p * s, s + 1)
                    .collectList()
                    .flatMap(docs -> {
                        boolean hasNext = docs.size() > s;
                        List<Document> pageDocs = hasNext ? docs.subList(0, s) : docs;
                        return receipts.readAmong(reader, pageDocs.stream().map(d -> d.getString("_id")).toList())
                                .map(read -> new FeedPage(pageDocs.stream()
                                        .map(d -> ItemSummary.of(d, reader.isMember() ? read.contains(d.getString("_id")) : null))
                                        .toList(), p, s, hasNext));
                    });
        });
    }

    /** Reach of one organisation's members: audience size now, how many read, the rate. */
    public record OrgReach(String orgId, String orgName, long delivered, long read, double readRate) {
    }

    public record Reach(String itemId, String title, String status, long delivered, long read, double readRate, List<OrgReach> organisations) {
    }

    /**
     * Delivered = active members whose keys meet the item's audience now; read = receipts. Per organisation, ordered by
     * organisation name — a statistic for the item's managers, never a ranking of people.
     */
    public Mono<Reach> reach(Caller caller, String itemId) {
        return items.managed(caller, itemId).flatMap(item -> {
            String allianceId = item.getString("allianceId");
            List<String> keys = item.getList("audienceKeys", String.class, List.of());
            Mono<Map<String, Long>> delivered = members.collection().aggregate(cn.lianmeng.platform.data.Scope.system(allianceId, null), List.of(
                            Aggregates.match(Filters.and(Filters.eq("active", true), Filters.in("keys", keys))),
                            Aggregates.group("$orgId", Accumulators.sum("n", 1))))
                    .collectMap(d -> String.valueOf(d.get("_id")), d -> d.get("n", Number.class).longValue());
            Mono<Map<String, Long>> read = receipts.collection().aggregate(cn.lianmeng.platform.data.Scope.system(allianceId, null), List.of(
                            Aggregates.match(Filters.eq("itemId", itemId)),
                            Aggregates.group("$orgId", Accumulators.sum("n", 1))))
                    .collectMap(d -> String.valueOf(d.get("_id")), d -> d.get("n", Number.class).longValue());
            return Mono.zip(delivered, read).flatMap(t -> {
                Set<String> orgIds = new java.util.HashSet<>(t.getT1().keySet());
                orgIds.addAll(t.getT2().keySet());
                orgIds.remove("null");
                return organisations.findAll(allianceId, orgIds).collectMap(o -> o.getString("_id"), o -> o.getString("name"))
                        .map(names -> {
                            Map<String, OrgReach> byName = new TreeMap<>();
                            long totalDelivered = 0;
                            long totalRead = 0;
                            Set<String> all = new java.util.HashSet<>(t.getT1().keySet());
                            all.addAll(t.getT2().keySet());
                            for (String org : all) {
                                long d = t.getT1().getOrDefault(org, 0L);
                                long r = t.getT2().getOrDefault(org, 0L);
                                totalDelivered += d;
                                totalRead += r;
                                String name = names.getOrDefault(org, "null".equals(org) ? "（未分配组织）" : org);
                                byName.put(name + "\u0000" + org, new OrgReach("null".equals(org) ? null : org, name, d, r, rate(r, d)));
                            }
                            return new Reach(itemId, item.getString("title"), item.getString("status"), totalDelivered, totalRead,
                                    rate(totalRead, totalDelivered), List.copyOf(byName.values()));
                        });
            });
        });
    }

    static double rate(long read, long delivered) {
        if (delivered == 0) {
            return 0;
        }
        return Math.round(Math.min(1.0, (double) read / delivered) * 1000) / 1000.0;
    }
}
