package cn.lianmeng.content.item;

import java.util.Date;
import java.util.List;

import org.bson.Document;

/** One line of a listing (feed, management list, search): no body. {@code read} is the caller's unread marker. */
public record ItemSummary(String id, String kind, String kindLabel, String title, String summary, String coverFileId,
                          List<String> tags, String authorOrgId, String authorOrgName, String status, String statusLabel,
                          Date publishAt, Date publishedAt, Boolean read, long version, Date updatedAt) {

    /** The fields a summary needs (projection). */
    public static final Document FIELDS = new Document("kind", 1).append("title", 1).append("summary", 1).append("coverFileId", 1)
            .append("tags", 1).append("authorOrgId", 1).append("authorOrgName", 1).append("status", 1).append("publishAt", 1)
            .append("publishedAt", 1).append("version", 1).append("updatedAt", 1);

    public static ItemSummary of(Document d, Boolean read) {
        ContentKind kind = ContentKind.valueOf(d.getString("kind"));
        ContentStatus status = ContentStatus.valueOf(d.getString("status"));
        return new ItemSummary(d.getString("_id"), kind.name(), kind.label(), d.getString("title"), d.getString("summary"),
                d.getString("coverFileId"), d.getList("tags", String.class, List.of()), d.getString("authorOrgId"),
                d.getString("authorOrgName"), status.name(), status.label(), d.getDate("publishAt"), d.getDate("publishedAt"), read,
                d.get("version", Number.class).longValue(), d.getDate("updatedAt"));
    }
}
