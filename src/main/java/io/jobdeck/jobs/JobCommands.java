package io.jobdeck.jobs;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.security.Permissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What an operator does to one job: pause, resume, run now, interrupt; and what an admin does: delete. Roles are
 * checked on the caller's thread; the Quartz call (job store I/O) runs on {@code jobdeck-jobs}. Each action is
 * audited with its outcome ({@link Audited}).
 */
@Service
public class JobCommands implements DisposableBean {

    private final Scheduler scheduler;
    private final Worker worker = new Worker("jobdeck-jobs", 1, 1_000);

    JobCommands(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.PAUSE, target = "'job ' + #group + '.' + #name")
    public CompletionStage<@Nullable Void> pause(String group, String name) {
        return onExistingJob(JobKey.jobKey(name, group), key -> {
            scheduler.pauseJob(key);
            return null;
        });
    }

    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.RESUME, target = "'job ' + #group + '.' + #name")
    public CompletionStage<@Nullable Void> resume(String group, String name) {
        return onExistingJob(JobKey.jobKey(name, group), key -> {
            scheduler.resumeJob(key);
            return null;
        });
    }

    /** Pauses one trigger of a job; its other triggers go on. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.PAUSE, target = "'trigger ' + #trigger + ' of job ' + #group + '.' + #name")
    public CompletionStage<@Nullable Void> pauseTrigger(String group, String name, String trigger) {
        return onTriggerOf(JobKey.jobKey(name, group), trigger, scheduler::pauseTrigger);
    }

    /** Resumes one trigger of a job. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.RESUME, target = "'trigger ' + #trigger + ' of job ' + #group + '.' + #name")
    public CompletionStage<@Nullable Void> resumeTrigger(String group, String name, String trigger) {
        return onTriggerOf(JobKey.jobKey(name, group), trigger, scheduler::resumeTrigger);
    }

    private interface TriggerAction {
        void run(TriggerKey key) throws SchedulerException;
    }

    /** Acts on a trigger if it is the job's (a trigger's key alone could name another job's). */
    private CompletionStage<@Nullable Void> onTriggerOf(JobKey job, String trigger, TriggerAction action) {
        return worker.submit(() -> {
            TriggerKey key = TriggerKey.triggerKey(trigger, job.getGroup());
            org.quartz.Trigger found = scheduler.getTrigger(key);
            if (found == null || !found.getJobKey().equals(job)) {
                throw new IllegalArgumentException("No trigger " + trigger + " of job " + job);
            }
            action.run(key);
            return null;
        });
    }

    /**
     * Pauses every job of {@code group} that exists now, trigger by trigger. Jobs added to the group later are not
     * paused (unlike Quartz's {@code pauseTriggers(group)}, which would also pause them, and every Run now in it).
     */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.PAUSE, target = "'jobs in group ' + #group")
    public CompletionStage<@Nullable Void> pauseGroup(String group) {
        return worker.submit(() -> {
            scheduler.pauseJobs(GroupMatcher.jobGroupEquals(group));
            return null;
        });
    }

    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.RESUME, target = "'jobs in group ' + #group")
    public CompletionStage<@Nullable Void> resumeGroup(String group) {
        return worker.submit(() -> {
            scheduler.resumeJobs(GroupMatcher.jobGroupEquals(group));
            return null;
        });
    }

    /**
     * Pauses every job that exists now. Not Quartz's {@code pauseAll}, which also pauses every job added later, and so
     * every Run now, until a resume: here a new job runs as scheduled, and Run now always runs.
     */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.PAUSE, target = "'all jobs'")
    public CompletionStage<@Nullable Void> pauseAll() {
        return worker.submit(() -> {
            scheduler.pauseJobs(GroupMatcher.anyJobGroup());
            return null;
        });
    }

    /** Resumes every paused job and trigger, including any group paused by Quartz's own means. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.RESUME, target = "'all jobs'")
    public CompletionStage<@Nullable Void> resumeAll() {
        return worker.submit(() -> {
            scheduler.resumeAll();
            return null;
        });
    }

    /** Fires the job once, now; while the scheduler is stopped, the run waits for the next start (and says so). */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.RUN_NOW, target = "'job ' + #group + '.' + #name")
    public CompletionStage<RunNowOutcome> runNow(String group, String name) {
        return onExistingJob(JobKey.jobKey(name, group), key -> {
            scheduler.triggerJob(key);
            return scheduler.isInStandbyMode() ? RunNowOutcome.QUEUED_UNTIL_START : RunNowOutcome.FIRING;
        });
    }

    /**
     * Fires the job once, now, with one-off {@code parameters} added to that run's data ({@link RunParameters}): they
     * may not replace the job's own data, so a run cannot change what an admin defined (an HTTP job's URL or secrets).
     * The trail names the parameters, never their values.
     */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(
            value = AuditAction.RUN_NOW,
            target = "'job ' + #group + '.' + #name",
            detail = "#parameters.isEmpty() ? null : 'parameters: ' + T(String).join(', ', #parameters.keySet())")
    public CompletionStage<RunNowOutcome> runNow(String group, String name, Map<String, String> parameters) {
        Map<String, String> copy = Map.copyOf(parameters);
        List<RunParameters.Problem> problems = RunParameters.check(copy);
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new JobCommandException("Parameters refused: "
                    + problems.getFirst().code() + " " + problems.getFirst().args()));
        }
        return onExistingJob(JobKey.jobKey(name, group), key -> {
            JobDetail job = scheduler.getJobDetail(key);
            List<String> taken = copy.keySet().stream()
                    .filter(job.getJobDataMap()::containsKey)
                    .sorted()
                    .toList();
            if (!taken.isEmpty()) {
                throw new IllegalArgumentException("Part of the job's own definition, not a parameter: "
                        + String.join(", ", taken) + " (edit the job to change it)");
            }
            scheduler.triggerJob(key, new JobDataMap(copy));
            return scheduler.isInStandbyMode() ? RunNowOutcome.QUEUED_UNTIL_START : RunNowOutcome.FIRING;
        });
    }

    /** Interrupts one running execution, by its fire id. */
    @PreAuthorize(Permissions.OPERATE)
    @Audited(value = AuditAction.INTERRUPT, target = "'execution ' + #fireId")
    public CompletionStage<@Nullable Void> interrupt(String fireId) {
        return worker.submit(() -> {
            if (!scheduler.interrupt(fireId)) {
                throw new IllegalStateException("That execution is no longer running or cannot be interrupted");
            }
            return null;
        });
    }

    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.DELETE, target = "'job ' + #group + '.' + #name")
    public CompletionStage<@Nullable Void> delete(String group, String name) {
        JobKey key = JobKey.jobKey(name, group);
        return worker.submit(() -> {
            JobDetail job = scheduler.getJobDetail(key);
            String managedBy = job == null ? null : StoredCatalog.managedBy(job);
            if (managedBy != null) {
                // It would come back at the next start: the file is where it goes.
                throw new IllegalStateException(
                        "Job " + key + " is managed by the definitions file " + managedBy + ": remove it there");
            }
            if (!scheduler.deleteJob(key)) {
                throw new IllegalArgumentException("No job " + key);
            }
            return null;
        });
    }

    private interface JobAction<T extends @Nullable Object> {
        T run(JobKey key) throws SchedulerException;
    }

    private <T extends @Nullable Object> CompletionStage<T> onExistingJob(JobKey key, JobAction<T> work) {
        return worker.submit(() -> {
            if (!scheduler.checkExists(key)) {
                throw new IllegalArgumentException("No job " + key);
            }
            return work.run(key);
        });
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
