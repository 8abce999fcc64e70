package cn.lianmeng.activity.series;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Keeps every active series generated ahead (the configured horizon, three months by default). */
@Component
public class SeriesJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SeriesJob.class);

    private final SeriesService series;
    private final Clock clock;
    private final Duration interval;
    private volatile Disposable running;

    public SeriesJob(SeriesService series, Clock clock, @Value("${lianmeng.activity.series.interval:6h}") Duration interval) {
        this.series = series;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ofSeconds(30), interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(t -> series.extendAll(clock.instant()).onErrorResume(e -> {
                    log.warn("Series generation failed: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
