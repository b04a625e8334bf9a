package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobdeck.testing.JobdeckApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Badly configured users stop Jobdeck at startup with one clear message that names the setting, never with a
 * confusing failure later (or a login that can never work).
 */
@ExtendWith(OutputCaptureExtension.class)
class UserSettingsTest {

    static final String HASH = "{bcrypt}$2a$10$LU8sOjTea3MwK2uFbIGUqOepIaYLeQUMaGaFjxU1TRZSe6a/LMzP6";

    @Test
    void a_blank_user_name_is_refused(CapturedOutput output) {
        assertRefused(user(" ", HASH, "VIEWER"), output, "jobdeck.security.users[0].username", "must not be blank");
    }

    @Test
    void a_user_name_over_200_characters_is_refused(CapturedOutput output) {
        assertRefused(
                user("x".repeat(201), HASH, "VIEWER"),
                output,
                "jobdeck.security.users[0].username",
                "size must be between 0 and 200");
    }

    @Test
    void a_user_name_with_control_or_bidi_characters_is_refused(CapturedOutput output) {
        assertRefused(
                user("ad\u0007min", HASH, "VIEWER"),
                output,
                "jobdeck.security.users[0].username",
                "must not contain control");
        assertRefused(
                user("admin\u202Enimda", HASH, "VIEWER"),
                output,
                "jobdeck.security.users[0].username",
                "must not contain control");
    }

    @Test
    void an_unknown_role_is_refused(CapturedOutput output) {
        assertRefused(user("alice", HASH, "SUPERUSER"), output, "jobdeck.security.users[0].role", "SUPERUSER");
    }

    @Test
    void a_plain_password_is_refused_and_never_repeated_in_the_report(CapturedOutput output) {
        assertRefused(
                user("alice", "correct-horse-battery", "VIEWER"),
                output,
                "jobdeck.security.users[0]",
                "password must be a bcrypt hash");
        assertThat(output.getAll()).doesNotContain("correct-horse-battery");
    }

    @Test
    void a_malformed_bcrypt_hash_is_refused(CapturedOutput output) {
        assertRefused(
                user("alice", "{bcrypt}$2a$10$tooShort", "VIEWER"),
                output,
                "jobdeck.security.users[0]",
                "password must be a bcrypt hash");
        assertRefused(
                user("alice", "{noop}secret", "VIEWER"),
                output,
                "jobdeck.security.users[0]",
                "password must be a bcrypt hash");
    }

    @Test
    void two_users_whose_names_differ_only_in_case_are_refused(CapturedOutput output) {
        Map<String, Object> users = new HashMap<>(user("Admin", HASH, "ADMIN"));
        users.put("jobdeck.security.users[1].username", "admin");
        users.put("jobdeck.security.users[1].password", HASH);
        users.put("jobdeck.security.users[1].role", "VIEWER");

        assertRefused(
                users,
                output,
                "jobdeck.security.users[0] and jobdeck.security.users[1] have the same user name 'admin'",
                "Give each entry of jobdeck.security.users its own user name");
    }

    @Test
    void well_formed_users_start_and_log_in() {
        Map<String, Object> users = new HashMap<>(user("Alice", HASH, "OPERATOR"));
        users.put("jobdeck.security.users[1].username", "bob");
        users.put("jobdeck.security.users[1].password", HASH.substring("{bcrypt}".length()));
        try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), users)) {
            var details = app.bean(org.springframework.security.core.userdetails.UserDetailsService.class);
            assertThat(details.loadUserByUsername("alice").getAuthorities())
                    .extracting(Object::toString)
                    .contains("ROLE_OPERATOR");
            assertThat(details.loadUserByUsername("bob").getAuthorities())
                    .extracting(Object::toString)
                    .containsExactly("ROLE_VIEWER");
        }
    }

    private static Map<String, Object> user(String name, String password, String role) {
        return Map.of(
                "jobdeck.security.users[0].username", name,
                "jobdeck.security.users[0].password", password,
                "jobdeck.security.users[0].role", role);
    }

    /** The start fails; the exception and Spring Boot's failure report both say what is wrong, and where. */
    private static void assertRefused(
            Map<String, Object> settings, CapturedOutput output, String setting, String reason) {
        int before = output.getAll().length();
        Throwable failure = catchThrowable(
                () -> JobdeckApp.start(JobdeckApp.newDataDir(), settings).close());

        assertThat(failure).as("the start is refused").isNotNull();
        String report = output.getAll().substring(before);
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains(setting)
                .contains(reason);
        // Spring Boot's own report, up to the next log line: another thread (Vaadin's dev mode, stopped half-started)
        // may log a stack trace of its own meanwhile, which is not the refusal's.
        String refusal =
                report.substring(report.indexOf("APPLICATION FAILED TO START")).split("\n\\d{4}-\\d{2}-\\d{2}T", 2)[0];
        assertThat(refusal).as("one clear report, no stack trace in it").doesNotContain("\tat ");
        assertThat(report).as("no trace of the failure").doesNotContain("Application run failed");
    }
}
