package io.jobdeck.stats.internal;

import io.jobdeck.stats.MinutePoolUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-minute bucket tables ({@code V9__minute_stats.sql}). A node writes only its own rows (the node is in the
 * key), so a row is inserted once and then updated with its whole new value, never merged in SQL. Readers sum over
 * nodes (and jobs) in memory, reading by the primary key's or the job index's order.
 */
@Repository
public class StatsRepository {

    /** A stored bucket's key (the node is the writer's). */
    public record Key(String group, String name, long epochMinute) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    StatsRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<MinuteBucket> find(String node, Key key) {
        return jdbc.sql("SELECT SUCCEEDED, FAILED, OTHER, DURATION_HIST, DURATION_MAX_MS, LAG_HIST, LAG_MAX_MS"
                        + " FROM JOBDECK_STATS_MINUTE WHERE EPOCH_MINUTE = ? AND JOB_GROUP = ? AND JOB_NAME = ?"
                        + " AND NODE = ?")
                .params(key.epochMinute(), key.group(), key.name(), node)
                .query((rs, n) -> new MinuteBucket(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        Histogram.decode(rs.getString(4)),
                        rs.getLong(5),
                        Histogram.decode(rs.getString(6)),
                        rs.getLong(7)))
                .optional();
    }

    /** Inserts new buckets and replaces changed ones, in the caller's transaction. */
    public void write(String node, Map<Key, MinuteBucket> inserts, Map<Key, MinuteBucket> updates) {
        if (!inserts.isEmpty()) {
            template.batchUpdate(
                    "INSERT INTO JOBDECK_STATS_MINUTE (SUCCEEDED, FAILED, OTHER, DURATION_HIST, DURATION_MAX_MS,"
                            + " LAG_HIST, LAG_MAX_MS, EPOCH_MINUTE, JOB_GROUP, JOB_NAME, NODE)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows(node, inserts));
        }
        if (!updates.isEmpty()) {
            template.batchUpdate(
                    "UPDATE JOBDECK_STATS_MINUTE SET SUCCEEDED = ?, FAILED = ?, OTHER = ?, DURATION_HIST = ?,"
                            + " DURATION_MAX_MS = ?, LAG_HIST = ?, LAG_MAX_MS = ? WHERE EPOCH_MINUTE = ?"
                            + " AND JOB_GROUP = ? AND JOB_NAME = ? AND NODE = ?",
                    rows(node, updates));
        }
    }

    private static List<Object[]> rows(String node, Map<Key, MinuteBucket> buckets) {
        List<Object[]> rows = new ArrayList<>(buckets.size());
        buckets.forEach((key, b) -> rows.add(new Object[] {
            b.succeeded,
            b.failed,
            b.other,
            b.durations.encode(),
            b.durationMax,
            b.lags.encode(),
            b.lagMax,
            key.epochMinute(),
            key.group(),
            key.name(),
            node
        }));
        return rows;
    }

    /** All jobs' and nodes' executions per minute from {@code fromMinute} on (durations left out). */
    public TreeMap<Long, MinuteBucket> overall(long fromMinute) {
        TreeMap<Long, MinuteBucket> minutes = new TreeMap<>();
        jdbc.sql("SELECT EPOCH_MINUTE, SUCCEEDED, FAILED, OTHER, LAG_HIST, LAG_MAX_MS FROM JOBDECK_STATS_MINUTE"
                        + " WHERE EPOCH_MINUTE >= ?")
                .param(fromMinute)
                .query(rs -> {
                    MinuteBucket b = new MinuteBucket(
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            new Histogram(),
                            0,
                            Histogram.decode(rs.getString(5)),
                            rs.getLong(6));
                    minutes.computeIfAbsent(rs.getLong(1), m -> new MinuteBucket())
                            .addAll(b);
                });
        return minutes;
    }

    /** One job's executions per minute (all nodes) from {@code fromMinute} on. */
    public TreeMap<Long, MinuteBucket> job(String group, String name, long fromMinute) {
        TreeMap<Long, MinuteBucket> minutes = new TreeMap<>();
        jdbc.sql("SELECT EPOCH_MINUTE, SUCCEEDED, FAILED, OTHER, DURATION_HIST, DURATION_MAX_MS"
                        + " FROM JOBDECK_STATS_MINUTE WHERE JOB_GROUP = ? AND JOB_NAME = ? AND EPOCH_MINUTE >= ?")
                .params(group, name, fromMinute)
                .query(rs -> {
                    MinuteBucket b = new MinuteBucket(
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            Histogram.decode(rs.getString(5)),
                            rs.getLong(6),
                            new Histogram(),
                            0);
                    minutes.computeIfAbsent(rs.getLong(1), m -> new MinuteBucket())
                            .addAll(b);
                });
        return minutes;
    }

    /** One node's pool samples of one minute. */
    public record PoolMinute(long epochMinute, String node, int samples, long busySum, int busyMax, int poolSize) {}

    public void insertPool(PoolMinute minute) {
        jdbc.sql("INSERT INTO JOBDECK_STATS_POOL (EPOCH_MINUTE, NODE, SAMPLES, BUSY_SUM, BUSY_MAX, POOL_SIZE)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        minute.epochMinute(),
                        minute.node(),
                        minute.samples(),
                        minute.busySum(),
                        minute.busyMax(),
                        minute.poolSize())
                .update();
    }

    /** Every node's pool samples from {@code fromMinute} on, by minute. */
    public TreeMap<Long, List<PoolMinute>> pool(long fromMinute) {
        TreeMap<Long, List<PoolMinute>> minutes = new TreeMap<>();
        jdbc.sql("SELECT EPOCH_MINUTE, NODE, SAMPLES, BUSY_SUM, BUSY_MAX, POOL_SIZE FROM JOBDECK_STATS_POOL"
                        + " WHERE EPOCH_MINUTE >= ?")
                .param(fromMinute)
                .query((rs, n) -> new PoolMinute(
                        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getInt(5), rs.getInt(6)))
                .list()
                .forEach(p -> minutes.computeIfAbsent(p.epochMinute(), m -> new ArrayList<>())
                        .add(p));
        return minutes;
    }

    /** Sums nodes' samples per minute: busy on average per node, added up; the pool sizes added up. */
    public static MinutePoolUse merge(long minuteMillis, List<PoolMinute> nodes) {
        double busy = 0;
        int busyMax = 0;
        int total = 0;
        for (PoolMinute p : nodes) {
            if (p.samples() > 0) {
                busy += (double) p.busySum() / p.samples();
            }
            busyMax += p.busyMax();
            total += p.poolSize();
        }
        return new MinutePoolUse(minuteMillis, Math.round(busy * 100) / 100.0, busyMax, total);
    }

    /** Deletes buckets of minutes before {@code epochMinute}; returns how many rows went. */
    public int purgeBefore(long epochMinute) {
        int executions = jdbc.sql("DELETE FROM JOBDECK_STATS_MINUTE WHERE EPOCH_MINUTE < ?")
                .param(epochMinute)
                .update();
        return executions
                + jdbc.sql("DELETE FROM JOBDECK_STATS_POOL WHERE EPOCH_MINUTE < ?")
                        .param(epochMinute)
                        .update();
    }
}
