package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/** The same app on a real PostgreSQL (embedded binaries): Flyway builds the schema, and nothing is lost on restart. */
class PostgresStoreTest {

    @Test
    void the_app_runs_on_postgresql_and_jobs_and_the_operators_choice_survive_a_restart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, Object> onPostgres = Map.of(
                    "spring.datasource.url",
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username",
                    "postgres",
                    "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                    "jobdeck.demo.enabled",
                    "true",
                    "jobdeck.scheduler.auto-start",
                    "true");
            try (JobdeckApp first = JobdeckApp.start(JobdeckApp.newDataDir(), onPostgres)) {
                SchedulerControl control = first.bean(SchedulerControl.class);
                SchedulerMonitor monitor = first.bean(SchedulerMonitor.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING
                                && monitor.status().jobCount() == 3);
                As.call(Role.OPERATOR, () -> control.stop())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
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
            try (JobdeckApp second = JobdeckApp.start(JobdeckApp.newDataDir(), onPostgres)) {
                SchedulerControl control = second.bean(SchedulerControl.class);
                SchedulerMonitor monitor = second.bean(SchedulerMonitor.class);
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
        }
    }
}
