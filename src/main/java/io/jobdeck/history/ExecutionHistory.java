package io.jobdeck.history;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.internal.ExecutionRecorder;
import io.jobdeck.history.internal.ExecutionRepository;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.LastRun;
import io.jobdeck.jobs.RunHistory;
import io.jobdeck.jobs.RunNowOutcome;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.stereotype.Service;

/**
 * The execution history: every run's attempts with their timings, outcome, error, stack trace and log, read a page at
 * a time on {@code jobdeck-history-read} (never on the caller's thread), and a failed run run again.
 */
@Service
@DependsOn("historyUpkeep") // what crashed processes left "running" is "node died" before anything is read
public class ExecutionHistory implements RunHistory, DisposableBean {

    /** The most rows one page may have. */
    public static final int MAX_PAGE = 200;

    /** Pages count their matches this far ("10,000+"): a count of millions would read millions of rows. */
    public static final int COUNT_CAP = 10_000;

    /** The node filter offers the nodes of this many newest executions (a distinct over millions would read them all). */
    static final int NODES_FROM = 10_000;

    private final ExecutionRepository repository;
    private final ExecutionRecorder recorder;
    private final JobCommands commands;
    private static final int LOST_SWEEP = 1_000;

    private final Clock clock;
    private final ThreadPoolExecutor reader = Threads.pool("jobdeck-history-read", 2, 200);

    ExecutionHistory(ExecutionRepository repository, ExecutionRecorder recorder, JobCommands commands, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.recorder = recorder;
        this.commands = commands;
    }

    /** One page of executions matching the filter, newest first. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<ExecutionPage> readPage(ExecutionFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("A page starts at 0 or later and has 1 to " + MAX_PAGE + " rows"));
        }
        if (filter.errorText() != null && filter.errorText().length() > ExecutionFilter.MAX_TEXT) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("Search for at most " + ExecutionFilter.MAX_TEXT + " characters"));
        }
        return CompletableFuture.supplyAsync(() -> repository.page(filter, offset, limit, COUNT_CAP), reader);
    }

    /** One execution, with its stack trace and log. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Optional<Execution>> find(long id) {
        return CompletableFuture.supplyAsync(() -> repository.find(id), reader);
    }

    /** The nodes the node filter offers: those that ran the newest {@value #NODES_FROM} executions. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<List<String>> readNodes() {
        return CompletableFuture.supplyAsync(() -> repository.recentNodes(NODES_FROM), reader);
    }

    /** One execution, with its stack trace and log, and the attempts of its run. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Optional<ExecutionRun>> readRun(long id) {
        return CompletableFuture.supplyAsync(
                () -> repository.find(id).map(e -> new ExecutionRun(e, repository.attempts(e.runKey()))), reader);
    }

    /** The attempts of the run an execution belongs to, first first. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<List<Execution>> readAttempts(String runKey) {
        return CompletableFuture.supplyAsync(() -> repository.attempts(runKey), reader);
    }

    @Override
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<List<PastRun>> readRecentRuns(String group, String name, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        // The job's page reads this when the job starts or ends: what was recorded until then is written first (for at
        // most 2 s: while the database is away the recorder retries, and the page shows what there is).
        return recorder.flush()
                .toCompletableFuture()
                .completeOnTimeout(null, 2, TimeUnit.SECONDS)
                .exceptionally(notWritten -> null)
                .thenApplyAsync(
                        written -> repository.recent(group, name, size).stream()
                                .map(e -> new PastRun(
                                        e.id(), e.outcome(), e.firedAt(), e.duration(), e.attempt(), e.error()))
                                .toList(),
                        reader);
    }

    @Override
    public Optional<LastRun> lastRun(String group, String name) {
        return repository
                .lastEnded(group, name)
                .map(e -> new LastRun(
                        e.outcome(), e.firedAt(), e.duration() == null ? Duration.ZERO : e.duration(), e.error()));
    }

    @Override
    public Optional<Duration> typicalDuration(String group, String name) {
        // Newest first, by the index on the job: a few failures among them leave fewer succeeded runs to go by.
        return Estimates.median(repository.recent(group, name, TYPICAL_OF * 5).stream()
                .<Duration>mapMulti((e, succeeded) -> {
                    if (e.outcome() == JobOutcome.SUCCEEDED && e.duration() instanceof Duration took) {
                        succeeded.accept(took);
                    }
                })
                .limit(TYPICAL_OF)
                .toList());
    }

    /**
     * Runs the job of an execution again, now, with the values given to that run only (Run now's); a masked value is
     * left out (the job's own stored value applies). Refused when the execution or its job no longer exists.
     */
    @PreAuthorize(Permissions.OPERATE)
    public CompletionStage<RunNowOutcome> rerun(long id) {
        // Run now is checked and audited as the caller: the lookup's thread carries the caller's security context.
        return CompletableFuture.supplyAsync(() -> repository.find(id), new DelegatingSecurityContextExecutor(reader))
                .thenCompose(found -> {
                    Execution e = found.orElseThrow(() -> new NoSuchElementException("No execution " + id));
                    Map<String, String> values = new LinkedHashMap<>();
                    e.runParameters().forEach((key, value) -> {
                        if (!value.equals(JobParameter.MASK)) {
                            values.put(key, value);
                        }
                    });
                    return commands.runNow(e.jobGroup(), e.jobName(), values);
                });
    }

    /**
     * Executions of these nodes (ids) still "running" in the history become "node died": the nodes stopped checking in
     * and their work is gone. For the cluster's lost-node check, on its own thread (it writes to the database and
     * returns how many executions it ended).
     */
    public int endRunsOfLostNodes(Collection<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return 0;
        }
        int ended = 0;
        List<String> left;
        do {
            left = repository.runningFireIds(nodeIds, false, LOST_SWEEP);
            ended += repository.markNodeDied(left, clock.instant());
        } while (left.size() == LOST_SWEEP);
        return ended;
    }

    /** Whether executions are being written. Never blocks. */
    public RecorderHealth health() {
        return recorder.health();
    }

    /** Completes once every start and end recorded before this call is written. */
    public CompletionStage<Void> flush() {
        return recorder.flush();
    }

    @Override
    public void destroy() {
        Threads.shutdown(reader, Duration.ofSeconds(5));
    }
}
