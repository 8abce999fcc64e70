package cn.lianmeng.org.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A member as the API shows it, at one of three levels of detail ({@code personalData}): {@code NONE} (names only:
 * district staff), {@code MASKED} (ID number {@code 1101**********1234}, phone {@code 138****1234}, birth year only)
 * or {@code UNMASKED} (full ID number, phone and birth date; only on explicit request, audited). Absent fields are
 * left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberView(String id, String name, String personalData, String gender, String genderLabel, LocalDate birthDate,
                         Integer birthYear, String idNumber, String phone, LocalDate joinDate, String status, String statusLabel,
                         LocalDate probationEndDate, List<String> flags, LocalDate mobileSince, Boolean transferDue,
                         List<String> warnings, String orgId, String orgName, List<String> orgAncestors, String tenantId,
                         String enterpriseId, List<Member.OfficerRole> officerRoles, String accountId, String username,
                         String accountStatus, boolean active, LocalDate leftOn, String leaveReason, Long version,
                         Instant createdAt, Instant updatedAt) {
}
