package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import io.jobdeck.audit.AuditHealth;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * What an operator should know although the state is fine: the scheduler's warnings and the audit trail's health, as
 * a notice line in the user's language, shown and hidden by push. The real services are spied on, so that the test
 * can say what they report.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(username = "viewer", roles = "VIEWER")
class DashboardNoticeTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-dashboard-notice-test");
    }

    @MockitoSpyBean
    SchedulerMonitor monitor;

    @MockitoSpyBean
    AuditLog audit;

    private final List<StatusReason> warnings = new ArrayList<>();
    private AuditHealth auditHealth = new AuditHealth(0, 0, null);

    @AfterEach
    void nothing_to_report() {
        warnings.clear();
        auditHealth = new AuditHealth(0, 0, null);
    }

    private void reporting() {
        doAnswer(call -> withWarnings((SchedulerStatus) call.callRealMethod()))
                .when(monitor)
                .status();
        doAnswer(call -> auditHealth).when(audit).health();
    }

    private SchedulerStatus withWarnings(SchedulerStatus s) {
        return new SchedulerStatus(
                s.node(),
                s.state(),
                s.since(),
                s.reason(),
                List.copyOf(warnings),
                s.runningJobs(),
                s.busyThreads(),
                s.poolSize(),
                s.jobCount(),
                s.triggerCount(),
                s.firedSinceStart(),
                s.failedSinceStart());
    }

    @Test
    void no_notice_while_all_is_well() {
        reporting();
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(noticeShown()).isFalse());
    }

    @Test
    void a_choice_not_yet_saved_and_audit_records_that_wait_show_as_a_notice_that_goes_when_they_are_resolved() {
        reporting();
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(noticeShown()).isFalse());

        warnings.add(StatusReason.of(StatusReason.Code.CHOICE_NOT_SAVED, "Connection refused"));
        auditHealth = new AuditHealth(12, 0, "Connection refused");

        DashboardTesting.awaitView(() -> {
            assertThat(noticeShown()).isTrue();
            assertThat(lines())
                    .containsExactly(
                            "The last Start/Stop is applied but not yet saved to the database: Connection refused",
                            "Audit records are not being saved (Connection refused); 12 wait and are retried");
        });

        warnings.clear();
        auditHealth = new AuditHealth(0, 3, null);
        DashboardTesting.awaitView(() ->
                assertThat(lines()).containsExactly("3 audit records could not be kept; they are in the log only"));

        auditHealth = new AuditHealth(0, 0, null);
        DashboardTesting.awaitView(() -> assertThat(noticeShown()).isFalse());
    }

    @Test
    void the_notice_is_in_the_users_language() {
        reporting();
        warnings.add(StatusReason.of(StatusReason.Code.EVENTS_DROPPED, 42));
        UI.getCurrent().setLocale(Locale.forLanguageTag("ru"));
        navigate(DashboardView.class);
        DashboardTesting.awaitView(
                () -> assertThat(lines()).containsExactly("Пропущено событий: 42 — очередь событий была переполнена"));
    }

    private boolean noticeShown() {
        return find(Div.class).withId("dashboard-notice").exists();
    }

    private Div notice() {
        return find(Div.class).id("dashboard-notice");
    }

    private List<String> lines() {
        return notice().getChildren().map(c -> c.getElement().getText()).toList();
    }
}
