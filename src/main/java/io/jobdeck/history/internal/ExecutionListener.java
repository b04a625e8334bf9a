package io.jobdeck.history.internal;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.LogTail;
import io.jobdeck.jobs.JobOutput;
import io.jobdeck.jobs.JobResult;
import io.jobdeck.jobs.JobTasks;
import io.jobdeck.jobs.Progress;
import io.jobdeck.jobs.RunAttempt;
import io.jobdeck.scheduler.ExecutionOutcomes;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.quartz.impl.matchers.EverythingMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every execution: its start, its end, a veto, a misfire. Runs on Quartz's threads, so it only copies what it
 * needs into an immutable {@link ExecutionRecord} and hands it to the {@link ExecutionRecorder}'s queue: no I/O, no
 * locks, no masking (the recorder's thread does that). What runs now on this node is kept here, by fire id. Its log is
 * captured from its start to its end ({@link LiveRuns}), and its progress and task executor are put in its context.
 */
@Component
public class ExecutionListener implements JobListener, TriggerListener {

    private static final Logger log = LoggerFactory.getLogger(ExecutionListener.class);

    private final ExecutionRecorder recorder;
    private final LiveRuns live;
    private final Clock clock;
    private final String node;
    private final Map<String, ExecutionRecord> running = new ConcurrentHashMap<>();

    ExecutionListener(ExecutionRecorder recorder, LiveRuns live, Clock clock, NodeIdentity node, Scheduler scheduler)
            throws SchedulerException {
        this.recorder = recorder;
        this.live = live;
        this.clock = clock;
        this.node = node.id();
        scheduler.getListenerManager().addJobListener(this, EverythingMatcher.allJobs());
        scheduler.getListenerManager().addTriggerListener(this, EverythingMatcher.allTriggers());
    }

    @Override
    public String getName() {
        return "jobdeck-history";
    }

    /** The executions running on this node now, as they started. */
    public Collection<ExecutionRecord> running() {
        return List.copyOf(running.values());
    }

    /** Whether this node runs the execution of this fire now. */
    public boolean runs(String fireId) {
        return running.containsKey(fireId);
    }

    public Optional<ExecutionRecord> runningNow(String fireId) {
        return Optional.ofNullable(running.get(fireId));
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        try {
            ExecutionRecord started = started(context);
            running.put(started.fireId(), started);
            recorder.offer(started);
            LiveRuns.LiveRun run =
                    live.begin(started.fireId(), started.jobGroup(), started.jobName(), started.firedAt());
            context.put(Progress.CONTEXT_KEY, run.progress());
            context.put(JobTasks.CONTEXT_KEY, run.tasks());
            context.put(JobOutput.CONTEXT_KEY, run.output());
        } catch (RuntimeException e) {
            log.warn("Could not record the start of {}", context.getJobDetail().getKey(), e);
        }
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        try {
            Instant now = clock.instant();
            recorder.offer(started(context).end(now, 0, JobOutcome.VETOED, null, null, null, null, null, null, false));
        } catch (RuntimeException e) {
            log.warn("Could not record the veto of {}", context.getJobDetail().getKey(), e);
        }
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
        try {
            // Still listed as running until its end is handed over: the orphan check takes an execution that is
            // neither listed nor ended (after a flush of what was handed over) for one whose node died.
            ExecutionRecord started = running.get(context.getFireInstanceId());
            if (started == null) {
                started = started(context);
            }
            JobResult.Summary result = context.getResult() instanceof JobResult r ? r.summary() : null;
            String output = result == null || result.output().isEmpty() ? null : result.output();
            LogTail captured = live.end(started.fireId(), output);
            recorder.offer(started.end(
                    clock.instant(),
                    Math.max(0, context.getJobRunTime()),
                    ExecutionOutcomes.of(error),
                    error,
                    result == null ? null : result.httpStatus(),
                    result == null ? null : result.httpBytes(),
                    result == null || result.httpTime() == null
                            ? null
                            : result.httpTime().toMillis(),
                    result == null ? null : result.exitCode(),
                    captured.text().isEmpty() ? null : captured.text(),
                    captured.truncated()));
        } catch (RuntimeException e) {
            log.warn("Could not record the end of {}", context.getJobDetail().getKey(), e);
        } finally {
            running.remove(context.getFireInstanceId());
            live.end(context.getFireInstanceId(), null); // already ended, unless recording it failed
        }
    }

    private ExecutionRecord started(JobExecutionContext context) {
        JobKey key = context.getJobDetail().getKey();
        Trigger trigger = context.getTrigger();
        Map<String, String> runValues = strings(trigger.getJobDataMap());
        Map<String, String> values = strings(context.getJobDetail().getJobDataMap());
        values.putAll(runValues);
        RunAttempt attempt = RunAttempt.of(context.getFireInstanceId(), context.getMergedJobDataMap());
        return new ExecutionRecord(
                context.getFireInstanceId(),
                attempt.runKey(),
                attempt.attempt(),
                key.getGroup(),
                key.getName(),
                trigger.getKey().getGroup(),
                trigger.getKey().getName(),
                node,
                context.getJobDetail().getJobClass(),
                values,
                runValues,
                context.getScheduledFireTime() == null
                        ? null
                        : context.getScheduledFireTime().toInstant(),
                context.getFireTime().toInstant(),
                null,
                null,
                JobOutcome.RUNNING,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }

    private static Map<String, String> strings(JobDataMap data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (!e.getKey().startsWith(RunAttempt.INTERNAL_PREFIX) && e.getValue() != null) {
                values.put(e.getKey(), e.getValue().toString());
            }
        }
        return values;
    }

    // --- TriggerListener: misfires ---

    @Override
    public void triggerMisfired(Trigger trigger) {
        try {
            Instant now = clock.instant();
            Instant missed = trigger.getNextFireTime() == null
                    ? now
                    : trigger.getNextFireTime().toInstant();
            Map<String, String> runValues = strings(trigger.getJobDataMap());
            String fireId = "misfire-" + java.util.UUID.randomUUID();
            // A retry's trigger that misfires is that attempt of its run, not a run of its own.
            RunAttempt attempt = RunAttempt.of(fireId, trigger.getJobDataMap());
            recorder.offer(new ExecutionRecord(
                    fireId,
                    attempt.runKey(),
                    attempt.attempt(),
                    trigger.getJobKey().getGroup(),
                    trigger.getJobKey().getName(),
                    trigger.getKey().getGroup(),
                    trigger.getKey().getName(),
                    node,
                    null,
                    runValues,
                    runValues,
                    missed,
                    now,
                    now,
                    0L,
                    JobOutcome.MISFIRED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false));
        } catch (RuntimeException e) {
            log.warn("Could not record the misfire of {}", trigger.getKey(), e);
        }
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {}

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(
            Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {}
}
