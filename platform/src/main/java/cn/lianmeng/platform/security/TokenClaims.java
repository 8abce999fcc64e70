package cn.lianmeng.platform.security;

/** Names of the claims org-service puts into access tokens; every service derives the caller from these only. */
public final class TokenClaims {

    public static final String ISSUER = "lianmeng";
    public static final String USERNAME = "preferred_username";
    public static final String NAME = "name";
    public static final String ALLIANCE = "aid";
    public static final String TENANT = "tid";
    public static final String ROLES = "roles";
    public static final String ORGS = "orgs";
    public static final String PARKS = "parks";
    public static final String BUILDINGS = "buildings";
    public static final String MEMBER = "mid";
    public static final String PASSWORD_CHANGE = "pwd_change";

    private TokenClaims() {
    }
}
