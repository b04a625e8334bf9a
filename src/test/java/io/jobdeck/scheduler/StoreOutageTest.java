package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/** The job store is a real H2 server that goes away and comes back. */
class StoreOutageTest {

    @Test
    void status_turns_degraded_when_the_database_goes_away_and_recovers_when_it_returns() throws Exception {
        Path data = JobdeckApp.newDataDir();
        Server h2 = h2Server(data, 0);
        int port = h2.getPort();
        try (JobdeckApp app = JobdeckApp.start(data, Map.of(
                "spring.datasource.url", "jdbc:h2:tcp://localhost:" + port + "/jobdeck",
                "jobdeck.scheduler.auto-start", "true"))) {
            SchedulerControl control = app.bean(SchedulerControl.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> control.status().state() == SchedulerState.RUNNING);

            h2.stop();

            await().atMost(Duration.ofSeconds(30)).until(() -> control.status().state() == SchedulerState.DEGRADED);
            assertThat(control.status().reason()).startsWith("The job store does not answer");

            h2 = h2Server(data, port);

            await().atMost(Duration.ofSeconds(60)).until(() -> control.status().state() == SchedulerState.RUNNING);
            assertThat(control.status().reason()).isNull();
        } finally {
            h2.stop();
        }
    }

    private static Server h2Server(Path baseDir, int port) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", baseDir.toString(), "-ifNotExists")
                .start();
    }
}
