package cn.lianmeng.content;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * content-service: publishing with review, audience-targeted delivery (feed, read receipts, inbox), Chinese search,
 * files, the online Party school, the mailbox and comments. Packages by feature under {@code cn.lianmeng.content};
 * contracts in {@code docs/content-contracts.md}. Its tenant directory comes from the platform.
 */
@SpringBootApplication
public class ContentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContentServiceApplication.class, args);
    }
}
