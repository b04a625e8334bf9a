package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard as an operator sees it, without a browser: the whole application runs (a real Quartz scheduler on
 * a fresh H2 database, with the demo jobs), and the view is driven through Vaadin's browserless test harness.
 *
 * <p>How the harness behaves, and what that means here:
 * <ul>
 *   <li>Every {@code find(...)} first runs what other threads queued with {@code ui.access}, as a browser round trip
 *       would. To see what a click rendered by itself, before any command result or push, a test looks its
 *       components up before the click and reads them directly afterwards.</li>
 *   <li>It opens a UI on the root route before each test, so the dashboard already exists when a test arranges the
 *       scheduler; {@code navigate(DashboardView.class)} returns that same instance. Tests therefore wait for the
 *       view to catch up by push, as an open browser tab would.</li>
 *   <li>The test thread holds the Vaadin session lock, so whatever other threads hand to {@code ui.access} (command
 *       results, the event hub's deliveries) waits in the session's queue until the test runs it
 *       ({@link DashboardTesting#awaitView}, or any {@code find}), as the next push would in a browser.</li>
 * </ul>
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "operator",
        roles = {"VIEWER", "OPERATOR"})
class DashboardViewTest extends SpringBrowserlessTest {

    private static final Path DATA_DIR = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("jobdeck.data-dir", DATA_DIR::toString);
        // Quartz registers schedulers JVM-wide by name: a name of its own keeps this context clear of any other
        // test context that is still cached in the same JVM.
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-dashboard-view-test");
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Autowired
    JobOverviewService overview;

    @Autowired
    Scheduler scheduler;

    private final List<JobKey> createdJobs = new ArrayList<>();

    @BeforeEach
    void running_scheduler_without_the_twenty_second_report_in_the_way() throws Exception {
        TestJobs.runWithoutTheSlowReport(scheduler, control, monitor);
    }

    @AfterEach
    void remove_the_jobs_the_test_created() throws SchedulerException {
        if (!createdJobs.isEmpty()) {
            scheduler.deleteJobs(createdJobs);
        }
    }

    @Test
    void start_is_disabled_and_both_stops_are_enabled_while_the_scheduler_runs() {
        openDashboard(SchedulerState.RUNNING);

        assertThat(stateBadge().getText()).isEqualTo("Running");
        assertThat(message().getText()).isEmpty();
        assertThat(usable("start")).as("Start usable").isFalse();
        assertThat(usable("stop")).as("Stop usable").isTrue();
        assertThat(usable("stop-interrupt")).as("Stop & interrupt usable").isTrue();
    }

    @Test
    void start_is_enabled_and_both_stops_are_disabled_while_the_scheduler_is_stopped() throws Exception {
        stopAndWait();

        openDashboard(SchedulerState.STOPPED);

        assertThat(stateBadge().getText()).isEqualTo("Stopped");
        assertThat(usable("start")).as("Start usable").isTrue();
        assertThat(usable("stop")).as("Stop usable").isFalse();
        assertThat(usable("stop-interrupt")).as("Stop & interrupt usable").isFalse();
    }

    @Test
    void clicking_stop_shows_stopping_at_once_and_stopped_once_the_scheduler_has_stopped() {
        openDashboard(SchedulerState.RUNNING);

        Header header = header();

        test(find(Button.class).withText("Stop").single()).click();

        // Read without find(), which would first run the queued command result (see the class comment): this is
        // what the click itself rendered. Feedback without waiting for the scheduler, and no second command while
        // one is on its way.
        assertThat(header.badge().getText()).isEqualTo("Stopping");
        assertThat(header.badge().getElement().getAttribute("data-state")).isEqualTo("STOPPING");
        assertThat(header.message().getText()).startsWith("Stopping…");
        assertThat(header.start().isEnabled())
                .as("Start enabled while stopping")
                .isFalse();
        assertThat(header.stop().isEnabled()).as("Stop enabled while stopping").isFalse();
        assertThat(header.interrupt().isEnabled())
                .as("Stop & interrupt enabled while stopping")
                .isFalse();

        awaitView(() -> {
            assertThat(dataState()).isEqualTo("STOPPED");
            assertThat(stateBadge().getText()).isEqualTo("Stopped");
            assertThat(message().getText()).isEmpty();
            assertThat(usable("start")).as("Start usable once stopped").isTrue();
            assertThat(usable("stop")).as("Stop usable once stopped").isFalse();
        });
        assertThat(monitor.status().state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void a_stop_with_a_job_still_running_stays_stopping_until_the_job_ends_and_then_shows_stopped_by_push()
            throws Exception {
        DashboardTesting.startSlowReport(scheduler, overview, Duration.ofMinutes(1));
        openDashboard(SchedulerState.RUNNING);
        awaitView(() -> assertThat(runningJobsShown()).containsExactly("demo.slow-report"));

        Header header = header();
        test(find(Button.class).withText("Stop").single()).click();
        assertThat(header.badge().getText()).isEqualTo("Stopping");
        assertThat(header.message().getText()).isEqualTo("Stopping… 1 job still running");

        // The stop is applied (standby) while the report keeps running: the view keeps saying so, and offers to
        // interrupt it or to start again.
        awaitView(() -> {
            assertThat(monitor.status().state()).isEqualTo(SchedulerState.STOPPING);
            assertThat(dataState()).isEqualTo("STOPPING");
            assertThat(message().getText()).isEqualTo("Stopping… 1 job still running");
            assertThat(usable("stop-interrupt")).as("Stop & interrupt usable").isTrue();
            assertThat(usable("stop")).as("Stop usable").isFalse();
            assertThat(usable("start")).as("Start usable").isTrue();
            // Start now undoes the stop: it says so, and is not the page's most prominent button.
            Button start = find(Button.class).id("start");
            assertThat(start.getText()).isEqualTo("Start again");
            assertThat(start.getTooltip().getText()).startsWith("Cancels the stop");
            assertThat(start.getThemeNames()).doesNotContain("primary");
        });
        assertThat(runningJobsShown()).containsExactly("demo.slow-report");
        assertThat(TestJobs.isExecuting(scheduler, DemoJobs.SLOW_REPORT))
                .as("report still runs")
                .isTrue();

        // The job ends with nothing done in this view: only the hub's push can tell it.
        scheduler.interrupt(DemoJobs.SLOW_REPORT);

        awaitView(() -> {
            assertThat(dataState()).isEqualTo("STOPPED");
            assertThat(message().getText()).isEmpty();
            assertThat(runningJobsShown()).isEmpty();
            assertThat(find(Span.class)
                            .withId("running-empty")
                            .withText("Nothing is running")
                            .exists())
                    .isTrue();
            assertThat(usable("start")).as("Start usable").isTrue();
            assertThat(usable("stop-interrupt")).as("Stop & interrupt usable").isFalse();
            Button start = find(Button.class).id("start");
            assertThat(start.getText()).isEqualTo("Start");
            assertThat(start.getThemeNames()).contains("primary");
        });
    }

    @Test
    void a_stop_given_elsewhere_reaches_an_open_dashboard_by_push() throws Exception {
        openDashboard(SchedulerState.RUNNING);

        // Another operator, another tab, or the API.
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

        awaitView(() -> {
            assertThat(dataState()).isEqualTo("STOPPED");
            assertThat(stateBadge().getText()).isEqualTo("Stopped");
            assertThat(usable("start")).as("Start usable").isTrue();
            assertThat(usable("stop")).as("Stop usable").isFalse();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_running_jobs_progress_bar_in_running_now_moves_by_push_with_its_step_and_message() throws Exception {
        DashboardTesting.startSlowReport(scheduler, overview, Duration.ofSeconds(6));
        openDashboard(SchedulerState.RUNNING);
        Grid<RunningJob> grid = (Grid<RunningJob>) find(Grid.class).id("running-grid");
        Map<String, ValueProvider<RunningJob, ?>> cell =
                ((LitRenderer<RunningJob>) grid.getColumnByKey("progress").getRenderer()).getValueProviders();
        List<Double> seen = new ArrayList<>();

        awaitView(() -> {
            RunningJob report = test(grid).getRow(0);
            assertThat(cell.get("reported").apply(report)).isEqualTo(true);
            double fraction = (Double) cell.get("fraction").apply(report);
            if (seen.isEmpty() || seen.getLast() != fraction) {
                seen.add(fraction);
            }
            assertThat(seen).as("values shown").hasSizeGreaterThanOrEqualTo(2);
            assertThat((String) cell.get("amount").apply(report)).matches("\\d+ of 20");
            assertThat((String) cell.get("message").apply(report)).matches("Page \\d+ of 20");
        });
        assertThat(seen).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(seen.getLast()).isGreaterThan(0.0);

        scheduler.interrupt(DemoJobs.SLOW_REPORT);
        awaitView(() -> assertThat(runningJobsShown()).isEmpty());
    }

    @Test
    void clicking_start_on_a_stopped_scheduler_shows_starting_at_once_and_then_running() throws Exception {
        stopAndWait();
        openDashboard(SchedulerState.STOPPED);

        Header header = header();

        test(find(Button.class).withText("Start").single()).click();

        assertThat(header.badge().getText()).isEqualTo("Starting");
        assertThat(header.message().getText()).isEqualTo("Starting…");
        assertThat(header.start().isEnabled())
                .as("Start enabled while starting")
                .isFalse();
        assertThat(header.stop().isEnabled()).as("Stop enabled while starting").isFalse();
        awaitView(() -> {
            assertThat(dataState()).isEqualTo("RUNNING");
            assertThat(message().getText()).isEmpty();
            assertThat(usable("stop")).as("Stop usable").isTrue();
            assertThat(usable("start")).as("Start usable").isFalse();
        });
        assertThat(scheduler.isInStandbyMode()).as("Quartz in standby").isFalse();
    }

    @Test
    void the_jobs_grid_lists_the_demo_jobs_with_their_schedules_in_words() {
        openDashboard(SchedulerState.RUNNING);

        awaitView(() -> {
            GridTester<Grid<JobOverview>, JobOverview> grid = jobsGrid();
            assertThat(grid.getHeaderCell(0)).isEqualTo("Job");
            assertThat(grid.getHeaderCell(2)).isEqualTo("Schedule");
            assertThat(textCells(grid, "demo", "heartbeat"))
                    .containsExactly(
                            "heartbeat", "demo", "[Demo] A quick heartbeat every 5 seconds", "Every 5 seconds");
            assertThat(textCells(grid, "demo", "flaky-sync"))
                    .containsExactly(
                            "flaky-sync",
                            "demo",
                            "[Demo] A sync that fails about one run in three",
                            "Every 15 seconds");
            assertThat(textCells(grid, "demo", "slow-report"))
                    .containsExactly(
                            "slow-report",
                            "demo",
                            "[Demo] A slow report (about 20 s) that can be interrupted",
                            "Every minute");
        });
    }

    @Test
    void with_more_jobs_than_it_lists_the_dashboard_shows_the_first_by_name_says_so_and_follows_a_shown_job_firing()
            throws Exception {
        // 3 demo jobs, a frequent one that sorts first, and enough others to pass the dashboard's limit.
        JobKey frequent = TestJobs.createFrequentJob(scheduler, JobKey.jobKey("frequent", "a-first"));
        createdJobs.add(frequent);
        for (int i = 0; i < JobOverviewService.SHOWN; i++) {
            createdJobs.add(TestJobs.createIdleJob(
                    scheduler, JobKey.jobKey(String.format("job-%03d", i), "z-many"), "one of many"));
        }
        overview.requestRefresh();

        openDashboard(SchedulerState.RUNNING);

        awaitView(() -> {
            assertThat(jobs().getListDataView().getItemCount()).isEqualTo(JobOverviewService.SHOWN);
            assertThat(find(com.vaadin.flow.component.html.Paragraph.class)
                            .id("jobs-capped")
                            .getElement()
                            .getTextRecursively())
                    .isEqualTo("The first 200 of 204 jobs, by group and name. "
                            + "All of them, with search and filters, on the Jobs page");
        });
        assertThat(jobs().getListDataView().getItems().map(j -> j.group() + "." + j.name()))
                .contains("a-first.frequent", "demo.heartbeat", "z-many.job-195")
                .doesNotContain("z-many.job-196", "z-many.job-199");

        // The frequent job fires every 100 ms: its row follows (it is re-read alone, not every job).
        java.time.Instant before = java.time.Instant.now();
        awaitView(() -> assertThat(jobs().getListDataView()
                        .getItems()
                        .filter(j -> j.name().equals("frequent"))
                        .findFirst()
                        .orElseThrow()
                        .previousFire())
                .isAfter(before));

        scheduler.deleteJobs(createdJobs.subList(1, createdJobs.size()));
        awaitView(() -> assertThat(find(com.vaadin.flow.component.html.Paragraph.class)
                        .withId("jobs-capped")
                        .exists())
                .isFalse());
    }

    @Test
    void a_job_description_with_html_is_shown_as_text() throws Exception {
        String bold = "<b>x</b>";
        String img = "<img src=x onerror=alert(1)>";
        createdJobs.add(TestJobs.createIdleJob(scheduler, JobKey.jobKey("bold", "xss"), bold));
        createdJobs.add(TestJobs.createIdleJob(scheduler, JobKey.jobKey("img", "xss"), img));

        openDashboard(SchedulerState.RUNNING);

        awaitView(() -> {
            GridTester<Grid<JobOverview>, JobOverview> grid = jobsGrid();
            assertThat(textCells(grid, "xss", "bold").get(2)).isEqualTo(bold);
            assertThat(textCells(grid, "xss", "img").get(2)).isEqualTo(img);
        });
        // Sent to the browser as data for a text column, which the grid puts in as text; DashboardIT checks the DOM.
        Grid<?> grid = find(Grid.class).id("jobs-grid");
        assertThat(grid.getColumns().get(1).getRenderer().getClass().getSimpleName())
                .isEqualTo("ColumnPathRenderer");
    }

    // --- helpers ---

    /** The header's components, looked up once so that reading them later does not run the UI queue. */
    private record Header(Span badge, Span message, Button start, Button stop, Button interrupt) {}

    private Header header() {
        return new Header(
                stateBadge(),
                message(),
                find(Button.class).id("start"),
                find(Button.class).id("stop"),
                find(Button.class).id("stop-interrupt"));
    }

    private void openDashboard(SchedulerState expected) {
        navigate(DashboardView.class);
        awaitView(() -> assertThat(dataState()).isEqualTo(expected.name()));
    }

    private void stopAndWait() throws Exception {
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(DashboardTesting.TIMEOUT).until(() -> monitor.status().state() == SchedulerState.STOPPED);
    }

    private static void awaitView(org.awaitility.core.ThrowingRunnable assertion) {
        DashboardTesting.awaitView(assertion);
    }

    private Span stateBadge() {
        return find(Span.class).id("scheduler-state");
    }

    private String dataState() {
        return stateBadge().getElement().getAttribute("data-state");
    }

    private Span message() {
        return find(Span.class).id("scheduler-message");
    }

    private boolean usable(String buttonId) {
        return test(find(Button.class).id(buttonId)).isUsable();
    }

    @SuppressWarnings("unchecked")
    private Grid<JobOverview> jobs() {
        return (Grid<JobOverview>) find(Grid.class).id("jobs-grid");
    }

    private GridTester<Grid<JobOverview>, JobOverview> jobsGrid() {
        return test((Grid<JobOverview>) find(Grid.class).id("jobs-grid"));
    }

    /** The "Job" column of the "Running now" grid; empty while that grid is hidden. */
    @SuppressWarnings("unchecked")
    private List<String> runningJobsShown() {
        List<String> shown = new ArrayList<>();
        for (Grid<?> grid : find(Grid.class).withId("running-grid").all()) {
            GridTester<Grid<RunningJob>, RunningJob> tester = test((Grid<RunningJob>) grid);
            for (int i = 0; i < tester.size(); i++) {
                shown.add(tester.getCellText(i, 0));
            }
        }
        return shown;
    }

    /** One job's row: its name and group (shown together in the first column), description and schedule. */
    private static List<String> textCells(GridTester<Grid<JobOverview>, JobOverview> grid, String group, String name) {
        for (int i = 0; i < grid.size(); i++) {
            JobOverview job = grid.getRow(i);
            if (job.group().equals(group) && job.name().equals(name)) {
                return List.of(job.name(), job.group(), grid.getCellText(i, 1), grid.getCellText(i, 2));
            }
        }
        throw new AssertionError("No row for " + group + "." + name);
    }
}
