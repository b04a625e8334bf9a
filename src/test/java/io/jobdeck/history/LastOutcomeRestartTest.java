package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.LastRun;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How each job last ended is read from the history: a restart does not forget it. */
class LastOutcomeRestartTest {

    static final Map<String, Object> SHELL =
            Map.of("jobdeck.jobs.shell.enabled", "true", "jobdeck.demo.enabled", "false");

    @Test
    void the_dashboards_last_outcome_of_a_job_survives_a_restart() throws Exception {
        Path data = JobdeckApp.newDataDir();
        try (JobdeckApp first = JobdeckApp.start(data, SHELL)) {
            JobDefinition failing = new JobDefinition(
                    "restart",
                    "fails",
                    "",
                    JobDefinition.JobType.SHELL,
                    Map.of(ShellJobSpec.COMMAND, "sh\n-c\nexit 7"),
                    "0 0 0 1 1 ? 2099",
                    ZoneId.of("UTC"));
            As.call(Role.ADMIN, () -> first.bean(JobDefinitions.class).create(failing, Locale.ENGLISH))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            As.call(Role.OPERATOR, () -> first.bean(SchedulerControl.class).start())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            As.call(Role.OPERATOR, () -> first.bean(JobCommands.class).runNow("restart", "fails"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lastRun(first).map(LastRun::outcome).orElse(null) == JobOutcome.FAILED);
            first.bean(ExecutionHistory.class).flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (JobdeckApp second = JobdeckApp.start(data, SHELL)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lastRun(second).isPresent());
            LastRun last = lastRun(second).orElseThrow();
            assertThat(last.outcome()).isEqualTo(JobOutcome.FAILED);
            assertThat(last.error()).contains("exited with code 7");
        }
    }

    private static Optional<LastRun> lastRun(JobdeckApp app) {
        return app.bean(JobOverviewService.class).jobs().stream()
                .filter(j -> j.group().equals("restart") && j.name().equals("fails"))
                .findFirst()
                .map(JobOverview::lastRun);
    }
}
