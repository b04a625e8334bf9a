package io.jobdeck.scheduler.internal;

import io.jobdeck.support.DurableCommits;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persists the operator's last lifecycle choice, per Quartz scheduler name. */
@Repository
public class DesiredStateStore {

    private static final String RUNNING = "RUNNING";
    private static final String STOPPED = "STOPPED";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DurableCommits durable;

    DesiredStateStore(JdbcClient jdbc, Clock clock, DurableCommits durable) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.durable = durable;
    }

    /** True if the operator last asked to run, false if to stop, empty on a fresh install. */
    public Optional<Boolean> load(String schedulerName) {
        return jdbc.sql("SELECT DESIRED_STATE FROM JOBDECK_SCHEDULER_CONTROL WHERE SCHED_NAME = ?")
                .param(schedulerName)
                .query(String.class)
                .optional()
                .map(RUNNING::equals);
    }

    /** Saves the choice so that it survives a crash right after this returns. */
    public void save(String schedulerName, boolean running, String changedBy) {
        write(schedulerName, running, changedBy);
        durable.flush();
    }

    private void write(String schedulerName, boolean running, String changedBy) {
        String state = running ? RUNNING : STOPPED;
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE JOBDECK_SCHEDULER_CONTROL SET DESIRED_STATE = ?, CHANGED_AT = ?, CHANGED_BY = ?"
                        + " WHERE SCHED_NAME = ?")
                .params(state, now, changedBy, schedulerName)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO JOBDECK_SCHEDULER_CONTROL (SCHED_NAME, DESIRED_STATE, CHANGED_AT, CHANGED_BY)"
                                + " VALUES (?, ?, ?, ?)")
                        .params(schedulerName, state, now, changedBy)
                        .update();
            } catch (DuplicateKeyException raced) {
                write(schedulerName, running, changedBy);
            }
        }
    }
}
