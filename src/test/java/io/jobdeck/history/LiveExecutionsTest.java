package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobRun;
import io.jobdeck.jobs.JobdeckJob;
import io.jobdeck.jobs.Progress;
import io.jobdeck.jobs.java.JavaJobKind;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In the whole application: what a job logs (on its thread and in the tasks of its executor) is stored with its
 * execution, also when it fails; a running job's progress is readable live, with an end estimated from its job's
 * typical duration.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveExecutionsTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Holds a held run until the test ends; a new one for each test. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-live-executions-test");
    }

    @TestConfiguration
    static class Jobs {
        @Bean
        JobdeckJob failingImport() {
            return new FailingImport();
        }
    }

    /** Logs on its thread and in a task of its executor, then fails. */
    static class FailingImport implements JobdeckJob {

        private static final Logger log = LoggerFactory.getLogger(FailingImport.class);

        @Override
        public String title() {
            return "Failing import";
        }

        @Override
        public void run(JobRun run) throws Exception {
            log.info("reading the input file");
            CompletableFuture.runAsync(() -> log.warn("row 7 has no date"), run.tasks())
                    .get(10, TimeUnit.SECONDS);
            run.progress().steps(7, 10);
            throw new IllegalStateException("row 7 is not valid");
        }
    }

    /** Reports a quarter done, then waits for the test (or, when it is not {@code held}, ends at once). */
    public static class HeldJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            Progress progress = Progress.of(context);
            progress.steps(1, 4);
            progress.message("Copying part 1");
            if (context.getMergedJobDataMap().getBooleanValue("held")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    SchedulerControl control;

    @Autowired
    ExecutionHistory history;

    @Autowired
    LiveExecutions live;

    @Autowired
    Scheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        release = new CountDownLatch(1);
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        As.nobody();
    }

    @Test
    void a_failing_jobs_log_from_its_thread_and_its_task_is_stored_with_its_execution() throws Exception {
        JobDefinition definition = new JobDefinition(
                "live",
                "import",
                "",
                JobDefinition.JobType.JAVA,
                Map.of(JavaJobKind.JOB, "bean:failingImport"),
                "0 0 0 1 1 ? 2099",
                ZoneId.of("UTC"));
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(definition, Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));

        scheduler.triggerJob(JobKey.jobKey("import", "live"));

        Execution run = ended("live", "import");
        assertThat(run.outcome()).isEqualTo(JobOutcome.FAILED);
        Execution full = As.call(
                Role.VIEWER,
                () -> history.find(run.id())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .orElseThrow());
        assertThat(full.log())
                .contains("INFO [jobdeck-worker-")
                .contains("FailingImport - reading the input file")
                .contains("WARN [jobdeck-job-tasks-")
                .contains("FailingImport - row 7 has no date");
        assertThat(full.logTruncated()).isFalse();
        assertThat(full.error()).contains("row 7 is not valid");
        assertThat(live.findProgress(run.fireId()))
                .as("progress ends with the execution")
                .isEmpty();
    }

    @Test
    void a_running_jobs_progress_is_read_live_with_an_end_estimated_from_its_typical_duration() throws Exception {
        JobKey key = JobKey.jobKey("copy", "live");
        scheduler.addJob(
                JobBuilder.newJob(HeldJob.class)
                        .withIdentity(key)
                        .storeDurably()
                        .build(),
                false);
        for (int i = 1; i <= 3; i++) {
            scheduler.triggerJob(key);
            int runs = i;
            await().atMost(PATIENCE)
                    .until(() -> recent("live", "copy").stream()
                                    .filter(r -> r.outcome() == JobOutcome.SUCCEEDED)
                                    .count()
                            == runs);
        }

        scheduler.triggerJob(key, new org.quartz.JobDataMap(Map.of("held", "true")));

        String fireId = await().atMost(PATIENCE).until(() -> runningFireId(key), id -> id != null);
        RunProgress progress = await().atMost(PATIENCE)
                .until(() -> live.findProgress(fireId).orElse(null), p -> p != null && p.typical() != null);
        assertThat(progress.fraction()).isEqualTo(0.25);
        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.total()).isEqualTo(4);
        assertThat(progress.message()).isEqualTo("Copying part 1");
        assertThat(progress.typical()).isLessThan(Duration.ofSeconds(5));
        assertThat(progress.estimatedEnd()).isNotNull();
    }

    private String runningFireId(JobKey key) throws Exception {
        for (JobExecutionContext c : scheduler.getCurrentlyExecutingJobs()) {
            if (c.getJobDetail().getKey().equals(key)) {
                return c.getFireInstanceId();
            }
        }
        return null;
    }

    private List<Execution> recent(String group, String name) throws Exception {
        return As.call(
                        Role.VIEWER,
                        () -> history.readPage(ExecutionFilter.ofJob(group, name), 0, 50)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .rows();
    }

    private Execution ended(String group, String name) throws Exception {
        await().atMost(PATIENCE).until(() -> {
            List<Execution> rows = recent(group, name);
            return !rows.isEmpty() && !rows.getFirst().running();
        });
        return recent(group, name).getFirst();
    }
}
