package io.jobdeck.history;

import org.jspecify.annotations.Nullable;

/**
 * Whether the execution history is being written.
 *
 * @param waiting   starts and ends handed over and not written yet
 * @param lost      starts and ends dropped since this node started because the queue was full
 * @param lastError why the last write failed, while writes fail
 */
public record RecorderHealth(
        long waiting, long lost, @Nullable String lastError) {}
