package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.SchedulerProperties;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.scheduler.StatusReason.Code;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks the job store, every {@code jobdeck.scheduler.probe-interval}, how many jobs and triggers it holds and whether
 * any trigger is overdue. The question runs on {@code jobdeck-probe-query}; {@code jobdeck-probe} only starts it and
 * watches the clock, so a database that hangs is reported after {@code probe-timeout} however long the query waits.
 * A query still hanging is not repeated; the next one starts once it returns.
 */
@Component
public class StoreProbe implements DisposableBean {

    /** A trigger Quartz should have fired this long ago, and has not, is overdue. */
    public static final Duration OVERDUE_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StoreProbe.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SchedulerProperties properties;
    private final String schedulerName;
    private final String triggers;
    private final String jobs;
    private final Duration misfireThreshold;
    private final ScheduledThreadPoolExecutor timer = Threads.singleScheduled("jobdeck-probe");
    private final ThreadPoolExecutor query = Threads.single("jobdeck-probe-query", 1);
    private final Object lock = new Object();
    private volatile StoreHealth health;
    private long probes; // guarded by lock
    private long inFlight; // the unanswered probe's number, 0 if none; guarded by lock
    private volatile Runnable onChange = () -> {};

    StoreProbe(
            JdbcClient jdbc, Clock clock, SchedulerProperties properties, Scheduler scheduler, QuartzProperties quartz)
            throws SchedulerException {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.schedulerName = scheduler.getSchedulerName();
        String prefix = quartz.getProperties().getOrDefault("org.quartz.jobStore.tablePrefix", "QRTZ_");
        this.triggers = prefix + "TRIGGERS";
        this.jobs = prefix + "JOB_DETAILS";
        this.misfireThreshold = Duration.ofMillis(
                Long.parseLong(quartz.getProperties().getOrDefault("org.quartz.jobStore.misfireThreshold", "60000")));
        this.health = StoreHealth.unknown(clock.instant());
    }

    /** Starts probing; {@code onChange} runs (on the probe's threads) whenever the answer changes. */
    public void start(Runnable onChange) {
        this.onChange = onChange;
        timer.scheduleWithFixedDelay(this::probe, 0, properties.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last answer. Never blocks. */
    public StoreHealth health() {
        return health;
    }

    /** How long Quartz may be late before a trigger counts as overdue, after firing began. */
    public Duration overdueGrace() {
        return misfireThreshold.plus(OVERDUE_AFTER);
    }

    private void probe() {
        long number;
        synchronized (lock) {
            if (inFlight != 0) {
                return; // the last question is still unanswered; the deadline check reports it
            }
            number = ++probes;
            inFlight = number;
        }
        try {
            query.execute(() -> ask(number));
            timer.schedule(
                    () -> checkDeadline(number), properties.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (lock) {
                inFlight = 0;
            }
        }
    }

    private void ask(long number) {
        StoreHealth answer;
        try {
            long now = System.currentTimeMillis(); // Quartz stores fire times from the system clock
            long lateFrom = now - OVERDUE_AFTER.toMillis();
            long missedFrom = now - misfireThreshold.toMillis();
            // Overdue: due long enough ago that Quartz should have fired it, yet still waiting; or so long ago that
            // even the misfire handler (every misfireThreshold) should have dealt with it twice.
            long stuckBefore = now - 3 * misfireThreshold.toMillis();
            answer = jdbc.sql("SELECT (SELECT COUNT(*) FROM " + jobs + " WHERE SCHED_NAME = ?),"
                            + " (SELECT COUNT(*) FROM " + triggers + " WHERE SCHED_NAME = ?),"
                            + " (SELECT COUNT(*) FROM " + triggers
                            + " WHERE SCHED_NAME = ? AND TRIGGER_STATE = 'WAITING'"
                            + " AND ((NEXT_FIRE_TIME < ? AND NEXT_FIRE_TIME > ?) OR NEXT_FIRE_TIME < ?))")
                    .params(schedulerName, schedulerName, schedulerName, lateFrom, missedFrom, stuckBefore)
                    .query((rs, n) -> StoreHealth.ok(rs.getInt(1), rs.getInt(2), rs.getInt(3), clock.instant()))
                    .single();
        } catch (RuntimeException e) {
            answer = health.failing(StatusReason.of(Code.STORE_NOT_ANSWERING, Errors.describe(e)), clock.instant());
        }
        synchronized (lock) {
            if (inFlight == number) {
                inFlight = 0;
            }
        }
        update(answer);
    }

    private void checkDeadline(long number) {
        synchronized (lock) {
            if (inFlight != number) {
                return; // answered in time
            }
        }
        update(health.failing(
                StatusReason.of(Code.STORE_TOO_SLOW, properties.probeTimeout().toMillis()), clock.instant()));
    }

    private void update(StoreHealth next) {
        StoreHealth previous = health;
        health = next;
        if (previous.answers() != next.answers()) {
            if (next.answers()) {
                log.warn("Job store answers again");
            } else {
                log.warn("Job store does not answer: {}", next.problem());
            }
        }
        if (!previous.equals(next)) {
            onChange.run();
        }
    }

    @Override
    public void destroy() {
        Threads.shutdown(timer, Duration.ofSeconds(2));
        Threads.shutdown(query, Duration.ofSeconds(2));
    }
}
