package cn.lianmeng.org.member;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Periodically finishes what a crash may have left half done for members (disabling the login of a member who left). */
public final class MemberMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MemberMaintenance.class);

    private final MemberService members;
    private final Duration interval;
    private volatile Disposable task;

    public MemberMaintenance(MemberService members, Duration interval) {
        this.members = members;
        this.interval = interval;
    }

    @Override
    public void start() {
        task = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> members.sweepAccounts().onErrorResume(e -> {
                    log.warn("Member account sweep failed: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable t = task;
        if (t != null) {
            t.dispose();
        }
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
