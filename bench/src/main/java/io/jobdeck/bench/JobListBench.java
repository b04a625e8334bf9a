package io.jobdeck.bench;

import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.jobs.Upcoming;
import io.jobdeck.jobs.UpcomingFires;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.jobs.http.HttpRequestJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.quartz.CronExpression;

/**
 * The jobs list's server time at 100,000 jobs, each with a trigger, in the embedded (H2 file) store: the first page, a
 * page in another order, a filtered page and a search, each asked through {@link JobList} as the view asks (role
 * check, worker thread, SQL); and the upcoming fires of the next 24 hours (the strip and the first page), asked through
 * {@link UpcomingFires}. The baseline is the same queries on the same app at 1,000 jobs, measured first: the ratio says
 * how the time grows with the number of jobs. Jobs are written straight into Quartz's tables, as Quartz itself writes
 * them (its API adds one job per transaction, which would take most of the run), with the next fire times Quartz
 * would compute.
 */
final class JobListBench {

    record Config(int baselineJobs, int jobs, int warmups, int reps) {}

    /**
     * Query name to its timings (nanoseconds) at the baseline size and at the full size; the upcoming fires' timings
     * after a change at both sizes and, at the full size, with the triggers as read; what the last answer held.
     */
    record Result(
            Map<String, long[]> baseline,
            Map<String, long[]> full,
            long[] upcomingBaseline,
            long[] upcomingFull,
            long[] upcomingKept,
            String upcomingAnswer,
            int baselineJobs,
            int jobs,
            long seedMillis) {}

    private static final long HOUR = 3_600_000L;

