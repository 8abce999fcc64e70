package cn.lianmeng.org.bootstrap;

import java.time.Duration;

import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.org.identity.PasswordPolicy;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * First start: creates the platform administrator ({@code platform-admin}), who creates alliances and their first
 * administrators. The password comes from {@code LIANMENG_PLATFORM_ADMIN_PASSWORD}; if absent one is generated,
 * printed once, and must be changed at first login.
 */
@Component
@Order(0)
public class PlatformBootstrap implements ApplicationRunner {

    public static final String USERNAME = "platform-admin";
    private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);

    private final AccountStore accounts;
    private final IdentityService identity;
    private final String configuredPassword;

    public PlatformBootstrap(AccountStore accounts, IdentityService identity,
                             @Value("${lianmeng.bootstrap.platform-admin-password:}") String configuredPassword) {
        this.accounts = accounts;
        this.identity = identity;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensurePlatformAdmin()
                .retryWhen(Retry.backoff(20, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
                .block(Duration.ofMinutes(3));
    }

    Mono<Void> ensurePlatformAdmin() {
        return accounts.anyWithRole(Role.PLATFORM_ADMIN).flatMap(exists -> {
            if (exists) {
                return Mono.empty();
            }
            if (!configuredPassword.isBlank() && PasswordPolicy.problem(configuredPassword, USERNAME).isPresent()) {
                return Mono.error(new IllegalStateException("LIANMENG_PLATFORM_ADMIN_PASSWORD does not meet the password policy: "
                        + PasswordPolicy.problem(configuredPassword, USERNAME).get()));
            }
            return identity.provision(Scope.unrestricted("platform bootstrap"), null, USERNAME, "平台管理员", null,
                            Role.PLATFORM_ADMIN, null, null, configuredPassword.isBlank() ? null : configuredPassword)
                    .doOnNext(p -> {
                        if (p.initialPassword() != null) {
                            log.warn("\n\n  Created the platform administrator '{}' with the one-time password: {}\n"
                                    + "  It is shown only this once and must be changed at first login.\n", USERNAME, p.initialPassword());
                        } else {
                            log.info("Created the platform administrator '{}' with the configured password", USERNAME);
                        }
                    }).then();
        });
    }
}
