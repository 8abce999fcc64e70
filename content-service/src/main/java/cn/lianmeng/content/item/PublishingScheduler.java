package cn.lianmeng.content.item;

import java.time.Duration;

import cn.lianmeng.content.config.ContentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes approved items at their publishing time: every {@code lianmeng.content.publishing.scheduler-interval} it
 * asks {@link ContentItems#publishDue()}, which moves each due item SCHEDULED → PUBLISHED with a conditional write,
 * so several instances (or a late tick) never publish an item twice.
 */
@Component
public class PublishingScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishingScheduler.class);

    private final ContentItems items;
    private final Duration interval;
    private volatile Disposable ticking;

    public PublishingScheduler(ContentItems items, ContentProperties properties) {
        this.items = items;
        this.interval = properties.getPublishing().getSchedulerInterval();
    }

    @Override
    public void start() {
        ticking = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> items.publishDue().onErrorResume(e -> {
                    log.warn("Scheduled publishing failed: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe(n -> {
                    if (n > 0) {
                        log.info("Published {} scheduled item(s)", n);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable d = ticking;
        if (d != null) {
            d.dispose();
        }
        ticking = null;
    }

    @Override
    public boolean isRunning() {
        return ticking != null;
    }
}
