package cn.lianmeng.org.organisation;

import java.util.List;

/**
 * Body of every {@code org.organisation.v1} event (OrganisationCreated, OrganisationRenamed, OrganisationMoved,
 * OrganisationDissolved, OfficersChanged, TermRenewed, CoveredEnterprisesChanged): the organisation's snapshot after
 * the change with its version (contract v1 in docs/org-contracts.md). Officers carry names only — no personal data.
 */
public record OrganisationEvent(String orgId, String allianceId, String tenantId, String ownerType, String ownerId, String name,
                                String kind, String formation, String parentId, List<String> ancestors,
                                List<String> coveredEnterpriseIds, List<Officer> officers, String termStart, String termEnd,
                                String status, long version, String occurredAt) {

    public record Officer(String memberId, String name, String role, String since) {
    }
}
