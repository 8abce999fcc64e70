package cn.lianmeng.gateway.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import cn.lianmeng.gateway.routing.DownstreamWebClients;
import cn.lianmeng.gateway.routing.RoutingProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code downstream} health component: UP only when every configured service answers its own health with UP.
 * The services are asked in parallel, each bounded by the configured timeout; details name each one.
 */
@Component("downstreamHealthIndicator")
public class DownstreamHealthIndicator implements ReactiveHealthIndicator {

    private record Named(String name, ServiceHealthProbe probe) {
    }

    private final List<Named> probes;

    public DownstreamHealthIndicator(DownstreamHealthProperties properties, RoutingProperties routing,
            DownstreamWebClients clients) {
        this.probes = properties.getServices().stream()
                .map(name -> {
                    var target = routing.service(name);
                    return new Named(name, new ServiceHealthProbe(clients.forTarget(target, properties.getTimeout()),
                            target.toString(), properties.getTimeout()));
                })
                .toList();
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(probes)
                .flatMapSequential(named -> named.probe().check().map(result -> Map.entry(named.name(), result)))
                .collectList()
                .map(results -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    boolean allUp = true;
                    for (Map.Entry<String, ServiceHealthProbe.Result> r : results) {
                        details.put(r.getKey(), r.getValue().details());
                        allUp &= r.getValue().up();
                    }
                    return (allUp ? Health.up() : Health.down()).withDetails(details).build();
                });
    }
}
