package io.jobdeck.stats;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.security.Permissions;
import io.jobdeck.stats.internal.MinuteBucket;
import io.jobdeck.stats.internal.PoolSampler;
import io.jobdeck.stats.internal.SeriesCache;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.stats.internal.StatsRepository.PoolMinute;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The charts' data, live. One thread, {@code jobdeck-stats}, samples the worker pool every second and, while anyone
 * is subscribed, computes each series once a second for all subscribers together: the stored buckets of the last 24
 * hours (kept in memory, only the last minutes read again; {@link SeriesCache}) plus this node's pool samples of the
 * current minute. A subscriber is called on that thread with the new value, only when it changed, so a chart is
 * pushed at most once a second and the database is read the same whether one page or a hundred are open. Buckets
 * older than {@value #KEEP_DAYS} days are deleted once a day.
 */
@Service
public class ExecutionStats implements DisposableBean {

    static final int KEEP_DAYS = 35;
    private static final Logger log = LoggerFactory.getLogger(ExecutionStats.class);

    private final StatsRepository repository;
    private final SchedulerMonitor monitor;
    private final Clock clock;
    private final PoolSampler sampler;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-stats");

    private final List<Consumer<StatsSnapshot>> overallSubscribers = new CopyOnWriteArrayList<>();
    private final SeriesCache<MinuteBucket> overall;
    private final SeriesCache<List<PoolMinute>> pool;
    private volatile @Nullable StatsSnapshot lastOverall;

    private record JobKey(String group, String name) {}

    /** A job's subscribers and its series. Touched on the stats thread only, except the subscriber list. */
    private static final class JobFeed {
        final List<Consumer<JobDurations>> subscribers = new CopyOnWriteArrayList<>();
        final SeriesCache<MinuteBucket> cache;

        @Nullable
        JobDurations last;

        JobFeed(SeriesCache<MinuteBucket> cache) {
            this.cache = cache;
        }
    }

    private final Map<JobKey, JobFeed> jobs = new ConcurrentHashMap<>();

    ExecutionStats(StatsRepository repository, SchedulerMonitor monitor, NodeIdentity node, Clock clock) {
        this.repository = repository;
        this.monitor = monitor;
        this.clock = clock;
        this.sampler = new PoolSampler(repository, node.id());
        this.overall = new SeriesCache<>(repository::overall);
        this.pool = new SeriesCache<>(repository::pool);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(this::purge, 1, 24 * 60, TimeUnit.MINUTES);
    }

    /**
     * Calls {@code subscriber} with the dashboard's series now (soon, on the stats thread) and whenever they change,
     * at most once a second, until the subscription is closed.
     */
    @PreAuthorize(Permissions.VIEW)
    public Subscription readLive(Consumer<StatsSnapshot> subscriber) {
        overallSubscribers.add(subscriber);
        thread.execute(() -> {
            StatsSnapshot last = lastOverall;
            if (last == null) {
                refreshOverall(clock.instant());
            } else {
                deliver(subscriber, last);
            }
        });
        return () -> overallSubscribers.remove(subscriber);
    }

    /** As {@link #readLive}, for one job's durations (the job page). */
    @PreAuthorize(Permissions.VIEW)
    public Subscription readLiveDurations(String group, String name, Consumer<JobDurations> subscriber) {
        JobKey key = new JobKey(group, name);
        JobFeed feed = jobs.compute(key, (k, f) -> {
            JobFeed joined = f != null ? f : new JobFeed(new SeriesCache<>(from -> repository.job(group, name, from)));
            joined.subscribers.add(subscriber);
            return joined;
        });
        thread.execute(() -> {
            JobDurations last = feed.last;
            if (last == null) {
                refreshJob(key, feed, clock.instant());
            } else {
                deliver(subscriber, last);
            }
        });
        return () -> jobs.computeIfPresent(key, (k, f) -> {
            f.subscribers.remove(subscriber);
            return f.subscribers.isEmpty() ? null : f;
        });
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            SchedulerStatus status = monitor.status();
            sampler.sample(minuteOf(now), status.busyThreads(), status.poolSize());
            if (!overallSubscribers.isEmpty()) {
                refreshOverall(now);
            } else {
                lastOverall = null; // read afresh for the next subscriber
            }
            jobs.forEach((key, feed) -> refreshJob(key, feed, now));
        } catch (RuntimeException e) {
            log.warn("The charts' series could not be read ({}); trying again in a second", Errors.describe(e));
        }
    }

    private void refreshOverall(Instant now) {
        long nowMinute = minuteOf(now);
        Map<Long, MinuteBucket> stored = overall.refresh(nowMinute);
        Map<Long, List<PoolMinute>> storedPool = pool.refresh(nowMinute);
        PoolMinute sampling = sampler.current().orElse(null);
        List<MinuteCount> executions = new ArrayList<>(SeriesCache.WINDOW_MINUTES);
        List<MinutePercentiles> lags = new ArrayList<>(SeriesCache.WINDOW_MINUTES);
        List<MinutePoolUse> poolUse = new ArrayList<>(SeriesCache.WINDOW_MINUTES);
        MinuteBucket empty = new MinuteBucket();
        for (long m = nowMinute - SeriesCache.WINDOW_MINUTES + 1; m <= nowMinute; m++) {
            MinuteBucket b = stored.getOrDefault(m, empty);
            long millis = m * 60_000;
            executions.add(new MinuteCount(millis, b.succeeded(), b.failed()));
            lags.add(b.lags(millis));
            List<PoolMinute> nodes = storedPool.getOrDefault(m, List.of());
            if (sampling != null && sampling.epochMinute() == m) {
                nodes = new ArrayList<>(nodes);
                nodes.add(sampling); // this node's current minute, from memory
            }
            poolUse.add(StatsRepository.merge(millis, nodes));
        }
        StatsSnapshot next = new StatsSnapshot(now, executions, lags, poolUse);
        StatsSnapshot previous = lastOverall;
        lastOverall = next;
        if (previous == null || !sameSeries(previous, next)) {
            overallSubscribers.forEach(s -> deliver(s, next));
        }
    }

    private void refreshJob(JobKey key, JobFeed feed, Instant now) {
        if (feed.subscribers.isEmpty()) {
            return;
        }
        long nowMinute = minuteOf(now);
        Map<Long, MinuteBucket> stored = feed.cache.refresh(nowMinute);
        List<MinutePercentiles> durations = new ArrayList<>(SeriesCache.WINDOW_MINUTES);
        MinuteBucket empty = new MinuteBucket();
        for (long m = nowMinute - SeriesCache.WINDOW_MINUTES + 1; m <= nowMinute; m++) {
            durations.add(stored.getOrDefault(m, empty).durations(m * 60_000));
        }
        JobDurations next = new JobDurations(key.group(), key.name(), now, durations);
        JobDurations previous = feed.last;
        feed.last = next;
        if (previous == null || !previous.durations().equals(next.durations())) {
            feed.subscribers.forEach(s -> deliver(s, next));
        }
    }

    private static boolean sameSeries(StatsSnapshot a, StatsSnapshot b) {
        return a.executions().equals(b.executions())
                && a.fireLag().equals(b.fireLag())
                && a.pool().equals(b.pool());
    }

    private static <T> void deliver(Consumer<T> subscriber, T value) {
        try {
            subscriber.accept(value);
        } catch (RuntimeException e) {
            log.warn("A chart could not take its data; it stays subscribed", e);
        }
    }

    private void purge() {
        try {
            long before = minuteOf(clock.instant().minus(Duration.ofDays(KEEP_DAYS)));
            int deleted = repository.purgeBefore(before);
            if (deleted > 0) {
                log.info("Deleted {} chart buckets older than {} days", deleted, KEEP_DAYS);
            }
        } catch (RuntimeException e) {
            log.warn("Old chart buckets could not be deleted ({}); trying again tomorrow", Errors.describe(e));
        }
    }

    private static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    @Override
    public void destroy() {
        Threads.shutdown(thread, Duration.ofSeconds(5));
        try {
            sampler.store();
        } catch (RuntimeException e) {
            log.warn("The last minute's pool samples could not be stored: {}", Errors.describe(e));
        }
        overallSubscribers.clear();
    }
}
