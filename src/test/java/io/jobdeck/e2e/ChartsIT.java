package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's charts in Chromium: ECharts draws them on a canvas from the data the server sent, and a run shows
 * up in them by push, without a reload. Also takes the README's picture of them ({@code docs/images/charts.png}).
 */
class ChartsIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    /** The executions drawn: the sum of the succeeded series, from the spec the element holds. */
    private static final String SUCCEEDED = """
            () => { const el = document.getElementById('chart-executions');
              return el && el.spec ? JSON.parse(el.spec).series[0].values.reduce((a, v) => a + (v || 0), 0) : -1; }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-charts-it");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "false");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    SchedulerControl control;

    @Test
    void the_dashboard_draws_its_charts_and_a_run_appears_in_them_by_push() throws Exception {
        TestJobs.define(
                definitions,
                new JobDefinition(
                        "e2e",
                        "charted",
                        "Succeeds",
                        JobDefinition.JobType.SHELL,
                        Map.of(ShellJobSpec.COMMAND, "sh\n-c\nsleep 0.1"),
                        "0 0 0 1 1 ? 2099",
                        ZoneId.of("UTC")));
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        runNow();

        Page page = Session.login(browser, baseUrl(), "viewer");
        assertThat(page.locator("#chart-executions canvas").first()).isVisible();
        assertThat(page.locator("#chart-pool canvas").first()).isVisible();
        assertThat(page.locator("#chart-lag canvas").first()).isVisible();
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) page.evaluate(SUCCEEDED)).intValue() == 1);
        assertThat(page.locator("#chart-executions")).hasAttribute("data-points", "1");
        page.evaluate("() => window.__chartsMarker = 'same page'");

        runNow();
        runNow();
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) page.evaluate(SUCCEEDED)).intValue() == 3);
        assertThat(page.evaluate("() => window.__chartsMarker")).as("no reload").isEqualTo("same page");

        page.locator("#chart-executions-toggle").click();
        assertThat(page.locator("#chart-executions-table")).isVisible();
        assertThat(page.locator("#chart-executions-table")).containsText("3");
        page.locator("#chart-executions-toggle").click();
        assertThat(page.locator("#chart-executions canvas").first()).isVisible();
        page.locator("#dashboard-charts").scrollIntoViewIfNeeded();
        Browser.screenshotForDocs(page, "charts");
    }

    private void runNow() throws Exception {
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("e2e", "charted").toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
}
