package io.jobdeck.scheduler;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.cluster.NodeLease;
import io.jobdeck.scheduler.internal.ChoiceJournal;
import io.jobdeck.scheduler.internal.ClusterFollower;
import io.jobdeck.scheduler.internal.ControlState;
import io.jobdeck.scheduler.internal.ExecutionCounters;
import io.jobdeck.scheduler.internal.QuartzErrors;
import io.jobdeck.security.Actor;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The one owner of the scheduler's lifecycle: it applies commands and restores the operator's last choice at startup.
 *
 * <p>Commands return at once: each is numbered under one lock, in arrival order, and applied on one dedicated thread
 * ({@code jobdeck-control}), which completes the returned stage. Applying never waits on the database: the choice is
 * saved afterwards by the {@link ChoiceJournal} ({@link #saved(long)} says when). Stop never calls Quartz
 * {@code shutdown()}, which cannot be undone; it puts Quartz in standby, so Start and Stop can be repeated forever.
 * The status is the {@link SchedulerMonitor}'s.
 *
 * <p>In a cluster the choice is the cluster's: once saved it is announced, and every node follows the latest saved
 * choice on this same thread ({@link ClusterFollower}); following is not an operator's command (it is not audited
 * and does not count as one at startup). A node can also be drained on its own: it stands by while the others follow
 * the choice (decision 0031).
 */
@Service
public class SchedulerControl implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchedulerControl.class);
    private static final int MAX_PENDING_COMMANDS = 100_000;

    private final Scheduler scheduler;
    private final SchedulerMonitor monitor;
    private final ControlState state;
    private final ChoiceJournal journal;
    private final ExecutionCounters counters;
    private final QuartzErrors quartzErrors;
    private final SchedulerProperties properties;
    private final String schedulerName;

    private final ThreadPoolExecutor control = Threads.single("jobdeck-control", MAX_PENDING_COMMANDS);
    private final Object arrivalLock = new Object();
    private long lastSequence; // guarded by arrivalLock
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private final List<Consumer<CommandResult>> appliedListeners = new CopyOnWriteArrayList<>();
    private boolean operatorSpoke; // touched only on the control thread
    private long followedVersion; // touched only on the control thread
    private final ClusterFollower follower;

    SchedulerControl(
            Scheduler scheduler,
            SchedulerMonitor monitor,
            ControlState state,
            ChoiceJournal journal,
            ExecutionCounters counters,
            QuartzErrors quartzErrors,
            SchedulerProperties properties,
            NodeLease lease,
            ClusterFollower follower)
            throws SchedulerException {
        this.follower = follower;
        this.scheduler = scheduler;
        this.monitor = monitor;
        this.state = state;
        this.journal = journal;
        this.counters = counters;
        this.quartzErrors = quartzErrors;
        this.properties = properties;
        this.schedulerName = scheduler.getSchedulerName();
        lease.onLost(() -> execute(() -> {
            standby(false);
            monitor.recompute();
        }));
    }

    /** The Quartz scheduler's name, as the audit trail shows it. */
    public String schedulerName() {
        return schedulerName;
    }

    /** Asks the scheduler to start firing. Returns at once; the stage completes once the start was applied. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.START, target = "'scheduler ' + schedulerName()")
    public CompletionStage<CommandResult> start() {
        return submit(LifecycleCommand.START);
    }

    /** Asks the scheduler to stop firing. Returns at once; running jobs drain afterwards. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.STOP, target = "'scheduler ' + schedulerName()")
    public CompletionStage<CommandResult> stop() {
        return submit(LifecycleCommand.STOP);
    }

    /** Asks the scheduler to stop firing and interrupts the running jobs that can be interrupted. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.STOP_AND_INTERRUPT, target = "'scheduler ' + schedulerName()")
    public CompletionStage<CommandResult> stopAndInterrupt() {
        return submit(LifecycleCommand.STOP_AND_INTERRUPT);
    }

    /**
     * Drains the node named {@code nodeName} (cluster mode only): it stands by, whatever the cluster's choice, until it
     * is undrained, also across its restarts; its running jobs end by themselves. Completes once the drain is saved;
     * the node follows within a second.
     */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.DRAIN, target = "'node ' + #nodeName")
    public CompletionStage<DrainResult> drain(String nodeName) {
        return follower.drain(nodeName, true, Actor.current().name());
    }

    /** Undrains the node named {@code nodeName}: it follows the cluster's choice again. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.UNDRAIN, target = "'node ' + #nodeName")
    public CompletionStage<DrainResult> undrain(String nodeName) {
        return follower.drain(nodeName, false, Actor.current().name());
    }

    /** Completes once the choice made by command {@code sequence} (or a later one) is saved in the database. */
    public CompletionStage<Void> saved(long sequence) {
        return journal.saved(sequence);
    }

    /**
     * Completes, with the status, once the operator's last choice has been restored at startup and every command
     * queued before this call has been applied.
     */
    public CompletionStage<SchedulerStatus> settle() {
        return restored.thenCompose(ignored -> {
            CompletableFuture<SchedulerStatus> settled = new CompletableFuture<>();
            if (!execute(() -> settled.complete(monitor.recompute()))) {
                settled.complete(monitor.status());
            }
            return settled;
        });
    }

    /** For tests: runs on the control thread after each command is applied, in the order they are applied. */
    Subscription onApplied(Consumer<CommandResult> listener) {
        appliedListeners.add(listener);
        return () -> appliedListeners.remove(listener);
    }

    private CompletionStage<CommandResult> submit(LifecycleCommand command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        Actor by = Actor.current();
        synchronized (arrivalLock) {
            long sequence = ++lastSequence;
            if (!execute(() -> result.complete(apply(sequence, command, by)))) {
                result.complete(new CommandResult(
                        sequence, command, monitor.status(), "The scheduler control is not accepting commands"));
            }
        }
        return result;
    }

    private boolean execute(Runnable work) {
        try {
            control.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void restoreOperatorChoice() {
        // Read off the control thread, so that a slow database delays no command; a command that arrives first wins.
        follower.load().whenComplete((read, error) -> {
            boolean run = properties.autoStart();
            long version = 0;
            String drainedBy = null;
            if (error != null) {
                log.warn(
                        "Could not read the operator's last choice ({}); using auto-start={}",
                        Errors.describe(error),
                        run);
            } else {
                if (read.choice().isPresent()) {
                    run = read.choice().get().running();
                    version = read.choice().get().version();
                }
                drainedBy = read.drainedBy();
            }
            boolean decided = run;
            long decidedVersion = version;
            String drained = drainedBy;
            if (!execute(() -> restore(decided, decidedVersion, drained))) {
                restored.complete(null);
            }
        });
        // Then follow the cluster: what changed since the read above is read again at once.
        restored.thenRun(() -> follower.start(read -> execute(() -> follow(read))));
    }

    // --- Control thread ---

    private void restore(boolean run, long version, @Nullable String drainedBy) {
        try {
            if (operatorSpoke) {
                log.info(
                        "Scheduler '{}': an operator's command came first; the saved choice is not restored",
                        schedulerName);
                return;
            }
            log.info(
                    "Scheduler '{}' {} on startup{}",
                    schedulerName,
                    run ? "starts" : "stays stopped",
                    drainedBy == null ? "" : "; this node is drained by " + drainedBy + " and stands by");
            followedVersion = version;
            state.drainedBy(drainedBy);
            state.wantRunning(run);
            if (run) {
                applyStart();
            } else {
                standby(false);
            }
            monitor.recompute();
        } finally {
            restored.complete(null);
        }
    }

    private CommandResult apply(long sequence, LifecycleCommand command, Actor by) {
        operatorSpoke = true;
        CommandResult result;
        try {
            switch (command) {
                case START -> applyStart();
                case STOP -> applyStop(false);
                case STOP_AND_INTERRUPT -> applyStop(true);
            }
            journal.save(new ChoiceJournal.Choice(sequence, command.wantsRunning(), by.name()));
            result = new CommandResult(sequence, command, monitor.recompute(), state.commandFailure());
        } catch (RuntimeException e) {
            log.error("Lifecycle command {} failed", command, e);
            result = new CommandResult(sequence, command, monitor.recompute(), Errors.describe(e));
        }
        for (Consumer<CommandResult> listener : appliedListeners) {
            listener.accept(result);
        }
        return result;
    }

    /** Follows what the cluster wants, as read: not an operator's command. */
    private void follow(ClusterFollower.Desired read) {
        boolean pending = journal.pending(); // before the version: a save sets its version first
        ClusterFollower.Step step = ClusterFollower.step(
                read,
                new ClusterFollower.Local(
                        state.wantRunning(), state.drainedBy(), followedVersion, journal.savedVersion(), pending));
        followedVersion = step.followedVersion();
        if (!step.changesAnything()) {
            return;
        }
        try {
            if (step.drainChanged()) {
                log.info(
                        "Scheduler '{}': this node is {}",
                        schedulerName,
                        step.drainedBy() == null ? "undrained" : "drained by " + step.drainedBy());
                state.drainedBy(step.drainedBy());
            }
            boolean run = step.run().orElse(state.wantRunning());
            step.run()
                    .ifPresent(r ->
                            log.info("Scheduler '{}' follows the cluster: {}", schedulerName, r ? "start" : "stop"));
            if (run) {
                applyStart();
            } else {
                applyStop(false);
            }
        } catch (RuntimeException e) {
            log.error("Following the cluster failed", e);
        }
        monitor.recompute();
    }

    private void applyStart() {
        state.wantRunning(true);
        state.commandFailure(null);
        quartzErrors.clear();
        if (state.drainedBy() != null) {
            standby(false); // the cluster runs; this node stands by until it is undrained
            return;
        }
        if (quartzFiring()) {
            return;
        }
        state.starting(true);
        monitor.recompute();
        try {
            counters.reset();
            scheduler.start();
            log.info("Scheduler '{}' started", schedulerName);
        } catch (SchedulerException | RuntimeException e) {
            state.commandFailure(Errors.describe(e));
            log.error("Scheduler '{}' could not start", schedulerName, e);
        } finally {
            state.starting(false);
        }
    }

    private void applyStop(boolean interrupt) {
        state.wantRunning(false);
        state.commandFailure(null);
        standby(interrupt);
    }

    private void standby(boolean interrupt) {
        try {
            if (!scheduler.isShutdown() && !scheduler.isInStandbyMode()) {
                scheduler.standby();
                log.info(
                        "Scheduler '{}' in standby; {} jobs draining",
                        schedulerName,
                        runningJobs().size());
            }
            if (interrupt) {
                interruptRunningJobs();
            }
        } catch (SchedulerException | RuntimeException e) {
            state.commandFailure(Errors.describe(e));
            log.error("Scheduler '{}' could not stop", schedulerName, e);
        }
    }

    /** Interrupts every running job that can be interrupted. Safe from any thread. */
    void interruptRunningJobs() {
        for (JobExecutionContext running : runningJobs()) {
            if (running.getJobInstance() instanceof InterruptableJob) {
                try {
                    scheduler.interrupt(running.getFireInstanceId());
                } catch (SchedulerException | RuntimeException e) {
                    log.warn(
                            "Could not interrupt {}: {}", running.getJobDetail().getKey(), Errors.describe(e));
                }
            }
        }
    }

    List<JobExecutionContext> runningJobs() {
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

    /** Stops taking commands; those already queued are applied first (application shutdown). */
    void close() {
        Threads.shutdown(control, Duration.ofSeconds(5));
    }

    @Override
    public void destroy() {
        close();
    }
}
