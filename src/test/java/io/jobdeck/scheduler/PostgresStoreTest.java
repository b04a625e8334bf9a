package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
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
        try (Postgres postgres = Postgres.start();
                Hook hook = new Hook()) {
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

                // A job defined in the browser: stored as string properties in PostgreSQL, and it calls its URL.
                As.call(
                                Role.ADMIN,
                                () -> first.bean(JobDefinitions.class)
                                        .create(
                                                new JobDefinition(
                                                        "pg",
                                                        "hook",
                                                        "",
                                                        JobDefinition.JobType.HTTP,
                                                        Map.of(HttpJobSpec.URL, hook.url(), HttpJobSpec.TIMEOUT, "5"),
                                                        "0 0 0 1 1 ? 2099",
                                                        ZoneOffset.UTC),
                                                Locale.ENGLISH))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                As.call(Role.OPERATOR, () -> first.bean(JobCommands.class).runNow("pg", "hook"))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(hook.calls().poll(15, TimeUnit.SECONDS)).isEqualTo("GET /hook");

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
                assertThat(second.bean(Scheduler.class)
                                .getJobDetail(JobKey.jobKey("hook", "pg"))
                                .getJobDataMap()
                                .getString(HttpJobSpec.URL))
                        .as("the job's definition, read back after a restart")
                        .isEqualTo(hook.url());
            } finally {
                As.nobody();
            }
            assertThat(quartzDelegateFailures(postgres)).isZero();
        }
    }

    /** A local HTTP endpoint that records the calls it gets. */
    private static final class Hook implements AutoCloseable {

        private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        private final HttpServer server;

        Hook() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                calls.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        BlockingQueue<String> calls() {
            return calls;
        }

        @Override
        public void close() {
            server.stop(0);
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
