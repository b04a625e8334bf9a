package io.jobdeck.jobs;

/** A job command that could not be carried out; its message is safe to show. */
public class JobCommandException extends RuntimeException {

    public JobCommandException(String message) {
        super(message);
    }
}
