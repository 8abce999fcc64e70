package cn.lianmeng.org.member;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MemberConfiguration {

    /** Personal-data encryption: {@code LIANMENG_PII_KEY} (base64, 32 bytes), else a key kept in {@code LIANMENG_PII_KEY_DIR}. */
    @Bean
    PersonalDataCipher personalDataCipher(@Value("${lianmeng.pii.key:}") String key, @Value("${lianmeng.pii.key-dir:./data/pii}") String keyDir) {
        return PersonalDataCipher.load(key, Path.of(keyDir));
    }

    @Bean
    MemberViewPolicy memberViewPolicy(PersonalDataCipher cipher,
                                      @Value("${lianmeng.member.mobile-transfer-due-after:P6M}") String transferDueAfter) {
        return new MemberViewPolicy(cipher, Period.parse(transferDueAfter));
    }

    @Bean
    MemberMaintenance memberMaintenance(MemberService members, @Value("${lianmeng.member.sweep-interval:PT1M}") String interval) {
        return new MemberMaintenance(members, Duration.parse(interval));
    }
}
