package io.jobdeck.nodes.internal;

import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.ClusterProperties;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.cluster.TaskLease;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.nodes.ClusterSnapshot;
import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's heartbeat, on its own thread ({@code jobdeck-nodes}), every {@link #EVERY}: in a cluster it writes this
 * node's row of {@code JOBDECK_NODE} (its scheduler's status, its load, the database's time and its clock's skew),
 * reads every node's row and the desired state, and keeps the {@link ClusterSnapshot} that views and the API read
 * without blocking. A database that does not answer leaves the row to go stale (this node's own status already says
 * why) and the snapshot says it could not read.
 *
 * <p>A node silent for longer than {@link ClusterProperties#lostAfter()} (by the database's clock) is lost: one node at
 * a time ({@link TaskLease}) ends its executions still "running" in the history as "node died" and marks its row. Only
 * a node that has itself checked in without a break for that long judges others, so that one just back from a
 * database outage does not take the others, silent for the same reason, for dead. Rows of nodes gone for longer than
 * {@link #FORGET_AFTER} are removed.
 */
@Component
public class NodeHeartbeat implements DisposableBean {

    static final Duration EVERY = Duration.ofSeconds(1);
    /** A check-in slower than this measured a wait, not the clocks' skew, and is repeated. */
    static final Duration SLOW_CHECK_IN = Duration.ofMillis(500);
    /** A snapshot read longer ago than this (three heartbeats) is stale. */
    static final Duration STALE_AFTER = EVERY.multipliedBy(3);

    static final Duration FORGET_AFTER = Duration.ofDays(1);
    static final String LOST_NODES_TASK = "lost-nodes";
    private static final Duration LOST_NODES_HOLD = Duration.ofSeconds(30);
    private static final int FORGET_EVERY_TICKS = 600;
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NodeTable table;
    private final JdbcClient jdbc;
    private final SchedulerMonitor monitor;
    private final SchedulerControl control;
    private final ExecutionHistory history;
    private final TaskLease lease;
    private final NodeIdentity node;
    private final ClusterProperties properties;
    private final boolean clustered;
    private final Clock clock;
    private final String version;
    private final FireCounter fires = new FireCounter();
    private final Subscription counting;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-nodes");
    private final AtomicReference<ClusterSnapshot> snapshot;
    private volatile @Nullable String address;
    private final CheckInStreak streak;
    private int ticks;

    NodeHeartbeat(
            NodeTable table,
            JdbcClient jdbc,
            SchedulerMonitor monitor,
            SchedulerControl control,
            ExecutionHistory history,
            TaskLease lease,
            NodeIdentity node,
            ClusterMode cluster,
            EventHub hub,
            Clock clock) {
        this.table = table;
        this.jdbc = jdbc;
        this.monitor = monitor;
        this.control = control;
        this.history = history;
        this.lease = lease;
        this.node = node;
        this.properties = cluster.properties();
        this.clustered = cluster.enabled();
        this.clock = clock;
        // A check-in is due every second; a gap of half the window means this node was not in touch.
        this.streak = new CheckInStreak(properties.lostAfter().dividedBy(2));
        this.version = version();
        this.address = node.host();
        this.counting = hub.addProcessor(batch -> {
            for (SchedulerEvent event : batch.events()) {
                if (event instanceof SchedulerEvent.JobStarted started
                        && started.node().equals(node.id())) {
                    fires.add(clock.millis());
                }
            }
        });
        ClusterSnapshot initial = alone(monitor.status());
        this.snapshot = new AtomicReference<>(
                clustered
                        ? new ClusterSnapshot(
                                true,
                                initial.state(),
                                null,
                                initial.nodes(),
                                List.of(),
                                initial.readAt(),
                                "The nodes have not been read yet")
                        : initial);
    }

    /**
     * The latest snapshot. Never blocks. In a cluster, one older than {@link #STALE_AFTER} says DEGRADED and why: a
     * database that hangs holds the heartbeat's read, and the nodes it last read are no longer the truth.
     */
    public ClusterSnapshot snapshot() {
        ClusterSnapshot last = snapshot.get();
        Duration age = Duration.between(last.readAt(), clock.instant());
        if (!last.clustered()
                || age.compareTo(STALE_AFTER) <= 0
                || (last.state() == io.jobdeck.scheduler.SchedulerState.DEGRADED && last.problem() != null)) {
            return last;
        }
        return last.degraded(
                "The nodes have not been read for " + age.toSeconds() + " s: the database does not answer");
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        address = node.host() + ":" + event.getWebServer().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            SchedulerStatus status = monitor.status();
            if (!clustered) {
                snapshot.set(alone(status));
                return;
            }
            @Nullable String problem = checkIn(status);
            try {
                List<NodeInfo> nodes = table.read(node.id(), properties.lostAfter());
                @Nullable Boolean desired = desiredRunning();
                ClusterStateRules.Verdict verdict = ClusterStateRules.judge(nodes, desired, problem != null);
                snapshot.set(new ClusterSnapshot(
                        true, verdict.state(), desired, nodes, verdict.notices(), clock.instant(), problem));
                endLostNodes(nodes);
            } catch (RuntimeException e) {
                ClusterSnapshot last = snapshot.get();
                String why = "Could not read the cluster's nodes: " + Errors.describe(e);
                snapshot.set(last.degraded(problem == null ? why : problem));
            }
            if (++ticks % FORGET_EVERY_TICKS == 1) {
                int forgotten = table.forgetOlderThan(FORGET_AFTER);
                if (forgotten > 0) {
                    log.info("Forgot {} nodes gone for more than {}", forgotten, FORGET_AFTER);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Node heartbeat: {}", Errors.describe(e));
        }
    }

    /** Writes this node's row; returns why it could not, if it could not. */
    private @Nullable String checkIn(SchedulerStatus status) {
        long now = System.nanoTime();
        try {
            table.checkIn(checkInOf(status), clock.millis());
            if (System.nanoTime() - now > SLOW_CHECK_IN.toNanos()) {
                // The skew compares this node's clock, read before the statement, with the database's during it: a
                // statement held up (a database that hung) measured the wait, not the clocks. Again, now it answers.
                table.checkIn(checkInOf(status), clock.millis());
            }
            streak.succeeded(now);
            return null;
        } catch (RuntimeException e) {
            streak.failed();
            return "Could not check in: " + Errors.describe(e);
        }
    }

    /** Whether this node has checked in without a break for long enough to call another one lost. */
    private boolean mayJudgeOthers() {
        return streak.lasted(properties.lostAfter(), System.nanoTime());
    }

    private void endLostNodes(List<NodeInfo> nodes) {
        List<String> lost = nodes.stream()
                .filter(n -> n.lost() && n.lostAt() == null && !n.thisNode())
                .map(NodeInfo::id)
                .toList();
        if (lost.isEmpty() || !mayJudgeOthers() || !lease.tryHold(LOST_NODES_TASK, LOST_NODES_HOLD)) {
            return;
        }
        int ended = history.endRunsOfLostNodes(lost);
        List<String> marked = table.markLost(lost, properties.lostAfter());
        if (!marked.isEmpty()) {
            log.warn(
                    "Nodes {} stopped checking in: lost; {} of their executions marked as node died",
                    marked.stream().map(NodeIdentity::nameOf).toList(),
                    ended);
        }
    }

    private @Nullable Boolean desiredRunning() {
        return jdbc.sql("SELECT DESIRED_STATE FROM JOBDECK_SCHEDULER_CONTROL WHERE SCHED_NAME = ?")
                .param(control.schedulerName())
                .query(String.class)
                .optional()
                .map("RUNNING"::equals)
                .orElse(null);
    }

    /** On one node: this node only, from its own status, and the cluster's state is its state. */
    private ClusterSnapshot alone(SchedulerStatus status) {
        Instant now = clock.instant();
        NodeTable.CheckIn c = checkInOf(status);
        NodeInfo self = new NodeInfo(
                c.id(),
                c.name(),
                c.address(),
                c.version(),
                c.startedAt(),
                NodeInfo.Presence.LIVE,
                c.state(),
                c.since(),
                c.reason(),
                c.busy(),
                c.pool(),
                c.running(),
                c.firesLastMinute(),
                now,
                Duration.ZERO,
                0,
                null,
                true);
        return new ClusterSnapshot(false, status.state(), null, List.of(self), List.of(), now, null);
    }

    /** What this node says of itself now. */
    private NodeTable.CheckIn checkInOf(SchedulerStatus status) {
        return new NodeTable.CheckIn(
                node.id(),
                node.name(),
                address,
                version,
                node.startedAt(),
                status.state(),
                status.since(),
                status.reason(),
                status.busyThreads(),
                status.poolSize(),
                status.runningJobs(),
                fires.lastMinute(clock.millis()));
    }

    private static String version() {
        return Optional.ofNullable(NodeHeartbeat.class.getPackage().getImplementationVersion())
                .orElse("dev");
    }

    @Override
    public void destroy() {
        counting.close();
        Threads.shutdown(thread, Duration.ofSeconds(5));
        if (clustered) {
            try {
                table.leave(node.id());
            } catch (RuntimeException e) {
                log.warn("Could not mark this node as left ({}); it shows as lost", Errors.describe(e));
            }
        }
    }

    /** Jobs this node fired, by second, over the last minute. */
    static final class FireCounter {

        private final long[] seconds = new long[60];
        private final int[] counts = new int[60];

        synchronized void add(long nowMillis) {
            long second = nowMillis / 1000;
            int slot = (int) (second % 60);
            if (seconds[slot] != second) {
                seconds[slot] = second;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        synchronized int lastMinute(long nowMillis) {
            long second = nowMillis / 1000;
            int total = 0;
            for (int i = 0; i < 60; i++) {
                if (second - seconds[i] < 60) {
                    total += counts[i];
                }
            }
            return total;
        }
    }
}
