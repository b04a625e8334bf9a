package io.jobdeck.jobs;

import org.jspecify.annotations.Nullable;

/**
 * Whether the retries that failed runs call for are being scheduled.
 *
 * @param notScheduled retries decided since this node started that were never stored: their queue was full, or the
 *                     store refused them (the run then ends with the attempt that failed)
 * @param lastError    why the last one was not stored, if one was not
 */
public record RetryHealth(long notScheduled, @Nullable String lastError) {}
