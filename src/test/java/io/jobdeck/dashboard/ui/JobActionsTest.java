package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.listeners.SchedulerListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-job buttons: shown by role, disabled only while their own command is on its way, and what they do arrives
 * by push. The buttons are Lit templates, so the tests call the row functions the browser would call.
 */
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

    private static final String ACTIONS = "actions";

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @AfterEach
    void scheduler_stopped_again() throws Exception {
        if (monitor.status().state() != SchedulerState.STOPPED) {
            // Interrupting: the demo's 20-second report may have started meanwhile, and a plain stop waits for it.
            As.call(
                    Role.OPERATOR,
                    () -> control.stopAndInterrupt().toCompletableFuture().get(10, TimeUnit.SECONDS));
            await().atMost(DashboardTesting.TIMEOUT)
                    .until(() -> monitor.status().state() == SchedulerState.STOPPED);
        }
        // A Run now left queued (the scheduler stopped before it fired) would otherwise fire in the next test.
        scheduler.unscheduleJobs(runNowTriggers());
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_viewer_gets_no_actions_column_at_all() {
        navigate(DashboardView.class);
        DashboardTesting.awaitView(
                () -> assertThat(jobs().getListDataView().getItemCount()).isEqualTo(3));
        assertThat(jobs().getColumnByKey(ACTIONS)).isNull();
        assertThat(jobs().getColumns()).extracting(c -> c.getHeaderText()).doesNotContain("Actions");
        assertThat(jobs().getSelectionModel())
                .as("no selection for a viewer")
                .isInstanceOf(com.vaadin.flow.component.grid.GridNoneSelectionModel.class);
        assertThat($(Button.class).withId("jobs-pause-all").exists()).isFalse();
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_pauses_the_selected_jobs_in_one_go_and_is_told_how_it_went() throws Exception {
        JobKey a = TestJobs.createIdleJob(scheduler, JobKey.jobKey("bulk-a", "bulk"), "");
        JobKey b = TestJobs.createIdleJob(scheduler, JobKey.jobKey("bulk-b", "bulk"), "");
        try {
            navigate(DashboardView.class);
            DashboardTesting.awaitView(() -> assertThat(indexOf(b)).isNotNegative());
            assertThat($(com.vaadin.flow.component.html.Div.class)
                            .withId("jobs-bulk")
                            .exists())
                    .as("hidden until something is selected")
                    .isFalse();

            jobs().asMultiSelect().select(row(a), row(b));
            assertThat($(com.vaadin.flow.component.html.Span.class)
                            .id("jobs-bulk-count")
                            .getText())
                    .isEqualTo("2 selected");
            test($(Button.class).id("bulk-pause")).click();

            DashboardTesting.awaitView(() -> {
                assertThat(stateOf(a)).isEqualTo(JobState.PAUSED);
                assertThat(stateOf(b)).isEqualTo(JobState.PAUSED);
                assertThat(notifications()).contains("Pause: done for 2 jobs");
            });
            assertThat(jobs().getSelectedItems())
                    .as("still selected, to resume")
                    .hasSize(2);
        } finally {
            scheduler.deleteJobs(List.of(a, b));
        }
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_pauses_and_resumes_a_job_and_sees_it_by_push_but_has_no_delete() throws Exception {
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(DemoJobs.HEARTBEAT)).isNotNegative());
        assertThat(property(DemoJobs.HEARTBEAT, "toggleLabel")).isEqualTo("Pause");
        assertThat(property(DemoJobs.HEARTBEAT, "runLabel")).isEqualTo("Run now");
        assertThat(actionProperties()).doesNotContainKey("deleteLabel");

        // (The row's buttons are busy until the answer lands; a pause answers within a millisecond or two, so
        // whether that can be seen here is a race: only the end state is asserted.)
        grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "pause");

        DashboardTesting.awaitView(() -> {
            assertThat(stateOf(DemoJobs.HEARTBEAT)).isEqualTo(JobState.PAUSED);
            assertThat(property(DemoJobs.HEARTBEAT, "toggleLabel")).isEqualTo("Resume");
            assertThat(busy(DemoJobs.HEARTBEAT)).as("busy once answered").isFalse();
        });
        assertThat(scheduler.getTriggerState(scheduler
                        .getTriggersOfJob(DemoJobs.HEARTBEAT)
                        .getFirst()
                        .getKey()))
                .hasToString("PAUSED");

        grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "resume");
        DashboardTesting.awaitView(() -> assertThat(stateOf(DemoJobs.HEARTBEAT)).isNotEqualTo(JobState.PAUSED));
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void run_now_while_stopped_says_it_is_queued_until_the_scheduler_starts() {
        assertThat(monitor.status().state()).isEqualTo(SchedulerState.STOPPED);
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(DemoJobs.HEARTBEAT)).isNotNegative());

        grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "run");

        DashboardTesting.awaitView(() ->
                assertThat(notifications()).containsExactly("Run now: queued, it runs when the scheduler starts"));
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void run_now_while_running_says_it_started() throws Exception {
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(DashboardTesting.TIMEOUT).until(() -> monitor.status().state() == SchedulerState.RUNNING);
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(DemoJobs.HEARTBEAT)).isNotNegative());

        grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "run");

        DashboardTesting.awaitView(() -> assertThat(notifications()).containsExactly("Run now: started"));
        // The run fired (its one-off trigger is gone), so no queued run is left behind for the next test.
        await().atMost(DashboardTesting.TIMEOUT).until(() -> runNowTriggers().isEmpty());
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void a_press_on_another_button_while_a_command_is_on_its_way_is_not_lost_but_a_second_press_of_the_same_is()
            throws Exception {
        List<org.quartz.TriggerKey> before = runNowTriggers();
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(DemoJobs.HEARTBEAT)).isNotNegative());

        // Run now is held on its way (Quartz tells its listeners on the commands' thread) as long as the test wants,
        // as on a busy machine where the browser still shows the row's other buttons ready.
        CountDownLatch held = new CountDownLatch(1);
        SchedulerListenerSupport holder = new SchedulerListenerSupport() {
            @Override
            public void jobScheduled(org.quartz.Trigger trigger) {
                try {
                    held.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        scheduler.getListenerManager().addSchedulerListener(holder);
        try {
            grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "run");
            assertThat(busy(DemoJobs.HEARTBEAT, "run"))
                    .as("Run now waits for its answer")
                    .isTrue();
            assertThat(busy(DemoJobs.HEARTBEAT, "toggle"))
                    .as("Pause still ready")
                    .isFalse();
            grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "run");
            grid().invokeLitRendererFunction(indexOf(DemoJobs.HEARTBEAT), ACTIONS, "pause");
            assertThat(busy(DemoJobs.HEARTBEAT, "toggle")).as("Pause taken").isTrue();
        } finally {
            held.countDown();
            scheduler.getListenerManager().removeSchedulerListener(holder);
        }

        DashboardTesting.awaitView(() -> {
            assertThat(stateOf(DemoJobs.HEARTBEAT)).isEqualTo(JobState.PAUSED);
            assertThat(notifications())
                    .containsExactlyInAnyOrder("Run now: queued, it runs when the scheduler starts", "Pause: done");
            assertThat(busy(DemoJobs.HEARTBEAT)).as("busy once answered").isFalse();
        });
        List<org.quartz.TriggerKey> added = runNowTriggers();
        added.removeAll(before);
        assertThat(added)
                .as("one Run now trigger: the second press of the same button was dropped")
                .hasSize(1);
        scheduler.unscheduleJobs(added);
        scheduler.resumeJob(DemoJobs.HEARTBEAT);
    }

    /** The heartbeat's one-off triggers, made by Run now ({@code MT_} is Quartz's prefix for them). */
    private List<org.quartz.TriggerKey> runNowTriggers() throws Exception {
        return new java.util.ArrayList<>(scheduler.getTriggersOfJob(DemoJobs.HEARTBEAT).stream()
                .map(org.quartz.Trigger::getKey)
                .filter(k -> k.getName().startsWith("MT_"))
                .toList());
    }

    @Test
    @WithMockUser(
            username = "admin",
            roles = {"VIEWER", "OPERATOR", "ADMIN"})
    void an_admin_deletes_a_job_after_confirming() throws Exception {
        JobKey doomed = TestJobs.createIdleJob(scheduler, JobKey.jobKey("doomed", "tmp"), "to be deleted");
        navigate(DashboardView.class);
        DashboardTesting.awaitView(() -> assertThat(indexOf(doomed)).isNotNegative());
        assertThat(property(doomed, "deleteLabel")).isEqualTo("Delete");

        grid().invokeLitRendererFunction(indexOf(doomed), ACTIONS, "remove");
        test(find(Button.class).id("delete-confirm-button")).click();

        DashboardTesting.awaitView(() -> assertThat(indexOf(doomed)).isNegative());
        assertThat(scheduler.checkExists(doomed)).isFalse();
    }

    @Test
    @WithMockUser(
            username = "admin",
            roles = {"VIEWER", "OPERATOR", "ADMIN"})
    void cancelling_a_delete_leaves_the_job_and_its_buttons_usable_and_cancel_has_the_focus() throws Exception {
        JobKey kept = TestJobs.createIdleJob(scheduler, JobKey.jobKey("kept", "tmp"), "stays");
        try {
            navigate(DashboardView.class);
            DashboardTesting.awaitView(() -> assertThat(indexOf(kept)).isNotNegative());

            grid().invokeLitRendererFunction(indexOf(kept), ACTIONS, "remove");
            Dialog dialog = find(Dialog.class).single();
            Button cancel = find(Button.class).id("delete-cancel");
            // Which element really has the focus is checked in Chromium (DashboardIT); here: which one asks for it.
            assertThat(cancel.isAutofocus()).as("Cancel focused").isTrue();
            assertThat(find(Button.class).id("delete-confirm-button").isAutofocus())
                    .as("Delete focused")
                    .isFalse();
            test(cancel).click();

            assertThat(dialog.isOpened()).isFalse();
            assertThat(busy(kept)).as("buttons disabled after cancel").isFalse();
            assertThat(scheduler.checkExists(kept)).isTrue();
            // And Delete works again at once.
            grid().invokeLitRendererFunction(indexOf(kept), ACTIONS, "remove");
            assertThat(find(Dialog.class).single().isOpened()).isTrue();
        } finally {
            scheduler.deleteJob(kept);
        }
    }

    // --- helpers ---

    @SuppressWarnings("unchecked")
    private Grid<JobOverview> jobs() {
        return find(Grid.class).withId("jobs-grid").single();
    }

    private GridTester<Grid<JobOverview>, JobOverview> grid() {
        return test(jobs());
    }

    private String property(JobKey key, String name) {
        return grid().getLitRendererPropertyValue(indexOf(key), ACTIONS, name, String.class);
    }

    /** Whether any of the row's buttons waits for its command's answer. */
    private boolean busy(JobKey key) {
        return busy(key, "toggle") || busy(key, "run") || busy(key, "delete");
    }

    private boolean busy(JobKey key, String button) {
        return actionProperties().containsKey(button + "Busy")
                && Boolean.TRUE.equals(
                        grid().getLitRendererPropertyValue(indexOf(key), ACTIONS, button + "Busy", Boolean.class));
    }

    private java.util.Map<String, ?> actionProperties() {
        return ((LitRenderer<?>) jobs().getColumnByKey(ACTIONS).getRenderer()).getValueProviders();
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
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

    private JobOverview row(JobKey key) {
        return jobs().getListDataView().getItems().toList().get(indexOf(key));
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
