package cn.lianmeng.org.organisation;

import java.util.Map;

/**
 * One rule warning as the API shows it: the code, its severity, the reason in Chinese, and what it is about — an
 * organisation ({@code orgId}) or, for should-establish, an enterprise ({@code enterpriseId}).
 */
public record Warning(String code, Severity severity, String severityLabel, String message, String orgId, String orgName,
                      String kind, String tenantId, String enterpriseId, String enterpriseName, Map<String, Object> details) {

    static Warning organisation(String code, Severity severity, String message, OrganisationWarnings.OrgFacts org,
                                Map<String, Object> details) {
        return new Warning(code, severity, severity.label(), message, org.orgId(), org.name(), org.kind().name(), org.tenantId(),
                null, null, details);
    }

    static Warning enterprise(String code, Severity severity, String message, String enterpriseId, String enterpriseName,
                              Map<String, Object> details) {
        return new Warning(code, severity, severity.label(), message, null, null, null, enterpriseId, enterpriseId, enterpriseName, details);
    }
}