    private JobListBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(4)) {
            JobList list = app.context.getBean(JobList.class);
            DataSource data = app.context.getBean(DataSource.class);
            String scheduler = app.scheduler.getSchedulerName();
            int coldWarmups = Math.min(cfg.warmups(), 3);
            int coldReps = Math.min(cfg.reps(), 10);
            seed(data, scheduler, 0, cfg.baselineJobs());
            Map<String, long[]> baseline = measure(list, data, scheduler, cfg);
            long[] upcomingBaseline = new long[coldReps];
            measureUpcoming(app, data, scheduler, coldWarmups, upcomingBaseline, true);
            long t = System.nanoTime();
            seed(data, scheduler, cfg.baselineJobs(), cfg.jobs());
            long seedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            BenchMain.log(
                    "seeded %d jobs with cron and interval triggers (%d distinct cron expressions, 3 zones) in %d ms",
                    cfg.jobs(), CRONS.size(), seedMillis);
            Map<String, long[]> full = measure(list, data, scheduler, cfg);
            long[] upcomingFull = new long[coldReps];
            measureUpcoming(app, data, scheduler, coldWarmups, upcomingFull, true);
            long[] upcomingKept = new long[cfg.reps()];
            Upcoming answer = measureUpcoming(app, data, scheduler, cfg.warmups(), upcomingKept, false);
            String held = String.format(
                    Locale.ROOT,
                    "%s%,d fires in %d hours counted, busiest hour %,d, a page of %d",
                    answer.totalExact() ? "" : "more than ",
                    answer.total(),
                    answer.countedHours(),
                    answer.perHour().stream().mapToLong(Long::longValue).max().orElse(0),
                    answer.page().size());
            BenchMain.log("upcoming fires at %,d jobs: %s", cfg.jobs(), held);
            return new Result(
                    baseline,
                    full,
                    upcomingBaseline,
                    upcomingFull,
                    upcomingKept,
                    held,
                    cfg.baselineJobs(),
                    cfg.jobs(),
                    seedMillis);
        }
    }

    /** The queries the view makes, by name. */
    private static Map<String, JobQuery> queries() {
        Map<String, JobQuery> q = new LinkedHashMap<>();
        q.put("first page (group, name)", JobQuery.ALL);
        q.put("sorted by next fire", new JobQuery("", null, null, null, JobQuery.Order.NEXT_FIRE));
        q.put(
                "filtered (group + paused)",
                new JobQuery("", "group-07", null, JobQuery.StateFilter.PAUSED, JobQuery.Order.NAME));
        q.put("search \"invoice\"", new JobQuery("invoice", null, null, null, JobQuery.Order.NAME));
        q.put("search, no match", new JobQuery("no such job", null, null, null, JobQuery.Order.NAME));
        return q;
    }

    private static Map<String, long[]> measure(JobList list, DataSource data, String scheduler, Config cfg)
            throws Exception {
        Map<String, long[]> times = new LinkedHashMap<>();
        for (Map.Entry<String, JobQuery> q : queries().entrySet()) {
            for (int i = 0; i < cfg.warmups(); i++) {
                fire(data, scheduler, i);
                ask(list, q.getValue());
            }
            long[] nanos = new long[cfg.reps()];
            for (int i = 0; i < cfg.reps(); i++) {
                // As on a scheduler that fires: the tables changed since the last read, so no cached answer is reused.
                fire(data, scheduler, cfg.warmups() + i);
                long t = System.nanoTime();
                JobPage page = ask(list, q.getValue());
                nanos[i] = System.nanoTime() - t;
                if (page.rows().isEmpty() != q.getKey().contains("no match")) {
                    throw new IllegalStateException("Unexpected rows for " + q.getKey() + ": "
                            + page.rows().size());
                }
            }
            times.put(q.getKey(), nanos);
        }
        return times;
    }

    /**
     * The upcoming fires as the view asks for them (the strip and the first page of 50), each after a fire changed the
     * tables. Firing leaves the triggers as read in use; {@code afterChange} makes each answer read them again, as the
     * first answer after jobs changed does (the service hears of a change from the event hub, on its next tick).
     */
    private static Upcoming measureUpcoming(
            JobdeckApp app, DataSource data, String scheduler, int warmups, long[] nanos, boolean afterChange)
            throws Exception {
        UpcomingFires upcoming = app.context.getBean(UpcomingFires.class);
        EventHub hub = app.context.getBean(EventHub.class);
        Upcoming answer = null;
        for (int i = 0; i < warmups + nanos.length; i++) {
            fire(data, scheduler, i);
            if (afterChange) {
                hub.publish(new SchedulerEvent.JobsChanged("bench"));
                Thread.sleep(3 * EventHub.TICK.toMillis());
            }
            long t = System.nanoTime();
            answer = upcoming.readUpcoming(0, 50).toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (i >= warmups) {
                nanos[i - warmups] = System.nanoTime() - t;
            }
            if (answer.page().size() != 50) {
                throw new IllegalStateException(
                        "Unexpected upcoming page: " + answer.page().size() + " fires");
            }
        }
        return java.util.Objects.requireNonNull(answer);
    }

    /** What a fire writes: a trigger's fire times, and a job's row touched (as Quartz does for stateful jobs). */
    private static void fire(DataSource data, String scheduler, int n) throws SQLException {
        String name = String.format(Locale.ROOT, "job-%06d", n % 1_000);
        try (Connection c = data.getConnection();
                PreparedStatement t = c.prepareStatement("UPDATE QRTZ_TRIGGERS SET PREV_FIRE_TIME = ?,"
                        + " NEXT_FIRE_TIME = NEXT_FIRE_TIME + 1 WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?");
                PreparedStatement j = c.prepareStatement("UPDATE QRTZ_JOB_DETAILS SET IS_UPDATE_DATA = FALSE"
                        + " WHERE SCHED_NAME = ? AND JOB_NAME = ?")) {
            t.setLong(1, System.currentTimeMillis());
            t.setString(2, scheduler);
            t.setString(3, name);
            t.executeUpdate();
            j.setString(1, scheduler);
            j.setString(2, name);
            j.executeUpdate();
        }
    }

    private static JobPage ask(JobList list, JobQuery query) throws Exception {
        return list.readPage(query, 0, 50).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * The cron expressions jobs have, a few hundred as in a real installation: every minute and every few minutes,
     * hourly at each minute, daily at each quarter hour, on weekdays, weekly and monthly.
     */
    static final List<String> CRONS = crons();

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

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York");
    private static final long[] INTERVALS = {30_000, 60_000, 300_000, 900_000, HOUR};

    /**
     * Jobs {@code from} (inclusive) to {@code to} (exclusive): 100 groups; every 10th an HTTP job, the others heartbeat
     * jobs; every 25th described as an invoice job; every 7th trigger paused. Every 10th trigger fires at a fixed
     * interval (30 s to an hour, each in its own step), the others on a cron expression in one of three zones: 2% every
     * minute, 8% every 5, 15 or 30 minutes or every 10 in office hours, the rest spread over the other few hundred.
     * Next fire times are those Quartz computes.
     */
    private static void seed(DataSource data, String scheduler, int from, int to) throws Exception {
        long now = System.currentTimeMillis();
        Map<String, Long> nextFires = new java.util.HashMap<>();
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
                List<PreparedStatement> all = new ArrayList<>(List.of(job, trigger, cron, simple));
                for (int i = from; i < to; i++) {
                    String name = String.format(Locale.ROOT, "job-%06d", i);
                    String group = String.format(Locale.ROOT, "group-%02d", i % 100);
                    job.setString(1, scheduler);
                    job.setString(2, name);
                    job.setString(3, group);
                    job.setString(4, i % 25 == 0 ? "Sends the invoices of region " + i : "Exports orders, part " + i);
                    job.setString(5, (i % 10 == 0 ? HttpRequestJob.class : HeartbeatJob.class).getName());
                    job.addBatch();
                    long start;
                    long next;
                    if (i % 10 == 3) {
                        long interval = INTERVALS[(i / 10) % INTERVALS.length];
                        start = now - (i * 7919L) % interval - interval;
                        next = start + ((now - start) / interval + 1) * interval;
                        simple.setString(1, scheduler);
                        simple.setString(2, name);
                        simple.setString(3, group);
                        simple.setLong(4, interval);
                        simple.addBatch();
                    } else {
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
                        start = now;
                        next = nextFires.computeIfAbsent(expression + zone, k -> nextFire(expression, zone, now));
                        cron.setString(1, scheduler);
                        cron.setString(2, name);
                        cron.setString(3, group);
                        cron.setString(4, expression);
                        cron.setString(5, zone);
                        cron.addBatch();
                    }
                    trigger.setString(1, scheduler);
                    trigger.setString(2, name);
                    trigger.setString(3, group);
                    trigger.setString(4, name);
                    trigger.setString(5, group);
                    trigger.setLong(6, next);
                    trigger.setString(7, i % 7 == 0 ? "PAUSED" : "WAITING");
                    trigger.setString(8, i % 10 == 3 ? "SIMPLE" : "CRON");
                    trigger.setLong(9, start);
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

    private static long nextFire(String expression, String zone, long now) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron.getNextValidTimeAfter(new Date(now)).getTime();
        } catch (ParseException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }
}
