package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.SlowReportJob;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real headless Chromium, against the whole application on a random port (Vaadin in development
 * mode, which needs no Node while the app has no frontend bundle; a fresh H2 database with the demo jobs).
 *
 * <p>Every change asserted here reaches the browser over the WebSocket push, with no reload: each test marks the
 * page's {@code window} first and checks the mark is still there at the end. Browser state is awaited with
 * Playwright's retrying assertions; server state with Awaitility.
 */
class DashboardIT extends ChromiumTestBase {

    private static final Path DATA_DIR = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA_DIR, "jobdeck-dashboard-it");
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Autowired
    JobOverviewService overview;

    @Autowired
    Scheduler scheduler;

    private Page page;
    private final List<String> pushSockets = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<JobKey> createdJobs = new ArrayList<>();

    @BeforeEach
    void running_scheduler_and_a_fresh_tab() throws Exception {
        As.user(Role.OPERATOR);
        TestJobs.runWithoutTheSlowReport(scheduler, control, monitor);

        page = Session.login(browser, "http://localhost:" + port, "operator");
        page.setDefaultTimeout(10_000);
        page.onWebSocket(ws -> pushSockets.add(ws.url()));
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
    }

    @AfterEach
    void close_the_tab_and_remove_created_jobs() throws SchedulerException {
        page.close();
        if (!createdJobs.isEmpty()) {
            scheduler.deleteJobs(createdJobs);
        }
    }

    @Test
    void stop_shows_stopping_at_once_while_a_job_still_runs_and_stopped_arrives_by_push_after_interrupting_it()
            throws Exception {
        startSlowReport(Duration.ofMinutes(1));
        open(SchedulerState.RUNNING);
        Locator running = page.locator("#running-grid vaadin-grid-cell-content");
        assertThat(running.filter(new Locator.FilterOptions().setHasText("demo.slow-report")))
                .hasCount(1);
        assertThat(page.locator("#counter-running .value")).hasText("1");
        screenshot();

        long clicked = System.nanoTime();
        page.locator("#stop").click();

        // Within 2 s, and certainly before the one-minute job could have ended by itself.
        assertThat(badge()).hasAttribute("data-state", "STOPPING", within(Duration.ofSeconds(2)));
        assertThat(badge()).hasText("Stopping");
        assertThat(page.locator("#scheduler-message"))
                .hasText("Stopping… 1 job still running", new LocatorAssertions.HasTextOptions().setTimeout(2000));
        Duration feedback = Duration.ofNanos(System.nanoTime() - clicked);
        assertThat(isExecuting(DemoJobs.SLOW_REPORT))
                .as("the report still runs after %s", feedback)
                .isTrue();
        assertThat(feedback).isLessThan(Duration.ofSeconds(2));
        // The page shows Stopping as soon as the command is on its way; the scheduler's own status follows once the
        // commands' thread has put Quartz on standby (on a busy machine, after the page).
        await().atMost(Duration.ofSeconds(2)).until(() -> monitor.status().state() == SchedulerState.STOPPING);

        // Still draining: Stop is done, interrupting is what is left to offer.
        Locator interrupt = page.locator("#stop-interrupt");
        assertThat(interrupt).not().hasAttribute("disabled", "");
        assertThat(page.locator("#stop")).hasAttribute("disabled", "");
        interrupt.click();

        assertThat(badge()).hasAttribute("data-state", "STOPPED");
        assertThat(badge()).hasText("Stopped");
        assertThat(page.locator("#running-empty")).isVisible();
        assertThat(page.locator("#running-empty")).hasText("Nothing is running");
        assertThat(page.locator("#start")).not().hasAttribute("disabled", "");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() ->
                        assertThat(jobRow("slow-report").get("Last outcome")).startsWith("Interrupted"));
        assertNoReloadAndPushOverWebSocket();
    }

    @Test
    void a_jobs_row_changes_by_push_without_a_reload() {
        open(SchedulerState.RUNNING);
        String firstSeen = nextFireTime("heartbeat");
        assertThat(firstSeen).as("heartbeat's next fire").isNotEqualTo("—");

        // The heartbeat fires every 5 s: its "Next fire" moves on with nothing done in the browser.
        await().atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(nextFireTime("heartbeat")).isNotEqualTo(firstSeen));

        Map<String, String> row = jobRow("heartbeat");
        assertThat(row.get("State")).isIn("Scheduled", "Running");
        assertThat(row.get("Last outcome")).startsWith("Succeeded");
        assertNoReloadAndPushOverWebSocket();
    }

    @Test
    void a_rows_buttons_stay_the_same_elements_while_the_row_changes_by_push() {
        open(SchedulerState.RUNNING);
        Locator run = page.locator("#jobs-grid .jobdeck-row-actions[data-job='demo.heartbeat'] [data-action=run]");
        Locator pause = page.locator("#jobs-grid .jobdeck-row-actions[data-job='demo.heartbeat'] [data-action=pause]");
        run.evaluate("button => button.__jobdeckMark = 'same element'");
        pause.evaluate("button => button.__jobdeckMark = 'same element'");
        String firstSeen = nextFireTime("heartbeat");

        // The heartbeat fires every 5 s, and its row is refreshed each time.
        await().atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(nextFireTime("heartbeat")).isNotEqualTo(firstSeen));

        assertThat(run.evaluate("button => button.__jobdeckMark")).isEqualTo("same element");
        assertThat(pause.evaluate("button => button.__jobdeckMark")).isEqualTo("same element");
        assertNoReloadAndPushOverWebSocket();
    }

    @Test
    void start_from_stopped_shows_running_by_push() throws Exception {
        control.stopAndInterrupt().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        open(SchedulerState.STOPPED);
        assertThat(page.locator("#stop")).hasAttribute("disabled", "");

        page.locator("#start").click();

        assertThat(badge()).hasAttribute("data-state", "RUNNING");
        assertThat(badge()).hasText("Running");
        assertThat(page.locator("#start")).hasAttribute("disabled", "");
        assertThat(page.locator("#stop")).not().hasAttribute("disabled", "");
        assertThat(monitor.status().state()).isEqualTo(SchedulerState.RUNNING);
        assertNoReloadAndPushOverWebSocket();
    }

    @Test
    void a_description_with_html_is_shown_as_text_and_never_runs() throws Exception {
        String img = "<img src=x onerror=alert(1)>";
        String bold = "<b>x</b>";
        createIdleJob(JobKey.jobKey("img", "xss"), img);
        createIdleJob(JobKey.jobKey("bold", "xss"), bold);

        page.setViewportSize(1600, 900); // room for the Description column
        open(SchedulerState.RUNNING);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(jobNames()).contains("img", "bold"));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(jobRow("img").get("Description")).isEqualTo(img));
        assertThat(jobRow("bold").get("Description")).isEqualTo(bold);
        Locator cells = page.locator("#jobs-grid vaadin-grid-cell-content");
        assertThat(cells.filter(new Locator.FilterOptions().setHasText(img))).hasCount(1);
        assertThat(page.locator("#jobs-grid vaadin-grid-cell-content img")).hasCount(0);
        assertThat(page.locator("#jobs-grid vaadin-grid-cell-content b")).hasCount(0);
        assertThat(dialogs).as("alerts shown").isEmpty();
    }

    // --- helpers ---

    private void open(SchedulerState expected) {
        page.navigate("http://localhost:" + port + "/");
        assertThat(badge()).hasAttribute("data-state", expected.name(), within(Duration.ofSeconds(20)));
        // Demo jobs listed: the grid has rendered its rows.
        assertThat(page.locator("#jobs-grid vaadin-grid-cell-content")
                        .filter(new Locator.FilterOptions().setHasText("heartbeat"))
                        .first())
                .isVisible();
        page.evaluate("() => window.__jobdeckMarker = 'no reload'");
    }

    private void assertNoReloadAndPushOverWebSocket() {
        assertThat(page.evaluate("() => window.__jobdeckMarker"))
                .as("page not reloaded")
                .isEqualTo("no reload");
        assertThat(pushSockets).as("WebSocket connections").anyMatch(url -> url.contains("/VAADIN/push"));
    }

    private Locator badge() {
        return page.locator("#scheduler-state");
    }

    private static LocatorAssertions.HasAttributeOptions within(Duration timeout) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(timeout.toMillis());
    }

    private List<String> jobNames() {
        return GridRows.jobNames(page);
    }

    private Map<String, String> jobRow(String name) {
        return GridRows.job(page, name);
    }

    private String nextFireTime(String job) {
        return GridRows.firstLine(jobRow(job).get("Next fire"));
    }

    private void screenshot() {
        // Let the page settle: fonts in, and Vaadin's loading bar faded out (it stays in the DOM at opacity 0,
        // which Playwright still counts as visible).
        page.evaluate("async () => { await document.fonts.ready; return true; }");
        page.waitForFunction("""
                () => [...document.querySelectorAll('.v-loading-indicator')].every(bar => {
                  const style = getComputedStyle(bar);
                  return style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0;
                })""");
        Browser.screenshotForDocs(page, "dashboard");
    }

    /**
     * Fires the demo report once now, running for {@code duration}, and waits until it runs. The same as
     * {@code scheduler.triggerJob(key, data)}, with a readable trigger name for the screenshot instead of Quartz's
     * generated {@code MT_...} one.
     */
    private void startSlowReport(Duration duration) throws SchedulerException {
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity("run-now", "manual")
                .forJob(DemoJobs.SLOW_REPORT)
                .usingJobData(
                        new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, String.valueOf(duration.toMillis()))))
                .startNow()
                .build());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> isExecuting(DemoJobs.SLOW_REPORT)
                        && overview.running().stream().anyMatch(r -> r.name().equals(DemoJobs.SLOW_REPORT.getName())));
    }

    private boolean isExecuting(JobKey key) throws SchedulerException {
        return TestJobs.isExecuting(scheduler, key);
    }

    private void createIdleJob(JobKey key, String description) throws SchedulerException {
        createdJobs.add(TestJobs.createIdleJob(scheduler, key, description));
    }
}
