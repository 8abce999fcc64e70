package cn.lianmeng.org.enterprise;

import java.util.Date;

import cn.lianmeng.platform.privacy.Masking;
import org.bson.Document;

/** An enterprise as the API shows it; the contact phone is masked unless the caller's role needs it. */
public record EnterpriseView(String id, String allianceId, String name, String creditCode, String type, String typeLabel,
                             String industry, Integer staffCount, String district, String street, String community,
                             String parkId, String buildingId, String contactName, String contactPhone,
                             Integer partyMemberCount, String status, String statusReason, String adminUsername,
                             long version, Date createdAt, Date updatedAt) {

    static EnterpriseView of(Document d, boolean unmaskPhone) {
        String type = d.getString("type");
        String phone = d.getString("contactPhone");
        return new EnterpriseView(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("creditCode"),
                type, EnterpriseType.parse(type).map(EnterpriseType::label).orElse(null), d.getString("industry"),
                d.getInteger("staffCount"), d.getString("district"), d.getString("street"), d.getString("community"),
                d.getString("parkId"), d.getString("buildingId"), d.getString("contactName"),
                unmaskPhone ? phone : Masking.phone(phone), d.getInteger("partyMemberCount"), d.getString("status"),
                d.getString("statusReason"), d.getString("adminUsername"), d.get("version", Number.class).longValue(),
                d.getDate("createdAt"), d.getDate("updatedAt"));
    }
}
