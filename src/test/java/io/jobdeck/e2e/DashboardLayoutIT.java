package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.SlowReportJob;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's layout as an admin (who has the most row buttons) meets it: at 1280 px and on a 375 px phone, in
 * English and in Russian, every row's buttons are on screen and nothing else is under them, and the page does not
 * scroll sideways. Also: the delete confirmation's focus, and the favicon.
 */
class DashboardLayoutIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    /**
     * "reachable" when the element is wholly on screen and a click on its middle lands on it (not on something over
     * it); otherwise what is wrong.
     */
    private static final String REACHABLE = """
            element => {
              const box = element.getBoundingClientRect();
              const x = box.left + box.width / 2, y = box.top + box.height / 2;
              if (box.width === 0 || box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
                return `off screen: ${JSON.stringify(box)} in ${innerWidth} x ${innerHeight}`;
              }
              const hit = document.elementFromPoint(x, y);
              return hit === element || element.contains(hit)
                ? 'reachable' : `covered by ${hit?.tagName}.${hit?.className} ${hit?.id}`;
            }""";

    /** True when the element is wholly on screen (a disabled button lets clicks through, so no hit test). */
    private static final String ON_SCREEN = """
            element => {
              const box = element.getBoundingClientRect();
              return box.width > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
            }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-dashboard-layout-it");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
    }

    @Autowired
    Scheduler scheduler;

    @Test
    void row_buttons_stay_reachable_at_1280_and_375_px_in_english_and_russian() {
        Page page = Session.login(browser, base(), "admin");
        try {
            for (String language : List.of("English", "Русский")) {
                choose(page, language);
                for (int width : new int[] {1280, 375}) {
                    page.setViewportSize(width, 800);
                    Browser.screenshot(
                            page,
                            Path.of("target/screenshots/layout-" + width + "-"
                                    + (language.equals("English") ? "en" : "ru") + ".png"));
                    assertRowButtonsReachable(page, language, width);
                }
            }
        } finally {
            page.setViewportSize(1280, 800);
            choose(page, "English");
            page.close();
        }
    }

    @Test
    void the_delete_confirmation_focuses_cancel_so_enter_keeps_the_job() throws Exception {
        JobKey kept = TestJobs.createIdleJob(scheduler, JobKey.jobKey("kept", "layout"), "stays");
        try {
            Page page = Session.login(browser, base(), "admin");
            Locator delete =
                    page.locator("#jobs-grid .jobdeck-row-actions[data-job='layout.kept'] [data-action=delete]");
            delete.click();
            assertThat(page.locator("#delete-cancel")).isVisible();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(page.evaluate("() => document.activeElement?.id"))
                            .isEqualTo("delete-cancel"));

            page.keyboard().press("Enter");

            assertThat(page.locator("#delete-cancel")).isHidden();
            assertThat(scheduler.checkExists(kept)).as("job still there").isTrue();
            assertThat(delete).not().hasAttribute("disabled", "");
            page.close();
        } finally {
            scheduler.deleteJob(kept);
        }
    }

    /**
     * Rests the pointer on a button until the tooltip says {@code text}. The demo's jobs run meanwhile, and "Running
     * now" growing or shrinking moves the jobs grid under a resting pointer: then the pointer goes away and back.
     */
    private static void hoverUntilShown(Page page, Locator button, Locator tooltip, String text) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            page.mouse().move(0, 0);
            button.hover();
            assertThat(tooltip).hasText(text, new LocatorAssertions.HasTextOptions().setTimeout(2_000));
        });
    }

    @Test
    void a_row_button_says_what_it_does_on_hover_and_on_keyboard_focus_in_one_shared_tooltip() {
        Page page = Session.login(browser, base(), "admin");
        try {
            Locator buttons = page.locator("#jobs-grid .jobdeck-row-actions vaadin-button");
            assertThat(buttons).hasCount(9);
            // Its text, while it is open; the overlay, which is what shows it.
            Locator tooltip = page.locator("#jobdeck-action-tooltip[opened]");
            Locator shown = page.locator("#jobdeck-action-tooltip vaadin-tooltip-overlay");
            Locator run = buttons.and(page.locator("[data-action=run]")).first();
            Locator pause = buttons.and(page.locator("[data-action=pause]")).first();

            hoverUntilShown(page, run, tooltip, "Run now");
            assertThat(shown).isVisible();
            hoverUntilShown(page, pause, tooltip, "Pause");
            page.locator("#scheduler-state").hover();
            assertThat(tooltip).isHidden();
            assertThat(shown).isHidden();

            // To Run now, as a keyboard user moves along the row; again if a push redrew the row meanwhile, as the
            // hover
            // above does.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                pause.focus();
                page.keyboard().press("Tab");
                assertThat(tooltip).hasText("Run now", new LocatorAssertions.HasTextOptions().setTimeout(2_000));
            });
            page.keyboard().press("Escape");
            assertThat(tooltip).isHidden();

            assertThat(page.locator("#jobs-grid vaadin-button vaadin-tooltip").count())
                    .as("no tooltip element per button")
                    .isZero();
        } finally {
            page.close();
        }
    }

    @Test
    void the_jobs_grid_stays_in_place_when_a_job_starts_running_so_a_click_aimed_at_a_row_lands_on_it()
            throws Exception {
        Page page = Session.login(browser, base(), "admin");
        try {
            Locator jobs = page.locator("#jobs-grid");
            Locator idle = page.locator("#running-empty");
            // The demo's slow report runs for 20 s from each minute's start: wait until nothing runs.
            assertThat(idle).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            double before = jobs.boundingBox().y;

            scheduler.triggerJob(DemoJobs.SLOW_REPORT, new JobDataMap(Map.of(SlowReportJob.DURATION_MILLIS, "5000")));

            assertThat(page.locator("#running-grid")).containsText("slow-report");
            assertThat(jobs.boundingBox().y).as("the jobs grid's top").isCloseTo(before, within(1.0));
        } finally {
            page.close();
        }
    }

    @Test
    void the_favicon_is_served_without_a_login() {
        Page page = browser.newPage();
        browser.context().clearCookies();
        APIResponse icon = page.request().get(base() + "/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.headers().get("content-type")).startsWith("image/");
        page.close();
    }

    private void assertRowButtonsReachable(Page page, String language, int width) {
        Locator buttons = page.locator("#jobs-grid .jobdeck-row-actions vaadin-button");
        assertThat(buttons).hasCount(9); // three demo jobs: Pause, Run now, Delete each
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Locator button : buttons.all()) {
                button.scrollIntoViewIfNeeded(); // as a person scrolls on a phone
                assertThat(button.evaluate(REACHABLE))
                        .as("%s at %d px: %s", language, width, button.getAttribute("aria-label"))
                        .isEqualTo("reachable");
            }
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"))
                    .as("%s at %d px: no sideways scrolling", language, width)
                    .isTrue();
        });
        page.evaluate("() => window.scrollTo(0, 0)");
        for (String header : List.of("#start", "#stop", "#stop-interrupt")) {
            page.locator(header).scrollIntoViewIfNeeded();
            assertThat((Boolean) page.locator(header).evaluate(ON_SCREEN))
                    .as("%s at %d px: %s reachable", language, width, header)
                    .isTrue();
        }
    }

    private static void choose(Page page, String language) {
        page.locator("#language").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(language))
                .click();
        assertThat(page.locator("h2")).containsText(language.equals("English") ? "Scheduler" : "Планировщик");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
