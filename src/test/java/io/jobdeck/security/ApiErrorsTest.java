package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Everything under /api answers a problem detail (RFC 9457) through the real filter chain: unknown paths, wrong
 * methods, bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorsTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    @LocalServerPort
    int port;

    record Answer(int status, @Nullable MediaType type, String body, HttpHeaders headers) {}

    @BeforeEach
    void ready() {
        new ApiClient(port).awaitReady();
    }

    @Test
    void unknown_api_paths_answer_a_json_404_not_the_apps_html_page() {
        for (String[] call : new String[][] {
            {"GET", "/api/nope"},
            {"POST", "/api/v1/scheduler/stopp"},
            {"GET", "/api/v1/scheduler/"},
            {"PUT", "/api/x/y/z"}
        }) {
            Answer answer = call(call[0], call[1], "admin");

            assertThat(answer.status()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertJson(answer);
            assertThat(answer.body()).contains("\"detail\":\"No such endpoint\"");
        }
    }

    @Test
    void an_address_the_firewall_refuses_answers_a_problem_detail_under_the_api() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/api/v1/jobs/a;b/c"))
                                .header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4tcGFzcw==") // admin:admin-pass
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":400").doesNotContain("timestamp");
    }

    @Test
    void a_known_path_with_another_method_answers_a_json_405_naming_the_allowed_one() {
        Answer delete = call("DELETE", "/api/v1/scheduler", "admin");
        assertThat(delete.status()).isEqualTo(405);
        assertJson(delete);
        assertThat(delete.headers().getFirst(HttpHeaders.ALLOW)).isEqualTo("GET");

        Answer getStop = call("GET", "/api/v1/scheduler/stop", "admin");
        assertThat(getStop.status()).isEqualTo(405);
        assertJson(getStop);
        assertThat(getStop.body()).contains("allowed: POST");
    }

    @Test
    void unknown_api_paths_ask_anonymous_callers_to_log_in_first_in_json() {
        Answer answer = call("GET", "/api/nope", null);
        assertThat(answer.status()).isEqualTo(401);
        assertJson(answer);
    }

    @Test
    void stop_with_a_json_body_is_refused_with_400_and_changes_nothing() {
        String before = call("GET", "/api/v1/scheduler", "admin").body();

        Answer answer = RestClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/scheduler/stop")
                .headers(h -> h.setBasicAuth("operator", "operator-pass"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"mode\":\"interrupt\"}")
                .exchange((req, res) -> new Answer(
                        res.getStatusCode().value(),
                        res.getHeaders().getContentType(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
                        res.getHeaders()));

        assertThat(answer.status()).isEqualTo(400);
        assertJson(answer);
        assertThat(answer.body()).contains("takes no request body");
        assertThat(state(call("GET", "/api/v1/scheduler", "admin").body())).isEqualTo(state(before));
    }

    private Answer call(String method, String path, @Nullable String user) {
        return RestClient.create("http://localhost:" + port)
                .method(HttpMethod.valueOf(method))
                .uri(path)
                .headers(h -> {
                    if (user != null) {
                        h.setBasicAuth(user, user + "-pass");
                    }
                    h.setAccept(List.of(MediaType.TEXT_HTML, MediaType.ALL));
                })
                .exchange((req, res) -> new Answer(
                        res.getStatusCode().value(),
                        res.getHeaders().getContentType(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
                        res.getHeaders()));
    }

    private static void assertJson(Answer answer) {
        assertThat(answer.type()).isNotNull();
        assertThat(answer.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type " + answer.type())
                .isTrue();
        assertThat(answer.body())
                .startsWith("{")
                .contains("\"status\":" + answer.status())
                .contains("\"title\":")
                .doesNotContain("<html");
    }

    private static String state(String status) {
        return status.replaceAll(".*\"state\":\"([A-Z_]+)\".*", "$1");
    }
}
