package io.jobdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A refused action reads the same in the trail as a successful one: same action, same target, another outcome. */
@SpringBootTest
class AuditedTargetTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-audited-target-test");
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    AuditLog audit;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void a_viewers_refused_stop_and_an_operators_stop_name_the_same_target() throws Exception {
        As.user(Role.VIEWER);
        assertThatThrownBy(control::stop).isInstanceOf(AccessDeniedException.class);
        As.user(Role.OPERATOR);
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        As.user(Role.ADMIN);
        List<AuditEntry> stops = audit.search(new AuditFilter(null, AuditAction.STOP, null, null, null), 0, 50)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .entries();

        AuditEntry refused = only(stops, "viewer");
        AuditEntry done = only(stops, "operator");
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(done.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(refused.target()).isEqualTo(done.target()).isEqualTo("scheduler " + control.schedulerName());
    }

    private static AuditEntry only(List<AuditEntry> entries, String actor) {
        List<AuditEntry> mine =
                entries.stream().filter(e -> e.actor().equals(actor)).toList();
        assertThat(mine).as("STOP records by " + actor).hasSize(1);
        return mine.getFirst();
    }
}
