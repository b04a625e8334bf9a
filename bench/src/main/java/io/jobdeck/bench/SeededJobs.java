package io.jobdeck.bench;

import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.jobs.http.HttpRequestJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.IntPredicate;
import javax.sql.DataSource;
import org.quartz.CronExpression;

/**
 * Jobs with a trigger each, written straight into Quartz's tables as Quartz itself writes them (its API adds one job per
 * transaction, which would take most of a run). Job {@code i} is {@code group-NN/job-NNNNNN} in one of 100 groups; every
 * 10th an HTTP job, the others heartbeat jobs; every 25th described as an invoice job; every 7th trigger paused. How the
 * triggers fire is an option ({@link Triggers}). Jobs that {@link Options#everyMinute} picks instead run
 * {@link BenchJobs.NoopJob} every minute at second {@code i % 60} (so 60 of them fire once a second), are never paused
 * and fire first within the next minute.
 */
final class SeededJobs {

    /** How the triggers of the jobs not picked to fire every minute fire. */
    enum Triggers {
        /** A cron trigger each, once a day (UTC); the next fires spread over the day after the next hour. */
        DAILY,
        /**
         * As in a real installation: every 10th trigger fires at a fixed interval (30 s to an hour, each in its own
         * step), the others on a cron expression ({@link #CRONS}) in one of three zones: 2% every minute, 8% every 5,
         * 15 or 30 minutes or every 10 in office hours, the rest spread over the other few hundred. Next fire times are
         * those Quartz computes.
         */
        MIXED
    }

    /** How the jobs are seeded: their triggers, and which jobs fire every minute instead. */
    record Options(Triggers triggers, IntPredicate everyMinute) {

        /** The mix of triggers, none firing every minute: the job list's and the upcoming fires' benchmark. */
        static final Options MIXED = new Options(Triggers.MIXED, i -> false);

        /** Daily triggers, the jobs {@code everyMinute} picks firing every minute: the dashboard's benchmark. */
        static Options daily(IntPredicate everyMinute) {
            return new Options(Triggers.DAILY, everyMinute);
        }
    }

    /**
     * The cron expressions jobs have in the {@link Triggers#MIXED} seeding, a few hundred as in a real installation:
     * every minute and every few minutes, hourly at each minute, daily at each quarter hour, on weekdays, weekly and
     * monthly.
     */
    static final List<String> CRONS = crons();

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York");
    private static final long HOUR = 3_600_000L;
    private static final long[] INTERVALS = {30_000, 60_000, 300_000, 900_000, HOUR};

    private SeededJobs() {}

    /** A trigger as seeded: how it fires, from when, and its next fire time. */
    private sealed interface Seeded {

        long start();

        long next();

        record Cron(String expression, String zone, long start, long next) implements Seeded {}

        record Interval(long interval, long start, long next) implements Seeded {}
    }

