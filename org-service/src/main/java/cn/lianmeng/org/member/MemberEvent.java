package cn.lianmeng.org.member;

import java.util.List;

/**
 * Body of every {@code org.member.v1} event (MemberJoined, MemberUpdated, MemberLeft, MemberTransferred): the
 * member's snapshot after the change with its version (contract in docs/org-contracts.md). Never the ID number, the
 * phone or the birth date. {@code previousOrgId}/{@code previousTenantId} only on MemberTransferred.
 */
public record MemberEvent(String memberId, String allianceId, String tenantId, String enterpriseId, String orgId,
                          List<String> orgAncestors, String name, String status, List<String> flags,
                          List<Member.OfficerRole> officerRoles, String accountId, boolean active, String previousOrgId,
                          String previousTenantId, long version, String occurredAt) {

    public static final String TOPIC = "org.member.v1";
}
