package cn.lianmeng.activity.checkin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The secret that signs check-in codes; every instance of the service must share it (CHECKIN_CODE_SECRET). */
@Configuration(proxyBeanMethods = false)
class CheckinConfiguration {

    @Bean
    CheckinCodes checkinCodes(@Value("${lianmeng.activity.checkin-secret:}") String secret) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            LoggerFactory.getLogger(CheckinConfiguration.class).warn("CHECKIN_CODE_SECRET is not set: check-in codes are signed with a "
                    + "random per-process key, which only works with a single activity-service instance");
            return new CheckinCodes(random);
        }
        return new CheckinCodes(secret.getBytes(StandardCharsets.UTF_8));
    }
}
