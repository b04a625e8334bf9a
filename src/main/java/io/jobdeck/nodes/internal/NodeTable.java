package io.jobdeck.nodes.internal;

import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code JOBDECK_NODE} (PostgreSQL: only a cluster writes it). Times that decide who is late are the database's
 * ({@code CURRENT_TIMESTAMP}), so that nodes with skewed clocks agree.
 */
@Repository
public class NodeTable {

    static final String LEFT = "LEFT";
    /** Separates a reason's code from its arguments in the REASON column. */
    private static final String SEPARATOR = "\u001f";

    private static final int MAX_REASON = 1_000;

    private final JdbcClient jdbc;

    NodeTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one check-in writes. */
    public record CheckIn(
            String id,
            String name,
            @Nullable String address,
            String version,
            Instant startedAt,
            SchedulerState state,
            Instant since,
            @Nullable StatusReason reason,
            int busy,
            int pool,
            int running,
            int firesLastMinute) {}

    /**
     * Writes this node's row, with the database's time as the check-in and this node's clock ({@code nodeMillis}, read
     * just before) against it as the skew: one statement, so that both are measured together.
     */
    public void checkIn(CheckIn c, long nodeMillis) {
        jdbc.sql("INSERT INTO JOBDECK_NODE (NODE_ID, NODE_NAME, ADDRESS, VERSION, STARTED_AT, STATE, STATE_SINCE,"
                        + " REASON, BUSY_WORKERS, POOL_SIZE, RUNNING_JOBS, FIRES_LAST_MINUTE, CHECKIN_AT, SKEW_MILLIS,"
                        + " LOST_AT) VALUES (:id, :name, :address, :version, :started, :state, :since, :reason, :busy,"
                        + " :pool, :running, :fires, CURRENT_TIMESTAMP, CAST(:nodeMillis AS BIGINT)"
                        + " - CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT), NULL)"
                        + " ON CONFLICT (NODE_ID) DO UPDATE SET ADDRESS = EXCLUDED.ADDRESS, STATE = EXCLUDED.STATE,"
                        + " STATE_SINCE = EXCLUDED.STATE_SINCE, REASON = EXCLUDED.REASON,"
                        + " BUSY_WORKERS = EXCLUDED.BUSY_WORKERS, POOL_SIZE = EXCLUDED.POOL_SIZE,"
                        + " RUNNING_JOBS = EXCLUDED.RUNNING_JOBS, FIRES_LAST_MINUTE = EXCLUDED.FIRES_LAST_MINUTE,"
                        + " CHECKIN_AT = EXCLUDED.CHECKIN_AT, SKEW_MILLIS = EXCLUDED.SKEW_MILLIS, LOST_AT = NULL")
                .param("id", c.id())
                .param("name", c.name())
                .param("address", c.address())
                .param("version", c.version())
                .param("started", Timestamp.from(c.startedAt()))
                .param("state", c.state().name())
                .param("since", Timestamp.from(c.since()))
                .param("reason", encode(c.reason()))
                .param("busy", c.busy())
                .param("pool", c.pool())
                .param("running", c.running())
                .param("fires", c.firesLastMinute())
                .param("nodeMillis", nodeMillis)
                .update();
    }

    /** A clean shutdown: the row stays (for a while) as LEFT. */
    public void leave(String id) {
        jdbc.sql("UPDATE JOBDECK_NODE SET STATE = 'LEFT', STATE_SINCE = CURRENT_TIMESTAMP, REASON = NULL,"
                        + " BUSY_WORKERS = 0, RUNNING_JOBS = 0, CHECKIN_AT = CURRENT_TIMESTAMP WHERE NODE_ID = ?")
                .param(id)
                .update();
    }

