package cn.lianmeng.activity.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import cn.lianmeng.activity.activity.ActivityEvents;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.ActivityStatus;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
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
 * Publishes {@code ActivityReminderDue} a day and an hour before each scheduled activity, for content-service to
 * deliver to the audience. Each reminder is marked in the activity by the same conditional single-document update that
 * puts the event into its outbox, so however many instances sweep, each reminder goes out once. Moving an activity
 * resets its reminders. An activity created less than an hour before its start gets only the hour reminder.
 */
@Component
public class ReminderJob implements SmartLifecycle {

    public enum Kind {
        DAY_BEFORE(Duration.ofDays(1)), HOUR_BEFORE(Duration.ofHours(1));

        final Duration ahead;

        Kind(Duration ahead) {
            this.ahead = ahead;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final Scope SWEEP = Scope.unrestricted("activity reminder sweep");

    private final ScopedCollection activities;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration interval;
    private volatile Disposable running;

    public ReminderJob(ActivityService activities, Outbox outbox, OutboxRelay relay, Clock clock,
                       @Value("${lianmeng.activity.reminders.interval:1m}") Duration interval) {
        this.activities = activities.collection();
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.interval = interval;
    }

    /** One sweep as of {@code now}; answers how many reminders it queued. */
    public Mono<Long> sweep(Instant now) {
        return Flux.fromArray(Kind.values()).concatMap(kind -> due(kind, now)).count();
    }

    private Flux<Document> due(Kind kind, Instant now) {
        String field = "reminders." + kind.name();
        Bson filter = Filters.and(Filters.eq("status", ActivityStatus.SCHEDULED.name()),
                Filters.gt("startAt", Date.from(now)), Filters.lte("startAt", Date.from(now.plus(kind.ahead))),
                Filters.exists(field, false));
        return activities.find(SWEEP, filter, Sorts.ascending("startAt"), 0, 500)
                .concatMap(a -> {
                    boolean skip = kind == Kind.DAY_BEFORE && !a.getDate("startAt").toInstant().isAfter(now.plus(Kind.HOUR_BEFORE.ahead));
                    List<Bson> updates = new java.util.ArrayList<>(List.of(Updates.set(field, Date.from(now))));
                    if (!skip) {
                        OutboxMessage m = outbox.message(ActivityEvents.TOPIC, ActivityEvents.REMINDER_DUE, a.getString("_id"),
                                a.getString("allianceId"), a.getString("tenantId"), ActivityEvents.reminder(a, kind.name(), now.toString()));
                        updates.add(Outbox.push(m));
                    }
                    // the same start time and no mark yet: an edit in between or another instance wins, this one does nothing
                    return activities.updateOne(SWEEP, Filters.and(Filters.eq("_id", a.getString("_id")), Filters.eq("startAt", a.getDate("startAt")),
                                    Filters.eq("status", ActivityStatus.SCHEDULED.name()), Filters.exists(field, false)), Updates.combine(updates))
                            .filter(r -> r.getModifiedCount() == 1 && !skip)
                            .doOnNext(r -> relay.relaySoon(activities, a.getString("_id")))
                            .map(r -> a);
                });
    }

    @Override
    public void start() {
        running = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(t -> sweep(clock.instant()).onErrorResume(e -> {
                    log.warn("Reminder sweep failed: {}", e.toString());
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
