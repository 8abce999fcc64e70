package cn.lianmeng.gateway.routing;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * WebClients for the gateway's own calls to services (health probes, JWK set). A {@code lb://service-id} target is
 * called as {@code http://service-id} through the {@code @LoadBalanced} builder (Eureka); any other URI directly.
 */
public class DownstreamWebClients {

    public static final String LB_SCHEME = "lb";

    private final WebClient.Builder loadBalanced;

    public DownstreamWebClients(WebClient.Builder loadBalanced) {
        this.loadBalanced = loadBalanced;
    }

    /** The base URL to call for a service target: {@code lb://org-service} becomes {@code http://org-service}. */
    public static String baseUrl(URI target) {
        String url = LB_SCHEME.equalsIgnoreCase(target.getScheme())
                ? "http://" + target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "")
                : target.getScheme() + "://" + target.getRawAuthority();
        String path = target.getRawPath();
        return path == null || path.isEmpty() || "/".equals(path) ? url : url + path;
    }

    /** A client for {@code target} whose connect and response phases are each bounded by {@code timeout}. */
    public WebClient forTarget(URI target, Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeout.toMillis()))
                .responseTimeout(timeout);
        WebClient.Builder builder = LB_SCHEME.equalsIgnoreCase(target.getScheme()) ? loadBalanced.clone() : WebClient.builder();
        return builder.clientConnector(new ReactorClientHttpConnector(http)).baseUrl(baseUrl(target)).build();
    }
}
