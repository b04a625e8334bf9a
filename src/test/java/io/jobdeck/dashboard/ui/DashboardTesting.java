package io.jobdeck.dashboard.ui;

import static org.awaitility.Awaitility.await;

import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.SlowReportJob;
import io.jobdeck.testing.TestJobs;
import io.jobdeck.testing.Views;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ThrowingRunnable;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** Shared steps of the browserless dashboard tests. */
final class DashboardTesting {

    static final Duration TIMEOUT = Views.TIMEOUT;

    private DashboardTesting() {}

    static void awaitView(ThrowingRunnable assertion) {
        Views.awaitView(assertion);
    }

    /** Fires the demo report now, running for {@code duration}, and waits until it runs and the overview says so. */
    static void startSlowReport(Scheduler scheduler, JobOverviewService overview, Duration duration)
            throws SchedulerException {
        scheduler.triggerJob(
                DemoJobs.SLOW_REPORT,
                new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, String.valueOf(duration.toMillis()))));
        await().atMost(TIMEOUT)
                .until(() -> TestJobs.isExecuting(scheduler, DemoJobs.SLOW_REPORT)
                        && overview.running().stream().anyMatch(r -> r.name().equals(DemoJobs.SLOW_REPORT.getName())));
    }
}
