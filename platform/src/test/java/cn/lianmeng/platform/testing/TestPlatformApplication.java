package cn.lianmeng.platform.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built only from the platform, for the platform's own integration tests. */
@SpringBootApplication
public class TestPlatformApplication {
}
