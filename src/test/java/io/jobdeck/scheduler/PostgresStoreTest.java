package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/**
 * The app on a real PostgreSQL (embedded binaries), configured as the README says: only the datasource settings.
 * Flyway builds the schema, the Quartz delegate follows the database by itself, the demo jobs fire, and nothing is
 * lost on restart.
 */
class PostgresStoreTest {

    @Test
    void with_only_the_datasource_settings_the_demo_jobs_fire_and_survive_a_restart_with_the_operators_choice()
            throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> asDocumented = new LinkedHashMap<>(postgres.datasource());
            asDocumented.put("jobdeck.demo.enabled", true);
            asDocumented.put("jobdeck.scheduler.auto-start", true);
            try (JobdeckApp first = JobdeckApp.start(JobdeckApp.newDataDir(), asDocumented)) {
                SchedulerMonitor monitor = first.bean(SchedulerMonitor.class);
                JobOverviewService overview = first.bean(JobOverviewService.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> overview.jobs().stream()
                                .filter(j -> j.name().equals("heartbeat"))
                                .anyMatch(j -> j.lastRun() != null));
                JobOverview heartbeat = overview.jobs().stream()
                        .filter(j -> j.name().equals("heartbeat"))
                        .findFirst()
                        .orElseThrow();
                assertThat(heartbeat.lastRun().error()).isNull();
                assertThat(monitor.status().state()).isEqualTo(SchedulerState.RUNNING);
                assertThat(monitor.status().jobCount()).isEqualTo(3);
                assertThat(monitor.status().failedSinceStart())
                        .as("only the flaky demo job may fail")
                        .isLessThanOrEqualTo(monitor.status().firedSinceStart());

                SchedulerControl control = first.bean(SchedulerControl.class);
                As.call(Role.OPERATOR, control::stop).toCompletableFuture().get(10, TimeUnit.SECONDS);
                AuditLog audit = first.bean(AuditLog.class);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> As.call(
                                                Role.ADMIN,
                                                () -> audit.search(
                                                        new AuditFilter(null, AuditAction.STOP, null, null, null),
                                                        0,
                                                        10))
                                        .toCompletableFuture()
                                        .get(5, TimeUnit.SECONDS)
                                        .total()
                                == 1);
            }
            try (JobdeckApp second = JobdeckApp.start(JobdeckApp.newDataDir(), asDocumented)) {
                SchedulerControl control = second.bean(SchedulerControl.class);
                assertThat(control.settle()
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS)
                                .state())
                        .isEqualTo(SchedulerState.STOPPED);
                assertThat(second.bean(Scheduler.class).checkExists(DemoJobs.SLOW_REPORT))
                        .isTrue();
            } finally {
                As.nobody();
            }
            assertThat(quartzDelegateFailures(postgres)).isZero();
        }
    }

    /** Quartz's default delegate cannot read PostgreSQL's bytea: such a trigger would be left in ERROR state. */
    private static int quartzDelegateFailures(Postgres postgres) throws Exception {
        try (Connection c = postgres.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_state = 'ERROR'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
