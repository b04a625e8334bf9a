package io.jobdeck.history;

import io.jobdeck.events.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One execution (one attempt of a run) as the history keeps it. Lists carry no {@link #stackTrace} and {@link #log}
 * (they are read with one execution only).
 *
 * @param id            the history's id of this execution (its page is {@code executions/<id>})
 * @param fireId        Quartz's fire instance id
 * @param runKey        what the attempts of one run share (the first attempt's fire id)
 * @param attempt       1 for the first attempt, 2 for the first retry, ...
 * @param node          the node that ran it
 * @param parameters    the job's and the run's values, secrets masked
 * @param runParameters the values given to this run only (Run now's), secrets masked
 * @param scheduledAt   when its trigger was to fire (none for a Run now)
 * @param firedAt       when it fired
 * @param lag           how late it fired: {@code firedAt - scheduledAt}
 * @param endedAt       when it ended; none while it runs
 * @param duration      how long it ran; none while it runs
 */
public record Execution(
        long id,
        String fireId,
        String runKey,
        int attempt,
        String jobGroup,
        String jobName,
        @Nullable String triggerGroup,
        @Nullable String triggerName,
        String node,
        Map<String, String> parameters,
        Map<String, String> runParameters,
        @Nullable Instant scheduledAt,
        Instant firedAt,
        @Nullable Duration lag,
        @Nullable Instant endedAt,
        @Nullable Duration duration,
        JobOutcome outcome,
        @Nullable String error,
        @Nullable Integer httpStatus,
        @Nullable Long httpBytes,
        @Nullable Duration httpTime,
        @Nullable Integer exitCode,
        @Nullable String stackTrace,
        @Nullable String log,
        boolean logTruncated) {

    public Execution {
        parameters = Map.copyOf(parameters);
        runParameters = Map.copyOf(runParameters);
    }

    public boolean running() {
        return outcome == JobOutcome.RUNNING;
    }
}
