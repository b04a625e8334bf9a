package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failing job in Chromium: a viewer opens the history from the menu, clicks the run, and reads on its execution page
 * why it failed, the stack trace and what the command printed, all as text.
 */
class ExecutionPageIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-execution-page-it");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "false");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Autowired
    ExecutionHistory history;

    @Test
    void a_failing_jobs_error_stack_trace_and_log_are_on_its_execution_page() throws Exception {
        TestJobs.define(
                definitions,
                new JobDefinition(
                        "e2e",
                        "failing",
                        "Fails on purpose",
                        JobDefinition.JobType.SHELL,
                        Map.of(ShellJobSpec.COMMAND, "sh\n-c\necho some output; echo '<b>not bold</b>'; exit 3"),
                        "0 0 0 1 1 ? 2099",
                        ZoneId.of("UTC")));
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("e2e", "failing").toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Execution> rows = As.call(
                            Role.VIEWER,
                            () -> history.readPage(ExecutionFilter.ofJob("e2e", "failing"), 0, 10)
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.SECONDS))
                    .rows();
            return !rows.isEmpty() && rows.getFirst().outcome() == JobOutcome.FAILED;
        });

        Page page = Session.login(browser, baseUrl(), "viewer");
        page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("History"))
                .click();
        assertThat(page.locator("#history-grid")).containsText("failing");
        assertThat(page.locator("#history-grid")).containsText("exited with code 3");
        page.locator("#history-grid a.jobdeck-execution-link").first().click();

        assertThat(page).hasURL(Pattern.compile(".*/executions/\\d+$"));
        assertThat(page.locator("#execution-outcome")).hasText("Failed");
        assertThat(page.locator("#execution-error")).containsText("exited with code 3");
        assertThat(page.locator("#execution-details")).containsText("Exit code");
        assertThat(page.locator("#execution-log")).containsText("some output");
        assertThat(page.locator("#execution-log")).containsText("<b>not bold</b>");
        assertThat(page.locator("#execution-log b")).hasCount(0);
        assertThat(page.locator("#execution-stack-trace")).not().isVisible();
        page.locator("#execution-stack").getByText("Stack trace").click();
        assertThat(page.locator("#execution-stack-trace")).isVisible();
        assertThat(page.locator("#execution-stack-trace")).containsText("JobExecutionException");
        assertThat(page.locator("#execution-stack-trace")).containsText("at io.jobdeck.");
        assertThat(page.locator("#execution-rerun")).hasCount(0);
        page.locator("#execution-title").scrollIntoViewIfNeeded();
        Browser.screenshotForDocs(page, "execution");
    }
}
