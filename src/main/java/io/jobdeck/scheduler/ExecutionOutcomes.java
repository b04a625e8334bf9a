package io.jobdeck.scheduler;

import io.jobdeck.events.JobOutcome;
import org.jspecify.annotations.Nullable;
import org.quartz.JobExecutionException;

/** How an execution ended, by what its job threw. */
public final class ExecutionOutcomes {

    private ExecutionOutcomes() {}

    public static JobOutcome of(@Nullable JobExecutionException error) {
        if (error == null) {
            return JobOutcome.SUCCEEDED;
        }
        if (error instanceof JobInterruptedException || error.getCause() instanceof InterruptedException) {
            return JobOutcome.INTERRUPTED;
        }
        if (error instanceof JobTimedOutException) {
            return JobOutcome.TIMED_OUT;
        }
        return JobOutcome.FAILED;
    }
}
