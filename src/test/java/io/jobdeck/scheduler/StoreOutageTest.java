package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

                // Commands while the database refuses: applied at once; the choice and the audit records wait, and
                // say so, until it is back.
                SchedulerControl control = app.bean(SchedulerControl.class);
                AuditLog audit = app.bean(AuditLog.class);
                CommandResult stop = As.call(Role.OPERATOR, control::stop)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                CommandResult start = As.call(Role.OPERATOR, control::start)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                assertThat(stop.succeeded()).isTrue();
                assertThat(start.succeeded()).isTrue();
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                audit.health().waiting() >= 2 && audit.health().lastError() != null);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> monitor.status().warnings().stream()
                                .anyMatch(w -> w.code() == StatusReason.Code.CHOICE_NOT_SAVED));

                postgres.restart();

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING);
                assertThat(monitor.status().reason()).isNull();
                control.saved(start.sequence()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> audit.health().waiting() == 0);
                assertThat(audit.health().healthy()).isTrue();
                assertThat(As.call(
                                        Role.ADMIN,
                                        () -> audit.search(
                                                        new AuditFilter(null, AuditAction.STOP, null, null, null),
                                                        0,
                                                        10)
                                                .toCompletableFuture()
                                                .get(10, TimeUnit.SECONDS))
                                .total())
                        .as("the stop given while the database was away is in the trail")
                        .isEqualTo(1);
                long firedBefore = monitor.status().firedSinceStart();
                await("triggers fire again after the restart")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().firedSinceStart() > firedBefore);
                assertThat(monitor.status().state()).isEqualTo(SchedulerState.RUNNING);
            }
        }
    }
}
