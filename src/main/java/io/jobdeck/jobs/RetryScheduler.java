package io.jobdeck.jobs;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.ExecutionOutcomes;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Retries a failed run as its job's {@link RetryPolicy} says: when an attempt ends with a failure the policy retries
 * and attempts remain, a one-off trigger fires the job again after the policy's wait, carrying the run's key, the next
 * attempt's number ({@link RunAttempt}) and the run's own trigger data (a Run now's parameters). On Quartz's thread it
 * only decides, from what the execution holds in memory; the trigger is stored on {@code jobdeck-retries}. A job
 * deleted meanwhile is not retried; a paused job's retry is stored paused and waits, like its other triggers, for the
 * job to be resumed. An interrupted run is never retried.
 */
@Component
class RetryScheduler extends JobListenerSupport implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);

    /** Retries decided but not yet stored; more are dropped with a warning rather than block a worker. */
    private static final int QUEUE = 1_000;

    private final Scheduler scheduler;
    private final StoredCatalog catalog;
    private final Clock clock;
    private final ThreadPoolExecutor executor = Threads.single("jobdeck-retries", QUEUE);
    private final AtomicLong notScheduled = new AtomicLong();
    private volatile @Nullable String lastError;

    RetryScheduler(Scheduler scheduler, StoredCatalog catalog, Clock clock) throws SchedulerException {
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.clock = clock;
        scheduler.getListenerManager().addJobListener(this, EverythingMatcher.allJobs());
    }

    @Override
    public String getName() {
        return "jobdeck-retries";
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
        try {
            retry(context, error, clock.instant(), ThreadLocalRandom.current()).ifPresent(trigger -> {
                try {
                    executor.execute(() -> store(trigger));
                } catch (RejectedExecutionException e) {
                    notStored(QUEUE + " retries were already waiting to be stored");
                    log.warn(
                            "Run {} of {} is not retried: {} retries are already waiting to be stored",
                            trigger.getJobDataMap().get(RunAttempt.RUN_KEY),
                            trigger.getJobKey(),
                            QUEUE);
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Could not decide whether to retry {}",
                    context.getJobDetail().getKey(),
                    e);
        }
    }

    /**
     * The trigger of the retry that an execution which ended at {@code now} with {@code error} calls for, if any. Pure:
     * it reads only what the execution holds.
     */
    static Optional<Trigger> retry(
            JobExecutionContext context, @Nullable JobExecutionException error, Instant now, RandomGenerator random) {
        JobOutcome outcome = ExecutionOutcomes.of(error);
        if (!outcome.failed()) {
            return Optional.empty(); // most runs: no policy to read
        }
        RetryPolicy policy = RetryPolicy.of(context.getJobDetail().getJobDataMap());
        RunAttempt run = RunAttempt.of(context.getFireInstanceId(), context.getMergedJobDataMap());
        if (!policy.retries(outcome, error, run.attempt())) {
            return Optional.empty();
        }
        int next = run.attempt() + 1;
        Duration wait = policy.delayBefore(next, random);
        Map<String, String> data = new LinkedHashMap<>();
        context.getTrigger().getJobDataMap().forEach((key, value) -> {
            if (!key.startsWith(RunAttempt.INTERNAL_PREFIX) && value != null) {
                data.put(key, value.toString());
            }
        });
        data.put(RunAttempt.RUN_KEY, run.runKey());
        data.put(RunAttempt.ATTEMPT, Integer.toString(next));
        return Optional.of(TriggerBuilder.newTrigger()
                .withIdentity(QuartzTriggers.RETRY_PREFIX + UUID.randomUUID(), Scheduler.DEFAULT_GROUP)
                .forJob(context.getJobDetail().getKey())
                .withPriority(context.getTrigger().getPriority())
                .usingJobData(new JobDataMap(data))
                .startAt(Date.from(now.plus(wait)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
    }

    /** Stores the retry, paused if its job is; not at all if the job is gone. */
    void store(Trigger retry) {
        JobKey job = retry.getJobKey();
        try {
            if (!scheduler.checkExists(job)) {
                log.info("{} was deleted: its run is not retried", job);
                return;
            }
            if (paused(job)) {
                // Stored and paused together: the scheduler never sees it ready to fire.
                catalog.inTransaction(() -> {
                    scheduler.scheduleJob(retry);
                    scheduler.pauseTrigger(retry.getKey());
                });
            } else {
                scheduler.scheduleJob(retry);
            }
            log.info(
                    "Attempt {} of run {} of {} at {}",
                    retry.getJobDataMap().get(RunAttempt.ATTEMPT),
                    retry.getJobDataMap().get(RunAttempt.RUN_KEY),
                    job,
                    retry.getStartTime().toInstant());
        } catch (SchedulerException | StoredCatalog.StoreFailed e) {
            notStored(Errors.describe(e));
            log.warn("Could not store the retry of {}: {}", job, e.getMessage());
        }
    }

    private void notStored(String why) {
        lastError = why;
        notScheduled.incrementAndGet();
    }

    RetryHealth health() {
        return new RetryHealth(notScheduled.get(), lastError);
    }

    /** Whether the job is paused: it has triggers of its own, none of them would fire, and one is paused. */
    private boolean paused(JobKey job) throws SchedulerException {
        List<Trigger.TriggerState> states = new java.util.ArrayList<>();
        for (Trigger trigger : scheduler.getTriggersOfJob(job)) {
            if (QuartzTriggers.defines(trigger)) {
                states.add(scheduler.getTriggerState(trigger.getKey()));
            }
        }
        return states.contains(Trigger.TriggerState.PAUSED)
                && !states.contains(Trigger.TriggerState.NORMAL)
                && !states.contains(Trigger.TriggerState.BLOCKED);
    }

    @Override
    public void destroy() {
        Threads.shutdown(executor, Duration.ofSeconds(5));
    }
}
