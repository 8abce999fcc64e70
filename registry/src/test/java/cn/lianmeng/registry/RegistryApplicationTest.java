package cn.lianmeng.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheEurekaAppsEndpointAndHealth() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> apps = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/eureka/apps"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("applications");

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }
}
