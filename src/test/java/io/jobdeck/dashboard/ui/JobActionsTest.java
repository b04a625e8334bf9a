package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-job buttons: shown by role, and what they do arrives by push. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobActionsTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("jobdeck.demo.enabled", () -> "true");
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-actions-test");
    }

    @Autowired
    Scheduler scheduler;

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_viewer_gets_no_job_buttons() {
        navigate(DashboardView.class);
        DashboardTesting.awaitView(
                () -> assertThat(jobs().getListDataView().getItemCount()).isEqualTo(3));
        for (int row = 0; row < 3; row++) {
            assertThat(buttonsIn(row)).isEmpty();
        }
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_pauses_and_resumes_a_job_and_sees_it_by_push_but_cannot_delete() throws Exception {
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(DemoJobs.HEARTBEAT)).isNotNegative());
        assertThat(buttonsIn(indexOf(DemoJobs.HEARTBEAT))).containsExactly("Pause", "Run now");

        test(button(indexOf(DemoJobs.HEARTBEAT), "Pause")).click();

        DashboardTesting.awaitView(() -> assertThat(stateOf(DemoJobs.HEARTBEAT)).isEqualTo(JobState.PAUSED));
        assertThat(scheduler.getTriggerState(scheduler
                        .getTriggersOfJob(DemoJobs.HEARTBEAT)
                        .getFirst()
                        .getKey()))
                .hasToString("PAUSED");

        test(button(indexOf(DemoJobs.HEARTBEAT), "Resume")).click();
        DashboardTesting.awaitView(() -> assertThat(stateOf(DemoJobs.HEARTBEAT)).isNotEqualTo(JobState.PAUSED));
    }

    @Test
    @WithMockUser(
            username = "admin",
            roles = {"VIEWER", "OPERATOR", "ADMIN"})
    void an_admin_deletes_a_job_after_confirming() throws Exception {
        JobKey doomed = TestJobs.createIdleJob(scheduler, JobKey.jobKey("doomed", "tmp"), "to be deleted");
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(doomed)).isNotNegative());

        assertThat(buttonsIn(indexOf(doomed))).containsExactly("Pause", "Run now", "Delete");
        test(button(indexOf(doomed), "Delete")).click();
        test(find(ConfirmDialog.class).single()).confirm();

        DashboardTesting.awaitView(() -> assertThat(indexOf(doomed)).isNegative());
        assertThat(scheduler.checkExists(doomed)).isFalse();
    }

    @SuppressWarnings("unchecked")
    private Grid<JobOverview> jobs() {
        return find(Grid.class).withId("jobs-grid").single();
    }

    private static final int ACTIONS = 7;

    /** The labels of the buttons in a row's actions cell. */
    private List<String> buttonsIn(int row) {
        return test(jobs())
                .getCellComponent(row, ACTIONS)
                .getChildren()
                .filter(Button.class::isInstance)
                .map(b -> b.getElement().getAttribute("aria-label"))
                .toList();
    }

    private Button button(int row, String label) {
        return (Button) test(jobs())
                .getCellComponent(row, ACTIONS)
                .getChildren()
                .filter(b -> label.equals(b.getElement().getAttribute("aria-label")))
                .findFirst()
                .orElseThrow();
    }

    private int indexOf(JobKey key) {
        List<JobOverview> rows = jobs().getListDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).group().equals(key.getGroup()) && rows.get(i).name().equals(key.getName())) {
                return i;
            }
        }
        return -1;
    }

    private JobState stateOf(JobKey key) {
        return jobs().getListDataView()
                .getItems()
                .filter(j -> j.group().equals(key.getGroup()) && j.name().equals(key.getName()))
                .findFirst()
                .orElseThrow()
                .state();
    }
}
