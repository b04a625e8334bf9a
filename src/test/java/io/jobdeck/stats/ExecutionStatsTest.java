package io.jobdeck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.stats.internal.MinuteBucket;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The charts' series from real runs: what the history recorder wrote is in the per-minute buckets, summed over nodes,
 * and read back from the database after a restart.
 */
class ExecutionStatsTest {

    static final Map<String, Object> SHELL =
            Map.of("jobdeck.jobs.shell.enabled", "true", "jobdeck.demo.enabled", "false");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runs_are_counted_per_minute_by_outcome_with_their_durations_and_survive_a_restart() throws Exception {
        Path data = JobdeckApp.newDataDir();
        try (JobdeckApp first = JobdeckApp.start(data, SHELL)) {
            create(first, "ok", "sh\n-c\ntrue");
            create(first, "bad", "sh\n-c\nexit 3");
            As.call(Role.OPERATOR, () -> first.bean(SchedulerControl.class).start())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                runNow(first, "ok");
            }
            for (int i = 0; i < 2; i++) {
                runNow(first, "bad");
            }
            AtomicReference<StatsSnapshot> seen = new AtomicReference<>();
            try (Subscription s =
                    As.call(Role.VIEWER, () -> first.bean(ExecutionStats.class).readLive(seen::set))) {
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(totals(seen.get())).isEqualTo(new long[] {3, 2}));
            }
            AtomicReference<JobDurations> durations = new AtomicReference<>();
            try (Subscription s = As.call(
                    Role.VIEWER,
                    () -> first.bean(ExecutionStats.class).readLiveDurations("stats", "ok", durations::set))) {
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(runs(durations.get())).isEqualTo(3));
            }
            first.bean(ExecutionHistory.class).flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (JobdeckApp second = JobdeckApp.start(data, SHELL)) {
            AtomicReference<StatsSnapshot> seen = new AtomicReference<>();
            try (Subscription s =
                    As.call(Role.VIEWER, () -> second.bean(ExecutionStats.class).readLive(seen::set))) {
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(totals(seen.get())).isEqualTo(new long[] {3, 2}));
                assertThat(seen.get().executions()).hasSize(24 * 60);

                // Another node's runs of this minute add to this node's: readers sum over nodes.
                MinuteBucket other = new MinuteBucket();
                for (int i = 0; i < 4; i++) {
                    other.add(JobOutcome.SUCCEEDED, 50, 5L);
                }
                long minute = Instant.now().getEpochSecond() / 60;
                second.bean(StatsRepository.class)
                        .write("another-node", Map.of(new StatsRepository.Key("stats", "ok", minute), other), Map.of());
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(totals(seen.get())).isEqualTo(new long[] {7, 2}));
                long lags = seen.get().fireLag().stream()
                        .mapToLong(MinutePercentiles::count)
                        .sum();
                assertThat(lags)
                        .as("fire lags of this node's 5 runs (run now's too) and the other node's 4")
                        .isEqualTo(9);
            }
            AtomicReference<JobDurations> durations = new AtomicReference<>();
            try (Subscription s = As.call(
                    Role.VIEWER,
                    () -> second.bean(ExecutionStats.class).readLiveDurations("stats", "ok", durations::set))) {
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(runs(durations.get())).isEqualTo(7));
                assertThat(durations.get().durations().stream()
                                .mapToLong(MinutePercentiles::max)
                                .max()
                                .orElse(0))
                        .isGreaterThanOrEqualTo(50);
            }
        }
    }

    private static long[] totals(StatsSnapshot snapshot) {
        if (snapshot == null) {
            return new long[] {-1, -1};
        }
        return new long[] {
            snapshot.executions().stream().mapToLong(MinuteCount::succeeded).sum(),
            snapshot.executions().stream().mapToLong(MinuteCount::failed).sum()
        };
    }

    private static long runs(JobDurations durations) {
        return durations == null
                ? -1
                : durations.durations().stream()
                        .mapToLong(MinutePercentiles::count)
                        .sum();
    }

    private static void create(JobdeckApp app, String name, String command) throws Exception {
        JobDefinition job = new JobDefinition(
                "stats",
                name,
                "",
                JobDefinition.JobType.SHELL,
                Map.of(ShellJobSpec.COMMAND, command),
                "0 0 0 1 1 ? 2099",
                ZoneId.of("UTC"));
        As.call(Role.ADMIN, () -> app.bean(JobDefinitions.class).create(job, Locale.ENGLISH))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static void runNow(JobdeckApp app, String name) throws Exception {
        As.call(Role.OPERATOR, () -> app.bean(JobCommands.class).runNow("stats", name))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
