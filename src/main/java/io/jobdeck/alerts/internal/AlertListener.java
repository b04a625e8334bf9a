package io.jobdeck.alerts.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.RunAttempt;
import io.jobdeck.scheduler.ExecutionOutcomes;
import io.jobdeck.support.Errors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the alert rules need from Quartz: which executions run now on this node, and which ended, with whether their run
 * ended with them (a failure the job's retry policy retries does not). On Quartz's threads it only copies into memory
 * and a bounded queue (no I/O); the check on {@code jobdeck-alerts} drains it.
 */
@Component
class AlertListener extends JobListenerSupport {

    static final int QUEUE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final Clock clock;
    private final Map<String, Facts.Running> running = new ConcurrentHashMap<>();
    private final BlockingQueue<Facts.Ended> ended = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();

    AlertListener(Scheduler scheduler, Clock clock) throws SchedulerException {
        this.clock = clock;
        scheduler.getListenerManager().addJobListener(this, EverythingMatcher.allJobs());
    }

    @Override
    public String getName() {
        return "jobdeck-alerts";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        JobKey key = context.getJobDetail().getKey();
        running.put(
                context.getFireInstanceId(),
                new Facts.Running(
                        new Facts.Job(key.getGroup(), key.getName()),
                        context.getFireInstanceId(),
                        context.getFireTime().toInstant()));
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
        running.remove(context.getFireInstanceId());
        try {
            JobKey key = context.getJobDetail().getKey();
            JobOutcome outcome = ExecutionOutcomes.of(error);
            int attempt = RunAttempt.of(context.getFireInstanceId(), context.getMergedJobDataMap())
                    .attempt();
            boolean retried = outcome.failed() // most runs: no policy to read
                    && RetryPolicy.of(context.getJobDetail().getJobDataMap()).retries(outcome, error, attempt);
            offer(new Facts.Ended(
                    new Facts.Job(key.getGroup(), key.getName()),
                    outcome,
                    !retried,
                    attempt,
                    error == null ? null : Errors.describe(error),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not note the end of {} for the alerts",
                    context.getJobDetail().getKey(),
                    e);
        }
    }

    void offer(Facts.Ended end) {
        if (!ended.offer(end)) {
            dropped.incrementAndGet();
        }
    }

    /** What ended since the last call, in order, and how many ends were lost to a full queue meanwhile. */
    List<Facts.Ended> drainEnded() {
        List<Facts.Ended> ends = new ArrayList<>();
        ended.drainTo(ends);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            log.warn("{} ends of executions were not seen by the alert rules (the queue of {} was full)", lost, QUEUE);
        }
        return ends;
    }

    List<Facts.Running> running() {
        return List.copyOf(running.values());
    }
}
