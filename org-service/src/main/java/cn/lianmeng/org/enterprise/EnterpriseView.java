package cn.lianmeng.org.enterprise;

import java.util.Date;

import cn.lianmeng.platform.privacy.Masking;
import org.bson.Document;

/** An enterprise as the API shows it; the contact phone is masked unless the caller's role needs it. */
public record EnterpriseView(String id, String allianceId, String name, String creditCode, String type, String typeLabel,
                             String industry, Integer staffCount, String operatingStatus, String operatingStatusLabel,
                             String districtId, String district, String streetId, String street,
                             String communityId, String community, String parkId, String park, String buildingId, String building,
                             String contactName, String contactPhone, Integer partyMemberCount,
                             String status, String statusReason, String instructorAccountId, String instructorName,
                             String adminAccountId, String adminUsername, String source,
                             long version, Date createdAt, Date updatedAt) {

    static EnterpriseView of(Document d, boolean unmaskPhone) {
        String type = d.getString("type");
        String phone = d.getString("contactPhone");
        OperatingStatus operating = OperatingStatus.parse(d.getString("operatingStatus")).orElse(OperatingStatus.OPERATING);
        return new EnterpriseView(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("creditCode"),
                type, EnterpriseType.parse(type).map(EnterpriseType::label).orElse(null), d.getString("industry"),
                d.getInteger("staffCount"), operating.name(), operating.label(),
                d.getString("districtId"), d.getString("district"), d.getString("streetId"), d.getString("street"),
                d.getString("communityId"), d.getString("community"), d.getString("parkId"), d.getString("park"),
                d.getString("buildingId"), d.getString("building"), d.getString("contactName"),
                unmaskPhone ? phone : Masking.phone(phone), d.getInteger("partyMemberCount"), d.getString("status"),
                d.getString("statusReason"), d.getString("instructorAccountId"), d.getString("instructorName"),
                d.getString("adminAccountId"), d.getString("adminUsername"), d.getString("source"),
                d.get("version", Number.class).longValue(), d.getDate("createdAt"), d.getDate("updatedAt"));
    }
}