    /** Every row, with its age on the database's clock; lost when older than {@code lostAfter} and not LEFT. */
    public List<NodeInfo> read(String thisNode, Duration lostAfter) {
        return jdbc.sql("SELECT NODE_ID, NODE_NAME, ADDRESS, VERSION, STARTED_AT, STATE, STATE_SINCE, REASON,"
                        + " BUSY_WORKERS, POOL_SIZE, RUNNING_JOBS, FIRES_LAST_MINUTE, CHECKIN_AT, SKEW_MILLIS,"
                        + " LOST_AT, CAST(FLOOR(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - CHECKIN_AT)) * 1000) AS BIGINT)"
                        + " FROM JOBDECK_NODE ORDER BY NODE_NAME, STARTED_AT DESC")
                .query((rs, n) -> row(rs, thisNode, lostAfter))
                .list();
    }

    /**
     * Marks these nodes lost, if they still have not checked in for {@code lostAfter} and were not marked before;
     * returns those it marked.
     */
    public List<String> markLost(Collection<String> ids, Duration lostAfter) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("UPDATE JOBDECK_NODE SET LOST_AT = CURRENT_TIMESTAMP WHERE NODE_ID IN (:ids)"
                        + " AND LOST_AT IS NULL AND STATE <> 'LEFT'"
                        + " AND CHECKIN_AT < CURRENT_TIMESTAMP - CAST(:millis AS BIGINT) * INTERVAL '1 millisecond'"
                        + " RETURNING NODE_ID")
                .param("ids", List.copyOf(ids))
                .param("millis", lostAfter.toMillis())
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    /** Removes the rows of nodes that left or were lost longer than {@code keep} ago. Returns how many. */
    public int forgetOlderThan(Duration keep) {
        return jdbc.sql("DELETE FROM JOBDECK_NODE"
                        + " WHERE CHECKIN_AT < CURRENT_TIMESTAMP - CAST(:millis AS BIGINT) * INTERVAL '1 millisecond'")
                .param("millis", keep.toMillis())
                .update();
    }

    private static NodeInfo row(ResultSet rs, String thisNode, Duration lostAfter) throws SQLException {
        String id = rs.getString("NODE_ID");
        String stored = rs.getString("STATE");
        Duration age = Duration.ofMillis(Math.max(0, rs.getLong(16)));
        NodeInfo.Presence presence = LEFT.equals(stored)
                ? NodeInfo.Presence.LEFT
                : age.compareTo(lostAfter) > 0 ? NodeInfo.Presence.LOST : NodeInfo.Presence.LIVE;
        SchedulerState state = LEFT.equals(stored) ? SchedulerState.STOPPED : stateOf(stored);
        Timestamp lostAt = rs.getTimestamp("LOST_AT");
        return new NodeInfo(
                id,
                rs.getString("NODE_NAME"),
                rs.getString("ADDRESS"),
                rs.getString("VERSION"),
                rs.getTimestamp("STARTED_AT").toInstant(),
                presence,
                state,
                rs.getTimestamp("STATE_SINCE").toInstant(),
                decode(rs.getString("REASON")).orElse(null),
                rs.getInt("BUSY_WORKERS"),
                rs.getInt("POOL_SIZE"),
                rs.getInt("RUNNING_JOBS"),
                rs.getInt("FIRES_LAST_MINUTE"),
                rs.getTimestamp("CHECKIN_AT").toInstant(),
                age,
                rs.getLong("SKEW_MILLIS"),
                lostAt == null ? null : lostAt.toInstant(),
                id.equals(thisNode));
    }

    private static SchedulerState stateOf(String stored) {
        try {
            return SchedulerState.valueOf(stored);
        } catch (IllegalArgumentException unknown) {
            return SchedulerState.DEGRADED; // written by a newer version
        }
    }

    /** The code, then each argument, separated by {@link #SEPARATOR}, cut to the column's size. */
    static @Nullable String encode(@Nullable StatusReason reason) {
        if (reason == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(reason.code().name());
        for (String arg : reason.args()) {
            text.append(SEPARATOR).append(arg.replace(SEPARATOR, " "));
        }
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text.toString();
    }

    static Optional<StatusReason> decode(@Nullable String stored) {
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = stored.split(SEPARATOR, -1);
        try {
            StatusReason.Code code = StatusReason.Code.valueOf(parts[0]);
            List<String> args = new ArrayList<>(List.of(parts).subList(1, parts.length));
            return Optional.of(new StatusReason(code, args));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
