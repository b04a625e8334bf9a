package io.jobdeck.scheduler;

import org.quartz.JobExecutionException;

/** Thrown by an interruptible job that stopped because it was interrupted, so it is shown as interrupted. */
public class JobInterruptedException extends JobExecutionException {

    public JobInterruptedException(String message) {
        super(message);
    }
}
