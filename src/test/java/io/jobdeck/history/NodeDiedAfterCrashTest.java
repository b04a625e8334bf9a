package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.AppProcess;
import io.jobdeck.testing.HistoryPages;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A crash leaves no execution "running": the app runs as a process of its own with a shell job in the middle of a
 * 60-second {@code sleep}, and is killed with SIGKILL. Restarted on the same data directory, the history shows that run
 * as "node died" (ended, with a message saying why), nothing is left running, and the dashboard's last outcome for the
 * job says so too.
 */
class NodeDiedAfterCrashTest {

    static final String GROUP = "crash";
    static final String JOB = "long";

    @Test
    void a_run_cut_short_by_a_kill_9_shows_node_died_after_the_restart_and_nothing_stays_running() throws Exception {
        Path data = JobdeckApp.newDataDir();
        String fireId;
        try (AppProcess app = AppProcess.start(
                data,
                "--jobdeck.jobs.shell.enabled=true",
                // the start is on disk as soon as the API shows it, so the kill cannot come before it is
                "--jobdeck.history.sync-every=0s")) {
            ApiClient api = app.api();
            ApiClient.Answer created = api.call("POST", "/api/v1/jobs", "admin", """
                    {"group": "%s", "name": "%s", "type": "SHELL", "data": {"shell.command": "sleep\\n60"},
                     "triggers": [{"kind": "CRON", "cron": "0 0 0 1 1 ? 2099"}]}""".formatted(GROUP, JOB));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ApiClient.Answer run = api.call("POST", "/api/v1/jobs/%s/%s/run".formatted(GROUP, JOB), "operator", null);
            assertThat(run.status()).as(run.body()).isEqualTo(202);

            // The history (its API, read from the database) shows the run as running: then the crash.
            JsonNode running = await("the history shows the job running")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> runningNow(api), Optional::isPresent)
                    .orElseThrow();
            fireId = running.path("fireId").asString();
            app.kill();
        }
        assertThat(storedOutcome(data, fireId)).as("as the crash left it").isEqualTo("RUNNING");

        try (JobdeckApp restarted = JobdeckApp.start(data, Map.of("jobdeck.jobs.shell.enabled", true))) {
            ExecutionHistory history = restarted.bean(ExecutionHistory.class);

            List<Execution> runs = HistoryPages.firstPage(history, ExecutionFilter.ofJob(GROUP, JOB));
            assertThat(runs).hasSize(1);
            Execution died = runs.getFirst();
            assertThat(died.fireId()).isEqualTo(fireId);
            assertThat(died.outcome()).isEqualTo(JobOutcome.NODE_DIED);
            assertThat(died.endedAt()).isAfter(died.firedAt());
            assertThat(died.error()).isEqualTo("The node running it stopped before it ended");
            assertThat(HistoryPages.firstPage(
                            history,
                            new ExecutionFilter(null, null, Set.of(JobOutcome.RUNNING), null, null, null, null)))
                    .as("still running after the restart")
                    .isEmpty();

            JobOverviewService dashboard = restarted.bean(JobOverviewService.class);
            JobOverview job = await("the dashboard lists the job")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> find(dashboard), o -> o.isPresent() && o.get().lastRun() != null)
                    .orElseThrow();
            assertThat(job.lastRun().outcome()).isEqualTo(JobOutcome.NODE_DIED);
            assertThat(job.lastRun().error()).isEqualTo("The node running it stopped before it ended");
        }
    }

    private static Optional<JsonNode> runningNow(ApiClient api) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/executions?group=%s&job=%s&outcome=RUNNING".formatted(GROUP, JOB), "viewer")
                .json()
                .path("rows")
                .forEach(found::add);
        return found.stream().findFirst();
    }

    private static Optional<JobOverview> find(JobOverviewService dashboard) {
        return dashboard.jobs().stream()
                .filter(j -> j.group().equals(GROUP) && j.name().equals(JOB))
                .findFirst();
    }

    /** The outcome stored for a fire, read from the database file while the app is down. */
    private static String storedOutcome(Path data, String fireId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("jobdeck"), "sa", "");
                PreparedStatement s = c.prepareStatement("SELECT OUTCOME FROM JOBDECK_EXECUTION WHERE FIRE_ID = ?")) {
            s.setString(1, fireId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(not written)";
            }
        }
    }
}
