package io.jobdeck.events;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Immutable events handed from Quartz listeners and the scheduler control to the {@link EventHub}. Each names the node
 * that produced it, so that events from other nodes can join the same stream.
 */
public sealed interface SchedulerEvent {

    /** The node (Quartz instance id) the event comes from. */
    String node();

    /** The scheduler's state changed; {@code state} is a {@code SchedulerState} name. */
    record StateChanged(String node, String state, @Nullable String reason) implements SchedulerEvent {}

    /** A job began executing. */
    record JobStarted(String node, String fireId, String jobGroup, String jobName, Instant firedAt)
            implements SchedulerEvent {}

    /** A job finished executing. */
    record JobFinished(
            String node,
            String fireId,
            String jobGroup,
            String jobName,
            Instant firedAt,
            Duration runTime,
            JobOutcome outcome,
            @Nullable String error)
            implements SchedulerEvent {}

    /** A trigger misfired. */
    record TriggerMisfired(String node, String jobGroup, String jobName) implements SchedulerEvent {}

    /** Jobs or triggers were added, changed, paused, resumed or deleted, or a calendar they may use was. */
    record JobsChanged(String node) implements SchedulerEvent {}

    /** A job or trigger snapshot was rebuilt and can be re-read. */
    record CatalogRefreshed(String node) implements SchedulerEvent {}

    /**
     * A running execution reported progress: the latest values, published a few times a second at most (a job that
     * reports more often has its reports coalesced).
     *
     * @param fraction how much is done, 0 to 1; none while the job has not said
     * @param done     steps done, when the job counts steps
     * @param total    steps in all; 0 when the job does not count steps
     * @param message  what it is doing now, in a few words
     */
    record ProgressChanged(
            String node,
            String fireId,
            String jobGroup,
            String jobName,
            @Nullable Double fraction,
            long done,
            long total,
            @Nullable String message)
            implements SchedulerEvent {}

    /**
     * A running execution's captured log grew: its new lines can be read from this node's live executions. Published a
     * few times a second at most per execution, whatever the job logs.
     *
     * @param length the log's length (characters kept) when published
     */
    record LogAppended(String node, String fireId, int length) implements SchedulerEvent {}
}
