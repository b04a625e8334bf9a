package io.jobdeck.scheduler;

import io.jobdeck.scheduler.internal.DesiredStateStore;
import io.jobdeck.scheduler.internal.ExecutionCounters;
import io.jobdeck.scheduler.internal.Observation;
import io.jobdeck.scheduler.internal.StatusCalculator;
import io.jobdeck.scheduler.internal.StoreHealth;
import io.jobdeck.scheduler.internal.WorkerThreads;
import io.jobdeck.security.Actor;
import io.jobdeck.security.AuditAction;
import io.jobdeck.security.AuditLog;
import io.jobdeck.security.AuditOutcome;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The one owner of the scheduler's lifecycle.
 *
 * <p>Commands return at once: each is queued, in arrival order, to one dedicated thread ({@code jobdeck-control}),
 * which applies it and completes the returned stage. Stop never calls Quartz {@code shutdown()}, which cannot be
 * undone; it puts Quartz in standby, so start and stop can be repeated forever. The status is recomputed on that
 * same thread from what is observed (Quartz's flags, its live threads, the job store's last answer), and read
 * from any thread without blocking.
 */
@Service
public class SchedulerControl implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchedulerControl.class);
    private static final int MAX_PENDING_COMMANDS = 100_000;
    private static final Duration QUIET_BEFORE_SHUTDOWN = Duration.ofMillis(300);

    private final Scheduler scheduler;
    private final EventHub hub;
    private final AuditLog audit;
    private final DesiredStateStore desiredState;
    private final ExecutionCounters counters;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final String schedulerName;
    private final String workerPrefix;
    private final int poolSize;

    private final ThreadPoolExecutor control;
    private final ScheduledThreadPoolExecutor probe;
    private final Object arrivalLock = new Object();
    private long lastSequence; // guarded by arrivalLock
    private final AtomicReference<SchedulerStatus> status;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final AtomicInteger pendingCommands = new AtomicInteger();
    private volatile StoreHealth store;

    // Touched only on the control thread.
    private boolean wantRunning;
    private boolean starting;
    private @Nullable String commandFailure;

    SchedulerControl(
            Scheduler scheduler,
            EventHub hub,
            AuditLog audit,
            DesiredStateStore desiredState,
            ExecutionCounters counters,
            SchedulerProperties properties,
            QuartzProperties quartzProperties,
            Clock clock)
            throws SchedulerException {
        this.scheduler = scheduler;
        this.hub = hub;
        this.audit = audit;
        this.desiredState = desiredState;
        this.counters = counters;
        this.properties = properties;
        this.clock = clock;
        this.schedulerName = scheduler.getSchedulerName();
        this.workerPrefix = quartzProperties
                .getProperties()
                .getOrDefault("org.quartz.threadPool.threadNamePrefix", schedulerName + "_Worker");
        this.poolSize = scheduler.getMetaData().getThreadPoolSize();
        this.store = StoreHealth.unknown(clock.instant());
        this.status = new AtomicReference<>(SchedulerStatus.initial(clock.instant(), poolSize));
        this.control = Threads.single("jobdeck-control", MAX_PENDING_COMMANDS);
        this.probe = Threads.singleScheduled("jobdeck-probe");
        hub.addProcessor(batch -> {
            if (!batch.isHeartbeat()) {
                requestRefresh();
            }
        });
    }

    /** The latest status. Never blocks. */
    public SchedulerStatus status() {
        return status.get();
    }

    /** Asks the scheduler to start firing. Returns at once; the stage completes once the start was applied. */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<CommandResult> start() {
        return submit(LifecycleCommand.START);
    }

    /** Asks the scheduler to stop firing. Returns at once; running jobs drain (or are interrupted) afterwards. */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<CommandResult> stop(StopMode mode) {
        return submit(LifecycleCommand.stop(mode));
    }

    /**
     * Queues a command. Commands from every caller are applied one at a time, in arrival order, and each is recorded
     * in the audit trail under the caller's name.
     */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<CommandResult> submit(LifecycleCommand command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        Actor by = Actor.current();
        try {
            synchronized (arrivalLock) {
                long sequence = ++lastSequence;
                pendingCommands.incrementAndGet();
                control.execute(() -> result.complete(apply(sequence, command, by)));
            }
        } catch (RejectedExecutionException e) {
            pendingCommands.decrementAndGet();
            result.complete(new CommandResult(0, command, status(), "The scheduler control is not accepting commands"));
        }
        return result;
    }

    /**
     * Completes, with the status, once everything queued before it has been applied: commands, and the restore of
     * the operator's last choice at startup.
     */
    public CompletionStage<SchedulerStatus> settle() {
        CompletableFuture<SchedulerStatus> settled = new CompletableFuture<>();
        try {
            control.execute(() -> settled.complete(refreshStatus()));
        } catch (RejectedExecutionException e) {
            settled.complete(status());
        }
        return settled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void restoreOperatorChoice() {
        probe.scheduleWithFixedDelay(
                this::probeStore, 0, properties.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        control.execute(() -> {
            boolean run;
            try {
                run = desiredState.load(schedulerName).orElse(properties.autoStart());
            } catch (RuntimeException e) {
                log.warn("Could not read the operator's last choice; using auto-start={}", properties.autoStart(), e);
                run = properties.autoStart();
            }
            log.info("Scheduler '{}' {} on startup", schedulerName, run ? "starts" : "stays stopped");
            if (run) {
                applyStart();
            } else {
                applyStop(StopMode.STANDBY);
            }
            refreshStatus();
        });
    }

    // --- Control thread ---

    private CommandResult apply(long sequence, LifecycleCommand command, Actor by) {
        pendingCommands.decrementAndGet();
        CommandResult result;
        try {
            switch (command) {
                case START -> applyStart();
                case STOP -> applyStop(StopMode.STANDBY);
                case STOP_AND_INTERRUPT -> applyStop(StopMode.INTERRUPT);
            }
            persistChoice(command.wantsRunning(), by.name());
            result = new CommandResult(sequence, command, refreshStatus(), commandFailure);
        } catch (RuntimeException e) {
            log.error("Lifecycle command {} failed", command, e);
            result = new CommandResult(sequence, command, refreshStatus(), Errors.describe(e));
        }
        audit.record(by, AuditAction.valueOf(command.name()), "scheduler " + schedulerName,
                result.succeeded() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, result.error());
        return result;
    }

    private void applyStart() {
        wantRunning = true;
        commandFailure = null;
        if (quartzFiring()) {
            return;
        }
        starting = true;
        refreshStatus();
        try {
            counters.reset();
            scheduler.start();
            log.info("Scheduler '{}' started", schedulerName);
        } catch (SchedulerException | RuntimeException e) {
            commandFailure = Errors.describe(e);
            log.error("Scheduler '{}' could not start", schedulerName, e);
        } finally {
            starting = false;
        }
    }

    private void applyStop(StopMode mode) {
        wantRunning = false;
        commandFailure = null;
        try {
            if (!scheduler.isShutdown() && !scheduler.isInStandbyMode()) {
                scheduler.standby();
                log.info("Scheduler '{}' in standby; {} jobs draining", schedulerName, runningJobs().size());
            }
            if (mode == StopMode.INTERRUPT) {
                interruptRunningJobs();
            }
        } catch (SchedulerException e) {
            commandFailure = Errors.describe(e);
            log.error("Scheduler '{}' could not stop", schedulerName, e);
        }
    }

    private void interruptRunningJobs() {
        for (JobExecutionContext running : runningJobs()) {
            if (running.getJobInstance() instanceof InterruptableJob) {
                try {
                    scheduler.interrupt(running.getFireInstanceId());
                } catch (SchedulerException | RuntimeException e) {
                    log.warn("Could not interrupt {}", running.getJobDetail().getKey(), e);
                }
            }
        }
    }

    private void persistChoice(boolean running, String by) {
        // The last command of a burst is the one that counts; skip writes that a queued command would overwrite.
        if (pendingCommands.get() > 0) {
            return;
        }
        try {
            desiredState.save(schedulerName, running, by);
        } catch (RuntimeException e) {
            log.warn("Could not persist the operator's choice ({}); it applies until the next restart",
                    Errors.describe(e));
        }
    }

    private void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                control.execute(() -> {
                    refreshQueued.set(false);
                    refreshStatus();
                });
            } catch (RejectedExecutionException e) {
                refreshQueued.set(false);
            }
        }
    }

    private SchedulerStatus refreshStatus() {
        SchedulerStatus previous = status.get();
        SchedulerStatus next = StatusCalculator.compute(observe(), previous, clock.instant());
        status.set(next);
        if (next.state() != previous.state()) {
            log.info("Scheduler '{}' is {}{}", schedulerName, next.state(),
                    next.reason() == null ? "" : ": " + next.reason());
            hub.publish(new SchedulerEvent.StateChanged(next));
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
        return new Observation(
                wantRunning,
                starting,
                commandFailure,
                started,
                standby,
                shutdown,
                WorkerThreads.aliveNamed(schedulerName + "_QuartzSchedulerThread"),
                WorkerThreads.aliveWithPrefix(workerPrefix),
                poolSize,
                store,
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

    private boolean quartzFiring() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    // --- Probe thread ---

    private void probeStore() {
        StoreHealth previous = store;
        try {
            int jobs = scheduler.getJobKeys(GroupMatcher.anyJobGroup()).size();
            int triggers = scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup()).size();
            store = StoreHealth.ok(jobs, triggers, clock.instant());
        } catch (SchedulerException | RuntimeException e) {
            store = StoreHealth.failing(Errors.describe(e), previous, clock.instant());
        }
        if (previous.answers() != store.answers()) {
            log.warn("Job store {}", store.answers() ? "answers again" : "does not answer: " + store.error());
        }
        requestRefresh();
    }

    // --- Application shutdown ---

    @Override
    public void destroy() {
        Threads.shutdown(probe, Duration.ofSeconds(5));
        Threads.shutdown(control, Duration.ofSeconds(5));
        try {
            if (scheduler.isShutdown()) {
                return;
            }
            scheduler.standby();
            if (!runningJobs().isEmpty()) {
                log.info("Waiting up to {} for {} running jobs before shutdown", properties.shutdownTimeout(),
                        runningJobs().size());
            }
            // Triggers Quartz acquired just before standby still fire: wait until nothing has run for a moment.
            long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET_BEFORE_SHUTDOWN.toNanos()) {
                if (!runningJobs().isEmpty()) {
                    quietSince = System.nanoTime();
                    log.debug("Waiting for {} running jobs before shutdown", runningJobs().size());
                }
                Thread.sleep(20);
            }
            if (!runningJobs().isEmpty()) {
                log.warn("Shutdown timeout reached; interrupting {} running jobs", runningJobs().size());
                interruptRunningJobs();
            }
        } catch (SchedulerException e) {
            log.warn("Could not drain the scheduler before shutdown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
