package cn.lianmeng.org.onboarding;

import java.util.Date;

import cn.lianmeng.org.enterprise.EnterpriseType;
import org.bson.Document;

/** An onboarding application as alliance administrators see it (the contact is theirs to call: unmasked). */
public record ApplicationView(String id, String allianceId, String source, String status, String statusLabel,
                              String enterpriseName, String creditCode, String type, String typeLabel, String industry,
                              Integer staffCount, String district, String street, String community, String park, String building,
                              Integer partyMemberCount, String contactName, String contactPhone, String note,
                              Date submittedAt, String submittedByName, Date decidedAt, String decidedByName, String reason,
                              String enterpriseId, long version) {

    static ApplicationView of(Document d) {
        String status = d.getString("status");
        String type = d.getString("type");
        return new ApplicationView(d.getString("_id"), d.getString("allianceId"), d.getString("source"), status,
                OnboardingStatus.parse(status).map(OnboardingStatus::label).orElse(null), d.getString("enterpriseName"),
                d.getString("creditCode"), type, EnterpriseType.parse(type).map(EnterpriseType::label).orElse(null),
                d.getString("industry"), d.getInteger("staffCount"), d.getString("district"), d.getString("street"),
                d.getString("community"), d.getString("park"), d.getString("building"), d.getInteger("partyMemberCount"),
                d.getString("contactName"), d.getString("contactPhone"), d.getString("note"), d.getDate("submittedAt"),
                d.getString("submittedByName"), d.getDate("decidedAt"), d.getString("decidedByName"), d.getString("reason"),
                d.getString("enterpriseId"), d.get("version", Number.class).longValue());
    }
}
