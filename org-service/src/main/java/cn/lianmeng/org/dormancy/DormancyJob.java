package cn.lianmeng.org.dormancy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;

import cn.lianmeng.platform.data.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The time-driven side of the warnings: a day passing raises YELLOW/RED (and closes periods, so ORANGE) without any
 * event. Runs once shortly after start-up (catching up on days the service was down) and then every day at
 * {@code lianmeng.dormancy.daily-at} (Asia/Shanghai, default 00:10), re-evaluating every member and organisation.
 * Several instances may run it at once: assessments are written with optimistic guards and a warning changes (and
 * is published) only once.
 */
@Component
public class DormancyJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DormancyJob.class);
    private static final Scope ALL = Scope.unrestricted("dormancy daily re-evaluation");

    private final DormancyEvaluator evaluator;
    private final Clock clock;
    private final boolean enabled;
    private final LocalTime dailyAt;
    private final Duration startupDelay;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Disposable schedule;

    public DormancyJob(DormancyEvaluator evaluator, Clock clock,
                       @Value("${lianmeng.dormancy.schedule-enabled:true}") boolean enabled,
                       @Value("${lianmeng.dormancy.daily-at:00:10}") LocalTime dailyAt,
                       @Value("${lianmeng.dormancy.startup-delay:60s}") Duration startupDelay) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.enabled = enabled;
        this.dailyAt = dailyAt;
        this.startupDelay = startupDelay;
    }

    /** One run over everything; answers how many organisations were evaluated (0 when a run is already going). */
    public Mono<Long> runOnce() {
        return Mono.defer(() -> {
            if (!running.compareAndSet(false, true)) {
                return Mono.just(0L);
            }
            long t0 = System.nanoTime();
            return evaluator.evaluateAll(ALL)
                    .doOnNext(n -> log.info("Dormancy re-evaluation: {} organisations in {} ms", n, (System.nanoTime() - t0) / 1_000_000))
                    .doFinally(s -> running.set(false));
        });
    }

    /** Time until the next daily run. */
    Duration untilNextRun() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(DormancyRules.ZONE));
        ZonedDateTime next = now.with(dailyAt);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        schedule = Mono.delay(startupDelay, Schedulers.boundedElastic())
                .then(safeRun())
                .thenMany(Flux.defer(() -> Mono.delay(untilNextRun(), Schedulers.boundedElastic()).then(safeRun())).repeat())
                .subscribe();
    }

    private Mono<Long> safeRun() {
        return runOnce().onErrorResume(e -> {
            log.warn("Dormancy re-evaluation failed, the next run retries: {}", e.toString());
            return Mono.just(0L);
        });
    }

    @Override
    public void stop() {
        Disposable s = schedule;
        if (s != null) {
            s.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
