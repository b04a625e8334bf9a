package io.jobdeck.testing;

import io.jobdeck.history.internal.ErrorWords;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Executions written straight into the history's tables, as the recorder would have: for views' tests. */
public final class ExecutionRows {

    private ExecutionRows() {}

    /** One ended execution (outcome as its name); returns its id. */
    public static long insert(
            JdbcClient jdbc,
            String group,
            String name,
            String outcome,
            Instant firedAt,
            @Nullable Duration duration,
            @Nullable String error,
            String node) {
        String fireId = "test-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO JOBDECK_EXECUTION (FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, TRIGGER_GROUP,"
                        + " TRIGGER_NAME, NODE, PARAMETERS, RUN_PARAMETERS, SCHEDULED_AT, FIRED_AT, LAG_MS, ENDED_AT,"
                        + " DURATION_MS, OUTCOME, ERROR) VALUES (?, ?, 1, ?, ?, 'DEFAULT', 'nightly-trigger', ?, '{}',"
                        + " '{}', ?, ?, 5, ?, ?, ?, ?)")
                .params(
                        fireId,
                        fireId,
                        group,
                        name,
                        node,
                        Timestamp.from(firedAt.minusMillis(5)),
                        Timestamp.from(firedAt),
                        duration == null ? null : Timestamp.from(firedAt.plus(duration)),
                        duration == null ? null : duration.toMillis(),
                        outcome,
                        error)
                .update();
        long id = jdbc.sql("SELECT ID FROM JOBDECK_EXECUTION WHERE FIRE_ID = ?")
                .param(fireId)
                .query(Long.class)
                .single();
        for (String word : ErrorWords.of(error)) { // the search's index, as the recorder writes it
            jdbc.sql("INSERT INTO JOBDECK_EXECUTION_WORD (WORD, FIRED_AT, EXECUTION_ID) VALUES (?, ?, ?)")
                    .params(word, Timestamp.from(firedAt), id)
                    .update();
        }
        return id;
    }

    /** Makes {@code later} the {@code attempt}th attempt of {@code first}'s run. */
    public static void retryOf(JdbcClient jdbc, long first, long later, int attempt) {
        jdbc.sql(
                        "UPDATE JOBDECK_EXECUTION SET ATTEMPT = ?, RUN_KEY = (SELECT RUN_KEY FROM JOBDECK_EXECUTION WHERE ID = ?)"
                                + " WHERE ID = ?")
                .params(attempt, first, later)
                .update();
    }

    /** Its stack trace and log. */
    public static void detail(
            JdbcClient jdbc, long id, @Nullable String stackTrace, @Nullable String log, boolean logTruncated) {
        jdbc.sql("INSERT INTO JOBDECK_EXECUTION_DETAIL (EXECUTION_ID, STACK_TRACE, LOG, LOG_TRUNCATED)"
                        + " VALUES (?, ?, ?, ?)")
                .params(id, stackTrace, log, logTruncated)
                .update();
    }
}
