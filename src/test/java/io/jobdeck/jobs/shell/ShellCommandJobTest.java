package io.jobdeck.jobs.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jobdeck.jobs.JobOutput;
import io.jobdeck.scheduler.JobInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Shell jobs run real processes here (Linux {@code sh}, {@code sleep}, {@code printf}). */
class ShellCommandJobTest {

    private static final ShellJobProperties ON = new ShellJobProperties(true, Duration.ofSeconds(1));

    private final AtomicReference<ShellCommandJob.Outcome> outcome = new AtomicReference<>();

    @TempDir
    Path dir;

    @Test
    void arguments_with_spaces_dollars_and_semicolons_reach_the_program_as_written() throws Exception {
        run(new ShellCommandJob(ON), Map.of(ShellJobSpec.COMMAND, "printf\n[%s]\nhello  world\n$HOME\na;b\n'q'"));

        assertThat(outcome.get().output()).isEqualTo("[hello  world][$HOME][a;b]['q']");
        assertThat(outcome.get().exitCode()).isZero();
    }

    @Test
    void the_environment_and_the_working_directory_apply_and_secret_values_are_masked_in_the_output() throws Exception {
        run(
                new ShellCommandJob(ON),
                Map.of(
                        ShellJobSpec.COMMAND, "sh\n-c\npwd; echo \"$GREETING\"; echo \"token=$TOKEN\"",
                        ShellJobSpec.DIRECTORY, dir.toString(),
                        ShellJobSpec.ENVIRONMENT, "GREETING=hi there\nTOKEN=s3cr3t-value",
                        ShellJobSpec.SECRET_ENVIRONMENT, "TOKEN"));

        assertThat(outcome.get().output())
                .isEqualTo(dir.toRealPath() + "\nhi there\ntoken=******\n")
                .doesNotContain("s3cr3t");
    }

    @Test
    void a_non_zero_exit_fails_the_run_and_says_with_which_code() {
        assertThatThrownBy(() -> run(new ShellCommandJob(ON), Map.of(ShellJobSpec.COMMAND, "sh\n-c\nexit 3")))
                .isInstanceOf(JobExecutionException.class)
                .hasMessage("The command sh -c 'exit 3' exited with code 3");
    }

    @Test
    void the_output_is_kept_within_its_bound_at_both_ends_with_a_note_of_what_was_cut() throws Exception {
        run(
                new ShellCommandJob(ON),
                Map.of(ShellJobSpec.COMMAND, "sh\n-c\necho START; yes x | head -c 200000; echo; echo END >&2"));

        String kept = outcome.get().output();
        assertThat(outcome.get().bytes()).isEqualTo(6 + 200_000 + 1 + 4);
        assertThat(kept).startsWith("START\nx\nx\n").endsWith("x\nx\n\nEND\n");
        long cut = 200_011 - 2L * ShellCommandJob.KEPT_BYTES;
        assertThat(kept).contains("\n[… " + cut + " bytes cut …]\n");
        assertThat(kept.length()).isLessThan(2 * ShellCommandJob.KEPT_BYTES + 50);
    }

    @Test
    void a_timeout_fails_the_run_and_ends_the_command_its_child_and_its_grandchild() throws Exception {
        ShellCommandJob job = new ShellCommandJob(ON);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runQuietly(
                job, Map.of(ShellJobSpec.COMMAND, "sh\n-c\nsleep 301 & sleep 301", ShellJobSpec.TIMEOUT, "2")));
        List<ProcessHandle> sleeps = awaitSleeps("301");

        await().atMost(Duration.ofSeconds(20)).until(running::isDone);

