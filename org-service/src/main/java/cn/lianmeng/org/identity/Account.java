package cn.lianmeng.org.identity;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import cn.lianmeng.platform.security.Role;
import org.bson.Document;

/** A login belonging to a person. Locking is temporary ({@code lockedUntil}); disabling is an administrative status. */
public record Account(String id, String username, String phone, String displayName, String passwordHash, Set<Role> roles,
                      String allianceId, String tenantId, List<String> orgIds, List<String> parkIds, List<String> buildingIds,
                      String memberId, AccountStatus status, int failedAttempts, Instant lockedUntil, boolean mustChangePassword) {

    static Account fromDocument(Document d) {
        Date locked = d.getDate("lockedUntil");
        return new Account(d.getString("_id"), d.getString("username"), d.getString("phone"), d.getString("displayName"),
                d.getString("passwordHash"),
                d.getList("roles", String.class, List.of()).stream().map(Role::valueOf).collect(Collectors.toSet()),
                d.getString("allianceId"), d.getString("tenantId"),
                d.getList("orgIds", String.class, List.of()), d.getList("parkIds", String.class, List.of()),
                d.getList("buildingIds", String.class, List.of()), d.getString("memberId"),
                AccountStatus.valueOf(d.getString("status")), d.getInteger("failedAttempts", 0),
                locked == null ? null : locked.toInstant(), d.getBoolean("mustChangePassword", false));
    }
}
