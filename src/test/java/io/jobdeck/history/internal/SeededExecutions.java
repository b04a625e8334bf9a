package io.jobdeck.history.internal;

import io.jobdeck.events.JobOutcome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Executions written straight into the history's tables (portable SQL), as if recorded earlier. */
final class SeededExecutions {

    private static final int CHUNK = 5_000;

    private final JdbcTemplate jdbc;

    SeededExecutions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties both tables. */
    void clear() {
        jdbc.update("DELETE FROM JOBDECK_EXECUTION_DETAIL");
        jdbc.update("DELETE FROM JOBDECK_EXECUTION");
    }

    /**
     * Adds {@code count} executions of job {@code seeded.<name>} on {@code node}, the newest fired at {@code newest}
     * and each next one {@code apart} earlier; every second one has a detail row (stack trace and log). Returns
     * their fire ids, newest first.
     */
    List<String> add(String name, int count, Instant newest, Duration apart, JobOutcome outcome, String node) {
        List<String> fireIds = new ArrayList<>(count);
        for (int from = 0; from < count; from += CHUNK) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + CHUNK); i++) {
                String fireId = name + "-" + i;
                fireIds.add(fireId);
                Instant fired = newest.minus(apart.multipliedBy(i));
                boolean ended = outcome != JobOutcome.RUNNING;
                rows.add(new Object[] {
                    fireId,
                    fireId,
                    name,
                    node,
                    "{\"recipient\":\"ops@example.com\"}",
                    Timestamp.from(fired),
                    ended ? Timestamp.from(fired.plusMillis(250)) : null,
                    ended ? 250L : null,
                    outcome.name(),
                    outcome == JobOutcome.FAILED ? "it failed" : null
                });
            }
            jdbc.batchUpdate(
                    "INSERT INTO JOBDECK_EXECUTION (FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, TRIGGER_GROUP,"
                            + " TRIGGER_NAME, NODE, PARAMETERS, RUN_PARAMETERS, FIRED_AT, ENDED_AT, DURATION_MS,"
                            + " OUTCOME, ERROR) VALUES (?, ?, 1, 'seeded', ?, 'seeded', 'every-minute', ?, ?, '{}', ?,"
                            + " ?, ?, ?, ?)",
                    rows);
        }
        jdbc.update(
                "INSERT INTO JOBDECK_EXECUTION_DETAIL (EXECUTION_ID, STACK_TRACE, LOG, LOG_TRUNCATED)"
                        + " SELECT ID, 'java.lang.IllegalStateException: it failed', 'working...', FALSE"
                        + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP = 'seeded' AND JOB_NAME = ? AND MOD(ID, 2) = 0",
                name);
        return fireIds;
    }

    /** The fire ids of job {@code seeded.<name>}'s executions that are left. */
    List<String> fireIds(String name) {
        return jdbc.queryForList(
                "SELECT FIRE_ID FROM JOBDECK_EXECUTION WHERE JOB_GROUP = 'seeded' AND JOB_NAME = ?"
                        + " ORDER BY FIRED_AT DESC, ID DESC",
                String.class,
                name);
    }

    /** Detail rows of job {@code seeded.<name>}'s executions. */
    long details(String name) {
        return count(
                "SELECT COUNT(*) FROM JOBDECK_EXECUTION_DETAIL D JOIN JOBDECK_EXECUTION E ON E.ID = D.EXECUTION_ID"
                        + " WHERE E.JOB_GROUP = 'seeded' AND E.JOB_NAME = ?",
                name);
    }

    /** Detail rows left without their execution. */
    long orphanedDetails() {
        return count("SELECT COUNT(*) FROM JOBDECK_EXECUTION_DETAIL D WHERE NOT EXISTS"
                + " (SELECT 1 FROM JOBDECK_EXECUTION E WHERE E.ID = D.EXECUTION_ID)");
    }

    /** The outcome of one execution, by its fire id. */
    String outcome(String fireId) {
        return jdbc.queryForObject("SELECT OUTCOME FROM JOBDECK_EXECUTION WHERE FIRE_ID = ?", String.class, fireId);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
