package cn.lianmeng.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class DownstreamWebClientsTest {

    @Test
    void loadBalancedTargetsAreCalledByServiceId() {
        assertThat(DownstreamWebClients.baseUrl(URI.create("lb://org-service"))).isEqualTo("http://org-service");
        assertThat(DownstreamWebClients.baseUrl(URI.create("lb://org-service/.well-known/jwks.json")))
                .isEqualTo("http://org-service/.well-known/jwks.json");
    }

    @Test
    void plainTargetsAreCalledDirectly() {
        assertThat(DownstreamWebClients.baseUrl(URI.create("http://127.0.0.1:8081"))).isEqualTo("http://127.0.0.1:8081");
        assertThat(DownstreamWebClients.baseUrl(URI.create("http://127.0.0.1:8081/"))).isEqualTo("http://127.0.0.1:8081");
    }
}
