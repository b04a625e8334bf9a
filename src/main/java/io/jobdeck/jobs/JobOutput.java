package io.jobdeck.jobs;

import org.quartz.JobExecutionContext;

/**
 * Where a job's own output (a process's, as it prints it) goes while the job runs: appended to its execution's log,
 * and so tailed live on the execution's page. A Quartz job takes it from its context ({@code JobOutput.of(context)}).
 * Calls may come from any thread; the log's size limit applies, and its cut is marked.
 */
public interface JobOutput {

    /** Where the execution's output sink is in its {@link JobExecutionContext}. */
    String CONTEXT_KEY = "jobdeck.output";

    /** Keeps nothing: for a context Jobdeck did not start (a test calling a job directly). */
    JobOutput NONE = text -> {};

    /** The output sink of the execution this context belongs to, or {@link #NONE}. */
    static JobOutput of(JobExecutionContext context) {
        return context.get(CONTEXT_KEY) instanceof JobOutput output ? output : NONE;
    }

    /** Appends text (whole lines, preferably) to the execution's log. */
    void append(String text);
}
