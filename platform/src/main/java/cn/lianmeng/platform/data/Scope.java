package cn.lianmeng.platform.data;

import java.util.Objects;
import java.util.Set;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;

/**
 * What a data access may see. Built from the verified caller ({@link #of(Caller)}), from an event's tenancy
 * headers for consumers ({@link #system(String, String)}), or — explicitly and with a stated reason — unrestricted
 * for the few platform paths that precede a caller (login, bootstrap, outbox relay).
 */
public final class Scope {

    public enum Kind {
        /** Everything: platform administration and pre-authentication paths. */
        UNRESTRICTED,
        /** One alliance: alliance administrators and auditors. */
        ALLIANCE,
        /** District staff: enterprises located in the assigned parks and buildings of one alliance. */
        STAFF,
        /** One tenant of one alliance: enterprise and organisation admins, members. */
        TENANT,
        /** A background process acting for one alliance (and tenant, when given) named by an event. */
        SYSTEM
    }

    private final Kind kind;
    private final String allianceId;
    private final String tenantId;
    private final Set<String> parkIds;
    private final Set<String> buildingIds;
    private final String reason;

    private Scope(Kind kind, String allianceId, String tenantId, Set<String> parkIds, Set<String> buildingIds, String reason) {
        this.kind = kind;
        this.allianceId = allianceId;
        this.tenantId = tenantId;
        this.parkIds = parkIds;
        this.buildingIds = buildingIds;
        this.reason = reason;
    }

    /** The scope of a verified caller: the widest their roles allow. */
    public static Scope of(Caller caller) {
        if (caller.has(Role.PLATFORM_ADMIN)) {
            return new Scope(Kind.UNRESTRICTED, caller.allianceId(), null, Set.of(), Set.of(), "platform administrator");
        }
        Objects.requireNonNull(caller.allianceId(), "caller without alliance");
        if (caller.hasAny(Role.ALLIANCE_ADMIN, Role.AUDITOR)) {
            return new Scope(Kind.ALLIANCE, caller.allianceId(), null, Set.of(), Set.of(), null);
        }
        if (caller.has(Role.DISTRICT_STAFF)) {
            return new Scope(Kind.STAFF, caller.allianceId(), null, caller.parkIds(), caller.buildingIds(), null);
        }
        if (caller.tenantId() == null) {
            // a tenant-bound role without a tenant sees nothing rather than everything
            return new Scope(Kind.TENANT, caller.allianceId(), "\u0000none", Set.of(), Set.of(), null);
        }
        return new Scope(Kind.TENANT, caller.allianceId(), caller.tenantId(), Set.of(), Set.of(), null);
    }

    public static Scope system(String allianceId, String tenantId) {
        return new Scope(Kind.SYSTEM, Objects.requireNonNull(allianceId, "allianceId"), tenantId, Set.of(), Set.of(), null);
    }

    public static Scope unrestricted(String reason) {
        return new Scope(Kind.UNRESTRICTED, null, null, Set.of(), Set.of(), Objects.requireNonNull(reason));
    }

    public Kind kind() {
        return kind;
    }

    public String allianceId() {
        return allianceId;
    }

    public String tenantId() {
        return tenantId;
    }

    public Set<String> parkIds() {
        return parkIds;
    }

    public Set<String> buildingIds() {
        return buildingIds;
    }

    @Override
    public String toString() {
        return "Scope[" + kind + ", alliance=" + allianceId + ", tenant=" + tenantId + (reason == null ? "" : ", " + reason) + "]";
    }
}
