package io.jobdeck.scheduler;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Immutable events handed from Quartz listeners and the control to the {@link EventHub}. */
public sealed interface SchedulerEvent {

    /** The scheduler's state changed. */
    record StateChanged(SchedulerStatus status) implements SchedulerEvent {}

    /** A job began executing on this node. */
    record JobStarted(String fireId, String jobGroup, String jobName, Instant firedAt) implements SchedulerEvent {}

    /** A job finished executing on this node. */
    record JobFinished(
            String fireId,
            String jobGroup,
            String jobName,
            Instant firedAt,
            Duration runTime,
            JobOutcome outcome,
            @Nullable String error)
            implements SchedulerEvent {}

    /** A trigger misfired. */
    record TriggerMisfired(String jobGroup, String jobName) implements SchedulerEvent {}

    /** Jobs or triggers were added, changed, paused, resumed or deleted. */
    record JobsChanged() implements SchedulerEvent {}

    /** A job or trigger snapshot was rebuilt and can be re-read. */
    record CatalogRefreshed() implements SchedulerEvent {}

    /** How an execution ended. */
    enum JobOutcome {
        SUCCEEDED,
        FAILED,
        INTERRUPTED
    }
}
