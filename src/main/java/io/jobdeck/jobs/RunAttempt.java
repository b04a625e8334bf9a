package io.jobdeck.jobs;

import java.util.Map;

/**
 * Which run and attempt an execution is, as its trigger's data says: a retry's trigger carries the run's key (the
 * first attempt's fire id) and its attempt number; any other fire starts a run of its own as attempt 1.
 */
public record RunAttempt(String runKey, int attempt) {

    /** Trigger data key: the run a retry belongs to. */
    public static final String RUN_KEY = "jobdeck.run";

    /** Trigger data key: which attempt of its run a retry is (2 for the first retry). */
    public static final String ATTEMPT = "jobdeck.attempt";

    /** Keys starting with this are Jobdeck's own, not a job's parameters. */
    public static final String INTERNAL_PREFIX = "jobdeck.";

    /** The run and attempt of a fire with this id and (merged) data. */
    public static RunAttempt of(String fireId, Map<String, ?> data) {
        Object run = data.get(RUN_KEY);
        Object attempt = data.get(ATTEMPT);
        if (run == null || attempt == null) {
            return new RunAttempt(fireId, 1);
        }
        try {
            return new RunAttempt(run.toString(), Math.max(1, Integer.parseInt(attempt.toString())));
        } catch (NumberFormatException e) {
            return new RunAttempt(fireId, 1);
        }
    }
}
