package cn.lianmeng.org.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

/**
 * A member as stored in {@code members}. The ID number exists only as AES-GCM ciphertext ({@code idNumberCipher})
 * and blind index ({@code idNumberHash}); the birth date is the one inside the ID number (only the year is stored
 * in clear, for age statistics). Dates are ISO {@code yyyy-MM-dd} strings.
 */
public record Member(String id, String allianceId, String tenantId, String enterpriseId, String orgId, String orgName,
                     List<String> orgAncestors, String name, Gender gender, Integer birthYear, String idNumberCipher,
                     String phone, LocalDate joinDate, MemberStatus status, LocalDate probationEndDate, Set<MemberFlag> flags,
                     LocalDate mobileSince, List<OfficerRole> officerRoles, String accountId, String username,
                     AccountState accountState, boolean active, LocalDate leftOn, String leaveReason, String lastTransferId,
                     long version, Instant createdAt, Instant updatedAt) {

    public static final String COLLECTION = "members";

    /** The member's login: none yet (imported, issued on demand), usable, being disabled after leaving, disabled. */
    public enum AccountState { NONE, ACTIVE, DISABLING, DISABLED }

    /** An officer role the member holds in an organisation (kept in sync from {@code OfficersChanged}). */
    public record OfficerRole(String orgId, String role) {
        Document toDocument() {
            return new Document("orgId", orgId).append("role", role);
        }
    }

    public static String idNumberContext(String memberId) {
        return "member:" + memberId + ":idNumber";
    }

    /** Ancestors root→parent of the member's organisation, then the organisation itself. */
    public List<String> orgPath() {
        List<String> path = new ArrayList<>(orgAncestors);
        path.add(orgId);
        return path;
    }

    static Member fromDocument(Document d) {
        Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
        d.getList("flags", String.class, List.of()).forEach(f -> MemberFlag.parse(f).ifPresent(flags::add));
        List<OfficerRole> roles = d.getList("officerRoles", Document.class, List.of()).stream()
                .map(r -> new OfficerRole(r.getString("orgId"), r.getString("role"))).toList();
        String gender = d.getString("gender");
        return new Member(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("enterpriseId"),
                d.getString("orgId"), d.getString("orgName"), List.copyOf(d.getList("orgAncestors", String.class, List.of())),
                d.getString("name"), gender == null ? null : Gender.valueOf(gender), d.getInteger("birthYear"),
                d.getString("idNumberCipher"), d.getString("phone"), date(d.getString("joinDate")),
                MemberStatus.valueOf(d.getString("status")), date(d.getString("probationEndDate")), flags,
                date(d.getString("mobileSince")), roles, d.getString("accountId"), d.getString("username"),
                AccountState.valueOf(d.get("accountStatus", AccountState.NONE.name())), d.getBoolean("active", true),
                date(d.getString("leftOn")), d.getString("leaveReason"), d.getString("lastTransferId"),
                d.get("version", Number.class).longValue(), instant(d.getDate("createdAt")), instant(d.getDate("updatedAt")));
    }

    static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
