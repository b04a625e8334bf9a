package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job store is a real PostgreSQL server process that goes away and comes back on the same data and port. */
class StoreOutageTest {

    @Test
    void status_turns_degraded_when_the_database_goes_away_and_recovers_when_it_returns() throws Exception {
        Path pgData = JobdeckApp.newDataDir();
        int port = freePort();
        EmbeddedPostgres postgres = postgres(pgData, port);
        try (JobdeckApp app = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of(
                        "spring.datasource.url",
                        postgres.getJdbcUrl("postgres", "postgres"),
                        "spring.datasource.username",
                        "postgres",
                        "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
                        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                        "jobdeck.scheduler.auto-start",
                        "true"))) {
            SchedulerControl control = app.bean(SchedulerControl.class);
            SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.status().state() == SchedulerState.RUNNING);

            postgres.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.status().state() == SchedulerState.DEGRADED);
            assertThat(monitor.status().reason().code())
                    .isIn(StatusReason.Code.STORE_NOT_ANSWERING, StatusReason.Code.STORE_TOO_SLOW);

            postgres = postgres(pgData, port);

            await().atMost(Duration.ofSeconds(60)).until(() -> monitor.status().state() == SchedulerState.RUNNING);
            assertThat(monitor.status().reason()).isNull();
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
