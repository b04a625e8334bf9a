package io.jobdeck.jobs;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.quartz.JobExecutionContext;

/**
 * An executor for the tasks a job runs beside its own thread: what those tasks log is attached to the job's execution,
 * like what the job logs on its own thread. The pool is Jobdeck's, bounded and shared by all jobs; a task handed over
 * while it is full is refused ({@link RejectedExecutionException}). A task still running when its job has ended logs
 * no more to the execution.
 *
 * <pre>{@code
 * Executor tasks = JobTasks.of(context);  // or run.tasks() in a JobdeckJob
 * CompletableFuture.runAsync(() -> log.info("fetched {}", fetch()), tasks).join();
 * }</pre>
 */
public final class JobTasks {

    /** Where the execution's executor is in its {@link JobExecutionContext}. */
    public static final String CONTEXT_KEY = "jobdeck.tasks";

    /** Refuses every task: for a context Jobdeck did not start. */
    private static final Executor NONE = task -> {
        throw new RejectedExecutionException("This execution has no Jobdeck executor (it was not started by Jobdeck)");
    };

    private JobTasks() {}

    /** The executor of the execution this context belongs to. */
    public static Executor of(JobExecutionContext context) {
        return context.get(CONTEXT_KEY) instanceof Executor executor ? executor : NONE;
    }
}
