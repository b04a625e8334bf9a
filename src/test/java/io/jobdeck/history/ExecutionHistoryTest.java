package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.java.JavaJobKind;
import io.jobdeck.jobs.shell.ShellJobSpec;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every execution is in the history: who ran what, when, how it ended, with its error, stack trace and output. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExecutionHistoryTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-history-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "true");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    SchedulerControl control;

    @Autowired
    ExecutionHistory history;

    @AfterEach
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        As.nobody();
    }

    @Test
    void a_succeeded_run_is_recorded_with_its_job_trigger_node_timings_and_masked_parameters() throws Exception {
        create(
                "mailer",
                JobDefinition.JobType.JAVA,
                Map.of(JavaJobKind.JOB, "bean:demoReportJob", "recipient", "ops@example.com", "apiToken", "t0ken"));

        runNow("mailer", Map.of("extra", "1"));

        Execution run = lastOf("mailer");
        assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.runKey()).isEqualTo(run.fireId());
        assertThat(run.node()).isNotBlank();
        assertThat(run.triggerName()).isNotBlank();
        assertThat(run.endedAt()).isAfterOrEqualTo(run.firedAt());
        assertThat(run.duration()).isNotNull();
        assertThat(run.lag()).isNotNull();
        assertThat(run.parameters())
                .containsEntry("recipient", "ops@example.com")
                .containsEntry("apiToken", "******")
                .containsEntry("extra", "1");
        assertThat(run.runParameters()).containsExactlyEntriesOf(Map.of("extra", "1"));
        assertThat(run.toString()).doesNotContain("t0ken");
    }

    @Test
    void a_failed_run_keeps_its_error_its_full_stack_trace_and_the_commands_exit_code_and_output() throws Exception {
        create("fails", JobDefinition.JobType.SHELL, Map.of(ShellJobSpec.COMMAND, "sh\n-c\necho doing it; exit 3"));

        runNow("fails", Map.of());

        Execution run = lastOf("fails");
        assertThat(run.outcome()).isEqualTo(JobOutcome.FAILED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.error()).contains("exited with code 3");
        Execution full = As.call(
                Role.VIEWER,
                () -> history.find(run.id())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .orElseThrow());
        assertThat(full.stackTrace()).contains("JobExecutionException").contains("at io.jobdeck.");
        assertThat(full.log())
                .as("the output once, as it came, then the job's own summary line")
                .startsWith("doing it\n")
                .containsOnlyOnce("doing it\n")
                .contains("bytes of output (above, as it came)");
    }

    @Test
    void a_page_filters_by_job_and_outcome_newest_first() throws Exception {
        create("good", JobDefinition.JobType.SHELL, Map.of(ShellJobSpec.COMMAND, "true"));
        create("bad", JobDefinition.JobType.SHELL, Map.of(ShellJobSpec.COMMAND, "false"));
        runNow("good", Map.of());
        runNow("bad", Map.of());
        runNow("good", Map.of());
        await().atMost(PATIENCE)
                .until(() -> page(ExecutionFilter.ofJob("history", "good")).size() == 2);

        assertThat(page(ExecutionFilter.ofJob("history", "good")))
                .extracting(Execution::outcome)
                .containsExactly(JobOutcome.SUCCEEDED, JobOutcome.SUCCEEDED);
        List<Execution> failed =
                page(new ExecutionFilter("history", null, Set.of(JobOutcome.FAILED), null, null, null, "CODE 1"));
        assertThat(failed).extracting(Execution::jobName).containsExactly("bad");
        List<Execution> all = page(ExecutionFilter.ALL);
        assertThat(all).extracting(Execution::firedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void the_search_in_errors_finds_whole_words_in_any_case_and_every_word_given() throws Exception {
        create("exits", JobDefinition.JobType.SHELL, Map.of(ShellJobSpec.COMMAND, "sh\n-c\nexit 42"));
        runNow("exits", Map.of());
        assertThat(lastOf("exits").error()).contains("exited with code 42");

        assertThat(search("EXITED with Code 42")).extracting(Execution::jobName).containsExactly("exits");
        assertThat(search("42")).hasSize(1);
        assertThat(search("xited")).as("part of a word").isEmpty();
        assertThat(search("code 43")).as("a word that is not there").isEmpty();
        assertThat(search("--")).as("no word at all").isEmpty();
    }

    private List<Execution> search(String text) throws Exception {
        return page(new ExecutionFilter("history", "exits", Set.of(), null, null, null, text));
    }

    private List<Execution> page(ExecutionFilter filter) throws Exception {
        return As.call(
                        Role.VIEWER,
                        () -> history.readPage(filter, 0, 50)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .rows();
    }

    private Execution lastOf(String name) throws Exception {
        await().atMost(PATIENCE).until(() -> {
            List<Execution> rows = page(ExecutionFilter.ofJob("history", name));
            return !rows.isEmpty() && !rows.getFirst().running();
        });
        return page(ExecutionFilter.ofJob("history", name)).getFirst();
    }

    private void create(String name, JobDefinition.JobType type, Map<String, String> data) throws Exception {
        JobDefinition definition =
                new JobDefinition("history", name, "", type, data, "0 0 0 1 1 ? 2099", ZoneId.of("UTC"));
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(definition, Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }

    private void runNow(String name, Map<String, String> parameters) throws Exception {
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("history", name, parameters)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }
}
