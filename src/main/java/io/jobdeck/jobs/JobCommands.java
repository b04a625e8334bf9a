package io.jobdeck.jobs;

import io.jobdeck.security.Actor;
import io.jobdeck.security.AuditAction;
import io.jobdeck.security.AuditLog;
import io.jobdeck.security.AuditOutcome;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What an operator does to one job: pause, resume, run now, interrupt; and what an admin does: delete. Roles are
 * checked on the caller's thread; the Quartz call (job store I/O) runs on {@code jobdeck-jobs}, and every action is
 * audited with its outcome.
 */
@Service
public class JobCommands implements DisposableBean {

    private final Scheduler scheduler;
    private final AuditLog audit;
    private final ThreadPoolExecutor worker = Threads.single("jobdeck-jobs", 1_000);

    JobCommands(Scheduler scheduler, AuditLog audit) {
        this.scheduler = scheduler;
        this.audit = audit;
    }

    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<Void> pause(String group, String name) {
        return onExistingJob(AuditAction.PAUSE, JobKey.jobKey(name, group), scheduler::pauseJob);
    }

    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<Void> resume(String group, String name) {
        return onExistingJob(AuditAction.RESUME, JobKey.jobKey(name, group), scheduler::resumeJob);
    }

    /** Fires the job once, now (if the scheduler is stopped, it runs when the scheduler starts). */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<Void> runNow(String group, String name) {
        return onExistingJob(AuditAction.RUN_NOW, JobKey.jobKey(name, group), scheduler::triggerJob);
    }

    /** Interrupts one running execution, by its fire id. */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<Void> interrupt(String fireId) {
        return run(AuditAction.INTERRUPT, "execution " + fireId, () -> {
            if (!scheduler.interrupt(fireId)) {
                throw new IllegalStateException("That execution is no longer running or cannot be interrupted");
            }
        });
    }

    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<Void> delete(String group, String name) {
        JobKey key = JobKey.jobKey(name, group);
        return run(AuditAction.DELETE, key.toString(), () -> {
            if (!scheduler.deleteJob(key)) {
                throw new IllegalArgumentException("No job " + key);
            }
        });
    }

    private interface QuartzAction {
        void run() throws SchedulerException;
    }

    private interface JobAction {
        void run(JobKey key) throws SchedulerException;
    }

    private CompletionStage<Void> onExistingJob(AuditAction action, JobKey key, JobAction work) {
        return run(action, key.toString(), () -> {
            if (!scheduler.checkExists(key)) {
                throw new IllegalArgumentException("No job " + key);
            }
            work.run(key);
        });
    }

    private CompletionStage<Void> run(AuditAction action, String target, QuartzAction work) {
        Actor by = Actor.current();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                @Nullable String error = null;
                try {
                    work.run(); // Quartz's scheduler listeners report the change; the overview refreshes from that
                    done.complete(null);
                } catch (SchedulerException | RuntimeException e) {
                    error = Errors.describe(e);
                    done.completeExceptionally(new JobCommandException(error));
                }
                audit.record(by, action, target, error == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, error);
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new JobCommandException("Too many job commands are waiting; try again"));
        }
        return done;
    }

    @Override
    public void destroy() {
        Threads.shutdown(worker, Duration.ofSeconds(5));
    }
}
