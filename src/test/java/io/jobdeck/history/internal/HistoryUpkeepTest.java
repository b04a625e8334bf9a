package io.jobdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.HistoryPages;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The upkeep on its own schedule: every second here, an execution this node's history says runs but nothing runs
 * becomes "node died" while one that really runs stays "running"; and the purge runs by itself and says so in one line.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class HistoryUpkeepTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final int KEPT_ROWS = 5;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-upkeep-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.history.orphan-check-every", () -> "1s");
        registry.add("jobdeck.history.purge-every", () -> "1s");
        registry.add("jobdeck.history.retention-rows", () -> KEPT_ROWS);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NodeIdentity node;

    @Autowired
    Clock clock;

    @Autowired
    ExecutionHistory history;

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    SchedulerControl control;

    SeededExecutions seeded;

    @BeforeEach
    void emptyHistory() {
        seeded = new SeededExecutions(jdbc);
        seeded.clear();
    }

    @AfterEach
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
    }

    @Test
    void a_run_this_nodes_history_says_runs_but_nothing_runs_becomes_node_died_at_the_next_check() throws Exception {
        create("sleeper", "sleep\n6");
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("upkeep", "sleeper", Map.of())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        await().atMost(PATIENCE).until(() -> outcomes("sleeper").equals(List.of(JobOutcome.RUNNING)));

        // As if its end had been lost: in the history as running on this node, run by nobody.
        String lost = seeded.add(
                        "lost", 1, clock.instant().minusSeconds(30), Duration.ZERO, JobOutcome.RUNNING, node.id())
                .getFirst();

        await().atMost(Duration.ofSeconds(5)).until(() -> seeded.outcome(lost).equals("NODE_DIED"));
        assertThat(outcomes("sleeper")).as("a run that really runs here").containsExactly(JobOutcome.RUNNING);
        Execution died = only(ExecutionFilter.ofJob("seeded", "lost"));
        assertThat(died.outcome()).isEqualTo(JobOutcome.NODE_DIED);
        assertThat(died.endedAt()).isNotNull();
        assertThat(died.error()).isEqualTo("The node running it stopped before it ended");

        await().atMost(PATIENCE).until(() -> outcomes("sleeper").equals(List.of(JobOutcome.SUCCEEDED)));
    }

    @Test
    void the_purge_runs_by_itself_and_logs_what_it_deleted(CapturedOutput output) {
        List<String> fireIds = seeded.add("many", 20, clock.instant(), Duration.ofSeconds(1), JobOutcome.FAILED, "n1");

        await().atMost(PATIENCE).until(() -> seeded.fireIds("many").size() == KEPT_ROWS);

        assertThat(seeded.fireIds("many")).isEqualTo(fireIds.subList(0, KEPT_ROWS));
        assertThat(seeded.orphanedDetails()).isZero();
        long detailsGone = 10 - seeded.details("many"); // every second one had a detail row
        await().atMost(PATIENCE)
                .until(() -> output.getOut()
                        .contains("Purged 15 executions (beyond the newest 5) and " + detailsGone
                                + " details in 1 batches"));
    }

    private List<JobOutcome> outcomes(String name) throws Exception {
        return HistoryPages.firstPage(history, ExecutionFilter.ofJob("upkeep", name)).stream()
                .map(Execution::outcome)
                .toList();
    }

    private Execution only(ExecutionFilter filter) throws Exception {
        List<Execution> rows = HistoryPages.firstPage(history, filter);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private void create(String name, String command) throws Exception {
        JobDefinition job = new JobDefinition(
                "upkeep",
                name,
                "",
                JobDefinition.JobType.SHELL,
                Map.of(ShellJobSpec.COMMAND, command),
                "0 0 0 1 1 ? 2099",
                ZoneId.of("UTC"));
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(job, Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }
}
