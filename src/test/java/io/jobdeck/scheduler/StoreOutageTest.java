package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job store is a real PostgreSQL server process that goes away and comes back on the same data and port. */
class StoreOutageTest {

    @Test
    void status_turns_degraded_when_the_database_goes_away_and_firing_resumes_when_it_returns() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("jobdeck.demo.enabled", true); // the heartbeat fires every 5 s
            settings.put("jobdeck.scheduler.auto-start", true);
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING
                                && monitor.status().firedSinceStart() > 0);

                postgres.stop();

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.DEGRADED);
                assertThat(monitor.status().reason().code())
                        .isIn(StatusReason.Code.STORE_NOT_ANSWERING, StatusReason.Code.STORE_TOO_SLOW);

                postgres.restart();

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING);
                assertThat(monitor.status().reason()).isNull();
                long firedBefore = monitor.status().firedSinceStart();
                await("triggers fire again after the restart")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().firedSinceStart() > firedBefore);
                assertThat(monitor.status().state()).isEqualTo(SchedulerState.RUNNING);
            }
        }
    }
}
