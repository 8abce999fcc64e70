package cn.lianmeng.org.onboarding;

/**
 * Body of every {@code org.onboarding.v1} event (OnboardingSubmitted, OnboardingApproved, OnboardingRejected): the
 * application's snapshot after the change with its version. Contract v1 (docs/org-contracts.md); no contact data.
 */
public record OnboardingEvent(String applicationId, String allianceId, String enterpriseName, String creditCode, String status,
                              String enterpriseId, String reason, long version, String occurredAt) {
}
