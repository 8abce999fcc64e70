package cn.lianmeng.content.search;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ContentKind;
import cn.lianmeng.content.item.ContentStatus;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Search in Chinese within what the caller may read: published items of their audience whose title, summary or tags
 * contain the query. The query's n-grams must all be in the item's {@code searchTokens} ({@code $all}, served by the
 * {@code search} index together with alliance and status), then every candidate is verified against the real text and
 * highlighted ({@code <em>}, everything else HTML-escaped). No {@code $text}, no regular expression from user input.
 */
@Service
public class SearchService {

    /** Candidates examined per request at most (the n-gram filter is selective; verification rarely drops many). */
    static final int MAX_SCAN = 2_000;

    private final ContentItems items;
    private final Readers readers;

    public SearchService(ContentItems items, Readers readers) {
        this.items = items;
        this.readers = readers;
    }

    public record Hit(String id, String kind, String kindLabel, String title, String summary, List<String> tags,
                      String authorOrgName, Date publishedAt) {
    }

    public record SearchPage(String q, List<Hit> content, int page, int size, boolean hasNext) {
    }

    public Mono<SearchPage> search(Caller caller, String q, String kind, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        List<FieldProblem> errors = new ArrayList<>();
        List<String> tokens = Bigrams.query(q);
        if (q == null || q.isBlank() || q.length() > 50) {
            errors.add(new FieldProblem("q", "请输入 1 到 50 个字的关键词"));
        } else if (tokens.isEmpty()) {
            errors.add(new FieldProblem("q", "关键词须包含文字或数字"));
        }
        if (p < 0 || p > 100) {
            errors.add(new FieldProblem("page", "页码须在 0 到 100 之间"));
        }
        if (s < 1 || s > 50) {
            errors.add(new FieldProblem("size", "每页条数须在 1 到 50 之间"));
        }
        ContentKind k = kind == null ? null : ContentKind.parse(kind).orElse(null);
        if (kind != null && k == null) {
            errors.add(new FieldProblem("kind", "须为 NEWS、NOTICE、DISCLOSURE、ARTICLE 或 COURSE"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        List<String> terms = Bigrams.terms(q);
        return readers.of(caller).flatMap(reader -> {
            List<Bson> filter = new ArrayList<>();
            filter.add(Filters.eq("status", ContentStatus.PUBLISHED.name()));
            // one n-gram as an equality bounds the index scan (real MongoDB does the same for $all); $all keeps it exact
            filter.add(Filters.eq("searchTokens", tokens.get(tokens.size() - 1)));
            filter.add(Filters.all("searchTokens", tokens));
            if (k != null) {
                filter.add(Filters.eq("kind", k.name()));
            }
            filter.add(reader.visibility());
            Document fields = new Document("kind", 1).append("title", 1).append("summary", 1).append("tags", 1)
                    .append("authorOrgName", 1).append("publishedAt", 1);
            return items.collection().find(reader.scope(), Filters.and(filter), fields,
                            Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.descending("_id")), 0, MAX_SCAN)
                    .filter(d -> {
                        List<String> texts = new ArrayList<>();
                        texts.add(d.getString("title"));
                        texts.add(d.getString("summary"));
                        texts.addAll(d.getList("tags", String.class, List.of()));
                        return Highlighter.matchesAll(terms, texts);
                    })
                    .skip((long) p * s)
                    .take(s + 1L)
                    .map(d -> hit(d, terms))
                    .collectList()
                    .map(hits -> new SearchPage(q, hits.size() > s ? hits.subList(0, s) : hits, p, s, hits.size() > s));
        });
    }

    private static Hit hit(Document d, List<String> terms) {
        ContentKind kind = ContentKind.valueOf(d.getString("kind"));
        return new Hit(d.getString("_id"), kind.name(), kind.label(), Highlighter.highlight(d.getString("title"), terms),
                Highlighter.highlight(d.getString("summary"), terms),
                d.getList("tags", String.class, List.of()).stream().map(t -> Highlighter.highlight(t, terms)).toList(),
                d.getString("authorOrgName"), d.getDate("publishedAt"));
    }
}
