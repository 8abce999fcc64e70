package cn.lianmeng.org.enterprise;

/**
 * Body of every {@code org.enterprise.v1} event (EnterpriseOnboarded, EnterpriseUpdated, EnterpriseSuspended,
 * EnterpriseReactivated): the enterprise's public snapshot after the change, with its version, so consumers can apply
 * events in any order. Contract v1, owned by org-service; consumers read only what they need. No personal data.
 */
public record EnterpriseEvent(String enterpriseId, String allianceId, String name, String creditCode, String type,
                              String industry, int staffCount, String district, String street, String community,
                              String parkId, String buildingId, Integer partyMemberCount, String status, long version,
                              String occurredAt) {
}
