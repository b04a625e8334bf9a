package io.jobdeck.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DemoJobsTest {

    @Test
    void an_interrupted_report_ends_as_interrupted_and_leaves_its_worker_quiet(CapturedOutput output) throws Exception {
        try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.demo.enabled", true))) {
            Scheduler scheduler = app.bean(Scheduler.class);
            List<SchedulerEvent.JobFinished> finished = new CopyOnWriteArrayList<>();
            app.bean(EventHub.class)
                    .subscribe(batch -> batch.events().stream()
                            .filter(SchedulerEvent.JobFinished.class::isInstance)
                            .map(SchedulerEvent.JobFinished.class::cast)
                            .forEach(finished::add));
            As.call(Role.OPERATOR, () -> app.bean(SchedulerControl.class).start())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            for (int round = 0; round < 3; round++) {
                scheduler.triggerJob(
                        DemoJobs.SLOW_REPORT, new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, "60000")));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> TestJobs.isExecuting(scheduler, DemoJobs.SLOW_REPORT));
                String fireId = runningReport(scheduler).getFireInstanceId();
                As.call(Role.OPERATOR, () -> app.bean(JobCommands.class).interrupt(fireId))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> finished.stream().anyMatch(f -> f.fireId().equals(fireId)));
                assertThat(finished.stream()
                                .filter(f -> f.fireId().equals(fireId))
                                .findFirst()
                                .orElseThrow()
                                .outcome())
                        .isEqualTo(JobOutcome.INTERRUPTED);
            }
            // Idle workers wait on a lock; a stray interrupt flag would make one log an error within ~0.5 s.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !output.getAll().contains("Worker thread was interrupt()'ed"));
        }
    }

    @Test
    void two_nodes_installing_the_demo_jobs_at_once_both_succeed_and_each_job_exists_once() throws Exception {
        try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.demo.enabled", true))) {
            Scheduler scheduler = app.bean(Scheduler.class);
            DemoJobs demo = app.bean(DemoJobs.class);
            for (int round = 0; round < 20; round++) {
                scheduler.deleteJobs(List.of(DemoJobs.HEARTBEAT, DemoJobs.SLOW_REPORT, DemoJobs.FLAKY_SYNC));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                Runnable install = () -> {
                    try {
                        together.await();
                        demo.installOrRemove();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                };
                Thread a = Thread.ofPlatform().start(install);
                Thread b = Thread.ofPlatform().start(install);
                a.join();
                b.join();
                assertThat(failures).as("round " + round).isEmpty();
                assertThat(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(DemoJobs.GROUP)))
                        .hasSize(3);
            }
        }
    }

    private static JobExecutionContext runningReport(Scheduler scheduler) throws Exception {
        return scheduler.getCurrentlyExecutingJobs().stream()
                .filter(c -> c.getJobDetail().getKey().equals(DemoJobs.SLOW_REPORT))
                .findFirst()
                .orElseThrow();
    }
}
