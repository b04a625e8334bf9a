package io.jobdeck.cluster;

import io.jobdeck.support.Errors;
import io.jobdeck.support.StartupRefusedException;
import io.jobdeck.support.Threads;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One live node per database. Quartz without clustering assumes it is alone: a second instance on the same tables
 * frees the first one's in-flight triggers as "stale" at start, and a Stop on one leaves the other firing. So each
 * node holds a lease row for its scheduler name, renewed every {@link #RENEW_EVERY}; a node that finds the lease held
 * by another live node refuses to start. A lease not renewed for {@link #STALE_AFTER} (a crashed node) is taken
 * over, and so is one left by an earlier process of this same host and pid (a restarted container). A node of a cluster
 * ({@link ClusterMode}) holds no lease: Quartz's clustering is what lets several nodes share the tables.
 */
@Component
public class NodeLease implements DisposableBean {

    static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    /** Nodes alive in this JVM (tests run several applications in one process). */
    private static final Set<String> LIVE_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final Clock clock;
    private final String schedulerName;
    private final List<Runnable> onLost = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor renewer = Threads.singleScheduled("jobdeck-lease");
    private final boolean held;
    private volatile @Nullable String lostTo;

    NodeLease(JdbcClient jdbc, NodeIdentity node, Clock clock, QuartzProperties quartz, ClusterMode cluster) {
        this.jdbc = jdbc;
        this.node = node;
        this.clock = clock;
        this.schedulerName = quartz.getSchedulerName() == null ? "quartzScheduler" : quartz.getSchedulerName();
        this.held = !cluster.enabled();
        if (!held) {
            // A cluster's nodes share the database on purpose: Quartz's clustering coordinates them instead.
            return;
        }
        try {
            acquire();
        } catch (RuntimeException e) {
            Threads.shutdown(renewer, Duration.ofSeconds(1));
            throw e;
        }
        LIVE_IN_THIS_JVM.add(node.id());
        renewer.scheduleWithFixedDelay(
                this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The node that took the lease away, if another node took over this database while this one could not renew. */
    public Optional<String> lostTo() {
        return Optional.ofNullable(lostTo);
    }

    /** Runs {@code action} once if the lease is lost. */
    public void onLost(Runnable action) {
        onLost.add(action);
    }

    private record Holder(String nodeId, String host, long pid, Instant startedAt, Instant renewedAt) {}

    private void acquire() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Holder> holder = holder();
            Instant now = clock.instant();
            if (holder.isEmpty()) {
                try {
                    jdbc.sql("INSERT INTO JOBDECK_NODE_LEASE (SCHED_NAME, NODE_ID, HOST, PID, STARTED_AT, RENEWED_AT)"
                                    + " VALUES (?, ?, ?, ?, ?, ?)")
                            .params(
                                    schedulerName,
                                    node.id(),
                                    node.host(),
                                    node.pid(),
                                    Timestamp.from(node.startedAt()),
                                    Timestamp.from(now))
                            .update();
                    log.info("Node {} holds the scheduler '{}'", node.id(), schedulerName);
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            Holder h = holder.get();
            if (!isAlive(h, now)) {
                int taken = jdbc.sql("UPDATE JOBDECK_NODE_LEASE SET NODE_ID = ?, HOST = ?, PID = ?, STARTED_AT = ?,"
                                + " RENEWED_AT = ? WHERE SCHED_NAME = ? AND NODE_ID = ?")
                        .params(
                                node.id(),
                                node.host(),
                                node.pid(),
                                Timestamp.from(node.startedAt()),
                                Timestamp.from(now),
                                schedulerName,
                                h.nodeId())
                        .update();
                if (taken == 1) {
                    log.info(
                            "Node {} took over the scheduler '{}' from {}, which no longer runs",
                            node.id(),
                            schedulerName,
                            h.nodeId());
                    return;
                }
                continue;
            }
            throw new StartupRefusedException(
                    "Another Jobdeck node is running the scheduler '" + schedulerName + "' on this database: "
                            + h.host() + " (pid " + h.pid() + ", started " + h.startedAt() + ", last seen "
                            + Duration.between(h.renewedAt(), now).toSeconds() + " s ago). Two nodes without"
                            + " clustering would steal each other's triggers.",
                    "Stop the other node, or give this one its own database. If the other node has crashed, this one"
                            + " can start " + STALE_AFTER.toSeconds() + " s after it was last seen.");
        }
        throw new StartupRefusedException(
                "Could not take the scheduler '" + schedulerName + "' lease: other nodes" + " keep taking it.",
                "Start one Jobdeck node per database.");
    }

    private boolean isAlive(Holder h, Instant now) {
        if (LIVE_IN_THIS_JVM.contains(h.nodeId())) {
            return true;
        }
        boolean sameProcessSlot = h.host().equals(node.host()) && h.pid() == node.pid();
        if (sameProcessSlot) {
            return false; // an earlier start of this process slot (same host, same pid) that is gone
        }
        if (h.host().equals(node.host()) && ProcessHandle.of(h.pid()).isEmpty()) {
            return false; // a process on this host that has ended
        }
        return h.renewedAt().isAfter(now.minus(STALE_AFTER));
    }

    private Optional<Holder> holder() {
        return jdbc.sql(
                        "SELECT NODE_ID, HOST, PID, STARTED_AT, RENEWED_AT FROM JOBDECK_NODE_LEASE WHERE SCHED_NAME = ?")
                .param(schedulerName)
                .query((rs, n) -> new Holder(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    private void renew() {
        if (lostTo != null) {
            return;
        }
        try {
            int renewed = jdbc.sql("UPDATE JOBDECK_NODE_LEASE SET RENEWED_AT = ? WHERE SCHED_NAME = ? AND NODE_ID = ?")
                    .params(Timestamp.from(clock.instant()), schedulerName, node.id())
                    .update();
            if (renewed == 0) {
                String other = holder().map(Holder::nodeId).orElse("nobody");
                lostTo = other;
                log.error(
                        "Node {} lost the scheduler '{}' to {} while it could not renew its lease; it stops firing",
                        node.id(),
                        schedulerName,
                        other);
                onLost.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            log.debug("Could not renew the node lease: {}", Errors.describe(e));
        }
    }

    @Override
    public void destroy() {
        Threads.shutdown(renewer, Duration.ofSeconds(5));
        if (!held) {
            return;
        }
        LIVE_IN_THIS_JVM.remove(node.id());
        try {
            jdbc.sql("DELETE FROM JOBDECK_NODE_LEASE WHERE SCHED_NAME = ? AND NODE_ID = ?")
                    .params(schedulerName, node.id())
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not release the node lease ({}); the next start takes it over", Errors.describe(e));
        }
    }
}
