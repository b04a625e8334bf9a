package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.SlowReportJob;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running job's progress bar in "Running now", in a real Chromium: the demo report reports its pages, and the bar
 * moves by push over the WebSocket, with no reload, while the report runs.
 */
class ProgressIT extends ChromiumTestBase {

    private static final Path DATA_DIR = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA_DIR, "jobdeck-progress-it");
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Autowired
    Scheduler scheduler;

    private Page page;
    private final List<String> pushSockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void running_scheduler_and_a_fresh_tab() throws Exception {
        As.user(Role.OPERATOR);
        TestJobs.runWithoutTheSlowReport(scheduler, control, monitor);
        page = Session.login(browser, baseUrl(), "viewer");
        page.setDefaultTimeout(10_000);
        page.onWebSocket(ws -> pushSockets.add(ws.url()));
    }

    @AfterEach
    void close_the_tab() throws Exception {
        page.close();
        scheduler.interrupt(DemoJobs.SLOW_REPORT);
        As.nobody();
    }

    @Test
    void the_progress_bar_of_a_running_report_moves_by_push_while_it_runs() throws Exception {
        page.navigate(baseUrl() + "/");
        assertThat(page.locator("#running-empty")).isVisible();
        page.evaluate("() => window.__jobdeckMarker = 'no reload'");
        Locator jobs = page.locator("#jobs-grid");
        double jobsTop = jobs.boundingBox().y;

        scheduler.triggerJob(DemoJobs.SLOW_REPORT, new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, "12000")));

        Locator bar = page.locator("#running-grid vaadin-progress-bar");
        // The run starts, reports its first step, and the push brings the bar: on a busy machine, a few seconds.
        assertThat(bar).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        List<Double> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    double value = ((Number) bar.evaluate("bar => bar.value")).doubleValue();
                    if (values.isEmpty() || values.getLast() != value) {
                        values.add(value);
                    }
                    assertThat(values).as("values the bar showed").hasSizeGreaterThanOrEqualTo(3);
                });
        assertThat(values).isSortedAccordingTo(Double::compare).allMatch(v -> v >= 0 && v < 1);
        assertThat(TestJobs.isExecuting(scheduler, DemoJobs.SLOW_REPORT))
                .as("the report still runs")
                .isTrue();
        assertThat(page.locator("#running-grid .jobdeck-progress-cell")).containsText(Pattern.compile("\\d+ of 20"));

        assertThat(page.evaluate("() => window.__jobdeckMarker"))
                .as("page not reloaded")
                .isEqualTo("no reload");
        assertThat(pushSockets).as("WebSocket connections").anyMatch(url -> url.contains("/VAADIN/push"));
    }
}