        assertThat(running).isCompletedExceptionally();
        assertThatThrownBy(running::join)
                .rootCause()
                .isInstanceOf(JobExecutionException.class)
                .hasMessage("No exit within PT2S: sh -c 'sleep 301 & sleep 301' was ended");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sleeps).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void an_interrupt_ends_the_command_its_child_and_its_grandchild_and_the_run_shows_as_interrupted()
            throws Exception {
        ShellCommandJob job = new ShellCommandJob(ON);
        CompletableFuture<Void> running = CompletableFuture.runAsync(
                () -> runQuietly(job, Map.of(ShellJobSpec.COMMAND, "sh\n-c\nsleep 302 & sleep 302")));
        List<ProcessHandle> sleeps = awaitSleeps("302");

        job.interrupt();

        await().atMost(Duration.ofSeconds(20)).until(running::isDone);
        assertThatThrownBy(running::join).rootCause().isInstanceOf(JobInterruptedException.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sleeps).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void while_shell_jobs_are_off_an_existing_one_refuses_to_run_and_says_why() {
        Path made = dir.resolve("made");

        assertThatThrownBy(() -> run(
                        new ShellCommandJob(new ShellJobProperties(false, Duration.ofSeconds(1))),
                        Map.of(ShellJobSpec.COMMAND, "touch\n" + made)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("Shell jobs are off on this server");
        assertThat(Files.exists(made)).isFalse();
    }

    /** The {@code sleep} processes of this test (both of them: the shell's child and its own), once started. */
    private static List<ProcessHandle> awaitSleeps(String seconds) {
        AtomicReference<List<ProcessHandle>> found = new AtomicReference<>(List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            found.set(ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/sleep")
                            && p.info()
                                    .arguments()
                                    .map(List::of)
                                    .orElse(List.of())
                                    .equals(List.of(seconds)))
                    .toList());
            return found.get().size() == 2;
        });
        return found.get();
    }

    private void runQuietly(ShellCommandJob job, Map<String, String> data) {
        runQuietly(job, data, JobOutput.NONE);
    }

    private void runQuietly(ShellCommandJob job, Map<String, String> data, JobOutput sink) {
        try {
            run(job, data, sink);
        } catch (JobExecutionException e) {
            throw new CompletionException(e);
        }
    }

    @Test
    void the_output_reaches_the_executions_log_line_by_line_while_the_command_still_runs_with_secrets_masked()
            throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ShellCommandJob job = new ShellCommandJob(ON);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runQuietly(
                job,
                Map.of(
                        ShellJobSpec.COMMAND, "sh\n-c\necho first; echo \"token=$TOKEN\"; sleep 302",
                        ShellJobSpec.ENVIRONMENT, "TOKEN=s3cr3t-value",
                        ShellJobSpec.SECRET_ENVIRONMENT, "TOKEN",
                        ShellJobSpec.TIMEOUT, "60"),
                (JobOutput) lines::add));

        await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() == 2);
        assertThat(running)
                .as("still running: the lines came as they were printed")
                .isNotDone();
        assertThat(lines).containsExactly("first\n", "token=******\n");

        job.interrupt();
        await().atMost(Duration.ofSeconds(20)).until(running::isDone);
        assertThat(outcome.get().output()).contains("first\ntoken=******\n");
        assertThat(outcome.get().summary().output())
                .as("already in the log: not added again when the run ends")
                .isEmpty();
    }

    private void run(ShellCommandJob job, Map<String, String> data) throws JobExecutionException {
        run(job, data, JobOutput.NONE);
    }

    private void run(ShellCommandJob job, Map<String, String> data, JobOutput sink) throws JobExecutionException {
        JobExecutionContext context = mock(JobExecutionContext.class);
        when(context.get(JobOutput.CONTEXT_KEY)).thenReturn(sink);
        when(context.getJobDetail())
                .thenReturn(JobBuilder.newJob(ShellCommandJob.class)
                        .withIdentity("shell-test")
                        .usingJobData(new JobDataMap(data))
                        .build());
        doAnswer(i -> {
                    outcome.set(i.getArgument(0));
                    return null;
                })
                .when(context)
                .setResult(any());
        job.execute(context);
    }
}
