package cn.lianmeng.org.enterprise;

import java.time.Instant;

import org.bson.Document;

/**
 * Body of every {@code org.enterprise.v1} event (EnterpriseOnboarded, EnterpriseUpdated, EnterpriseSuspended,
 * EnterpriseReactivated, EnterpriseLeft, InstructorAssigned, InstructorUnassigned): the enterprise's public snapshot
 * after the change, with its version, so consumers can apply events in any order. Contract v1, owned by org-service
 * (docs/org-contracts.md); consumers read only what they need. No personal data (no contact, no phone).
 */
public record EnterpriseEvent(String enterpriseId, String allianceId, String name, String creditCode, String type,
                              String industry, int staffCount,
                              String districtId, String district, String streetId, String street,
                              String communityId, String community, String parkId, String park, String buildingId, String building,
                              String operatingStatus, Integer partyMemberCount, String status,
                              String instructorAccountId, String instructorName, long version, String occurredAt) {

    /** The snapshot of a stored enterprise document. */
    static EnterpriseEvent of(Document d, Instant at) {
        return new EnterpriseEvent(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("creditCode"),
                d.getString("type"), d.getString("industry"), d.getInteger("staffCount", 0),
                d.getString("districtId"), d.getString("district"), d.getString("streetId"), d.getString("street"),
                d.getString("communityId"), d.getString("community"), d.getString("parkId"), d.getString("park"),
                d.getString("buildingId"), d.getString("building"),
                d.getString("operatingStatus") == null ? OperatingStatus.OPERATING.name() : d.getString("operatingStatus"),
                d.getInteger("partyMemberCount"), d.getString("status"),
                d.getString("instructorAccountId"), d.getString("instructorName"),
                d.get("version", Number.class).longValue(), at.toString());
    }
}
