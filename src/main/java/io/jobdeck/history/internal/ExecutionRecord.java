package io.jobdeck.history.internal;

import io.jobdeck.events.JobOutcome;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;

/**
 * An execution's start or end as handed to the recorder: immutable, made on a Quartz thread without I/O. An end
 * carries everything its start did, so an end whose start was never written is stored whole. Its values are raw
 * ({@link #parameters} unmasked, {@link #error} a throwable): masking and rendering happen on the writer's thread.
 */
public record ExecutionRecord(
        String fireId,
        String runKey,
        int attempt,
        String jobGroup,
        String jobName,
        @Nullable String triggerGroup,
        @Nullable String triggerName,
        String node,
        @Nullable Class<? extends Job> jobClass,
        Map<String, String> parameters,
        Map<String, String> runParameters,
        @Nullable Instant scheduledAt,
        Instant firedAt,
        @Nullable Instant endedAt,
        @Nullable Long durationMillis,
        JobOutcome outcome,
        @Nullable Throwable error,
        @Nullable Integer httpStatus,
        @Nullable Long httpBytes,
        @Nullable Long httpMillis,
        @Nullable Integer exitCode,
        @Nullable String log,
        boolean logTruncated) {

    public boolean ended() {
        return outcome != JobOutcome.RUNNING;
    }

    /** This (started) execution as it ended. */
    public ExecutionRecord end(
            Instant endedAt,
            long durationMillis,
            JobOutcome outcome,
            @Nullable Throwable error,
            @Nullable Integer httpStatus,
            @Nullable Long httpBytes,
            @Nullable Long httpMillis,
            @Nullable Integer exitCode,
            @Nullable String log,
            boolean logTruncated) {
        return new ExecutionRecord(
                fireId,
                runKey,
                attempt,
                jobGroup,
                jobName,
                triggerGroup,
                triggerName,
                node,
                jobClass,
                parameters,
                runParameters,
                scheduledAt,
                firedAt,
                endedAt,
                durationMillis,
                outcome,
                error,
                httpStatus,
                httpBytes,
                httpMillis,
                exitCode,
                log,
                logTruncated);
    }
}
