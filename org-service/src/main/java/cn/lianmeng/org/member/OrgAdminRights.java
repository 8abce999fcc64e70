package cn.lianmeng.org.member;

import java.util.Collection;
import java.util.Objects;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;

/**
 * Who administers the members of an organisation (create, update, leave, accounts, and both sides of a transfer):
 * the ENTERPRISE_ADMIN of the owning tenant, an ORG_ADMIN of that tenant whose {@code orgs} claim holds the
 * organisation or one of its ancestors, and — for organisations owned by the alliance or a park (no tenant) — the
 * ALLIANCE_ADMIN.
 */
public final class OrgAdminRights {

    private OrgAdminRights() {
    }

    /** Whether the caller administers an organisation of {@code allianceId}/{@code tenantId} at {@code path} (ancestors + id). */
    public static boolean administers(Caller caller, String allianceId, String tenantId, Collection<String> path) {
        if (caller.allianceId() == null || !caller.allianceId().equals(allianceId)) {
            return false;
        }
        if (tenantId == null) {
            return caller.has(Role.ALLIANCE_ADMIN);
        }
        if (!tenantId.equals(caller.tenantId())) {
            return false;
        }
        return caller.has(Role.ENTERPRISE_ADMIN) || (caller.has(Role.ORG_ADMIN) && covers(caller, path));
    }

    public static boolean administers(Caller caller, Organisation org) {
        return administers(caller, org.allianceId(), org.tenantId(), org.path());
    }

    /** Whether the caller's {@code orgs} claim holds one of the organisations on the path. */
    public static boolean covers(Caller caller, Collection<String> path) {
        return path.stream().anyMatch(caller.orgIds()::contains);
    }

    /**
     * Whether an organisation is within what the caller can see at all: their own tenant's organisations (an ORG_ADMIN
     * only their subtree), or — for alliance administrators — any of the alliance. Outside this, answers are 404.
     */
    public static boolean sees(Caller caller, Organisation org) {
        if (!Objects.equals(caller.allianceId(), org.allianceId())) {
            return false;
        }
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return true;
        }
        return org.tenantId() != null && org.tenantId().equals(caller.tenantId())
                && (caller.has(Role.ENTERPRISE_ADMIN) || (caller.has(Role.ORG_ADMIN) && covers(caller, org.path())));
    }
}
