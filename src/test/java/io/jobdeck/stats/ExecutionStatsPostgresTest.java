package io.jobdeck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.security.Role;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The buckets' statements on a real PostgreSQL: inserted, then replaced with the merged value, read, purged. */
class ExecutionStatsPostgresTest {

    @Test
    void on_postgresql_a_minute_is_inserted_then_updated_and_old_minutes_are_purged() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("jobdeck.scheduler.auto-start", "false");
        try (Postgres postgres = Postgres.start()) {
            settings.putAll(postgres.datasource());
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                ExecutionBuckets buckets = app.bean(ExecutionBuckets.class);
                Instant now = Instant.now();
                buckets.add(List.of(new ExecutionBuckets.Ended("pg", "job", now, 10, JobOutcome.SUCCEEDED, 1L)));
                buckets.add(List.of(
                        new ExecutionBuckets.Ended("pg", "job", now, 20, JobOutcome.FAILED, 2L),
                        new ExecutionBuckets.Ended(
                                "pg", "job", now.minus(Duration.ofDays(40)), 5, JobOutcome.SUCCEEDED, null)));
                AtomicReference<StatsSnapshot> seen = new AtomicReference<>();
                try (Subscription s = As.call(
                        Role.VIEWER, () -> app.bean(ExecutionStats.class).readLive(seen::set))) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        StatsSnapshot snapshot = seen.get();
                        assertThat(snapshot).isNotNull();
                        assertThat(snapshot.executions().stream()
                                        .mapToLong(MinuteCount::succeeded)
                                        .sum())
                                .isEqualTo(1);
                        assertThat(snapshot.executions().stream()
                                        .mapToLong(MinuteCount::failed)
                                        .sum())
                                .isEqualTo(1);
                    });
                }
                long before = now.minus(Duration.ofDays(35)).getEpochSecond() / 60;
                assertThat(app.bean(StatsRepository.class).purgeBefore(before)).isEqualTo(1);
            }
        }
    }
}
