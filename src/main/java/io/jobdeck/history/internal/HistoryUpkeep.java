package io.jobdeck.history.internal;

import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.cluster.TaskLease;
import io.jobdeck.history.HistoryProperties;
import io.jobdeck.history.internal.ExecutionRepository.Position;
import io.jobdeck.history.internal.ExecutionRepository.PurgeBatch;
import io.jobdeck.scheduler.SchedulerProperties;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Keeps the history truthful and bounded, on its own thread ({@code jobdeck-history-upkeep}).
 *
 * <p>No execution stays "running" once its node no longer runs it. At startup, what other nodes left running becomes
 * "node died": one node runs per database (the node lease, held before this starts), so those are an earlier
 * process's, which crashed or was killed (in a cluster: only those of earlier starts of this node's name). That is done before the history is read (the execution history depends on
 * this), so that a job's last outcome after a restart is "node died", not the run before the crash. Then, every {@link HistoryProperties#orphanCheckEvery()}, so does what this node's history says runs here
 * but nothing does (an end that could not be recorded).
 *
 * <p>Every {@link HistoryProperties#purgeEvery()} the executions beyond the retention (older than
 * {@link HistoryProperties#retentionDays()}, or beyond the {@link HistoryProperties#retentionRows()} newest) are
 * deleted with their details, never one still running. The purge waits while the scheduler is busy, but never longer
 * than one more period; it deletes in batches of {@link HistoryProperties#purgeBatch()}, each its own short
 * transaction and its own task on this thread, with a pause after each as long as the batch took: the recorder and the
 * history's readers get the database at least half the time, and the orphan check runs between two batches.
 */
@Component
@DependsOn("nodeLease")
public class HistoryUpkeep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryUpkeep.class);
    private static final int SWEEP_LIMIT = 10_000;
    private static final Duration MIN_PAUSE = Duration.ofMillis(10);

    private final ExecutionRepository repository;
    private final ExecutionRecorder recorder;
    private final ExecutionListener listener;
    private final Clock clock;
    private final String node;
    private final String nodeName;
    private final boolean clustered;
    private final HistoryProperties properties;
    private final int busyRunning;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-history-upkeep");
    private volatile boolean closing;

    HistoryUpkeep(
            ExecutionRepository repository,
            ExecutionRecorder recorder,
            ExecutionListener listener,
            Clock clock,
            NodeIdentity node,
            ClusterMode cluster,
            HistoryProperties properties,
            SchedulerProperties scheduler) {
        this.repository = repository;
        this.recorder = recorder;
        this.listener = listener;
        this.clock = clock;
        this.node = node.id();
        this.nodeName = node.name();
        this.clustered = cluster.enabled();
        this.properties = properties;
        this.busyRunning = Math.max(1, scheduler.workerThreads() / 2);
        endOtherNodesRuns();
        long every = properties.orphanCheckEvery().toMillis();
        thread.scheduleWithFixedDelay(this::endOrphans, every, every, TimeUnit.MILLISECONDS);
        if (properties.retentionDays() > 0 || properties.retentionRows() > 0) {
            schedulePurge(properties.purgeEvery());
        }
    }

    /**
     * Executions left "running" by earlier processes become "node died". Returns how many did. On one node those are
     * every other node's; in a cluster only those of earlier starts of this node's name, because the other nodes' runs
     * are theirs (a lost node's are ended by the nodes module, by the database's clock).
     */
    int endOtherNodesRuns() {
        try {
            Set<String> earlier = clustered
                    ? repository.runningNodes().stream()
                            .filter(other -> !other.equals(node)
                                    && NodeIdentity.nameOf(other).equals(nodeName))
                            .collect(Collectors.toSet())
                    : Set.of(node);
            if (clustered && earlier.isEmpty()) {
                return 0;
            }
            int ended = 0;
            List<String> left;
            do {
                left = repository.runningFireIds(earlier, !clustered, SWEEP_LIMIT);
                ended += repository.markNodeDied(left, clock.instant());
            } while (left.size() == SWEEP_LIMIT);
            if (ended > 0) {
                log.warn(
                        "{} executions were still running when an earlier process stopped: marked as node died", ended);
            }
            return ended;
        } catch (RuntimeException e) {
            log.warn("Could not look for executions left running by an earlier process: {}", Errors.describe(e));
            return 0;
        }
    }

    /** This node's executions the history says run but that do not, once what was recorded is written. */
    int endOrphans() {
        try {
            List<String> candidates = repository.runningFireIds(Set.of(node), false, SWEEP_LIMIT).stream()
                    .filter(fireId -> !listener.runs(fireId))
                    .toList();
            if (candidates.isEmpty()) {
                return 0;
            }
            // An execution no longer listed as running has had its end handed over: wait until it is written.
            recorder.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
            int ended = repository.markNodeDied(candidates, clock.instant());
            if (ended > 0) {
                log.warn("{} executions of this node had no recorded end: marked as node died", ended);
            }
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            log.warn("Could not look for executions without an end: {}", Errors.describe(e));
            return 0;
        }
    }

    /**
     * What one purge run deleted.
     *
     * @param executions executions deleted
     * @param details    their detail rows (stack trace and log) deleted
     * @param batches    the transactions it took (each one query and at most two deletes of {@code purge-batch} rows)
     * @param took       from its start to its end, pauses included
     */
    record Purge(long executions, long details, int batches, Duration took) {}

    /**
     * Whether the purge should wait: while at least {@code busyRunning} executions run here, or the recorder has more
     * than a batch waiting, the scheduler is busy; once it has waited {@code patience}, it goes ahead anyway.
     */
    static boolean defer(
            int running, int busyRunning, long waiting, int batchSize, Duration waited, Duration patience) {
        boolean busy = running >= busyRunning || waiting > batchSize;
        return busy && waited.compareTo(patience) < 0;
    }

    private void schedulePurge(Duration delay) {
        try {
            thread.schedule(() -> purgeWhenQuiet(System.nanoTime(), 0), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Purges now unless the scheduler is busy; then asks again every tenth of the period, for one period at most. */
    private void purgeWhenQuiet(long dueSince, int deferrals) {
        Duration every = properties.purgeEvery();
        Duration waited = Duration.ofNanos(System.nanoTime() - dueSince);
        if (defer(
                listener.running().size(),
                busyRunning,
                recorder.health().waiting(),
                properties.batchSize(),
                waited,
                every)) {
            Duration retry = every.dividedBy(10);
            try {
                thread.schedule(() -> purgeWhenQuiet(dueSince, deferrals + 1), retry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
            return;
        }
        if (deferrals > 0) {
            log.debug(
                    "The history purge waited {} ms ({} times) for a quieter scheduler", waited.toMillis(), deferrals);
        }
        purgeOnThisThread().whenComplete((done, error) -> schedulePurge(every));
    }

    /** Deletes what is beyond the retention now, on the upkeep thread; completes when it is done. */
    CompletableFuture<Purge> purge() {
        CompletableFuture<CompletableFuture<Purge>> started = new CompletableFuture<>();
        try {
            thread.execute(() -> started.complete(purgeOnThisThread()));
        } catch (RejectedExecutionException e) {
            started.completeExceptionally(e);
        }
        return started.thenCompose(run -> run);
    }

    /**
     * The purge lease, taken through a method so that this part stays apart from the constructor. In a cluster one
     * node at a time purges: it holds {@value #PURGE_TASK} for {@link #purgeHold()}, renews it at each run and before
     * each batch, and gives it up when it stops; the other nodes skip their periods while it is held, and one of them
     * takes it over once the holder stopped renewing. On one node it is always this node's.
     */
    @Autowired
    void purgeLease(TaskLease lease) {
        this.purgeLease = lease;
    }

    private static final String PURGE_TASK = "history-purge";

    private @Nullable TaskLease purgeLease;

    /** Long enough to cover one deferred period and a run: the holder renews it at least that often. */
    private Duration purgeHold() {
        Duration hold = properties.purgeEvery().multipliedBy(3);
        return hold.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : hold;
    }

    /** Whether this node may purge now (takes or renews the lease). Throws what the database throws. */
    private boolean holdPurge() {
        return purgeLease == null || purgeLease.tryHold(PURGE_TASK, purgeHold());
    }

    private CompletableFuture<Purge> purgeOnThisThread() {
        PurgeRun run = new PurgeRun();
        try {
            if (!holdPurge()) {
                log.debug("The history purge is done by another node this period");
                run.finish(null);
                return run.done;
            }
            Optional<Cut> cut = cut();
            if (cut.isEmpty()) {
                run.finish(null);
            } else {
                run.why = cut.get().why();
                run.batch(cut.get().below());
            }
        } catch (RuntimeException e) {
            run.fail(e);
        }
        return run.done;
    }

    /** Where a purge cuts: it deletes what is below {@code below}; {@code why} says which limit that is. */
    private record Cut(Position below, String why) {}

    /**
     * The newer of the two limits: what fired before {@code retention-days} ago, and what is older than the
     * {@code retention-rows}-th newest execution (which is kept); empty while neither limit is reached.
     */
    private Optional<Cut> cut() {
        Optional<Cut> byAge = properties.retentionDays() > 0
                ? Optional.of(new Cut(
                        Position.before(clock.instant().minus(Duration.ofDays(properties.retentionDays()))),
                        "older than " + properties.retentionDays() + " days"))
                : Optional.empty();
        Optional<Cut> byCount = properties.retentionRows() > 0
                ? repository
                        .nthNewest(properties.retentionRows())
                        .map(p -> new Cut(p, "beyond the newest " + properties.retentionRows()))
                : Optional.empty();
        if (byAge.isPresent() && byCount.isPresent()) {
            return byAge.get().below().compareTo(byCount.get().below()) > 0 ? byAge : byCount;
        }
        return byAge.isPresent() ? byAge : byCount;
    }

    /** One purge run: each batch a task of its own on the upkeep thread, the next one scheduled after a pause. */
    private final class PurgeRun {

        final CompletableFuture<Purge> done = new CompletableFuture<>();
        final long started = System.nanoTime();
        String why = "";
        long executions;
        long details;
        int batches;

        void batch(Position below) {
            if (closing) {
                finish(null);
                return;
            }
            try {
                if (batches > 0 && !holdPurge()) {
                    finish(null); // another node took the purge over (this one was too slow to renew)
                    return;
                }
                long batchStarted = System.nanoTime();
                PurgeBatch batch = repository.purgeBelow(below, properties.purgeBatch());
                batches++;
                executions += batch.executions();
                details += batch.details();
                Position next = batch.next();
                if (next == null) {
                    finish(null);
                    return;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - batchStarted);
                long pause = Math.max(MIN_PAUSE.toMillis(), took.toMillis());
                thread.schedule(() -> batch(next), pause, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                finish(null); // shutting down: what is left goes at the next start
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        void fail(RuntimeException e) {
            log.warn("Could not purge the execution history: {}", Errors.describe(e));
            finish(e);
        }

        void finish(@Nullable RuntimeException error) {
            Purge purge = new Purge(executions, details, batches, Duration.ofNanos(System.nanoTime() - started));
            if (purge.executions() > 0) {
                log.info(
                        "Purged {} executions ({}) and {} details in {} batches of at most {} in {} ms",
                        purge.executions(),
                        why,
                        purge.details(),
                        purge.batches(),
                        properties.purgeBatch(),
                        purge.took().toMillis());
            } else {
                log.debug("Nothing to purge from the execution history");
            }
            if (error == null) {
                done.complete(purge);
            } else {
                done.completeExceptionally(error);
            }
        }
    }

    @Override
    public void destroy() {
        closing = true;
        Threads.shutdown(thread, Duration.ofSeconds(5));
        releasePurge();
    }

    /** Stopping: another node may purge at once. */
    private void releasePurge() {
        try {
            if (purgeLease != null) {
                purgeLease.release(PURGE_TASK);
            }
        } catch (RuntimeException e) {
            log.debug("Could not give up the history purge lease: {}", Errors.describe(e));
        }
    }
}
