package cn.lianmeng.org.transfer;

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

/**
 * The scheduled transfer sweep ({@code lianmeng.transfer.sweep-interval}, 1 minute by default): completes CONFIRMED
 * transfers left between the steps, then flags overdue ones. Each step is idempotent, so several instances may sweep.
 */
@Component
public class TransferMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransferMaintenance.class);

    private final TransferService transfers;
    private final Duration interval;
    private volatile Disposable task;

    public TransferMaintenance(TransferService transfers, @Value("${lianmeng.transfer.sweep-interval:PT1M}") Duration interval) {
        this.transfers = transfers;
        this.interval = interval;
    }

    @Override
    public void start() {
        task = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> transfers.sweepConfirmed().then(transfers.flagOverdue()).onErrorResume(e -> {
                    log.warn("Transfer sweep failed: {}", e.toString());
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
