package io.jobdeck.scheduler.internal;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.scheduler.ExecutionOutcomes;
import io.jobdeck.support.Errors;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.TriggerListener;
import org.quartz.listeners.SchedulerListenerSupport;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Quartz's global listeners. They run on Quartz's threads, so they only count and hand immutable events to the
 * {@link EventHub}: no I/O, no locks, no logging. Every event carries this node's id.
 */
@Component
public class QuartzEventListeners extends SchedulerListenerSupport
        implements JobListener, TriggerListener, SchedulerFactoryBeanCustomizer {

    private final EventHub hub;
    private final ExecutionCounters counters;
    private final QuartzErrors errors;
    private final String node;

    QuartzEventListeners(EventHub hub, ExecutionCounters counters, QuartzErrors errors, NodeIdentity node) {
        this.hub = hub;
        this.counters = counters;
        this.errors = errors;
        this.node = node.id();
    }

    @Override
    public void customize(SchedulerFactoryBean factory) {
        factory.setGlobalJobListeners(this);
        factory.setGlobalTriggerListeners(this);
        factory.setSchedulerListeners(this);
    }

    @Override
    public String getName() {
        return "jobdeck-events";
    }

    // --- JobListener ---

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        counters.jobFired();
        JobKey key = context.getJobDetail().getKey();
        hub.publish(new SchedulerEvent.JobStarted(
                node,
                context.getFireInstanceId(),
                key.getGroup(),
                key.getName(),
                context.getFireTime().toInstant()));
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        // Nothing ran.
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
        JobOutcome outcome = ExecutionOutcomes.of(error);
        if (outcome.failed()) {
            counters.jobFailed();
        }
        JobKey key = context.getJobDetail().getKey();
        hub.publish(new SchedulerEvent.JobFinished(
                node,
                context.getFireInstanceId(),
                key.getGroup(),
                key.getName(),
                context.getFireTime().toInstant(),
                Duration.ofMillis(Math.max(0, context.getJobRunTime())),
                outcome,
                error == null ? null : Errors.describe(error)));
    }

    // --- TriggerListener ---

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
        errors.fired();
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        JobKey key = trigger.getJobKey();
        hub.publish(new SchedulerEvent.TriggerMisfired(node, key.getGroup(), key.getName()));
    }

    @Override
    public void triggerComplete(
            Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {}

    // --- SchedulerListener: anything that changes what jobs and triggers exist or their state ---

    private void changed() {
        hub.publish(new SchedulerEvent.JobsChanged(node));
    }

    @Override
    public void schedulerError(String message, SchedulerException cause) {
        errors.reported(message, cause);
        changed();
    }

    @Override
    public void jobScheduled(Trigger trigger) {
        changed();
    }

    @Override
    public void jobUnscheduled(TriggerKey triggerKey) {
        changed();
    }

    @Override
    public void triggerFinalized(Trigger trigger) {
        changed();
    }

    @Override
    public void triggerPaused(TriggerKey triggerKey) {
        changed();
    }

    @Override
    public void triggersPaused(String triggerGroup) {
        changed();
    }

    @Override
    public void triggerResumed(TriggerKey triggerKey) {
        changed();
    }

    @Override
    public void triggersResumed(String triggerGroup) {
        changed();
    }

    @Override
    public void jobAdded(JobDetail jobDetail) {
        changed();
    }

    @Override
    public void jobDeleted(JobKey jobKey) {
        changed();
    }

    @Override
    public void jobPaused(JobKey jobKey) {
        changed();
    }

    @Override
    public void jobsPaused(String jobGroup) {
        changed();
    }

    @Override
    public void jobResumed(JobKey jobKey) {
        changed();
    }

    @Override
    public void jobsResumed(String jobGroup) {
        changed();
    }

    @Override
    public void schedulingDataCleared() {
        changed();
    }

    @Override
    public void schedulerStarted() {
        changed();
    }

    @Override
    public void schedulerInStandbyMode() {
        changed();
    }
}
