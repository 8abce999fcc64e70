package cn.lianmeng.org.transfer;

/**
 * Body of every {@code org.transfer.v1} event (TransferRequested, TransferConfirmed, TransferRejected,
 * TransferCancelled, TransferOverdue, and TransferCompleted — an addition to the documented list, sent when the member
 * has moved): the transfer's snapshot after the change. The {@code tenantid} header is the sending tenant.
 */
public record TransferEvent(String transferId, String allianceId, String memberId, String memberName, String fromOrgId,
                            String fromTenantId, String toOrgId, String toTenantId, String status, String reason,
                            boolean overdue, long version, String occurredAt) {

    public static final String TOPIC = "org.transfer.v1";
}
