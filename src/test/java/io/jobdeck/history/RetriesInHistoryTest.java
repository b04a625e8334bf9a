package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failed run is retried as its job's policy says, and the history shows its attempts under one run: each with its
 * number, fired the policy's wait after the one before it ended.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RetriesInHistoryTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** How far a retry's scheduled time may be from the end of the attempt before it plus the wait. */
    static final Duration SLACK = Duration.ofMillis(50);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-retries-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "false");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    SchedulerControl control;

    @Autowired
    ExecutionHistory history;

    @BeforeEach
    void start() throws Exception {
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        As.nobody();
    }

    @Test
    void a_job_that_fails_twice_then_succeeds_is_one_run_of_three_attempts_each_after_its_wait() throws Exception {
        Path counter = DATA.resolve("flaky-count");
        // Fails on its first two runs, succeeds on the third.
        String script = "n=$(( $(cat '" + counter + "' 2>/dev/null || echo 0) + 1 )); echo $n > '" + counter
                + "'; echo attempt $n; [ $n -ge 3 ]";
        create(
                "flaky",
                Map.of(ShellJobSpec.COMMAND, "sh\n-c\n" + script),
                RetryPolicy.exponential(3, Duration.ofMillis(200), Duration.ofSeconds(5)));

        run("flaky", Map.of("batch", "42"));

        List<Execution> attempts = attemptsOf("flaky", 3);
        assertThat(attempts).extracting(Execution::attempt).containsExactly(1, 2, 3);
        assertThat(attempts)
                .extracting(Execution::runKey)
                .containsOnly(attempts.getFirst().fireId());
        assertThat(attempts)
                .extracting(Execution::outcome)
                .containsExactly(JobOutcome.FAILED, JobOutcome.FAILED, JobOutcome.SUCCEEDED);
        assertThat(attempts)
                .allSatisfy(a -> assertThat(a.runParameters()).containsExactlyEntriesOf(Map.of("batch", "42")));
        assertWaited(attempts.get(0), attempts.get(1), Duration.ofMillis(200));
        assertWaited(attempts.get(1), attempts.get(2), Duration.ofMillis(400));
    }

    @Test
    void a_run_that_keeps_failing_stops_after_its_last_attempt() throws Exception {
        create("broken", Map.of(ShellJobSpec.COMMAND, "false"), RetryPolicy.fixed(2, Duration.ofMillis(200)));

        run("broken", Map.of());

        List<Execution> attempts = attemptsOf("broken", 2);
        assertThat(attempts).extracting(Execution::outcome).containsOnly(JobOutcome.FAILED);
        assertWaited(attempts.get(0), attempts.get(1), Duration.ofMillis(200));
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> executions("broken").size() == 2);
    }

    @Test
    void a_paused_jobs_retry_waits_for_the_job_to_be_resumed() throws Exception {
        create("paused", Map.of(ShellJobSpec.COMMAND, "false"), RetryPolicy.fixed(2, Duration.ofMillis(200)));
        As.call(
                Role.OPERATOR,
                () -> commands.pause("retries", "paused").toCompletableFuture().get(10, TimeUnit.SECONDS));

        run("paused", Map.of()); // Run now runs a paused job; its retry waits like the job's triggers

        assertThat(attemptsOf("paused", 1)).hasSize(1);
        await().atMost(PATIENCE).until(() -> waitingRetryIsPaused("paused"));
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> executions("paused").size() == 1);

        As.call(
                Role.OPERATOR,
                () -> commands.resume("retries", "paused").toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(attemptsOf("paused", 2)).extracting(Execution::attempt).containsExactly(1, 2);
    }

    /** Attempt {@code next} was due the policy's wait after {@code before} ended, and fired no earlier. */
    private static void assertWaited(Execution before, Execution next, Duration wait) {
        assertThat(before.endedAt()).isNotNull();
        assertThat(next.scheduledAt()).isNotNull();
        assertThat(next.scheduledAt())
                .isCloseTo(before.endedAt().plus(wait), within(SLACK.toMillis(), ChronoUnit.MILLIS));
        assertThat(next.firedAt()).isAfterOrEqualTo(next.scheduledAt());
    }

    private boolean waitingRetryIsPaused(String name) throws Exception {
        JobDetails job = As.call(
                        Role.VIEWER,
                        () -> definitions
                                .read("retries", name)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .orElseThrow();
        return job.triggers().stream().anyMatch(t -> t.oneOff() && t.paused());
    }

    /** The job's executions, once {@code count} of them have ended, first first. */
    private List<Execution> attemptsOf(String name, int count) throws Exception {
        await().atMost(PATIENCE).until(() -> {
            List<Execution> rows = executions(name);
            return rows.size() >= count && rows.stream().noneMatch(Execution::running);
        });
        String run = executions(name).getLast().runKey();
        return As.call(
                Role.VIEWER,
                () -> history.readAttempts(run).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    /** The job's executions, oldest first. */
    private List<Execution> executions(String name) throws Exception {
        return As.call(
                        Role.VIEWER,
                        () -> history.readPage(ExecutionFilter.ofJob("retries", name), 0, 50)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .rows()
                .reversed();
    }

    private void create(String name, Map<String, String> data, RetryPolicy retry) throws Exception {
        JobDefinition definition = new JobDefinition(
                "retries",
                name,
                "",
                JobDefinition.JobType.SHELL,
                data,
                List.of(TriggerDefinition.cron("0 0 0 1 1 ? 2099", ZoneId.of("UTC"), io.jobdeck.jobs.Misfire.SKIP)),
                retry);
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(definition, Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }

    private void run(String name, Map<String, String> parameters) throws Exception {
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("retries", name, parameters)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }
}
