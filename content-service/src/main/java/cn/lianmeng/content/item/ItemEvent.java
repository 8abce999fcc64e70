package cn.lianmeng.content.item;

import java.util.List;

import cn.lianmeng.content.audience.Audience;

/**
 * Body of every {@code content.item.v1} event (ContentCreated, ContentUpdated, ContentSubmitted, ContentRejected,
 * ContentScheduled, ContentPublished, ContentWithdrawn, ContentArchived): the item's public snapshot after the change,
 * with its version; no body HTML and no personal data. {@code audienceKeys} lets consumers (this service's inbox) find
 * the audience. {@code reason} for rejections and withdrawals. Contract v1, owned by content-service.
 */
public record ItemEvent(String itemId, String allianceId, String tenantId, String kind, String title, String summary,
                        List<String> tags, String authorOrgId, Audience audience, List<String> audienceKeys, String status,
                        String publishAt, String publishedAt, Double studyHours, String reason, long version, String occurredAt) {
}
