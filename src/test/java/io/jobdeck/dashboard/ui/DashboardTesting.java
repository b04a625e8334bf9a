package io.jobdeck.dashboard.ui;

import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.internal.MockVaadin;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.SlowReportJob;
import io.jobdeck.testing.TestJobs;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.awaitility.core.ThrowingRunnable;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** Shared steps of the browserless dashboard tests. */
final class DashboardTesting {

    /** Long enough for a push on a busy CI machine; the hub delivers at least once a second. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DashboardTesting() {}

    /**
     * Runs what other threads queued for this session with {@code ui.access} (the next push, in a browser), then
     * checks {@code assertion}; repeats until it holds or {@link #TIMEOUT} passes.
     */
    static void awaitView(ThrowingRunnable assertion) {
        await().atMost(TIMEOUT)
                .pollInSameThread() // the Vaadin session lock and UI.getCurrent() belong to the test thread
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(NoSuchElementException.class) // a component not shown (yet)
                .untilAsserted(() -> {
                    MockVaadin.clientRoundtrip(); // unlocks and relocks the session, which runs the access queue
                    assertion.run();
                });
    }

    /** Fires the demo report now, running for {@code duration}, and waits until it runs and the overview says so. */
    static void startSlowReport(Scheduler scheduler, JobOverviewService overview, Duration duration)
            throws SchedulerException {
        scheduler.triggerJob(
                DemoJobs.SLOW_REPORT, new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, duration.toMillis())));
        await().atMost(TIMEOUT)
                .until(() -> TestJobs.isExecuting(scheduler, DemoJobs.SLOW_REPORT)
                        && overview.running().stream().anyMatch(r -> r.name().equals(DemoJobs.SLOW_REPORT.getName())));
    }
}
