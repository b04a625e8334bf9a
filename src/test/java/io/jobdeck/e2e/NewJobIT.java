package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An admin creates an HTTP job in Chromium: the cron field explains itself while it is typed, a bad value is said next
 * to its field, the saved job shows in the jobs list, another tab sees it arrive by push, and Run now calls the URL.
 */
class NewJobIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-new-job-it");
    }

    @Autowired
    SchedulerControl control;

    @Test
    void an_admin_creates_an_http_job_that_another_tab_sees_and_that_calls_its_url() throws Exception {
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/export", exchange -> {
            calls.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Page other = Session.login(browser, baseUrl(), "operator");
        Page page = Session.login(browser, baseUrl(), "admin");
        try {
            other.evaluate("() => window.__jobdeckMarker = 'no reload'");
            page.navigate(baseUrl() + "/jobs/new");
            page.locator("#job-name input").fill("nightly-export");
            page.locator("#job-description textarea").fill("Exports yesterday's orders");
            page.locator("#job-http-url input")
                    .fill("http://127.0.0.1:" + server.getAddress().getPort() + "/export");
            Locator cron = page.locator("#job-cron input");

            cron.fill("0 0 25 * * ?");
            assertThat(page.locator("#job-cron")).hasAttribute("invalid", "");
            assertThat(page.locator("#job-cron [slot=error-message]"))
                    .containsText("Not a valid Quartz cron expression");

            page.locator("#job-zone input").fill("Europe/Berlin");
            page.locator("#job-zone input").press("Enter");
            cron.fill("0 30 2 * * ?");
            assertThat(page.locator("#cron-description")).containsText("Every day at");
            assertThat(page.locator("#cron-fires li")).hasCount(10);
            // This browser's zone is not Berlin's: each fire says when it is for the reader too.
            assertThat(page.locator("#cron-fires li").first()).containsText("your time");
            assertThat(page.locator("#cron-dst")).containsText("the clocks go forward");
            assertThat(page.locator("#job-cron")).not().hasAttribute("invalid", "");
            page.setViewportSize(1280, 900);
            page.locator("h3").nth(1).evaluate("e => e.scrollIntoView({ block: 'start' })"); // the schedule
            Browser.screenshotForDocs(page, "new-job");

            // Retried twice, doubling from 2 s: the other retry fields show once there is more than one attempt.
            assertThat(page.locator("#job-retry-backoff")).isHidden();
            page.locator("#job-retry-maxAttempts input").fill("3");
            page.locator("#job-retry-maxAttempts input").press("Tab");
            page.locator("#job-retry-backoff vaadin-radio-button", new Page.LocatorOptions().setHasText("Doubling"))
                    .click();
            page.locator("#job-retry-delay-amount input").fill("2");
            page.locator("#job-retry-delay-amount input").press("Tab");
            assertThat(page.locator("#job-retry-words"))
                    .hasText("Attempts in all: 3. Waits 2 s before the first retry, then twice as long each time;"
                            + " retries after a failure or a timeout.");

            page.locator("#job-save").click();

            assertThat(page.locator("vaadin-notification-card")).containsText("Job default.nightly-export created");
            Locator row = page.locator("#jobs-grid .jobdeck-row-actions[data-job='default.nightly-export']");
            assertThat(row).hasCount(1);
            // Pushed to the other tab once the catalog was read again: on a loaded machine that can take a while.
            assertThat(other.locator("#jobs-grid .jobdeck-row-actions[data-job='default.nightly-export']"))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
            assertThat(other.evaluate("() => window.__jobdeckMarker")).isEqualTo("no reload");

            // The job's name leads to its page, in the other tab too.
            other.locator("#jobs-grid a.jobdeck-job-name", new Page.LocatorOptions().setHasText("nightly-export"))
                    .click();
            assertThat(other.locator("#job-title")).hasText("default.nightly-export");
            assertThat(other.locator("#job-details")).containsText("/export");
            assertThat(other.locator("#job-triggers li")).containsText("Europe/Berlin");
            assertThat(other.locator("#job-retry")).containsText("Attempts in all: 3. Waits 2 s");

            As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
            row.locator("[data-action=run]").click();
            assertThat(calls.poll(15, TimeUnit.SECONDS)).isEqualTo("GET /export");
        } finally {
            As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS));
            page.close();
            other.close();
            server.stop(0);
        }
    }
}
