package io.jobdeck.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.internal.LiveRuns;
import io.jobdeck.jobs.RunHistory;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The executions running on this node as they run: their log so far and their progress with an estimated end. Reads
 * are in memory and never block, so views call them while they render; the views of any logged-in user read them, as
 * they read what runs now. A job's typical duration comes from the history on {@code jobdeck-estimates}, cached per
 * job for a few minutes (at most one read per job in that time, however often it fires): a read returns none until it
 * is there.
 *
 * <p>In a cluster, the progress of executions running on other nodes comes from their events (their logs stay on their
 * node): the latest report of each, kept until it ends, for an hour at most without news.
 */
@Service
public class LiveExecutions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveExecutions.class);
    /** A job's typical duration barely moves with one more run: re-read now and then, not after each. */
    private static final Duration TYPICAL_FOR = Duration.ofMinutes(5);
    /** A job without a succeeded run yet may have one soon. */
    private static final Duration UNKNOWN_FOR = Duration.ofSeconds(30);

    private static final int JOBS_KEPT = 1_000;
    private static final int ELSEWHERE_KEPT = 10_000;

    private final LiveRuns runs;
    private final RunHistory history;
    private final Clock clock;
    private final Cache<String, Optional<Duration>> typical = Caffeine.newBuilder()
            .maximumSize(JOBS_KEPT)
            .expireAfter(Expiry.<String, Optional<Duration>>creating(
                    (key, known) -> known.isPresent() ? TYPICAL_FOR : UNKNOWN_FOR))
            .build();
    private final Set<String> loading = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor estimates = Threads.pool("jobdeck-estimates", 1, JOBS_KEPT);
    private final Subscription fromHub;
    private final String node;
    /** When executions running on other nodes began, by fire id. */
    private final Cache<String, Instant> startedElsewhere = Caffeine.newBuilder()
            .maximumSize(ELSEWHERE_KEPT)
            .expireAfterWrite(Duration.ofHours(1))
            .build();
    /** The latest progress they reported, by fire id. */
    private final Cache<String, SchedulerEvent.ProgressChanged> progressElsewhere = Caffeine.newBuilder()
            .maximumSize(ELSEWHERE_KEPT)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    LiveExecutions(LiveRuns runs, ExecutionHistory history, EventHub hub, NodeIdentity node, Clock clock) {
        this.node = node.id();
        this.runs = runs;
        this.history = history;
        this.clock = clock;
        this.fromHub = hub.addProcessor(this::onBatch);
    }

    /**
     * The log of an execution running on this node (or ended on it a moment ago) from character {@code from} on;
     * none when this node does not know it. The whole log of an ended execution is in the history.
     */
    public Optional<LogTail> readLog(String fireId, int from) {
        return runs.readLog(fireId, from);
    }

    /**
     * How far a running execution has got; none once it has ended, or when it runs on another node that has not
     * reported its progress.
     */
    public Optional<RunProgress> findProgress(String fireId) {
        Optional<RunProgress> here = findProgressHere(fireId);
        return here.isPresent() ? here : findProgressElsewhere(fireId);
    }

    private Optional<RunProgress> findProgressElsewhere(String fireId) {
        SchedulerEvent.ProgressChanged reported = progressElsewhere.getIfPresent(fireId);
        Instant firedAt = startedElsewhere.getIfPresent(fireId);
        if (reported == null || firedAt == null) {
            return Optional.empty();
        }
        Duration usual = typical(reported.jobGroup(), reported.jobName());
        return Optional.of(new RunProgress(
                fireId,
                reported.jobGroup(),
                reported.jobName(),
                firedAt,
                reported.fraction(),
                reported.done(),
                reported.total(),
                reported.message(),
                usual,
                Estimates.end(firedAt, clock.instant(), reported.fraction(), usual)));
    }

    private Optional<RunProgress> findProgressHere(String fireId) {
        return runs.running(fireId).map(run -> {
            LiveRuns.Reported reported = run.reported();
            Duration usual = typical(run.jobGroup(), run.jobName());
            return new RunProgress(
                    fireId,
                    run.jobGroup(),
                    run.jobName(),
                    run.firedAt(),
                    reported.fraction(),
                    reported.done(),
                    reported.total(),
                    reported.message(),
                    usual,
                    Estimates.end(run.firedAt(), clock.instant(), reported.fraction(), usual));
        });
    }

    /** The job's typical duration if known; else none, and it is looked up in the background. */
    private @Nullable Duration typical(String group, String name) {
        String key = group + '\u0000' + name;
        Optional<Duration> known = typical.getIfPresent(key);
        if (known != null) {
            return known.orElse(null);
        }
        if (loading.add(key)) {
            try {
                estimates.execute(() -> {
                    try {
                        typical.put(key, history.typicalDuration(group, name));
                    } catch (RuntimeException e) {
                        log.debug("No typical duration for {}.{}: {}", group, name, Errors.describe(e));
                    } finally {
                        loading.remove(key);
                    }
                });
            } catch (RejectedExecutionException busy) {
                loading.remove(key);
            }
        }
        return null;
    }

    /**
     * Looks a job's typical duration up as it starts, so that it is there when the job is shown; the first success of
     * a job that had none makes it worth looking up again.
     */
    private void onBatch(EventBatch batch) {
        for (SchedulerEvent event : batch.events()) {
            if (!event.node().equals(node)) {
                followElsewhere(event);
            }
            if (event instanceof SchedulerEvent.JobStarted started) {
                typical(started.jobGroup(), started.jobName());
            } else if (event instanceof SchedulerEvent.JobFinished finished
                    && finished.outcome() == JobOutcome.SUCCEEDED) {
                String key = finished.jobGroup() + '\u0000' + finished.jobName();
                if (typical.getIfPresent(key) instanceof Optional<Duration> known && known.isEmpty()) {
                    typical.invalidate(key);
                }
            }
        }
    }

    private void followElsewhere(SchedulerEvent event) {
        switch (event) {
            case SchedulerEvent.JobStarted s -> startedElsewhere.put(s.fireId(), s.firedAt());
            case SchedulerEvent.ProgressChanged p -> {
                if (startedElsewhere.getIfPresent(p.fireId()) != null) {
                    progressElsewhere.put(p.fireId(), p);
                }
            }
            case SchedulerEvent.JobFinished f -> {
                startedElsewhere.invalidate(f.fireId());
                progressElsewhere.invalidate(f.fireId());
            }
            default -> {}
        }
    }

    @Override
    public void destroy() {
        fromHub.close();
        Threads.shutdown(estimates, Duration.ofSeconds(5));
    }
}
