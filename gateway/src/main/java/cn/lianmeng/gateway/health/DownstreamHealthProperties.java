package cn.lianmeng.gateway.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code downstream} health component.
 *
 * <pre>
 * lianmeng.gateway.health.downstream.services: org, activity, content   # keys of lianmeng.gateway.services
 * lianmeng.gateway.health.downstream.timeout: 2s                       # per service
 * </pre>
 */
@ConfigurationProperties("lianmeng.gateway.health.downstream")
public class DownstreamHealthProperties {

    private List<String> services = new ArrayList<>(List.of("org", "activity", "content"));
    private Duration timeout = Duration.ofSeconds(2);

    public List<String> getServices() {
        return services;
    }

    public void setServices(List<String> services) {
        this.services = services;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
