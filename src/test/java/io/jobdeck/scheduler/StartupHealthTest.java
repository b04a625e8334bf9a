package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * While Jobdeck starts, pages, the API, health and readiness say the same thing, and say what is starting. The restore
 * of the scheduler's last state is held up by a lock another session holds on its table, so the window can be seen.
 */
class StartupHealthTest {

    @Test
    void until_the_scheduler_is_restored_pages_health_and_readiness_agree_that_jobdeck_is_starting() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            try (JobdeckApp once = JobdeckApp.start(JobdeckApp.newDataDir(), postgres.datasource())) {
                once.bean(SchedulerControl.class).settle().toCompletableFuture().get();
            }
            try (Connection lock = postgres.connection();
                    Statement s = lock.createStatement()) {
                lock.setAutoCommit(false);
                s.execute("LOCK TABLE jobdeck_scheduler_control IN ACCESS EXCLUSIVE MODE");

                try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), postgres.datasource());
                        HttpClient http = HttpClient.newHttpClient()) {
                    HttpResponse<String> page = get(http, app, "/login");
                    HttpResponse<String> api = get(http, app, "/api/v1/scheduler");
                    HttpResponse<String> health = get(http, app, "/actuator/health");
                    HttpResponse<String> readiness = get(http, app, "/actuator/health/readiness");
                    HttpResponse<String> liveness = get(http, app, "/actuator/health/liveness");

                    assertThat(page.statusCode()).isEqualTo(503);
                    assertThat(page.body()).contains("Jobdeck is starting: restoring the scheduler's last state");
                    assertThat(page.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(api.statusCode()).isEqualTo(503);
                    assertThat(api.body()).contains("\"detail\":\"Jobdeck is starting");
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body())
                            .contains("OUT_OF_SERVICE")
                            .contains("starting: restoring the scheduler's last state");
                    assertThat(readiness.statusCode()).isEqualTo(503);
                    assertThat(readiness.body()).contains("starting: restoring the scheduler's last state");
                    assertThat(liveness.statusCode())
                            .as("starting is not broken")
                            .isEqualTo(200);

                    lock.rollback(); // the restore reads its row, and Jobdeck is ready

                    await().atMost(Duration.ofSeconds(10))
                            .until(() ->
                                    get(http, app, "/actuator/health/readiness").statusCode() == 200);
                    assertThat(get(http, app, "/actuator/health").statusCode()).isEqualTo(200);
                    assertThat(get(http, app, "/login").statusCode()).isEqualTo(200);
                    assertThat(get(http, app, "/actuator/health").body()).contains("\"scheduler\"");
                }
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, JobdeckApp app, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
