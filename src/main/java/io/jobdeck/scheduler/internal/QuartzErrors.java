package io.jobdeck.scheduler.internal;

import io.jobdeck.support.Errors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Errors Quartz reports through its scheduler listener, such as failing to acquire or retrieve triggers. Quartz says
 * so once per run of failures and retries silently; the error stands until a trigger fires again (or a Start is
 * applied), which proves acquisition works.
 */
@Component
public class QuartzErrors {

    private volatile @Nullable String current;

    void reported(String message, @Nullable Throwable cause) {
        if (isAJobsOwnFailure(message)) {
            return; // a job that throws is that job's outcome, not the scheduler failing
        }
        current = cause == null ? message : message + " " + Errors.describe(cause);
    }

    /** Quartz reports a job's unhandled exception through the same channel: "Job (g.n) threw an exception." */
    static boolean isAJobsOwnFailure(String message) {
        return message.startsWith("Job ") && message.endsWith(" threw an exception.");
    }

    void fired() {
        if (current != null) {
            current = null;
        }
    }

    public void clear() {
        current = null;
    }

    public @Nullable String current() {
        return current;
    }
}
