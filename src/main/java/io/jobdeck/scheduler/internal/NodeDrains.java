package io.jobdeck.scheduler.internal;

import io.jobdeck.cluster.NodeIdentity;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The nodes drained for maintenance ({@code JOBDECK_NODE_DRAIN}), by readable name so that a drain survives the node's
 * restart, and the names of the nodes a cluster knows: those checked in with Quartz now and those that ever wrote their
 * row in {@code JOBDECK_NODE}.
 */
@Repository
public class NodeDrains {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String schedulerName;
    private final String schedulerState;

    NodeDrains(JdbcClient jdbc, Clock clock, Scheduler scheduler, QuartzProperties quartz) throws SchedulerException {
        this.jdbc = jdbc;
        this.clock = clock;
        this.schedulerName = scheduler.getSchedulerName();
        this.schedulerState =
                quartz.getProperties().getOrDefault("org.quartz.jobStore.tablePrefix", "QRTZ_") + "SCHEDULER_STATE";
    }

    /** Who drained the node named {@code nodeName}, or empty if it is not drained. */
    public Optional<String> drainedBy(String nodeName) {
        return jdbc.sql("SELECT DRAINED_BY FROM JOBDECK_NODE_DRAIN WHERE NODE_NAME = ?")
                .param(nodeName)
                .query(String.class)
                .optional();
    }

    /** Drains the node (again, by {@code by}, if it already was). */
    public void drain(String nodeName, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE JOBDECK_NODE_DRAIN SET DRAINED_AT = ?, DRAINED_BY = ? WHERE NODE_NAME = ?")
                .params(now, by, nodeName)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO JOBDECK_NODE_DRAIN (NODE_NAME, DRAINED_AT, DRAINED_BY) VALUES (?, ?, ?)")
                        .params(nodeName, now, by)
                        .update();
            } catch (DuplicateKeyException raced) {
                drain(nodeName, by);
            }
        }
    }

    /** Undrains the node; false if it was not drained. */
    public boolean undrain(String nodeName) {
        return jdbc.sql("DELETE FROM JOBDECK_NODE_DRAIN WHERE NODE_NAME = ?")
                        .param(nodeName)
                        .update()
                > 0;
    }

    /** The readable names of the nodes this cluster knows. */
    public Set<String> knownNodes() {
        Set<String> names = new TreeSet<>();
        jdbc.sql("SELECT INSTANCE_NAME FROM " + schedulerState + " WHERE SCHED_NAME = ?")
                .param(schedulerName)
                .query(String.class)
                .list()
                .forEach(id -> names.add(NodeIdentity.nameOf(id)));
        names.addAll(jdbc.sql("SELECT DISTINCT NODE_NAME FROM JOBDECK_NODE")
                .query(String.class)
                .list());
        return names;
    }
}
