package cn.lianmeng.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single public entry of Lianmeng: routes {@code /api/**} to the services registered in Eureka, validates
 * bearer tokens, strips internal headers, limits rate and body size, correlates requests and times out slow routes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
