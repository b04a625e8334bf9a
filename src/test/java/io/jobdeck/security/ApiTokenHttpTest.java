package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.audit.AuditLog;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * API tokens through the real filter chain: a token works as its owner with its own role, capped at the owner's
 * current role; revoked, expired, forged and orphaned tokens get a JSON 401; what a token does is audited under its
 * owner and its name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokenHttpTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-api-token-http-test");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void a_token_works_as_its_owner_and_what_it_does_is_audited_under_the_owner_and_the_token() throws Exception {
        String token = make(Role.OPERATOR, "ci-deploy", Role.OPERATOR);

        assertThat(api("GET", "/api/v1/scheduler", bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> start = api("POST", "/api/v1/scheduler/start", bearer(token));

        assertThat(start.statusCode()).isEqualTo(200);
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(jdbc.sql("SELECT ACTOR FROM JOBDECK_AUDIT WHERE ACTION = 'START' AND OUTCOME = 'SUCCESS'")
                        .query(String.class)
                        .list())
                .contains("operator (token ci-deploy)");
    }

    @Test
    void a_token_acts_with_its_own_role_not_its_owners() {
        String token = make(Role.ADMIN, "read-only", Role.VIEWER);

        assertThat(api("GET", "/api/v1/scheduler", bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> stop = api("POST", "/api/v1/scheduler/stop", bearer(token));

        assertThat(stop.statusCode()).isEqualTo(403);
        assertThat(stop.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void a_token_whose_owner_now_has_a_lower_role_acts_with_that_role() {
        // As if "viewer" had been an admin when making it: the stored role is above the owner's current one.
        String token = make(Role.VIEWER, "from-better-days", Role.VIEWER);
        jdbc.sql("UPDATE JOBDECK_API_TOKEN SET ROLE = 'ADMIN' WHERE NAME = 'from-better-days'")
                .update();

        assertThat(api("GET", "/api/v1/scheduler", bearer(token)).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/scheduler/stop", bearer(token)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void a_token_whose_owner_is_gone_is_refused() {
        String token = make(Role.VIEWER, "orphan", Role.VIEWER);
        jdbc.sql("UPDATE JOBDECK_API_TOKEN SET USERNAME = 'somebody-removed' WHERE NAME = 'orphan'")
                .update();

        assertUnauthorized(api("GET", "/api/v1/scheduler", bearer(token)));
    }

    @Test
    void revoked_expired_and_forged_tokens_get_a_json_401() throws Exception {
        As.user(Role.OPERATOR);
        ApiTokens.Created revoked = tokens.create(new TokenDraft("revoked", Role.VIEWER, 7))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        String expired = make(Role.OPERATOR, "expired", Role.VIEWER);
        jdbc.sql("UPDATE JOBDECK_API_TOKEN SET EXPIRES_AT = ? WHERE NAME = 'expired'")
                .param(Timestamp.from(Instant.now().minusSeconds(1)))
                .update();
        assertThat(api("GET", "/api/v1/scheduler", bearer(revoked.secret())).statusCode())
                .isEqualTo(200);

        As.user(Role.OPERATOR);
        tokens.revoke(revoked.token().id()).toCompletableFuture().get(10, TimeUnit.SECONDS);

        for (String refused : List.of(
                revoked.secret(), expired, "jdk_AAAAAAAAAAAA_" + "A".repeat(44), "not-a-token", "x".repeat(2_000))) {
            assertUnauthorized(api("GET", "/api/v1/scheduler", bearer(refused)));
        }
    }

    @Test
    void basic_credentials_still_work_beside_tokens_while_basic_is_on() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("viewer:viewer-pass".getBytes());

        assertThat(api("GET", "/api/v1/scheduler", "Authorization", basic).statusCode())
                .isEqualTo(200);
        assertUnauthorized(api("GET", "/api/v1/scheduler", bearer("jdk_AAAAAAAAAAAA_" + "A".repeat(44))));
    }

    private String make(Role owner, String name, Role role) {
        try {
            return As.call(
                    owner,
                    () -> tokens.create(new TokenDraft(name, role, 30))
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS)
                            .secret());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401").contains("API token");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("Bearer"));
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private HttpResponse<String> api(String method, String path, String... headers) {
        return new WebClient(port).request(method, path, headers);
    }
}
