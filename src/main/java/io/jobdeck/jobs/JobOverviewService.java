package io.jobdeck.jobs;

import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.internal.CatalogEntry;
import io.jobdeck.jobs.internal.JobCatalogReader;
import io.jobdeck.jobs.internal.QuartzTables;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The dashboard's live picture of the jobs: the first {@link #SHOWN} by group and name (all of them in most stores;
 * the Jobs page pages through any number), as the job store holds them, merged with what runs now and how each job
 * last ended.
 *
 * <p>Reads are in-memory snapshots and never block. The job store is read on the {@code jobdeck-catalog} thread, at
 * most once per {@link #MIN_REFRESH_GAP}: the shown jobs again when jobs were added, changed or removed (or every
 * {@link #STALE_AFTER}); after fires, only the fire times and states of the shown jobs that fired, in one query. A
 * fire of a job not shown costs no read at all, so with 100,000 jobs firing 200 times a second the catalog reads a
 * handful of jobs a second, not the store.
 *
 * <p>In a cluster, what runs on the other nodes comes from their events (the cluster's event bridge publishes them
 * here); it is checked against Quartz's table of executing fires now and then, and whenever events were lost, so that
 * a run whose end was never heard of (its node died, a notification was lost) does not stay on the page.
 */
@Service
public class JobOverviewService implements DisposableBean {

    static final Duration MIN_REFRESH_GAP = Duration.ofMillis(750);

    /** The most jobs the dashboard lists. */
    public static final int SHOWN = 200;

    private static final Duration STALE_AFTER = Duration.ofSeconds(15);

    /** The most runs on other nodes kept track of (more than any cluster's worker threads). */
    private static final int ELSEWHERE_KEPT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(JobOverviewService.class);

    private final Scheduler scheduler;
    private final RetryScheduler retries;
    private final JobCatalogReader reader;
    private final JobList list;
    private final EventHub hub;
    private final String node;
    private final ScheduledThreadPoolExecutor catalogThread = Threads.singleScheduled("jobdeck-catalog");
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    /** Whether the next read is of every shown job (else only of {@link #fired}). */
    private final AtomicBoolean readAll = new AtomicBoolean(true);
    /** Shown jobs that fired since the last read. */
    private final Set<JobKey> fired = ConcurrentHashMap.newKeySet();

    private final ObjectProvider<RunHistory> history;
    /** Shown jobs whose last run was looked up in the history (once each: later ends arrive as events). */
    private final Set<String> historyRead = ConcurrentHashMap.newKeySet();

    private final AtomicReference<List<CatalogEntry>> catalog = new AtomicReference<>(List.of());
    private final AtomicReference<List<JobOverview>> jobs = new AtomicReference<>(List.of());
    private final AtomicReference<List<RunningJob>> running = new AtomicReference<>(List.of());
    /** Executions running on other nodes, by fire id (in a cluster; the catalog thread and the hub's thread). */
    private final Map<String, RunningJob> elsewhere = new ConcurrentHashMap<>();
    /** Fire ids that ended on other nodes lately, so that a check against the table does not bring them back. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> endedElsewhere =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(Duration.ofMinutes(1))
                    .maximumSize(ELSEWHERE_KEPT)
                    .build();

    private final AtomicBoolean checkElsewhere = new AtomicBoolean();
    private final boolean clustered;
    private final JdbcClient jdbc;
    private final QuartzTables tables;
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();
    /** When the store was last read, for any reason: the next read waits {@link #MIN_REFRESH_GAP} after it. */
    private volatile long lastReadNanos;
    /** When every shown job was last read: after {@link #STALE_AFTER} they are read again. */
    private volatile long lastFullReadNanos;

    JobOverviewService(
            Scheduler scheduler,
            JobCatalogReader reader,
            JobList list,
            EventHub hub,
            NodeIdentity node,
            ObjectProvider<RunHistory> history,
            RetryScheduler retries,
            ClusterMode cluster,
            JdbcClient jdbc,
            QuartzTables tables) {
        this.clustered = cluster.enabled();
        this.jdbc = jdbc;
        this.tables = tables;
        this.history = history;
        this.retries = retries;
        this.scheduler = scheduler;
        this.reader = reader;
        this.list = list;
        this.hub = hub;
        this.node = node.id();
        hub.addProcessor(this::onBatch);
        checkElsewhere.set(clustered); // what already runs on the other nodes
        requestRefresh();
    }

    /** The first {@link #SHOWN} jobs by group and name. */
    public List<JobOverview> jobs() {
        return jobs.get();
    }

    /** Jobs executing now, oldest first: on this node, and in a cluster on the others as far as this node knows. */
    public List<RunningJob> running() {
        return running.get();
    }

    /** Re-reads the shown jobs soon, e.g. after a change made through the API. */
    public void requestRefresh() {
        readAll.set(true);
        scheduleRead();
    }

    private void scheduleRead() {
        if (!refreshQueued.compareAndSet(false, true)) {
            return;
        }
        long waitNanos = lastReadNanos + MIN_REFRESH_GAP.toNanos() - System.nanoTime();
        try {
            catalogThread.schedule(this::refreshCatalog, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refreshQueued.set(false);
        }
    }

    private void onBatch(EventBatch batch) {
        Set<JobKey> shown = shownKeys();
        // While the dashboard shows every job, a job not read yet (just created) will be shown: keep its outcome.
        boolean showsAll = shown.size() < SHOWN;
        for (SchedulerEvent event : batch.events()) {
            // Kept for the shown jobs only: bounded, whatever the store holds (the history keeps every run).
            if (event instanceof SchedulerEvent.JobFinished f
                    && (showsAll || shown.contains(JobKey.jobKey(f.jobName(), f.jobGroup())))) {
                lastRuns.put(
                        key(f.jobGroup(), f.jobName()), new LastRun(f.outcome(), f.firedAt(), f.runTime(), f.error()));
            }
        }
        if (clustered) {
            followElsewhere(batch);
        }
        running.set(readRunning());
        boolean changed = batch.dropped() > 0;
        for (SchedulerEvent event : batch.events()) {
            switch (event) {
                case SchedulerEvent.JobStarted s -> firedIfShown(JobKey.jobKey(s.jobName(), s.jobGroup()), shown);
                case SchedulerEvent.JobFinished f -> firedIfShown(JobKey.jobKey(f.jobName(), f.jobGroup()), shown);
                case SchedulerEvent.TriggerMisfired m -> firedIfShown(JobKey.jobKey(m.jobName(), m.jobGroup()), shown);
                case SchedulerEvent.CatalogRefreshed r -> {}
                case SchedulerEvent.ProgressChanged p -> {}
                case SchedulerEvent.LogAppended l -> {}
                case SchedulerEvent.StateChanged c -> {}
                default -> changed = true;
            }
        }
        if (changed || System.nanoTime() - lastFullReadNanos > STALE_AFTER.toNanos()) {
            checkElsewhere.set(clustered);
            requestRefresh();
        } else if (!fired.isEmpty() || readAll.get()) {
            scheduleRead();
        }
        merge();
    }

    /** Runs on other nodes, from their events; checked against the table when events were lost. */
    private void followElsewhere(EventBatch batch) {
        for (SchedulerEvent event : batch.events()) {
            if (event.node().equals(node)) {
                continue;
            }
            if (event instanceof SchedulerEvent.JobStarted s
                    && endedElsewhere.getIfPresent(s.fireId()) == null
                    && elsewhere.size() < ELSEWHERE_KEPT) {
                elsewhere.put(
                        s.fireId(),
                        new RunningJob(s.fireId(), s.jobGroup(), s.jobName(), "", s.firedAt(), false, s.node()));
            } else if (event instanceof SchedulerEvent.JobFinished f) {
                endedElsewhere.put(f.fireId(), true);
                elsewhere.remove(f.fireId());
            }
        }
        if (batch.dropped() > 0) {
            checkElsewhere.set(true);
            scheduleRead();
        }
    }

    /**
     * Brings the runs on other nodes in line with Quartz's table of executing fires (what a node that died was running
     * is removed from it when another node recovers its work).
     */
    private void readElsewhere() {
        Set<String> before = Set.copyOf(elsewhere.keySet());
        Map<String, RunningJob> executing = new java.util.HashMap<>();
        jdbc
                .sql("SELECT ENTRY_ID, INSTANCE_NAME, JOB_GROUP, JOB_NAME, FIRED_TIME FROM " + tables.firedTriggers()
                        + " WHERE SCHED_NAME = ? AND STATE = 'EXECUTING' AND INSTANCE_NAME <> ?")
                .params(tables.schedulerName(), node)
                .query((rs, row) -> new RunningJob(
                        rs.getString(1),
                        rs.getString(3),
                        rs.getString(4),
                        "",
                        Instant.ofEpochMilli(rs.getLong(5)),
                        false,
                        rs.getString(2)))
                .list()
                .stream()
                .limit(ELSEWHERE_KEPT)
                .forEach(r -> executing.put(r.fireId(), r));
        // Runs heard of while the table was read are kept: their start may be newer than what was read.
        before.stream().filter(id -> !executing.containsKey(id)).forEach(elsewhere::remove);
        executing.forEach((id, r) -> {
            if (endedElsewhere.getIfPresent(id) == null) {
                elsewhere.putIfAbsent(id, r);
            }
        });
    }

    private void firedIfShown(JobKey key, Set<JobKey> shown) {
        if (shown.contains(key)) {
            fired.add(key);
        } else if (shown.size() < SHOWN) {
            readAll.set(true); // a job not read yet (just created), which the dashboard is to list too
        }
    }

    private Set<JobKey> shownKeys() {
        Set<JobKey> keys = new HashSet<>();
        catalog.get().forEach(e -> keys.add(JobKey.jobKey(e.name(), e.group())));
        return keys;
    }

    private void refreshCatalog() {
        refreshQueued.set(false);
        lastReadNanos = System.nanoTime();
        try {
            if (clustered && checkElsewhere.getAndSet(false)) {
                try {
                    readElsewhere();
                    running.set(readRunning());
                } catch (RuntimeException e) {
                    log.debug("Could not read what runs on the other nodes: {}", Errors.describe(e));
                }
            }
            if (readAll.getAndSet(false)) {
                lastFullReadNanos = lastReadNanos;
                fired.clear();
                catalog.set(List.copyOf(reader.read(list.firstByName(SHOWN))));
                Set<String> keys = new HashSet<>();
                catalog.get().forEach(e -> keys.add(key(e.group(), e.name())));
                lastRuns.keySet().retainAll(keys);
                historyRead.retainAll(keys);
                readLastRuns();
            } else {
                List<JobKey> again = List.copyOf(fired);
                fired.removeAll(again);
                Map<JobKey, JobCatalogReader.Fires> fires = reader.readFires(again);
                Map<JobKey, CatalogEntry> reread = new java.util.HashMap<>();
                for (CatalogEntry e : catalog.get()) {
                    JobCatalogReader.Fires f = fires.get(JobKey.jobKey(e.name(), e.group()));
                    if (f != null) {
                        reread.put(
                                JobKey.jobKey(e.name(), e.group()),
                                new CatalogEntry(
                                        e.group(),
                                        e.name(),
                                        e.description(),
                                        e.schedules(),
                                        f.nextFire(),
                                        f.previousFire(),
                                        f.state()));
                    }
                }
                for (JobKey key : again) {
                    if (!fires.containsKey(key)) { // no trigger left, or gone: read it whole
                        reader.read(key).ifPresent(e -> reread.put(key, e));
                    }
                }
                catalog.set(catalog.get().stream()
                        .map(e -> reread.getOrDefault(JobKey.jobKey(e.name(), e.group()), e))
                        .toList());
            }
            merge();
            hub.publish(new SchedulerEvent.CatalogRefreshed(node));
        } catch (SchedulerException | RuntimeException e) {
            log.debug("Could not read the job catalog: {}", Errors.describe(e));
        }
    }

    /** How each shown job last ended, from the history, for the jobs no end was seen of since this node started. */
    private void readLastRuns() {
        RunHistory runs = history.getIfAvailable();
        if (runs == null) {
            return;
        }
        for (CatalogEntry e : catalog.get()) {
            String key = key(e.group(), e.name());
            if (!lastRuns.containsKey(key) && historyRead.add(key)) {
                runs.lastRun(e.group(), e.name()).ifPresent(last -> lastRuns.putIfAbsent(key, last));
            }
        }
    }

    private synchronized void merge() {
        Set<String> runningNow = new HashSet<>();
        for (RunningJob r : running.get()) {
            runningNow.add(key(r.group(), r.name()));
        }
        List<JobOverview> merged = new ArrayList<>();
        for (CatalogEntry e : catalog.get()) {
            String key = key(e.group(), e.name());
            JobState state = runningNow.contains(key) ? JobState.RUNNING : e.storedState();
            LastRun last = lastRuns.get(key);
            // A one-off "run now" trigger is gone once it fired, so the last run may be later than any trigger says.
            Instant previous = e.previousFire();
            if (last != null && (previous == null || last.firedAt().isAfter(previous))) {
                previous = last.firedAt();
            }
            merged.add(new JobOverview(
                    e.group(),
                    e.name(),
                    e.description(),
                    e.schedules(),
                    e.nextFire(),
                    previous,
                    state,
                    e.storedState() == JobState.PAUSED,
                    last));
        }
        jobs.set(List.copyOf(merged));
    }

    private List<RunningJob> readRunning() {
        try {
            List<RunningJob> now = new ArrayList<>();
            for (JobExecutionContext c : scheduler.getCurrentlyExecutingJobs()) {
                JobKey key = c.getJobDetail().getKey();
                String trigger = c.getTrigger().getKey().getName();
                now.add(new RunningJob(
                        c.getFireInstanceId(),
                        key.getGroup(),
                        key.getName(),
                        trigger.startsWith(QuartzTriggers.RETRY_PREFIX)
                                ? "retry"
                                : trigger.startsWith(QuartzTriggers.RUN_NOW_PREFIX) ? "manual" : trigger,
                        c.getFireTime().toInstant(),
                        c.getJobInstance() instanceof InterruptableJob,
                        node));
            }
            now.addAll(elsewhere.values());
            now.sort(Comparator.comparing(RunningJob::firedAt));
            return List.copyOf(now);
        } catch (SchedulerException e) {
            return List.of();
        }
    }

    private static String key(String group, String name) {
        return group + '\u0000' + name;
    }

    /** Whether the retries failed runs call for are being scheduled (in memory: for the dashboard's notices). */
    public RetryHealth retryHealth() {
        return retries.health();
    }

    @Override
    public void destroy() {
        Threads.shutdown(catalogThread, Duration.ofSeconds(5));
    }
}
