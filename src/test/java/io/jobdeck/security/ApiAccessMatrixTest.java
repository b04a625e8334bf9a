package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.security.AccessMatrixTest.Who;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.ApiClient.Answer;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the REST API under {@code /api/v1} × every role, through the real filter chain: anonymous callers
 * get 401, a role below the service's rule 403, the others the endpoint's answer; every refusal is a problem detail.
 * The requests are chosen to change nothing (a definition the checks refuse, a job that does not exist), so the
 * rows do not depend on each other. The list of endpoints is read from Spring MVC: one the matrix does not list fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class ApiAccessMatrixTest {

    /** A request exercising one endpoint, the least role the service allows, and its status when allowed. */
    public record Call(
            String method, String path, @Nullable String body, Role needs, int allowedStatus, String... headers) {}

    /** Refused by the service's checks once allowed (no URL). */
    static final String REFUSED_JOB = "{\"group\": \"none\", \"name\": \"none\", \"type\": \"HTTP\", \"data\": {}}";

    /** Refused by the service's checks once allowed (no dates). */
    static final String REFUSED_CALENDAR = "{\"name\": \"none\", \"kind\": \"HOLIDAYS\", \"zone\": \"UTC\"}";

    static final String CALENDAR = "{\"kind\": \"HOLIDAYS\", \"zone\": \"UTC\", \"dates\": [\"2030-01-01\"]}";

    /** By {@code METHOD pattern}, as Spring MVC maps them. */
    public static final Map<String, Call> CALLS = calls();

    private static Map<String, Call> calls() {
        Map<String, Call> c = new LinkedHashMap<>();
        c.put("GET /api/v1/scheduler", new Call("GET", "/api/v1/scheduler", null, Role.VIEWER, 200));
        c.put("POST /api/v1/scheduler/start", new Call("POST", "/api/v1/scheduler/start", null, Role.OPERATOR, 200));
        c.put("POST /api/v1/scheduler/stop", new Call("POST", "/api/v1/scheduler/stop", null, Role.OPERATOR, 200));
        // One node on its own: 409 "only in a cluster" (the cluster proof is ClusterControlTest).
        c.put(
                "POST /api/v1/cluster/nodes/{name}/drain",
                new Call("POST", "/api/v1/cluster/nodes/none/drain", null, Role.OPERATOR, 409));
        c.put(
                "POST /api/v1/cluster/nodes/{name}/undrain",
                new Call("POST", "/api/v1/cluster/nodes/none/undrain", null, Role.OPERATOR, 409));
        c.put("GET /api/v1/cluster/nodes", new Call("GET", "/api/v1/cluster/nodes", null, Role.VIEWER, 200));
        c.put("GET /api/v1/jobs", new Call("GET", "/api/v1/jobs", null, Role.VIEWER, 200));
        c.put("GET /api/v1/jobs/filters", new Call("GET", "/api/v1/jobs/filters", null, Role.VIEWER, 200));
        c.put("POST /api/v1/jobs", new Call("POST", "/api/v1/jobs", REFUSED_JOB, Role.ADMIN, 422));
        c.put("GET /api/v1/jobs/{group}/{name}", new Call("GET", "/api/v1/jobs/none/none", null, Role.VIEWER, 404));
        c.put(
                "GET /api/v1/jobs/{group}/{name}/definition",
                new Call("GET", "/api/v1/jobs/none/none/definition", null, Role.ADMIN, 404));
        c.put(
                "PUT /api/v1/jobs/{group}/{name}",
                new Call("PUT", "/api/v1/jobs/none/none", REFUSED_JOB, Role.ADMIN, 404, "If-Match", "\"v\""));
        c.put(
                "DELETE /api/v1/jobs/{group}/{name}",
                new Call("DELETE", "/api/v1/jobs/none/none", null, Role.ADMIN, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/copy",
                new Call(
                        "POST", "/api/v1/jobs/none/none/copy", "{\"group\": \"a\", \"name\": \"b\"}", Role.ADMIN, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/pause",
                new Call("POST", "/api/v1/jobs/none/none/pause", null, Role.OPERATOR, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/resume",
                new Call("POST", "/api/v1/jobs/none/none/resume", null, Role.OPERATOR, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/triggers/{trigger}/pause",
                new Call("POST", "/api/v1/jobs/none/none/triggers/none/pause", null, Role.OPERATOR, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/triggers/{trigger}/resume",
                new Call("POST", "/api/v1/jobs/none/none/triggers/none/resume", null, Role.OPERATOR, 404));
        c.put(
                "POST /api/v1/jobs/{group}/{name}/run",
                new Call("POST", "/api/v1/jobs/none/none/run", "{\"parameters\": {}}", Role.OPERATOR, 404));
        c.put("POST /api/v1/jobs/pause", new Call("POST", "/api/v1/jobs/pause", null, Role.OPERATOR, 204));
        c.put("POST /api/v1/jobs/resume", new Call("POST", "/api/v1/jobs/resume", null, Role.OPERATOR, 204));
        c.put(
                "POST /api/v1/groups/{group}/pause",
                new Call("POST", "/api/v1/groups/none/pause", null, Role.OPERATOR, 204));
        c.put(
                "POST /api/v1/groups/{group}/resume",
                new Call("POST", "/api/v1/groups/none/resume", null, Role.OPERATOR, 204));
        c.put("GET /api/v1/executions/running", new Call("GET", "/api/v1/executions/running", null, Role.VIEWER, 200));
        c.put("GET /api/v1/executions", new Call("GET", "/api/v1/executions", null, Role.VIEWER, 200));
        c.put("GET /api/v1/executions/{id}", new Call("GET", "/api/v1/executions/999999", null, Role.VIEWER, 404));
        c.put(
                "GET /api/v1/executions/{id}/attempts",
                new Call("GET", "/api/v1/executions/999999/attempts", null, Role.VIEWER, 404));
        c.put(
                "POST /api/v1/executions/{id}/rerun",
                new Call("POST", "/api/v1/executions/999999/rerun", null, Role.OPERATOR, 404));
        c.put(
                "POST /api/v1/executions/{fireId}/interrupt",
                new Call("POST", "/api/v1/executions/none/interrupt", null, Role.OPERATOR, 404));
        c.put("GET /api/v1/upcoming", new Call("GET", "/api/v1/upcoming", null, Role.VIEWER, 200));
        c.put("GET /api/v1/calendars", new Call("GET", "/api/v1/calendars", null, Role.VIEWER, 200));
        c.put("GET /api/v1/calendars/{name}", new Call("GET", "/api/v1/calendars/none", null, Role.ADMIN, 404));
        c.put("POST /api/v1/calendars", new Call("POST", "/api/v1/calendars", REFUSED_CALENDAR, Role.ADMIN, 422));
        c.put(
                "PUT /api/v1/calendars/{name}",
                new Call("PUT", "/api/v1/calendars/none", CALENDAR, Role.ADMIN, 404, "If-Match", "\"v\""));
        c.put("DELETE /api/v1/calendars/{name}", new Call("DELETE", "/api/v1/calendars/none", null, Role.ADMIN, 404));
        c.put("GET /api/v1/audit", new Call("GET", "/api/v1/audit", null, Role.ADMIN, 200));
        // Jobs as code: an empty document is refused (400) once the role allows the import.
        c.put("GET /api/v1/definitions", new Call("GET", "/api/v1/definitions", null, Role.VIEWER, 200));
        c.put("POST /api/v1/definitions", new Call("POST", "/api/v1/definitions", null, Role.ADMIN, 400));
        return c;
    }

    static final Set<String> UNSAFE = Set.of("POST", "PUT", "DELETE", "PATCH");

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-api-access-matrix-test");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @LocalServerPort
    int port;

    /** Spring MVC's handlers under /api/v1, as {@code METHOD pattern}. */
    static Set<String> apiHandlers(RequestMappingHandlerMapping handlers) {
        Set<String> keys = new TreeSet<>();
        handlers.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (isApi(pattern)) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        keys.add("* " + pattern);
                    }
                    methods.forEach(m -> keys.add(m.name() + " " + pattern));
                }
            }
        });
        return keys;
    }

    static boolean isApi(String pattern) {
        return pattern.equals("/api/v1") || pattern.startsWith("/api/v1/");
    }

    @Test
    void every_api_endpoint_is_in_the_matrix() {
        assertThat(apiHandlers(handlers))
                .as("handlers under /api/v1 (add each to CALLS with the role its service requires)")
                .containsExactlyInAnyOrderElementsOf(CALLS.keySet());
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_api_endpoint_answers_by_role(Who who) {
        ApiClient api = new ApiClient(port).awaitReady();
        CALLS.forEach((key, call) -> {
            String user = who.role == null ? null : who.role.name().toLowerCase();
            Answer answer = api.call(call.method(), call.path(), user, call.body(), call.headers());
            int expected = who.role == null ? 401 : who.atLeast(call.needs()) ? call.allowedStatus() : 403;
            assertThat(answer.status())
                    .as(who + " → " + key + ": " + answer.body())
                    .isEqualTo(expected);
            if (answer.status() >= 400) {
                assertThat(answer.isProblem())
                        .as(who + " → " + key + " answers a problem detail: " + answer.type() + " " + answer.body())
                        .isTrue();
            }
        });
    }

    @Test
    void nothing_that_writes_is_open_to_a_viewer() {
        CALLS.forEach((key, call) -> {
            if (UNSAFE.contains(call.method())) {
                assertThat(call.needs()).as(key + " writes").isGreaterThanOrEqualTo(Role.OPERATOR);
            }
        });
    }
}
