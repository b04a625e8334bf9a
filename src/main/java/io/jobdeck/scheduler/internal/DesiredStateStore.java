package io.jobdeck.scheduler.internal;

import io.jobdeck.support.DurableCommits;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persists the operator's last lifecycle choice, per Quartz scheduler name (a cluster's nodes share it). Each save
 * takes the next version under the row's lock, so that the nodes of a cluster can tell the latest choice from an
 * older read (decision 0031).
 */
@Repository
public class DesiredStateStore {

    private static final String RUNNING = "RUNNING";
    private static final String STOPPED = "STOPPED";

    /** A saved choice: run or stay stopped, and its version (higher is later). */
    public record Saved(boolean running, long version) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DurableCommits durable;
    private final TransactionTemplate transactions;

    DesiredStateStore(JdbcClient jdbc, Clock clock, DurableCommits durable, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.durable = durable;
        this.transactions = transactions;
    }

    /** The operator's last choice, empty on a fresh install. */
    public Optional<Saved> load(String schedulerName) {
        return jdbc.sql("SELECT DESIRED_STATE, VERSION FROM JOBDECK_SCHEDULER_CONTROL WHERE SCHED_NAME = ?")
                .param(schedulerName)
                .query((rs, row) -> new Saved(RUNNING.equals(rs.getString(1)), rs.getLong(2)))
                .optional();
    }

    /** Saves the choice so that it survives a crash right after this returns, and returns its version. */
    public long save(String schedulerName, boolean running, String changedBy) {
        Long version;
        try {
            version = transactions.execute(tx -> write(schedulerName, running, changedBy));
        } catch (DuplicateKeyException raced) { // another node inserted the first row meanwhile: now it updates
            version = transactions.execute(tx -> write(schedulerName, running, changedBy));
        }
        durable.flush();
        return version == null ? 0 : version;
    }

    private long write(String schedulerName, boolean running, String changedBy) {
        String state = running ? RUNNING : STOPPED;
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE JOBDECK_SCHEDULER_CONTROL SET DESIRED_STATE = ?, CHANGED_AT = ?, CHANGED_BY = ?,"
                        + " VERSION = VERSION + 1 WHERE SCHED_NAME = ?")
                .params(state, now, changedBy, schedulerName)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO JOBDECK_SCHEDULER_CONTROL"
                            + " (SCHED_NAME, DESIRED_STATE, CHANGED_AT, CHANGED_BY, VERSION) VALUES (?, ?, ?, ?, 1)")
                    .params(schedulerName, state, now, changedBy)
                    .update();
            return 1;
        }
        // The row is locked by this transaction's update: the version read is the one it wrote.
        return jdbc.sql("SELECT VERSION FROM JOBDECK_SCHEDULER_CONTROL WHERE SCHED_NAME = ?")
                .param(schedulerName)
                .query(Long.class)
                .single();
    }
}
