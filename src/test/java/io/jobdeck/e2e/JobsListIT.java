package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Jobs page in Chromium, as a viewer uses it: pages through the jobs, searches as they type, and sees a job created
 * meanwhile arrive by push; what was typed is shown as text, never as markup.
 */
class JobsListIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-jobs-list-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
    }

    @Autowired
    Scheduler scheduler;

    @Test
    void a_viewer_pages_searches_and_sees_a_new_job_arrive() throws Exception {
        for (int i = 0; i < 75; i++) {
            TestJobs.createIdleJob(
                    scheduler, JobKey.jobKey(String.format("sync-%03d", i), "crm"), i == 42 ? "<b>bold</b> VIP" : "");
        }
        Page page = Session.login(browser, baseUrl(), "viewer");
        try {
            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Jobs"))
                    .click();
            assertThat(page.locator("#jobs-range")).hasText("1–50 of 75");
            page.locator("#jobs-next").click();
            assertThat(page.locator("#jobs-range")).hasText("51–75 of 75");

            page.locator("#jobs-search input").fill("vip");
            assertThat(page.locator("#jobs-range")).hasText("1–1 of 1");
            assertThat(page.locator("#jobs-list")).containsText("<b>bold</b> VIP");
            assertThat(page.locator("#jobs-list b")).hasCount(0);

            page.locator("#jobs-search input").fill("");
            assertThat(page.locator("#jobs-range")).hasText("1–50 of 75");
            TestJobs.createIdleJob(scheduler, JobKey.jobKey("arrived", "a-first"), "new");
            assertThat(page.locator("#jobs-range")).hasText("1–50 of 76");
            assertThat(page.locator("#jobs-list a.jobdeck-job-name").first()).hasText("arrived");
        } finally {
            page.close();
        }
    }
}
