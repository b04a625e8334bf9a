package io.jobdeck.bench;

import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.jobs.http.HttpRequestJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import javax.sql.DataSource;

/**
 * Jobs with a cron trigger each, written straight into Quartz's tables as Quartz itself writes them (its API adds one
 * job per transaction, which would take most of a run). Job {@code i} is {@code group-NN/job-NNNNNN} in one of 100
 * groups; every 10th an HTTP job, the others heartbeat jobs; every 25th described as an invoice job; every 7th trigger
 * paused; each fires once a day, the next fires spread over the day after the next hour. Jobs that {@code
 * everyMinute} picks instead run {@link BenchJobs.NoopJob} every minute at second {@code i % 60} (so 60 of them fire
 * once a second), are never paused and fire first within the next minute.
 */
final class SeededJobs {

    /** No job fires during the run. */
    static final IntPredicate NONE_FIRING = i -> false;

    private static final long HOUR = 3_600_000L;

    private SeededJobs() {}

    /** Jobs {@code from} (inclusive) to {@code to} (exclusive). */
    static void seed(DataSource data, String scheduler, int from, int to, IntPredicate everyMinute)
            throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement job = c.prepareStatement(
                            "INSERT INTO QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME,"
                                    + " JOB_GROUP, DESCRIPTION, JOB_CLASS_NAME, IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA,"
                                    + " REQUESTS_RECOVERY, JOB_DATA) VALUES (?, ?, ?, ?, ?, FALSE, FALSE, FALSE, FALSE, NULL)");
                    PreparedStatement trigger = c.prepareStatement("INSERT INTO QRTZ_TRIGGERS (SCHED_NAME,"
                            + " TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME, JOB_GROUP, DESCRIPTION, NEXT_FIRE_TIME,"
                            + " PREV_FIRE_TIME, PRIORITY, TRIGGER_STATE, TRIGGER_TYPE, START_TIME, END_TIME,"
                            + " CALENDAR_NAME, MISFIRE_INSTR, JOB_DATA)"
                            + " VALUES (?, ?, ?, ?, ?, NULL, ?, -1, 5, ?, 'CRON', ?, 0, NULL, 0, NULL)");
                    PreparedStatement cron = c.prepareStatement(
                            "INSERT INTO QRTZ_CRON_TRIGGERS (SCHED_NAME,"
                                    + " TRIGGER_NAME, TRIGGER_GROUP, CRON_EXPRESSION, TIME_ZONE_ID) VALUES (?, ?, ?, ?, 'UTC')")) {
                List<PreparedStatement> all = List.of(job, trigger, cron);
                for (int i = from; i < to; i++) {
                    boolean firing = everyMinute.test(i);
                    String name = name(i);
                    String group = group(i);
                    job.setString(1, scheduler);
                    job.setString(2, name);
                    job.setString(3, group);
                    job.setString(4, i % 25 == 0 ? "Sends the invoices of region " + i : "Exports orders, part " + i);
                    job.setString(
                            5,
                            (firing ? BenchJobs.NoopJob.class : i % 10 == 0 ? HttpRequestJob.class : HeartbeatJob.class)
                                    .getName());
                    job.addBatch();
                    trigger.setString(1, scheduler);
                    trigger.setString(2, name);
                    trigger.setString(3, group);
                    trigger.setString(4, name);
                    trigger.setString(5, group);
                    trigger.setLong(6, firing ? nextAtSecond(i % 60) : now + HOUR + (i * 7919L) % (24 * HOUR));
                    trigger.setString(7, i % 7 == 0 && !firing ? "PAUSED" : "WAITING");
                    trigger.setLong(8, now);
                    trigger.addBatch();
                    cron.setString(1, scheduler);
                    cron.setString(2, name);
                    cron.setString(3, group);
                    cron.setString(4, firing ? (i % 60) + " * * * * ?" : "0 " + (i % 60) + " " + (i % 24) + " * * ?");
                    cron.addBatch();
                    if ((i + 1) % 2000 == 0 || i == to - 1) {
                        for (PreparedStatement s : all) {
                            s.executeBatch();
                        }
                        c.commit();
                    }
                }
            }
            try (PreparedStatement analyze = c.prepareStatement("ANALYZE")) {
                analyze.execute(); // H2's statistics, as they would be after a while in use
            }
            c.commit();
        }
    }

    private static String group(int i) {
        return String.format(Locale.ROOT, "group-%02d", i % 100);
    }

    /** Job {@code i}'s name, and its trigger's. */
    static String name(int i) {
        return String.format(Locale.ROOT, "job-%06d", i);
    }

    /**
     * Moves the next fire of the every-minute jobs among the first {@code jobs} to within the next minute, as at their
     * seeding: after a wait (e.g. while the scheduler stood still), they would be misfires.
     */
    static void firstFiresFromNow(DataSource data, String scheduler, int jobs, IntPredicate everyMinute)
            throws SQLException {
        try (Connection c = data.getConnection();
                PreparedStatement trigger = c.prepareStatement("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ?"
                        + " WHERE SCHED_NAME = ? AND TRIGGER_NAME = ? AND TRIGGER_GROUP = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; i < jobs; i++) {
                if (!everyMinute.test(i)) {
                    continue;
                }
                trigger.setLong(1, nextAtSecond(i % 60));
                trigger.setString(2, scheduler);
                trigger.setString(3, name(i));
                trigger.setString(4, group(i));
                trigger.addBatch();
            }
            trigger.executeBatch();
            c.commit();
        }
    }

    /** The first time, a second from now or later, whose second of the minute (UTC) is {@code second}. */
    private static long nextAtSecond(int second) {
        long earliest = System.currentTimeMillis() / 1000 + 1;
        long at = earliest - Math.floorMod(earliest, 60) + second;
        return (at < earliest ? at + 60 : at) * 1000;
    }
}