    /** Jobs {@code from} (inclusive) to {@code to} (exclusive). */
    static void seed(DataSource data, String scheduler, int from, int to, Options options) throws SQLException {
        long now = System.currentTimeMillis();
        Map<String, Long> nextFires = new HashMap<>();
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
                            + " VALUES (?, ?, ?, ?, ?, NULL, ?, -1, 5, ?, ?, ?, 0, NULL, 0, NULL)");
                    PreparedStatement cron = c.prepareStatement("INSERT INTO QRTZ_CRON_TRIGGERS (SCHED_NAME,"
                            + " TRIGGER_NAME, TRIGGER_GROUP, CRON_EXPRESSION, TIME_ZONE_ID) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement simple = c.prepareStatement("INSERT INTO QRTZ_SIMPLE_TRIGGERS (SCHED_NAME,"
                            + " TRIGGER_NAME, TRIGGER_GROUP, REPEAT_COUNT, REPEAT_INTERVAL, TIMES_TRIGGERED)"
                            + " VALUES (?, ?, ?, -1, ?, 0)")) {
                List<PreparedStatement> all = List.of(job, trigger, cron, simple);
                for (int i = from; i < to; i++) {
                    boolean firing = options.everyMinute().test(i);
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
                    Seeded seeded = firing
                            ? new Seeded.Cron((i % 60) + " * * * * ?", "UTC", now, nextAtSecond(i % 60))
                            : switch (options.triggers()) {
                                case DAILY ->
                                    new Seeded.Cron(
                                            "0 " + (i % 60) + " " + (i % 24) + " * * ?",
                                            "UTC",
                                            now,
                                            now + HOUR + (i * 7919L) % (24 * HOUR));
                                case MIXED -> mixed(i, now, nextFires);
                            };
                    switch (seeded) {
                        case Seeded.Cron s -> {
                            cron.setString(1, scheduler);
                            cron.setString(2, name);
                            cron.setString(3, group);
                            cron.setString(4, s.expression());
                            cron.setString(5, s.zone());
                            cron.addBatch();
                        }
                        case Seeded.Interval s -> {
                            simple.setString(1, scheduler);
                            simple.setString(2, name);
                            simple.setString(3, group);
                            simple.setLong(4, s.interval());
                            simple.addBatch();
                        }
                    }
                    trigger.setString(1, scheduler);
                    trigger.setString(2, name);
                    trigger.setString(3, group);
                    trigger.setString(4, name);
                    trigger.setString(5, group);
                    trigger.setLong(6, seeded.next());
                    trigger.setString(7, i % 7 == 0 && !firing ? "PAUSED" : "WAITING");
                    trigger.setString(8, seeded instanceof Seeded.Cron ? "CRON" : "SIMPLE");
                    trigger.setLong(9, seeded.start());
                    trigger.addBatch();
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

    /** Job {@code i}'s trigger in the {@link Triggers#MIXED} seeding; {@code nextFires} by expression and zone. */
    private static Seeded mixed(int i, long now, Map<String, Long> nextFires) {
        if (i % 10 == 3) {
            long interval = INTERVALS[(i / 10) % INTERVALS.length];
            long start = now - (i * 7919L) % interval - interval;
            return new Seeded.Interval(interval, start, start + ((now - start) / interval + 1) * interval);
        }
        String expression = CRONS.get(
                switch (i % 50) {
                    case 0 -> 0;
                    case 1 -> 1;
                    case 2 -> 2;
                    case 4 -> 3;
                    case 5 -> 4;
                    default -> 5 + (int) ((i * 7919L) % (CRONS.size() - 5));
                });
        String zone = ZONES.get(i % ZONES.size());
        return new Seeded.Cron(
                expression,
                zone,
                now,
                nextFires.computeIfAbsent(expression + zone, k -> nextFire(expression, zone, now)));
    }

    private static List<String> crons() {
        List<String> crons = new ArrayList<>(
                List.of("0 * * * * ?", "0 0/5 * * * ?", "0 0/15 * * * ?", "0 0/30 * * * ?", "0 0/10 8-18 ? * MON-FRI"));
        for (int m = 0; m < 60; m++) {
            crons.add("0 " + m + " * * * ?");
        }
        for (int h = 0; h < 24; h++) {
            for (int m = 0; m < 60; m += 15) {
                crons.add("0 " + m + " " + h + " * * ?");
            }
        }
        for (int h = 6; h < 21; h++) {
            crons.add("0 0 " + h + " ? * MON-FRI");
            crons.add("0 30 " + h + " ? * MON-FRI");
        }
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            for (int h = 0; h < 24; h += 3) {
                crons.add("0 0 " + h + " ? * " + day);
            }
        }
        for (int d = 1; d <= 28; d++) {
            crons.add("0 0 2 " + d + " * ?");
        }
        return List.copyOf(crons);
    }

    private static long nextFire(String expression, String zone, long now) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron.getNextValidTimeAfter(new Date(now)).getTime();
        } catch (ParseException e) {
            throw new IllegalArgumentException(expression, e);
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
