package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code jobdeck.security.api.basic-enabled=false} the API takes tokens only; the login page is unchanged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiBasicOffTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-api-basic-off-test");
        registry.add("jobdeck.security.api.basic-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Test
    void the_api_refuses_a_right_password_but_takes_a_token() throws Exception {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> refused = new WebClient(port).get("/api/v1/scheduler", "Authorization", basic);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"status\":401").contains("API token");
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .as("no Basic challenge, so no browser password prompt")
                .hasValue("Bearer realm=\"jobdeck\"");

        String token = As.call(
                Role.ADMIN,
                () -> tokens.create(new TokenDraft("ci", Role.VIEWER, 7))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .secret());
        assertThat(new WebClient(port)
                        .get("/api/v1/scheduler", "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_login_page_still_logs_in_with_the_password() {
        WebClient browser = new WebClient(port);

        HttpResponse<String> login = browser.login("admin", "admin-pass");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(login)).doesNotContain("/login");
        assertThat(browser.get("/audit").statusCode()).isEqualTo(200);
    }
}
