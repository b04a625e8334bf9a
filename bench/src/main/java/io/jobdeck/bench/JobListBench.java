package io.jobdeck.bench;

import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.jobs.Upcoming;
import io.jobdeck.jobs.UpcomingFires;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The jobs list's server time at 100,000 jobs, each with a trigger, in the embedded (H2 file) store: the first page, a
 * page in another order, a filtered page and a search, each asked through {@link JobList} as the view asks (role
 * check, worker thread, SQL); and the upcoming fires of the next 24 hours (the strip and the first page), asked through
 * {@link UpcomingFires}. The baseline is the same queries on the same app at 1,000 jobs, measured first: the ratio says
 * how the time grows with the number of jobs. The jobs are {@link SeededJobs}' mix of triggers
 * ({@link SeededJobs.Triggers#MIXED}), written straight into Quartz's tables with the next fire times Quartz would
 * compute.
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

    private JobListBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(4)) {
            JobList list = app.context.getBean(JobList.class);
            DataSource data = app.context.getBean(DataSource.class);
            String scheduler = app.scheduler.getSchedulerName();
            int coldWarmups = Math.min(cfg.warmups(), 3);
            int coldReps = Math.min(cfg.reps(), 10);
            SeededJobs.seed(data, scheduler, 0, cfg.baselineJobs(), SeededJobs.Options.MIXED);
            Map<String, long[]> baseline = measure(list, data, scheduler, cfg);
            long[] upcomingBaseline = new long[coldReps];
            measureUpcoming(app, data, scheduler, coldWarmups, upcomingBaseline, true);
            long t = System.nanoTime();
            SeededJobs.seed(data, scheduler, cfg.baselineJobs(), cfg.jobs(), SeededJobs.Options.MIXED);
            long seedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            BenchMain.log(
                    "seeded %d jobs with cron and interval triggers (%d distinct cron expressions, 3 zones) in %d ms",
                    cfg.jobs(), SeededJobs.CRONS.size(), seedMillis);
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
