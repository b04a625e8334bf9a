package io.jobdeck.bench;

import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The jobs list's server time at 100,000 jobs, each with a cron trigger, in the embedded (H2 file) store: the first
 * page, a page in another order, a filtered page and a search, each asked through {@link JobList} as the view asks
 * (role check, worker thread, SQL). The baseline is the same queries on the same app at 1,000 jobs, measured first:
 * the ratio says how the time grows with the number of jobs. Jobs are written straight into Quartz's tables
 * ({@link SeededJobs}).
 */
final class JobListBench {

    record Config(int baselineJobs, int jobs, int warmups, int reps) {}

    /** Query name to its timings (nanoseconds) at the baseline size and at the full size. */
    record Result(
            Map<String, long[]> baseline, Map<String, long[]> full, int baselineJobs, int jobs, long seedMillis) {}

    private JobListBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(4)) {
            JobList list = app.context.getBean(JobList.class);
            DataSource data = app.context.getBean(DataSource.class);
            String scheduler = app.scheduler.getSchedulerName();
            SeededJobs.seed(data, scheduler, 0, cfg.baselineJobs(), SeededJobs.NONE_FIRING);
            Map<String, long[]> baseline = measure(list, data, scheduler, cfg);
            long t = System.nanoTime();
            SeededJobs.seed(data, scheduler, cfg.baselineJobs(), cfg.jobs(), SeededJobs.NONE_FIRING);
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
        String name = SeededJobs.name(n % 1_000);
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
}
