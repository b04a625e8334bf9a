package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scheduler that cannot fire never says RUNNING: when Quartz reports that it fails to acquire or retrieve triggers,
 * the status is DEGRADED with Quartz's own error, while the job store still answers the probe; once a trigger fires
 * again, it is RUNNING.
 */
class TriggerAcquisitionTest {

    @Test
    void failing_trigger_acquisition_shows_quartzs_error_and_clears_when_firing_resumes() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            // Jobdeck connects as a role of its own, which owns the tables Flyway creates.
            postgres.execute("CREATE ROLE jobdeck LOGIN PASSWORD 'jobdeck'");
            postgres.execute("GRANT ALL ON SCHEMA public TO jobdeck");
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("spring.datasource.username", "jobdeck");
            settings.put("spring.datasource.password", "jobdeck");
            settings.put("jobdeck.demo.enabled", true); // the heartbeat fires every 5 s
            settings.put("jobdeck.scheduler.auto-start", true);
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING
                                && monitor.status().firedSinceStart() > 0);

                // Acquiring a trigger updates its row; reading (the probe) still works.
                postgres.execute("REVOKE UPDATE ON qrtz_triggers FROM jobdeck");

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> monitor.status().state() == SchedulerState.DEGRADED);
                StatusReason reason = monitor.status().reason();
                assertThat(reason.code()).isEqualTo(StatusReason.Code.QUARTZ_ERROR);
                assertThat(reason.text()).contains("permission denied");

                postgres.execute("GRANT UPDATE ON qrtz_triggers TO jobdeck");

                long firedBefore = monitor.status().firedSinceStart();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING);
                assertThat(monitor.status().firedSinceStart()).isGreaterThan(firedBefore);
            }
        }
    }

    @Test
    void a_delegate_that_cannot_read_the_database_is_degraded_not_running() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            // What every user got before the delegate followed the database: Quartz's standard delegate cannot read
            // PostgreSQL's bytea, so every trigger scan fails.
            settings.put(
                    "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
            settings.put("jobdeck.demo.enabled", true);
            settings.put("jobdeck.scheduler.auto-start", true);
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.DEGRADED);
                assertThat(monitor.status().reason().code()).isEqualTo(StatusReason.Code.QUARTZ_ERROR);
                assertThat(monitor.status().reason().text()).contains("Bad value for type long");
                assertThat(monitor.status().firedSinceStart()).isZero();
            }
        }
    }
}
