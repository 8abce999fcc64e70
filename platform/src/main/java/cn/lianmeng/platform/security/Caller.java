package cn.lianmeng.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The verified caller, built from token claims only (never from headers or bodies).
 *
 * @param accountId   token subject
 * @param allianceId  the caller's alliance; null only for the platform administrator
 * @param tenantId    the caller's tenant (enterprise) for tenant-bound accounts, else null
 */
public record Caller(
        String accountId,
        String username,
        String displayName,
        String allianceId,
        String tenantId,
        Set<Role> roles,
        Set<String> orgIds,
        Set<String> parkIds,
        Set<String> buildingIds,
        String memberId,
        boolean passwordChangeRequired) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        orgIds = Set.copyOf(orgIds);
        parkIds = Set.copyOf(parkIds);
        buildingIds = Set.copyOf(buildingIds);
    }

    public static Caller fromJwt(Jwt jwt) {
        Set<Role> roles = strings(jwt.getClaimAsStringList(TokenClaims.ROLES)).stream()
                .flatMap(r -> Arrays.stream(Role.values()).filter(v -> v.name().equals(r)))
                .collect(Collectors.toSet());
        Object pwd = jwt.getClaims().get(TokenClaims.PASSWORD_CHANGE);
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString(TokenClaims.USERNAME),
                jwt.getClaimAsString(TokenClaims.NAME),
                jwt.getClaimAsString(TokenClaims.ALLIANCE),
                jwt.getClaimAsString(TokenClaims.TENANT),
                roles,
                strings(jwt.getClaimAsStringList(TokenClaims.ORGS)),
                strings(jwt.getClaimAsStringList(TokenClaims.PARKS)),
                strings(jwt.getClaimAsStringList(TokenClaims.BUILDINGS)),
                jwt.getClaimAsString(TokenClaims.MEMBER),
                Boolean.TRUE.equals(pwd) || "true".equals(String.valueOf(pwd)));
    }

    private static Set<String> strings(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        return hasAny(Arrays.asList(candidates));
    }

    public boolean hasAny(Collection<Role> candidates) {
        return candidates.stream().anyMatch(roles::contains);
    }

    /** Display name for audit records: the username, else the subject. */
    public String actorName() {
        return username != null ? username : accountId;
    }
}
