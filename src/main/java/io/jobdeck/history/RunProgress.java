package io.jobdeck.history;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far an execution running on this node has got, and when it should end.
 *
 * @param fraction     how much is done, 0 to 1, as the job reported it; none when it reports no progress
 * @param done         steps done, when the job counts steps
 * @param total        steps in all; 0 when the job counts no steps
 * @param message      what the job says it is doing now
 * @param typical      how long the job's recent succeeded runs took (the median); none before it has any
 * @param estimatedEnd when it should end, from its progress and its typical duration ({@link Estimates#end}); may be
 *                     past when it runs longer than usual; none when neither is known
 */
public record RunProgress(
        String fireId,
        String jobGroup,
        String jobName,
        Instant firedAt,
        @Nullable Double fraction,
        long done,
        long total,
        @Nullable String message,
        @Nullable Duration typical,
        @Nullable Instant estimatedEnd) {

    /** Whether the job counts steps ("3 of 10"). */
    public boolean counted() {
        return total > 0;
    }
}
