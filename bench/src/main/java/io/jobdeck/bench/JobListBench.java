package io.jobdeck.bench;

import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.jobs.http.HttpRequestJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The jobs list's server time at 100,000 jobs, each with a cron trigger, in the embedded (H2 file) store: the first
 * page, a page in another order, a filtered page and a search, each asked through {@link JobList} as the view asks
 * (role check, worker thread, SQL). The baseline is the same queries on the same app at 1,000 jobs, measured first:
 * the ratio says how the time grows with the number of jobs. Jobs are written straight into Quartz's tables, as
 * Quartz itself writes them (its API adds one job per transaction, which would take most of the run).
 */
final class JobListBench {

    record Config(int baselineJobs, int jobs, int warmups, int reps) {}

    /** Query name to its timings (nanoseconds) at the baseline size and at the full size. */
    record Result(
            Map<String, long[]> baseline, Map<String, long[]> full, int baselineJobs, int jobs, long seedMillis) {}

    private static final long HOUR = 3_600_000L;

    private JobListBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(4)) {
            JobList list = app.context.getBean(JobList.class);
            DataSource data = app.context.getBean(DataSource.class);
            String scheduler = app.scheduler.getSchedulerName();
            seed(data, scheduler, 0, cfg.baselineJobs());
            Map<String, long[]> baseline = measure(list, data, scheduler, cfg);
            long t = System.nanoTime();
            seed(data, scheduler, cfg.baselineJobs(), cfg.jobs());
            long seedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            BenchMain.log("seeded %d jobs with cron triggers in %d ms", cfg.jobs(), seedMillis);
            Map<String, long[]> full = measure(list, data, scheduler, cfg);
            return new Result(baseline, full, cfg.baselineJobs(), cfg.jobs(), seedMillis);
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
     * Jobs {@code from} (inclusive) to {@code to} (exclusive): 100 groups; every 10th an HTTP job, the others heartbeat
     * jobs; every 25th described as an invoice job; every 7th trigger paused; next fires spread over a day.
     */
    private static void seed(DataSource data, String scheduler, int from, int to) throws SQLException {
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
                List<PreparedStatement> all = new ArrayList<>(List.of(job, trigger, cron));
                for (int i = from; i < to; i++) {
                    String name = String.format(Locale.ROOT, "job-%06d", i);
                    String group = String.format(Locale.ROOT, "group-%02d", i % 100);
                    job.setString(1, scheduler);
                    job.setString(2, name);
                    job.setString(3, group);
                    job.setString(4, i % 25 == 0 ? "Sends the invoices of region " + i : "Exports orders, part " + i);
                    job.setString(5, (i % 10 == 0 ? HttpRequestJob.class : HeartbeatJob.class).getName());
                    job.addBatch();
                    trigger.setString(1, scheduler);
                    trigger.setString(2, name);
                    trigger.setString(3, group);
                    trigger.setString(4, name);
                    trigger.setString(5, group);
                    trigger.setLong(6, now + HOUR + (i * 7919L) % (24 * HOUR));
                    trigger.setString(7, i % 7 == 0 ? "PAUSED" : "WAITING");
                    trigger.setLong(8, now);
                    trigger.addBatch();
                    cron.setString(1, scheduler);
                    cron.setString(2, name);
                    cron.setString(3, group);
                    cron.setString(4, "0 " + (i % 60) + " " + (i % 24) + " * * ?");
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
}
