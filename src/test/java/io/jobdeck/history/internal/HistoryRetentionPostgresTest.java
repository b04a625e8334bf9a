package io.jobdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The purge's statements on a real PostgreSQL: the row cap found by index, running runs kept, details gone along. */
class HistoryRetentionPostgresTest {

    @Test
    void on_postgresql_the_row_cap_keeps_exactly_the_newest_and_the_running_in_batches() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("jobdeck.history.retention-rows", 1_000);
        settings.put("jobdeck.history.purge-batch", 400);
        settings.put("jobdeck.history.purge-every", "1h");
        try (Postgres postgres = Postgres.start()) {
            settings.putAll(postgres.datasource());
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SeededExecutions seeded = new SeededExecutions(app.bean(JdbcTemplate.class));
                Instant now = Instant.now();
                List<String> running = seeded.add(
                        "running", 1, now.minus(Duration.ofDays(2)), Duration.ZERO, JobOutcome.RUNNING, "n1");
                List<String> recent = seeded.add("recent", 2_000, now, Duration.ofSeconds(1), JobOutcome.FAILED, "n1");

                HistoryUpkeep.Purge purge =
                        app.bean(HistoryUpkeep.class).purge().get(1, TimeUnit.MINUTES);

                assertThat(seeded.fireIds("recent")).isEqualTo(recent.subList(0, 1_000));
                assertThat(seeded.fireIds("running")).isEqualTo(running);
                assertThat(purge.executions()).isEqualTo(1_000);
                assertThat(purge.details()).isEqualTo(500);
                assertThat(seeded.details("recent")).isEqualTo(500);
                assertThat(seeded.orphanedDetails()).isZero();
                // 1,001 rows below the 1,000th newest, one of them running: 400 + 400 + 201.
                assertThat(purge.batches()).isEqualTo(3);
            }
        }
    }
}
