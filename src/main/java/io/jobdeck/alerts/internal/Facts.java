package io.jobdeck.alerts.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.SchedulerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one check of the rules sees: no I/O behind any of it, so that the rules are pure functions of it.
 *
 * @param now               when the check runs (the injected clock)
 * @param state             the scheduler's state on this node
 * @param stateSince        since when it has that state
 * @param stateReason       why, in English, if the status says
 * @param storeTroubleSince since when the job store has not answered (as the status's reason or warnings say); null
 *                          while it answers
 * @param storeReason       what the status says of the store
 * @param running           executions running on this node now
 * @param ended             executions that ended since the previous check, in order
 * @param lastSuccess       when each job last succeeded, as far as known
 */
record Facts(
        Instant now,
        SchedulerState state,
        Instant stateSince,
        @Nullable String stateReason,
        @Nullable Instant storeTroubleSince,
        @Nullable String storeReason,
        List<Running> running,
        List<Ended> ended,
        Map<Job, Instant> lastSuccess) {

    Facts {
        running = List.copyOf(running);
        ended = List.copyOf(ended);
        lastSuccess = Map.copyOf(lastSuccess);
    }

    /** A job by its key. */
    record Job(String group, String name) {
        @Override
        public String toString() {
            return group + "." + name;
        }
    }

    /** An execution running now. */
    record Running(Job job, String fireId, Instant firedAt) {}

    /**
     * An execution that ended.
     *
     * @param last    whether it ended its run: it succeeded, or failed and no retry follows
     * @param attempt which attempt of its run it was
     */
    record Ended(
            Job job,
            JobOutcome outcome,
            boolean last,
            int attempt,
            @Nullable String error,
            Instant at) {}
}
