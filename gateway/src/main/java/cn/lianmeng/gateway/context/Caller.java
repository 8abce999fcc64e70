package cn.lianmeng.gateway.context;

/**
 * The authenticated caller of a request, taken from verified token claims.
 *
 * @param subject  {@code sub}: the account id
 * @param username {@code preferred_username}, may be {@code null}
 * @param tenantId {@code tid}, {@code null} for accounts not bound to a tenant
 */
public record Caller(String subject, String username, String tenantId) {

    /** What the access log shows as user: the username if present, else the subject. */
    public String displayName() {
        return username != null && !username.isBlank() ? username : subject;
    }
}
