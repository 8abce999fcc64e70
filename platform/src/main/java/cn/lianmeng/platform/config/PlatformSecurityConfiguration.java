package cn.lianmeng.platform.config;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import cn.lianmeng.platform.security.PasswordChangeGate;
import cn.lianmeng.platform.security.TokenClaims;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every service validates the token again (resource server) and derives the caller from verified claims only.
 * Tokens are checked against org-service's JWK set (through the registry) or a configured public key.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.ReactiveSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"})
@EnableWebFluxSecurity
public class PlatformSecurityConfiguration {

    static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**");

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder jwtDecoder(PlatformProperties properties, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        PlatformProperties.Jwt security = properties.getSecurity().getJwt();
        NimbusReactiveJwtDecoder decoder;
        if (!security.getPublicKey().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(parsePublicKey(security.getPublicKey())).build();
        } else {
            WebClient.Builder web = WebClient.builder();
            if (security.isJwkSetLoadBalanced()) {
                loadBalancer.ifAvailable(web::filter);
            }
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(security.getJwkSetUri()).webClient(web.build()).build();
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TokenClaims.ISSUER));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, Problems problems,
                                            PlatformProperties properties) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> problems.write(exchange, ApiException.unauthenticated());
        ServerAccessDeniedHandler denied = (exchange, ex) -> problems.write(exchange, ApiException.forbidden());
        List<String> open = new ArrayList<>(ALWAYS_OPEN);
        open.addAll(properties.getSecurity().getPublicPaths());

        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(TokenClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(a -> a.pathMatchers(open.toArray(String[]::new)).permitAll().anyExchange().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtDecoder(decoder).jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .addFilterAfter(new PasswordChangeGate(problems, properties.getSecurity().getPasswordChangePaths()),
                        SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /** Parses a PEM (or bare base64) X.509 RSA public key. */
    public static RSAPublicKey parsePublicKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("lianmeng.security.jwt.public-key is not a valid RSA public key", e);
        }
    }
}
