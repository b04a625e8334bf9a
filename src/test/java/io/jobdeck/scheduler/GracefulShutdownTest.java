package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;

class GracefulShutdownTest {

    @Test
    void application_shutdown_waits_for_a_running_job_to_finish() throws Exception {
        JobdeckApp app = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of("jobdeck.scheduler.auto-start", "true", "jobdeck.scheduler.shutdown-timeout", "60s"));
        CountDownLatch latch = runLatchJob(app, "finishes");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.bean(Scheduler.class).isInStandbyMode());
        await("shutdown waits while the job runs")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !closing.isDone());

        latch.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(LatchJob.INTERRUPTED).doesNotContainKey("finishes");
    }

    @Test
    void past_the_timeout_shutdown_interrupts_what_still_runs() throws Exception {
        JobdeckApp app = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of("jobdeck.scheduler.auto-start", "true", "jobdeck.scheduler.shutdown-timeout", "1s"));
        runLatchJob(app, "overstays");

        app.close();

        assertThat(LatchJob.INTERRUPTED).containsEntry("overstays", true);
    }

    private static CountDownLatch runLatchJob(JobdeckApp app, String name) throws Exception {
        SchedulerControl control = app.bean(SchedulerControl.class);
        SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.status().state() == SchedulerState.RUNNING);
        CountDownLatch latch = new CountDownLatch(1);
        LatchJob.LATCHES.put(name, latch);
        JobDetail job = JobBuilder.newJob(LatchJob.class)
                .withIdentity(name, "test")
                .usingJobData("latch", name)
                .build();
        app.bean(Scheduler.class)
                .scheduleJob(
                        job, TriggerBuilder.newTrigger().forJob(job).startNow().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.status().runningJobs() == 1);
        return latch;
    }
}
