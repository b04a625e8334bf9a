package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.api.Refusals;
import io.jobdeck.api.RestApi;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description springdoc publishes lists every handler method of every Jobdeck controller (read from Spring MVC,
 * so an endpoint added without showing there fails), each with its errors as problem details; it and Swagger UI are
 * for logged-in users only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTest {

    /** Controllers that are not the REST API: the login page, live updates' receipts, and the /api/** fallback. */
    static final Set<String> NOT_API = Set.of("LoginPage", "LiveReceipts", "ApiFallback");

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-api-docs-test");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @LocalServerPort
    int port;

    @BeforeEach
    void ready() {
        new ApiClient(port).awaitReady();
    }

    @Test
    void the_description_and_swagger_ui_are_for_logged_in_users_only() {
        WebClient anonymous = new WebClient(port);
        for (String path : new String[] {"/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"}) {
            HttpResponse<String> refused = anonymous.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(302);
            assertThat(WebClient.location(refused)).as(path).contains("/login");
        }

        WebClient viewer = loggedIn("viewer");
        assertThat(viewer.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/swagger-ui/index.html").body()).contains("swagger-ui");
        assertThat(viewer.get("/v3/api-docs/swagger-config").body()).contains("/v3/api-docs");
    }

    @Test
    void every_handler_of_every_controller_is_in_the_published_description_with_its_errors() {
        JsonNode spec = spec();
        JsonNode paths = spec.path("paths");
        Set<String> published = new TreeSet<>();
        paths.properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> published.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> handled = new TreeSet<>();
        handlers.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("io.jobdeck.")
                    || NOT_API.contains(handler.getBeanType().getSimpleName())) {
                return;
            }
            assertThat(AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RestApi.class))
                    .as(handler.getBeanType().getSimpleName() + " is a @RestApi controller")
                    .isTrue();
            for (String key : keys(info)) {
                handled.add(key);
                JsonNode operation = operation(paths, key);
                assertThat(operation.isMissingNode()).as(key + " is published").isFalse();
                assertThat(operation.path("summary").asString())
                        .as(key + " has a summary")
                        .isNotBlank();
                for (int status : statuses(handler)) {
                    assertThat(operation
                                    .path("responses")
                                    .path(String.valueOf(status))
                                    .toString())
                            .as(key + " documents its " + status + " as a problem detail")
                            .contains("application/problem+json")
                            .contains("#/components/schemas/Problem");
                }
            }
        });
        assertThat(handled).as("handlers of the REST API").isNotEmpty();
        assertThat(published).as("what the description publishes").isEqualTo(handled);
        assertThat(spec.path("components").path("schemas").has("JobBody")).isTrue();
        assertThat(operation(paths, "POST /api/v1/scheduler/stop")
                        .path("responses")
                        .has("202"))
                .as("a stop not yet saved is documented")
                .isTrue();
        assertThat(operation(paths, "PUT /api/v1/jobs/{group}/{name}")
                        .path("parameters")
                        .toString())
                .contains("If-Match");
        assertThat(spec.path("components").path("securitySchemes").has("basic")).isTrue();
    }

    private JsonNode spec() {
        HttpResponse<String> answer = loggedIn("viewer").get("/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);
        return JsonMapper.shared().readTree(answer.body());
    }

    private static Set<String> keys(RequestMappingInfo info) {
        Set<String> keys = new TreeSet<>();
        for (String pattern : info.getPatternValues()) {
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                keys.add(method.name() + " " + pattern);
            }
        }
        assertThat(keys).as(info + " names its HTTP methods").isNotEmpty();
        return keys;
    }

    private static JsonNode operation(JsonNode paths, String key) {
        String method = key.substring(0, key.indexOf(' ')).toLowerCase(Locale.ROOT);
        return paths.path(key.substring(key.indexOf(' ') + 1)).path(method);
    }

    /** The errors every endpoint may answer, and the handler's own. */
    private static int[] statuses(HandlerMethod handler) {
        Refusals own = handler.getMethodAnnotation(Refusals.class);
        int[] common = {400, 401, 403, 500};
        if (own == null) {
            return common;
        }
        int[] all = Arrays.copyOf(common, common.length + own.value().length);
        System.arraycopy(own.value(), 0, all, common.length, own.value().length);
        return all;
    }

    private WebClient loggedIn(String user) {
        WebClient client = new WebClient(port);
        assertThat(WebClient.location(client.login(user, user + "-pass"))).doesNotContain("/login");
        return client;
    }
}
