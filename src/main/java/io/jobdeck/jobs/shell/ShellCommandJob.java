package io.jobdeck.jobs.shell;

import io.jobdeck.jobs.JobOutput;
import io.jobdeck.jobs.JobResult;
import io.jobdeck.scheduler.JobInterruptedException;
import io.jobdeck.scheduler.JobTimedOutException;
import io.jobdeck.support.Threads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the command its job's data describes ({@link ShellJobSpec}) as a process, with no shell in between, and fails
 * on a non-zero exit, on its timeout, or when interrupted; a timeout or an interrupt ends the whole process tree. Its
 * output (stdout and stderr together) goes line by line, secret values masked, into its execution's log as it comes
 * ({@link JobOutput}: tailed live on the execution's page), and is kept within {@link #KEPT_BYTES} at each end for its
 * result. Refuses to run while shell jobs are off ({@code jobdeck.jobs.shell.enabled}).
 */
@DisallowConcurrentExecution
public class ShellCommandJob implements InterruptableJob {

    private static final Logger log = LoggerFactory.getLogger(ShellCommandJob.class);

    /** Output bytes kept from the beginning, and again from the end. */
    static final int KEPT_BYTES = 32 * 1024;

    private static final String HELD_OPEN = "[output still held open by a process the command left running]";

    /** How long the output is still read once the process ended (a background child may hold it open). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    private final ShellJobProperties properties;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** Created by Spring's job factory, one per run. */
    public ShellCommandJob(ShellJobProperties properties) {
        this.properties = properties;
    }

    /**
     * How one run ended: the exit code (-1 if it was ended), the output's size, the time taken, the kept output, and
     * whether that output already went to the execution's log as it came (then it is not added again at the end).
     */
    public record Outcome(int exitCode, long bytes, Duration took, String output, boolean streamed)
            implements JobResult {

        @Override
        public Summary summary() {
            return new Summary(null, null, null, exitCode < 0 ? null : exitCode, streamed ? "" : output);
        }
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String job = context.getJobDetail().getKey().toString();
        if (!properties.enabled()) {
            throw new JobExecutionException("Shell jobs are off on this server (jobdeck.jobs.shell.enabled is not"
                    + " true): " + job + " was not run");
        }
        ShellJobSpec.Parsed parsed = ShellJobSpec.parse(context.getJobDetail().getJobDataMap());
        ShellJobSpec spec = parsed.spec();
        if (spec == null) {
            throw new JobExecutionException("The shell job's definition is not valid: " + parsed.problems());
        }
        run(job, spec, context);
    }

    void run(String job, ShellJobSpec spec, JobExecutionContext context) throws JobExecutionException {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        if (spec.directory() != null) {
            builder.directory(spec.directory().toFile());
        }
        spec.environment().forEach(v -> builder.environment().put(v.name(), v.value()));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close(); // nothing to read on its input: a read ends at once
        } catch (IOException e) {
            throw new JobExecutionException("The command " + spec.describe() + " could not start: " + e.getMessage());
        }
        JobOutput live = JobOutput.of(context);
        boolean streamed = live != JobOutput.NONE;
        BoundedOutput output = new BoundedOutput(KEPT_BYTES, streamed ? line -> live.append(spec.scrub(line)) : null);
        CompletableFuture<Void> read = new CompletableFuture<>();
        Threads.named("jobdeck-shell-output")
                .newThread(() -> {
                    try {
                        output.readAll(process.getInputStream());
                        read.complete(null);
                    } catch (RuntimeException e) {
                        read.completeExceptionally(e);
                    }
                })
                .start();
        String ended = waitFor(process, spec.timeout());
        if (process.isAlive()) {
            ProcessTree.end(process.toHandle(), properties.killGrace());
        }
        boolean complete = awaitQuietly(read, OUTPUT_GRACE);
        int exit = process.isAlive() ? -1 : process.exitValue();
        Outcome outcome = new Outcome(
                ended == null ? exit : -1,
                output.total(),
                Duration.ofNanos(System.nanoTime() - start),
                spec.scrub(output.text()) + (complete ? "" : "\n" + HELD_OPEN),
                streamed);
        if (streamed && !complete) {
            live.append("\n" + HELD_OPEN + "\n");
        }
        context.setResult(outcome);
        log.info(
                "Shell job {}: {} -> {}, {} ms, {} bytes of output{}",
                job,
                spec.describe(),
                ended == null ? "exit " + exit : ended,
                outcome.took().toMillis(),
                outcome.bytes(),
                streamed ? " (above, as it came)" : ":\n" + outcome.output());
        if (ended != null) {
            throw stopped.isDone()
                    ? new JobInterruptedException("Interrupted: " + spec.describe() + " was ended")
                    : new JobTimedOutException(
                            "No exit within " + spec.timeout() + ": " + spec.describe() + " was ended");
        }
        if (exit != 0) {
            throw new JobExecutionException("The command " + spec.describe() + " exited with code " + exit);
        }
    }

    /** Null once the process exited by itself; else why it is to be ended (a timeout, an interrupt). */
    private @Nullable String waitFor(Process process, Duration timeout) {
        try {
            CompletableFuture.anyOf(process.onExit(), stopped).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return stopped.isDone() ? "interrupted" : null;
        } catch (TimeoutException e) {
            return "timed out after " + timeout;
        } catch (InterruptedException e) {
            stopped.complete(null); // the worker thread itself was interrupted: end the run as interrupted
            return "interrupted";
        } catch (ExecutionException e) {
            throw new IllegalStateException("neither a process's exit nor the stop request fails", e);
        }
    }

    private static boolean awaitQuietly(CompletableFuture<Void> read, Duration timeout) {
        try {
            read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            return false; // the output read so far is what the run kept
        }
    }

    @Override
    public void interrupt() {
        stopped.complete(null);
    }
}
