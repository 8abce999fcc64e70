package cn.lianmeng.org.transfer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A transfer as both sides see it. {@code overdue}: unconfirmed past the deadline ({@code dueBy}), computed at query
 * time and also flagged by the scheduled sweep (which sends TransferOverdue once).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferView(String id, String memberId, String memberName, String fromOrgId, String fromOrgName,
                           String fromTenantId, String toOrgId, String toOrgName, String toTenantId, String toEnterpriseId,
                           String status, String statusLabel, String note, String reason, boolean overdue, Instant dueBy,
                           Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy, Instant completedAt,
                           long version) {
}
