package io.jobdeck.jobs;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a job of a built-in type leaves as its Quartz result ({@code context.setResult}), for the history to keep. */
public interface JobResult {

    Summary summary();

    /**
     * @param httpStatus an HTTP job's response status
     * @param httpBytes  the size of its response body
     * @param httpTime   how long the exchange took
     * @param exitCode   a shell job's exit code (none when it was ended)
     * @param output     what it answered or printed, as kept (bounded)
     */
    record Summary(
            @Nullable Integer httpStatus,
            @Nullable Long httpBytes,
            @Nullable Duration httpTime,
            @Nullable Integer exitCode,
            String output) {}
}
