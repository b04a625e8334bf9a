package io.jobdeck.jobs;

import io.jobdeck.events.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What the execution history (module {@code history}, which depends on this one) tells the jobs' pages: how each job
 * last ended, so the dashboard's "last outcome" survives a restart, and a job's recent runs for its page.
 */
public interface RunHistory {

    /** How many succeeded runs a job's typical duration is taken from. */
    int TYPICAL_OF = 20;

    /**
     * One past execution of a job.
     *
     * @param id       its id in the history (its page is {@code executions/<id>})
     * @param duration how long it ran; none while it runs
     */
    record PastRun(
            long id,
            JobOutcome outcome,
            Instant firedAt,
            @Nullable Duration duration,
            int attempt,
            @Nullable String error) {}

    /** How the job's most recent ended execution ended, as the history has it. Reads the database: not on a UI thread. */
    Optional<LastRun> lastRun(String group, String name);

    /**
     * How long the job usually takes: the median duration of its last {@link #TYPICAL_OF} succeeded executions; none
     * before it has any. Reads the database: not on a UI thread.
     */
    Optional<Duration> typicalDuration(String group, String name);

    /** The job's most recent executions, newest first. Runs in the background. */
    CompletionStage<List<PastRun>> readRecentRuns(String group, String name, int limit);
}
