package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.security.internal.UserAccounts;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    /** Only the app's own configuration: no test users. */
    private static final Map<String, Object> NO_USERS = Map.of("spring.config.location", "classpath:/application.yaml");

    @Test
    void a_fresh_install_without_users_gets_an_admin_with_a_random_password_printed_once(CapturedOutput output) {
        Path data = JobdeckApp.newDataDir();
        String password;
        try (JobdeckApp app = JobdeckApp.start(data, NO_USERS)) {
            Matcher printed = Pattern.compile("password: (\\S{20})").matcher(output.getAll());
            assertThat(printed.find()).as("the password is printed").isTrue();
            password = printed.group(1);
            var admin = app.bean(UserDetailsService.class).loadUserByUsername("admin");
            assertThat(app.bean(PasswordEncoder.class).matches(password, admin.getPassword()))
                    .isTrue();
            assertThat(admin.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
        }
        int printedBefore = count(output.getAll(), "No users are configured");
        try (JobdeckApp again = JobdeckApp.start(data, NO_USERS)) {
            assertThat(count(output.getAll(), "No users are configured"))
                    .as("printed only once")
                    .isEqualTo(printedBefore);
        }
        try (JobdeckApp other = JobdeckApp.start(JobdeckApp.newDataDir(), NO_USERS)) {
            Matcher printed = Pattern.compile("password: (\\S{20})").matcher(output.getAll());
            printed.find();
            printed.find();
            assertThat(printed.group(1)).as("never a fixed default").isNotEqualTo(password);
        }
    }

    @Test
    void nodes_creating_the_first_admin_at_once_on_one_database_make_one_admin_and_print_one_password(
            CapturedOutput output) throws Exception {
        try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), NO_USERS)) {
            UserAccounts accounts = app.bean(UserAccounts.class);
            JdbcClient jdbc = app.bean(JdbcClient.class);
            ExecutorService nodes = Executors.newFixedThreadPool(
                    4, Thread.ofPlatform().name("node-", 1).factory());
            try {
                for (int round = 0; round < 5; round++) {
                    jdbc.sql("DELETE FROM JOBDECK_USER").update();
                    int printedBefore = count(output.getAll(), "No users are configured");
                    CyclicBarrier together = new CyclicBarrier(4);
                    List<Future<?>> starts = new ArrayList<>();
                    for (int node = 0; node < 4; node++) {
                        starts.add(nodes.submit(() -> {
                            together.await();
                            accounts.createFirstAdminIfNeeded();
                            return null;
                        }));
                    }
                    for (Future<?> start : starts) {
                        start.get(30, TimeUnit.SECONDS);
                    }

                    assertThat(jdbc.sql("SELECT COUNT(*) FROM JOBDECK_USER")
                                    .query(Long.class)
                                    .single())
                            .as("admins after round %d", round)
                            .isEqualTo(1);
                    assertThat(count(output.getAll(), "No users are configured") - printedBefore)
                            .as("passwords printed in round %d", round)
                            .isEqualTo(1);
                }
            } finally {
                nodes.shutdownNow();
            }
        }
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
