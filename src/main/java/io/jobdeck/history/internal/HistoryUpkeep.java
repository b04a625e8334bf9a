package io.jobdeck.history.internal;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.history.HistoryProperties;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the history truthful, on its own thread ({@code jobdeck-history-upkeep}): no execution stays "running" once
 * its node no longer runs it. At startup, what other nodes left running becomes "node died": one node runs per
 * database (the node lease), so those are an earlier process's, which crashed or was killed. Then, every
 * {@link HistoryProperties#orphanCheckEvery()}, so does what this node's history says runs here but nothing does (an
 * end that could not be recorded).
 */
@Component
public class HistoryUpkeep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryUpkeep.class);
    private static final int SWEEP_LIMIT = 10_000;

    private final ExecutionRepository repository;
    private final ExecutionRecorder recorder;
    private final ExecutionListener listener;
    private final Clock clock;
    private final String node;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-history-upkeep");

    HistoryUpkeep(
            ExecutionRepository repository,
            ExecutionRecorder recorder,
            ExecutionListener listener,
            Clock clock,
            NodeIdentity node,
            HistoryProperties properties) {
        this.repository = repository;
        this.recorder = recorder;
        this.listener = listener;
        this.clock = clock;
        this.node = node.id();
        thread.execute(this::endOtherNodesRuns);
        long every = properties.orphanCheckEvery().toMillis();
        thread.scheduleWithFixedDelay(this::endOrphans, every, every, TimeUnit.MILLISECONDS);
    }

    /** Executions left "running" by earlier processes become "node died". Returns how many did. */
    int endOtherNodesRuns() {
        try {
            int ended = 0;
            List<String> left;
            do {
                left = repository.runningFireIds(Set.of(node), true, SWEEP_LIMIT);
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

    @Override
    public void destroy() {
        Threads.shutdown(thread, Duration.ofSeconds(5));
    }
}
