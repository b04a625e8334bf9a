package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Logins through the real filter chain: lockout after repeated failures (for the address they came from), and every
 * login and action audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginSecurityTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void five_wrong_passwords_lock_the_user_even_against_the_right_one_until_the_lock_expires() {
        for (int i = 0; i < 5; i++) {
            assertThat(status("operator", "wrong-" + i)).isEqualTo(401);
        }

        assertThat(status("operator", "operator-pass"))
                .as("locked, even with the right password")
                .isEqualTo(401);
        assertThat(status("viewer", "viewer-pass"))
                .as("other users are not affected")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        assertThat(status("operator", "operator-pass")).isEqualTo(200);

        List<AuditEntry> failures = auditOf(new AuditFilter("operator", AuditAction.LOGIN_FAILED, null, null, null), 6);
        assertThat(failures).extracting(AuditEntry::outcome).contains(AuditOutcome.DENIED, AuditOutcome.FAILED);
        assertThat(failures).allSatisfy(e -> assertThat(e.address()).isEqualTo("127.0.0.1"));
    }

    @Test
    void failures_from_one_address_never_lock_the_user_out_of_another_address() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 6; i++) {
                assertThat(status("admin", "wrong-" + i, "203.0.113.9")).isEqualTo(401);
            }
            assertThat(status("admin", "admin-pass", "203.0.113.9"))
                    .as("locked for the address that failed")
                    .isEqualTo(401);
            assertThat(status("admin", "admin-pass", "198.51.100.20"))
                    .as("the admin still logs in from elsewhere")
                    .isEqualTo(200);
            clock.advance(Duration.ofMinutes(16));
        }
    }

    @Test
    void an_operators_stop_through_the_api_is_audited_with_who_where_and_the_outcome() {
        RestClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/scheduler/stop")
                .headers(h -> h.setBasicAuth("operator", "operator-pass"))
                .retrieve()
                .toBodilessEntity();

        List<AuditEntry> stops = auditOf(new AuditFilter("operator", AuditAction.STOP, null, null, null), 1);
        assertThat(stops.getFirst().actor()).isEqualTo("operator");
        assertThat(stops.getFirst().address()).isEqualTo("127.0.0.1");
        assertThat(stops.getFirst().outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    void a_viewer_calling_stop_anyway_is_refused_and_the_attempt_is_audited() {
        int status = RestClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/scheduler/stop")
                .headers(h -> h.setBasicAuth("viewer", "viewer-pass"))
                .exchange((req, res) -> res.getStatusCode().value());

        assertThat(status).isEqualTo(403);
        List<AuditEntry> denied = auditOf(new AuditFilter("viewer", null, AuditOutcome.DENIED, null, null), 1);
        assertThat(denied.getFirst().action()).isEqualTo(AuditAction.STOP);
    }

    private int status(String user, String password) {
        return status(user, password, null);
    }

    /** A request from {@code address} (behind the local proxy), or from this machine when null. */
    private int status(String user, String password, @Nullable String address) {
        return RestClient.create("http://localhost:" + port)
                .get()
                .uri("/api/v1/scheduler")
                .headers(h -> {
                    h.setBasicAuth(user, password);
                    if (address != null) {
                        h.set("X-Forwarded-For", address);
                    }
                })
                .exchange((req, res) -> res.getStatusCode().value());
    }

    private List<AuditEntry> auditOf(AuditFilter filter, int atLeast) {
        As.user(Role.ADMIN);
        return await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> audit.search(filter, 0, 50)
                                .toCompletableFuture()
                                .get(5, TimeUnit.SECONDS)
                                .entries(),
                        entries -> entries.size() >= atLeast);
    }
}
