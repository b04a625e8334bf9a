package io.jobdeck.history.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.ApiClient.Answer;
import io.jobdeck.testing.ExecutionRows;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The history over HTTP: the page's filters as query parameters, and every wrong input a problem with its fields. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecutionsApiTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-executions-api-test");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void ready() {
        api = new ApiClient(port).awaitReady();
    }

    @Test
    void lists_filtered_newest_first_reads_one_with_its_log_and_its_attempts() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        long failed = ExecutionRows.insert(
                jdbc, "api", "sync", "FAILED", at, Duration.ofSeconds(3), "Connection refused", "node-a");
        long retried = ExecutionRows.insert(
                jdbc, "api", "sync", "SUCCEEDED", at.plusSeconds(60), Duration.ofSeconds(1), null, "node-a");
        ExecutionRows.retryOf(jdbc, failed, retried, 2);
        ExecutionRows.detail(jdbc, failed, "java.io.IOException: refused\n\tat x.Y(Y.java:1)", "trying…", false);

        Answer page = api.get("/api/v1/executions?group=api&job=sync&outcome=FAILED,SUCCEEDED&limit=10", "viewer");
        assertThat(page.status()).isEqualTo(200);
        JsonNode rows = page.json().path("rows");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).path("id").asLong()).isEqualTo(retried);
        assertThat(page.json().path("total").asLong()).isEqualTo(2);
        assertThat(page.json().path("capped").asBoolean()).isFalse();
        Answer refused = api.get(
                "/api/v1/executions?group=api&outcome=FAILED&text=REFUSED&from=2026-11-01T00:00:00Z"
                        + "&to=2026-11-02T00:00:00Z",
                "viewer");
        assertThat(refused.json().path("rows").size()).isEqualTo(1);

        Answer one = api.get("/api/v1/executions/" + failed, "viewer");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("stackTrace").asString()).startsWith("java.io.IOException: refused");
        assertThat(one.json().path("log").asString()).isEqualTo("trying…");

        Answer attempts = api.get("/api/v1/executions/" + retried + "/attempts", "viewer");
        assertThat(attempts.json().size()).isEqualTo(2);
        assertThat(attempts.json().get(0).path("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.json().get(1).path("id").asLong()).isEqualTo(retried);
    }

    @Test
    void wrong_input_is_refused_with_the_fields_that_are_wrong() {
        Answer wrong = api.get(
                "/api/v1/executions?outcome=EXPLODED&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z&text="
                        + "x".repeat(201) + "&limit=500",
                "viewer");

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.isProblem()).isTrue();
        assertThat(wrong.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("outcome", "to", "text", "limit");
        assertThat(api.get("/api/v1/executions?from=yesterday", "viewer").status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/executions?limit=ten", "viewer").status()).isEqualTo(400);
        Answer missing = api.get("/api/v1/executions/424242", "viewer");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.body()).contains("No execution 424242").doesNotContain("Exception");
        assertThat(api.get("/api/v1/executions/abc", "viewer").status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/executions/424242/rerun", "viewer", null)
                        .status())
                .isEqualTo(403);
        assertThat(api.call("POST", "/api/v1/executions/424242/rerun", "operator", null)
                        .status())
                .isEqualTo(404);
    }
}
