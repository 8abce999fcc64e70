package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** An organisation as the API shows it. Officers appear by name only; no personal data is kept here. */
public record OrganisationView(String id, String allianceId, String tenantId, String ownerType, String ownerId, String name,
                               String kind, String kindLabel, String formation, String formationLabel, String parentId,
                               List<String> ancestors, int depth, List<String> coveredEnterpriseIds, List<OfficerView> officers,
                               String termStart, String termEnd, String termStatus, MemberCounts memberCounts, String status,
                               Date dissolvedAt, String dissolveReason, boolean moveInProgress, long version, Date createdAt,
                               Date updatedAt) {

    public record OfficerView(String memberId, String name, String role, String roleLabel, String since, boolean activeMember) {
    }

    public record MemberCounts(int full, int probationary, int total) {

        static MemberCounts of(Document d) {
            Document c = d.get("memberCounts", Document.class);
            if (c == null) {
                return new MemberCounts(0, 0, 0);
            }
            int full = c.getInteger("full", 0);
            int probationary = c.getInteger("probationary", 0);
            return new MemberCounts(full, probationary, full + probationary);
        }
    }

    static OrganisationView of(Document d, LocalDate today) {
        OrganisationKind kind = OrganisationKind.valueOf(d.getString("kind"));
        Formation formation = Formation.valueOf(d.getString("formation"));
        String termEnd = d.getString("termEnd");
        List<OfficerView> officers = d.getList("officers", Document.class, List.of()).stream()
                .map(o -> {
                    OfficerRole role = OfficerRole.valueOf(o.getString("role"));
                    return new OfficerView(o.getString("memberId"), o.getString("name"), role.name(), role.label(),
                            o.getString("since"), o.getBoolean("active", true));
                }).toList();
        return new OrganisationView(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("ownerType"),
                d.getString("ownerId"), d.getString("name"), kind.name(), kind.label(), formation.name(), formation.label(),
                d.getString("parentId"), d.getList("ancestors", String.class, List.of()), d.getInteger("depth", 0),
                d.getList("coveredEnterpriseIds", String.class, List.of()), officers, d.getString("termStart"), termEnd,
                TermRules.hasTerms(kind) ? TermRules.status(termEnd == null ? null : LocalDate.parse(termEnd), today).name() : null,
                MemberCounts.of(d), d.getString("status"), d.getDate("dissolvedAt"), d.getString("dissolveReason"),
                d.get("pendingMove") != null, d.get("version", Number.class).longValue(), d.getDate("createdAt"), d.getDate("updatedAt"));
    }
}
