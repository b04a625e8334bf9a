package io.jobdeck.cluster;

import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work that one node at a time does for everyone (the history's purge, ending a lost node's executions): a row per
 * task in {@code JOBDECK_TASK_LEASE}, held until a time on the database's clock, so that nodes with skewed clocks agree.
 * On one node it always succeeds at once and costs one statement.
 */
@Component
public class TaskLease {

    private final JdbcClient jdbc;
    private final NodeIdentity node;

    TaskLease(JdbcClient jdbc, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    /**
     * Takes or renews {@code task} for {@code hold}, unless another node holds it. Returns whether this node holds it
     * now. Throws what the database throws.
     */
    public boolean tryHold(String task, Duration hold) {
        long millis = Math.max(1, hold.toMillis());
        int taken = jdbc.sql("UPDATE JOBDECK_TASK_LEASE SET HOLDER = :me,"
                        + " UNTIL = CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND"
                        + " WHERE TASK = :task AND (HOLDER = :me OR UNTIL < CURRENT_TIMESTAMP)")
                .param("me", node.id())
                .param("millis", millis)
                .param("task", task)
                .update();
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.sql(
                                    "INSERT INTO JOBDECK_TASK_LEASE (TASK, HOLDER, UNTIL)"
                                            + " VALUES (:task, :me, CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND)")
                            .param("me", node.id())
                            .param("millis", millis)
                            .param("task", task)
                            .update()
                    == 1;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    /** Gives {@code task} up if this node holds it, so that another node may take it at once. */
    public void release(String task) {
        jdbc.sql("DELETE FROM JOBDECK_TASK_LEASE WHERE TASK = ? AND HOLDER = ?")
                .params(task, node.id())
                .update();
    }
}
