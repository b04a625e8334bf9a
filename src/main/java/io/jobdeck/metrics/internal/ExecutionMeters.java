package io.jobdeck.metrics.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.metrics.MetricsProperties;
import io.jobdeck.scheduler.ExecutionOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.stereotype.Component;

/**
 * Counts every execution on this node by job and outcome, times it, and measures its fire lag. Runs on Quartz's
 * threads, so it only increments meters made in advance: no I/O, no locks, no logging, and (see {@link JobLabels}) no
 * map that grows with the number of jobs. Misfires and vetoes count as executions with those outcomes; each attempt of
 * a retried run counts on its own.
 */
@Component
class ExecutionMeters extends TriggerListenerSupport implements JobListener {

    static final String EXECUTIONS = "jobdeck.executions";
    static final String DURATION = "jobdeck.execution.duration";
    static final String FIRE_LAG = "jobdeck.fire.lag";
    static final String JOB = "job_key";
    static final String OUTCOME = "outcome";

    /** The outcomes an execution can end with on this node (RUNNING is not an end; NODE_DIED is found later). */
    static final List<JobOutcome> COUNTED = List.of(
            JobOutcome.SUCCEEDED,
            JobOutcome.FAILED,
            JobOutcome.INTERRUPTED,
            JobOutcome.TIMED_OUT,
            JobOutcome.VETOED,
            JobOutcome.MISFIRED);

    /** Histogram buckets of the duration: from a quick HTTP call to an hour-long batch, fine enough for a p95. */
    static final Duration[] DURATION_BUCKETS =
            seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);

    static final Duration[] LAG_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);

    private final JobLabels<JobMeters> jobs;
    private final Timer fireLag;

    ExecutionMeters(MeterRegistry registry, MetricsProperties properties, Scheduler scheduler)
            throws SchedulerException {
        this.jobs = new JobLabels<>(
                properties.maxJobLabels(), properties.jobs(), label -> JobMeters.register(registry, label));
        this.fireLag = Timer.builder(FIRE_LAG)
                .description("How late executions fired after their scheduled time")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        scheduler.getListenerManager().addJobListener(this, EverythingMatcher.allJobs());
        scheduler.getListenerManager().addTriggerListener(this, EverythingMatcher.allTriggers());
    }

    @Override
    public String getName() {
        return "jobdeck-metrics";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        if (context.getScheduledFireTime() != null) {
            long lag = context.getFireTime().getTime()
                    - context.getScheduledFireTime().getTime();
            fireLag.record(Math.max(0, lag), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        jobs.of(context.getJobDetail().getKey()).count(JobOutcome.VETOED);
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
        JobMeters meters = jobs.of(context.getJobDetail().getKey());
        meters.count(ExecutionOutcomes.of(error));
        meters.duration().record(Math.max(0, context.getJobRunTime()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        jobs.of(trigger.getJobKey()).count(JobOutcome.MISFIRED);
    }

    /** One label's meters, all registered when the label is given. */
    record JobMeters(String label, Map<JobOutcome, Counter> executions, Timer duration) {

        static JobMeters register(MeterRegistry registry, String label) {
            Map<JobOutcome, Counter> executions = new EnumMap<>(JobOutcome.class);
            for (JobOutcome outcome : COUNTED) {
                executions.put(
                        outcome,
                        Counter.builder(EXECUTIONS)
                                .description("Executions that ended, by job and outcome")
                                .tag(JOB, label)
                                .tag(OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
            Timer duration = Timer.builder(DURATION)
                    .description("How long executions ran, by job")
                    .tag(JOB, label)
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry);
            return new JobMeters(label, executions, duration);
        }

        void count(JobOutcome outcome) {
            Counter counter = executions.get(outcome);
            if (counter != null) {
                counter.increment();
            }
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
