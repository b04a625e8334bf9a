package io.jobdeck.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the REST API as a test user (HTTP Basic, {@code <name>-pass}) or anonymously, and reads what it answers. */
public final class ApiClient {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** What came back. */
    public record Answer(int status, String type, String body, HttpResponse<String> response) {

        public JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        /** Whether it is an RFC 9457 problem detail with this status. */
        public boolean isProblem() {
            return type.startsWith("application/problem+json")
                    && json().path("status").asInt() == status
                    && !json().path("title").asString().isEmpty();
        }
    }

    /**
     * {@code method path} as {@code user} (null: anonymous) with a JSON {@code body} (null: none) and extra headers as
     * name, value, name, value ...
     */
    public Answer call(String method, String path, @Nullable String user, @Nullable String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the app has restored the scheduler's last state: until then every request is answered 503 (the
     * startup gate), also right after the application context reports itself started.
     */
    public ApiClient awaitReady() {
        await("the startup gate opens")
                .atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", "/api/v1/scheduler", null, null).status() != 503);
        return this;
    }

    public Answer get(String path, String user) {
        return call("GET", path, user, null);
    }

    /** A JSON string literal of {@code text}. */
    public static String quote(String text) {
        return JsonMapper.shared().writeValueAsString(text);
    }
}
