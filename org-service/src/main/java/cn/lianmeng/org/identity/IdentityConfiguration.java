package cn.lianmeng.org.identity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.security.TokenClaims;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    JwtKeys jwtKeys(@Value("${lianmeng.jwt.private-key:}") String privateKey, @Value("${lianmeng.jwt.public-key:}") String publicKey,
                    @Value("${lianmeng.jwt.key-dir:./data/jwt}") String keyDir) {
        return JwtKeys.load(privateKey, publicKey, Path.of(keyDir));
    }

    /** org-service verifies its own tokens with its own key (no round trip to itself). */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtKeys keys) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TokenClaims.ISSUER));
        return decoder;
    }

    @Bean
    TokenIssuer tokenIssuer(JwtKeys keys, Clock clock, @Value("${lianmeng.jwt.lifetime:30m}") Duration lifetime) {
        return new TokenIssuer(keys, clock, lifetime);
    }

    /** Delegating encoder: bcrypt for new hashes, older or stronger schemes still verify by their prefix. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    IdentityService identityService(AccountStore accounts, PasswordEncoder passwords, TokenIssuer tokens, AuditLog audit,
                                    TenantLoginGuard tenants, Clock clock) {
        return new IdentityService(accounts, passwords, tokens, audit, tenants, LockoutPolicy.DEFAULT, clock);
    }
}
