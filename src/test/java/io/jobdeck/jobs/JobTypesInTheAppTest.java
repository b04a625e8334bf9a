package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.java.JavaJobKind;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shell and Java jobs made through the service run in the application as any job does: Quartz's job factory builds
 * them, and the dashboard's listeners see how each run ended, with no base class or registration.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobTypesInTheAppTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-types-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "true"); // its Java job is the one run here
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    JobOverviewService overview;

    @Autowired
    SchedulerControl control;

    @Autowired
    Scheduler scheduler;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        As.nobody();
    }

    @Test
    void the_demo_java_job_is_offered_and_runs_with_its_values_and_its_outcome_is_seen() throws Exception {
        assertThat(definitions.javaJobs())
                .extracting(SelectableJob::id, SelectableJob::title)
                .contains(tuple("bean:demoReportJob", "[Demo] Send a report"));
        create(
                "report",
                JobDefinition.JobType.JAVA,
                Map.of(JavaJobKind.JOB, "bean:demoReportJob", "recipient", "ops@example.com", "work", "0"));

        runNow("report");

        assertThat(lastRun("report").outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    }

    @Test
    void a_shell_job_runs_its_command_and_a_non_zero_exit_is_seen_as_a_failure_with_the_code() throws Exception {
        Path made = dir.resolve("made by the job");
        create(
                "touch",
                JobDefinition.JobType.SHELL,
                Map.of(ShellJobSpec.COMMAND, "sh\n-c\ntouch \"$1\"; exit 4\nsh\n" + made));

        runNow("touch");

        LastRun run = lastRun("touch");
        assertThat(run.outcome()).isEqualTo(JobOutcome.FAILED);
        assertThat(run.error()).contains("exited with code 4");
        assertThat(Files.exists(made)).isTrue();
    }

    @Test
    void a_shell_job_whose_directory_went_can_be_read_for_its_form_and_saved_with_another_one() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        create(
                "moved",
                JobDefinition.JobType.SHELL,
                Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.DIRECTORY, gone.toString()));
        Files.delete(gone);

        JobDefinitions.Editable form = As.call(
                Role.ADMIN,
                () -> definitions
                        .readEditable("types", "moved")
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .orElseThrow());
        assertThat(definitions.check(form.definition(), Locale.ENGLISH))
                .containsExactly(
                        new FieldProblem(ShellJobSpec.DIRECTORY, "There is no directory " + gone + " on the server"));
        Map<String, String> data = new HashMap<>(form.definition().data());
        data.put(ShellJobSpec.DIRECTORY, dir.toString());
        JobDefinition moved = form.definition();
        JobDefinitions.Updated updated = As.call(
                Role.ADMIN,
                () -> definitions
                        .update("types", "moved", form.version(), moved.withData(data), Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));

        assertThat(updated.changes()).isEqualTo("shell.directory: " + gone + " → " + dir);
    }

    @Test
    void a_copy_of_a_java_job_takes_the_secret_left_masked_from_the_original() throws Exception {
        create(
                "mailer",
                JobDefinition.JobType.JAVA,
                Map.of(JavaJobKind.JOB, "bean:demoReportJob", "recipient", "a@example.com", "apiToken", "t0ken"));
        JobDefinition form = As.call(
                        Role.ADMIN,
                        () -> definitions
                                .readEditable("types", "mailer")
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS)
                                .orElseThrow())
                .definition();
        assertThat(form.data()).containsEntry("apiToken", "******");

        JobDefinitions.Created copy = As.call(
                Role.ADMIN,
                () -> definitions
                        .copy("types", "mailer", form.as("types", "mailer-copy", form.triggers()), Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));

        assertThat(copy.summary()).contains("apiToken=******").doesNotContain("t0ken");
        JobDetails copied = As.call(
                Role.ADMIN,
                () -> definitions
                        .read("types", "mailer-copy")
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .orElseThrow());
        assertThat(copied.kind()).isEqualTo("JAVA");
        assertThat(copied.definition().toString()).doesNotContain("t0ken");
        assertThat(scheduler
                        .getJobDetail(JobKey.jobKey("mailer-copy", "types"))
                        .getJobDataMap()
                        .getString("apiToken"))
                .isEqualTo("t0ken");
    }

    private void create(String name, JobDefinition.JobType type, Map<String, String> data) throws Exception {
        JobDefinition definition =
                new JobDefinition("types", name, "", type, data, "0 0 0 1 1 ? 2099", ZoneId.of("UTC"));
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(definition, Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }

    private void runNow(String name) throws Exception {
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("types", name).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private LastRun lastRun(String name) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> find(name).map(JobOverview::lastRun).isPresent());
        return find(name).map(JobOverview::lastRun).orElseThrow();
    }

    private Optional<JobOverview> find(String name) {
        overview.requestRefresh();
        return overview.jobs().stream()
                .filter(j -> j.group().equals("types") && j.name().equals(name) && j.lastRun() != null)
                .findFirst();
    }
}
