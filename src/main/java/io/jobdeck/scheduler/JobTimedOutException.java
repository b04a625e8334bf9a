package io.jobdeck.scheduler;

import org.quartz.JobExecutionException;

/** Thrown by a job ended by its own timeout (a request or a command that took too long), so it shows as timed out. */
public class JobTimedOutException extends JobExecutionException {

    public JobTimedOutException(String message) {
        super(message);
    }
}
