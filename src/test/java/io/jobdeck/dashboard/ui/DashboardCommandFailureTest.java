package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A lifecycle command that fails reaches the operator as a notification, and the dashboard stays usable.
 *
 * <p>The one realistic way to make a command fail here is a Quartz scheduler that something else shut down
 * ({@code Scheduler.shutdown()} cannot be undone, so Start fails). That breaks the application context for good,
 * so this test has a context of its own, closed afterwards.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "operator",
        roles = {"VIEWER", "OPERATOR"})
class DashboardCommandFailureTest extends SpringBrowserlessTest {

    private static final Path DATA_DIR = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("jobdeck.data-dir", DATA_DIR::toString);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-dashboard-failure-test");
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Autowired
    Scheduler scheduler;

    @Test
    void a_start_that_fails_shows_the_reason_in_a_notification_and_leaves_start_usable() throws Exception {
        await().atMost(DashboardTesting.TIMEOUT).until(() -> monitor.status().state() == SchedulerState.RUNNING);
        scheduler.shutdown();
        await().atMost(DashboardTesting.TIMEOUT).until(() -> monitor.status().state() == SchedulerState.FAILED);
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> {
            assertThat(badge().getText()).isEqualTo("Failed");
            assertThat(find(Span.class).id("scheduler-message").getText())
                    .isEqualTo("The Quartz scheduler has been shut down");
        });
        assertThat(find(Notification.class).exists()).isFalse();

        test(find(Button.class).withText("Start").single()).click(); // throws if an exception escapes the listener

        DashboardTesting.awaitView(() -> {
            Notification notification = find(Notification.class).single();
            assertThat(test(notification).getText())
                    .isEqualTo(
                            "Command failed: " + "The Scheduler cannot be restarted after shutdown() has been called.");
            assertThat(notification.isOpened()).isTrue();
            assertThat(badge().getElement().getAttribute("data-state")).isEqualTo("FAILED");
            assertThat(test(find(Button.class).id("start")).isUsable())
                    .as("Start usable again")
                    .isTrue();
        });
    }

    private Span badge() {
        return find(Span.class).id("scheduler-state");
    }
}
