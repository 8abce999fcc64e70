package cn.lianmeng.org.identity;

import reactor.core.publisher.Mono;

/** Whether a tenant's accounts may log in (suspended or departed member enterprises block their logins). */
public interface TenantLoginGuard {

    /** Empty when logins are allowed, else the reason in Chinese. */
    Mono<String> refusal(String allianceId, String tenantId);
}
