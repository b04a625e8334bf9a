package io.jobdeck.scheduler;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.cluster.NodeLease;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.scheduler.internal.ChoiceJournal;
import io.jobdeck.scheduler.internal.ControlState;
import io.jobdeck.scheduler.internal.ExecutionCounters;
import io.jobdeck.scheduler.internal.Observation;
import io.jobdeck.scheduler.internal.ObservedThreadPool;
import io.jobdeck.scheduler.internal.QuartzErrors;
import io.jobdeck.scheduler.internal.StatusCalculator;
import io.jobdeck.scheduler.internal.StoreHealth;
import io.jobdeck.scheduler.internal.StoreProbe;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The truthful status of the scheduler on this node. It is computed on {@code jobdeck-status} (every
 * {@link #TICK}, and at once when something changes) from observations that need no database: Quartz's flags, its
 * real threads, the control's applied state, Quartz's reported errors, and the job store probe's last answer, which
 * comes with a deadline. No database call can block it; reading it never blocks.
 */
@Service
public class SchedulerMonitor implements DisposableBean {

    static final Duration TICK = Duration.ofMillis(250);
    /** The Quartz scheduler thread asks for workers as soon as it runs; silence after this long means it does not. */
    private static final Duration SCHEDULER_THREAD_GRACE = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(SchedulerMonitor.class);

    private final Scheduler scheduler;
    private final NodeIdentity node;
    private final ControlState control;
    private final StoreProbe probe;
    private final QuartzErrors quartzErrors;
    private final ExecutionCounters counters;
    private final ChoiceJournal journal;
    private final NodeLease lease;
    private final EventHub hub;
    private final Clock clock;
    private final int poolSize;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-status");
    private final AtomicReference<SchedulerStatus> status;
    private final AtomicBoolean recomputeQueued = new AtomicBoolean();
    private long firingSinceNanos; // guarded by this; 0 while Quartz is in standby

    SchedulerMonitor(
            Scheduler scheduler,
            NodeIdentity node,
            ControlState control,
            StoreProbe probe,
            QuartzErrors quartzErrors,
            ExecutionCounters counters,
            ChoiceJournal journal,
            NodeLease lease,
            EventHub hub,
            SchedulerProperties properties,
            Clock clock) {
        this.scheduler = scheduler;
        this.node = node;
        this.control = control;
        this.probe = probe;
        this.quartzErrors = quartzErrors;
        this.counters = counters;
        this.journal = journal;
        this.lease = lease;
        this.hub = hub;
        this.clock = clock;
        this.poolSize = properties.workerThreads();
        this.status = new AtomicReference<>(SchedulerStatus.initial(node.id(), clock.instant(), poolSize));
        hub.addProcessor(batch -> {
            if (!batch.isHeartbeat()) {
                requestRecompute();
            }
        });
    }

    /** The latest status. Never blocks. */
    public SchedulerStatus status() {
        return status.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        probe.start(this::requestRecompute);
        thread.scheduleWithFixedDelay(this::recompute, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Recomputes soon on the monitor's thread. */
    public void requestRecompute() {
        if (recomputeQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    recomputeQueued.set(false);
                    recompute();
                });
            } catch (RejectedExecutionException shuttingDown) {
                recomputeQueued.set(false);
            }
        }
    }

    /** Recomputes now, on the caller's thread (cheap: no I/O), and returns the new status. */
    public synchronized SchedulerStatus recompute() {
        SchedulerStatus previous = status.get();
        SchedulerStatus next = StatusCalculator.compute(node.id(), observe(), previous, clock.instant());
        status.set(next);
        if (next.state() != previous.state() || !java.util.Objects.equals(next.reason(), previous.reason())) {
            if (next.state() != previous.state()) {
                log.info(
                        "Scheduler is {}{}",
                        next.state(),
                        next.reason() == null ? "" : ": " + next.reason().text());
            }
            hub.publish(new SchedulerEvent.StateChanged(
                    node.id(),
                    next.state().name(),
                    next.reason() == null ? null : next.reason().text()));
        }
        return next;
    }

    private Observation observe() {
        boolean started;
        boolean standby;
        boolean shutdown;
        try {
            started = scheduler.isStarted();
            standby = scheduler.isInStandbyMode();
            shutdown = scheduler.isShutdown();
        } catch (SchedulerException e) {
            started = false;
            standby = true;
            shutdown = false;
        }
        boolean firing = started && !standby && !shutdown;
        long now = System.nanoTime();
        if (!firing) {
            firingSinceNanos = 0;
        } else if (firingSinceNanos == 0) {
            firingSinceNanos = now;
        }
        Duration firingFor = firing ? Duration.ofNanos(now - firingSinceNanos) : Duration.ZERO;
        ObservedThreadPool pool = ObservedThreadPool.of(node.id()).orElse(null);
        int aliveWorkers = pool == null ? poolSize : pool.aliveWorkers();
        boolean schedulerThreadAlive = pool == null
                || pool.schedulerThreadAlive().orElse(!firing || firingFor.compareTo(SCHEDULER_THREAD_GRACE) < 0);
        StoreHealth store = probe.health();
        if (firingFor.compareTo(probe.overdueGrace()) < 0 && store.overdue() > 0) {
            // Just started: what came due while Quartz stood by fires now or goes through misfire handling.
            store = new StoreHealth(store.problem(), store.jobCount(), store.triggerCount(), 0, store.checkedAt());
        }
        return new Observation(
                control.wantRunning(),
                control.drainedBy(),
                control.starting(),
                control.commandFailure(),
                started,
                standby,
                shutdown,
                schedulerThreadAlive,
                aliveWorkers,
                poolSize,
                store,
                quartzErrors.current(),
                lease.lostTo().orElse(null),
                journal.notSaved(),
                hub.droppedTotal(),
                runningJobs().size(),
                counters.fired(),
                counters.failed());
    }

    private List<JobExecutionContext> runningJobs() {
        try {
            return scheduler.getCurrentlyExecutingJobs();
        } catch (SchedulerException e) {
            return List.of();
        }
    }

    @Override
    public void destroy() {
        Threads.shutdown(thread, Duration.ofSeconds(2));
    }
}
