package cn.lianmeng.org.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import cn.lianmeng.platform.security.TokenClaims;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Issues RS256 access tokens whose claims carry the roles and scope of DESIGN §2 (30 minutes by default). */
public final class TokenIssuer {

    private final NimbusJwtEncoder encoder;
    private final String keyId;
    private final Clock clock;
    private final Duration lifetime;

    public TokenIssuer(JwtKeys keys, Clock clock, Duration lifetime) {
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
        this.keyId = keys.signingKey().getKeyID();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(Account account) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER)
                .subject(account.id())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(TokenClaims.USERNAME, account.username())
                .claim(TokenClaims.NAME, account.displayName() == null ? account.username() : account.displayName())
                .claim(TokenClaims.ROLES, account.roles().stream().map(Enum::name).sorted().toList())
                .claim(TokenClaims.ORGS, account.orgIds())
                .claim(TokenClaims.PARKS, account.parkIds())
                .claim(TokenClaims.BUILDINGS, account.buildingIds());
        if (account.allianceId() != null) {
            claims.claim(TokenClaims.ALLIANCE, account.allianceId());
        }
        if (account.tenantId() != null) {
            claims.claim(TokenClaims.TENANT, account.tenantId());
        }
        if (account.memberId() != null) {
            claims.claim(TokenClaims.MEMBER, account.memberId());
        }
        if (account.mustChangePassword()) {
            claims.claim(TokenClaims.PASSWORD_CHANGE, true);
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
