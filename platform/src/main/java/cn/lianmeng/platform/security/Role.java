package cn.lianmeng.platform.security;

/** Roles of DESIGN §2, plus the platform administrator who creates alliances. */
public enum Role {
    PLATFORM_ADMIN,
    ALLIANCE_ADMIN,
    ENTERPRISE_ADMIN,
    ORG_ADMIN,
    DISTRICT_STAFF,
    MEMBER,
    AUDITOR
}
