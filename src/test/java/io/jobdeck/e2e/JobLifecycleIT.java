package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A job's life on its page, in Chromium: an admin edits it (its secret never reaches the browser), pauses it, copies
 * it and deletes both from the dashboard's selection, while an operator's tab on the same job page, and then on the dashboard, sees each change by
 * push without reloading.
 */
class JobLifecycleIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-job-lifecycle-it");
    }

    @Autowired
    JobDefinitions definitions;

    @Autowired
    Scheduler scheduler;

    @Test
    void an_admin_edits_pauses_copies_and_deletes_a_job_and_another_tab_follows_by_push() throws Exception {
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(
                                new JobDefinition(
                                        "billing",
                                        "invoice-sync",
                                        "Syncs invoices",
                                        JobDefinition.JobType.HTTP,
                                        Map.of(
                                                HttpJobSpec.URL, "https://erp.example.com/sync",
                                                HttpJobSpec.HEADERS, "Authorization: Bearer t0p-secret"),
                                        "0 0 2 * * ?",
                                        ZoneId.of("UTC")),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        Page page = Session.login(browser, baseUrl(), "admin");
        String otherUrl = baseUrl().replace("localhost", "127.0.0.1"); // another host: its own session
        Page other = Session.login(browser, otherUrl, "operator");
        try {
            other.navigate(otherUrl + "/jobs/billing/invoice-sync");
            assertThat(other.locator("#job-details")).containsText("https://erp.example.com/sync");
            other.evaluate("() => window.__jobdeckMarker = 'no reload'");
            assertThat(other.locator("#job-edit")).hasCount(0); // an operator does not edit

            // Edit: the form starts from the job, its secret masked; a new URL is saved.
            page.navigate(baseUrl() + "/jobs/billing/invoice-sync");
            page.locator("#job-edit").click();
            assertThat(page.locator("#job-http-url input")).hasValue("https://erp.example.com/sync");
            assertThat(page.locator("#job-http-headers textarea")).hasValue("Authorization: ******");
            assertThat(page.locator("body")).not().containsText("t0p-secret");
            page.locator("#job-http-url input").fill("https://erp.example.com/sync-v2");
            page.locator("#job-save").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Job billing.invoice-sync saved");
            assertThat(page.locator("#job-details")).containsText("https://erp.example.com/sync-v2");
            assertThat(other.locator("#job-details")).containsText("https://erp.example.com/sync-v2");
            Assertions.assertThat(scheduler
                            .getJobDetail(JobKey.jobKey("invoice-sync", "billing"))
                            .getJobDataMap()
                            .getString(HttpJobSpec.HEADERS))
                    .isEqualTo("Authorization: Bearer t0p-secret");

            // Pause, from the job's page: both tabs show it paused.
            page.locator("#job-pause").click();
            assertThat(page.locator("#job-resume")).isVisible();
            assertThat(page.locator("#job-triggers")).containsText("paused");
            assertThat(other.locator("#job-triggers")).containsText("paused");
            assertThat(other.locator("#job-resume")).isVisible();

            // Copy: a new job under a new name, with the original's secret.
            page.locator("#job-copy").click();
            assertThat(page.locator("#job-name input")).hasValue("invoice-sync-copy");
            page.locator("#job-save").click();
            assertThat(page.locator("#job-title")).hasText("billing.invoice-sync-copy");
            Assertions.assertThat(scheduler
                            .getJobDetail(JobKey.jobKey("invoice-sync-copy", "billing"))
                            .getJobDataMap()
                            .getString(HttpJobSpec.HEADERS))
                    .isEqualTo("Authorization: Bearer t0p-secret");

            // The operator goes to the dashboard, where both jobs are; the admin selects both there and deletes them
            // in one go.
            other.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Dashboard"))
                    .click();
            assertThat(other.locator("#jobs-grid .jobdeck-row-actions[data-job^='billing.']"))
                    .hasCount(2);
            page.navigate(baseUrl() + "/");
            assertThat(page.locator("#jobs-bulk")).isHidden();
            GridRows.select(page, "billing.invoice-sync");
            GridRows.select(page, "billing.invoice-sync-copy");
            assertThat(page.locator("#jobs-bulk-count")).hasText("2 selected");
            page.locator("#bulk-delete").click();
            assertThat(page.locator("#bulk-delete-dialog-cancel")).isFocused();
            page.locator("#bulk-delete-dialog-confirm").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Delete: done for 2 jobs");
            assertThat(page.locator("#jobs-grid .jobdeck-row-actions[data-job^='billing.']"))
                    .hasCount(0);
            assertThat(page.locator("#jobs-bulk")).isHidden();
            assertThat(other.locator("#jobs-grid .jobdeck-row-actions[data-job^='billing.']"))
                    .hasCount(0);
            Assertions.assertThat(other.evaluate("() => window.__jobdeckMarker"))
                    .isEqualTo("no reload");
        } finally {
            page.close();
            other.close();
        }
    }
}
