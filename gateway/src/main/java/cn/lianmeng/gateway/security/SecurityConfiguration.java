package cn.lianmeng.gateway.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.StringUtils;

import cn.lianmeng.gateway.errors.ProblemWriter;
import cn.lianmeng.gateway.routing.DownstreamWebClients;
import reactor.core.publisher.Mono;

/**
 * Stateless bearer-token security: public paths of the contract are open, the gateway's actuator endpoints other
 * than health/info need PLATFORM_ADMIN, everything else needs a valid RS256 token issued by {@code lianmeng}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemWriter problemWriter) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problemWriter);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problemWriter);
        ServerWebExchangeMatcher publicPaths = PublicPaths.matcher();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .matchers(publicPaths).permitAll()
                        .pathMatchers("/actuator/**").hasRole("PLATFORM_ADMIN")
                        // every routed API needs a token; any other path has no route and is answered 404
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenConverter(ignoringPublicPaths(publicPaths))
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(jwtAuthenticationConverter())))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .addFilterAfter(new CallerWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /** A stale or broken token on a public path (login, health, docs) does not turn it into a 401. */
    static ServerAuthenticationConverter ignoringPublicPaths(ServerWebExchangeMatcher publicPaths) {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> publicPaths.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }

    /** {@code roles} claim → {@code ROLE_*} authorities; principal name = {@code sub}. */
    static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    /**
     * A configured PEM public key wins; otherwise the JWK set of org-service, fetched lazily on the first token
     * (through Eureka for an {@code lb://} URI), so the gateway starts before org-service.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, DownstreamWebClients clients) {
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(properties.getPublicKey())) {
            log.info("Verifying tokens with the configured public key (lianmeng.security.jwt.public-key)");
            decoder = NimbusReactiveJwtDecoder.withPublicKey(PemPublicKeys.parseRsa(properties.getPublicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
        else {
            String jwkSetUrl = DownstreamWebClients.baseUrl(properties.getJwkSetUri());
            log.info("Verifying tokens with the JWK set at {} ({})", properties.getJwkSetUri(), jwkSetUrl);
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUrl)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .webClient(clients.forTarget(properties.getJwkSetUri(), properties.getJwkSetTimeout()))
                    .build();
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.getIssuer()));
        decoder.setJwtValidator(validator);
        // Nimbus reports an unreachable JWK set as IllegalStateException; as a JwtException it becomes an
        // AuthenticationServiceException, which the gateway answers with 503 instead of 500
        return token -> decoder.decode(token).onErrorMap(IllegalStateException.class,
                e -> new JwtException("Could not obtain the keys to verify the token", e));
    }
}
