package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Triggers and calendars in Chromium, as an admin uses them: a holidays calendar made on the Calendars page, a job with
 * two triggers (one skipping the calendar's dates) whose cards each preview their own fires, one trigger paused on the
 * job's page while the other goes on, and the Upcoming fires page (open in another tab) dropping the paused trigger's
 * fires by push. A bad trigger value is said next to its field and nothing is saved.
 */
class TriggersAndCalendarsIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    /** The dates as the previews show them (the tests' browser speaks en-US). */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.US);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-triggers-calendars-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        // Nothing fires while the test looks: a trigger's state and its upcoming fires are what is checked.
        registry.add("jobdeck.scheduler.auto-start", () -> "false");
    }

    @Autowired
    Scheduler scheduler;

    @Test
    void an_admin_skips_a_holiday_on_one_of_two_triggers_and_pauses_the_other_whose_fires_leave_upcoming()
            throws Exception {
        Page page = Session.login(browser, baseUrl(), "admin");
        Page upcoming = browser.newPage(); // the same session, another tab
        try {
            // A daily cron trigger about 12 hours ahead, in the reader's zone (the form's default): its next fire is on
            // day 1, the one after on day 2, which the calendar makes a holiday, so it fires next on day 3.
            ZoneId zone = ZoneId.of((String) page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone"));
            ZonedDateTime next = ZonedDateTime.now(zone).plusHours(12).truncatedTo(ChronoUnit.HOURS);
            LocalDate day1 = next.toLocalDate();
            LocalDate holiday = day1.plusDays(1);
            LocalDate day3 = day1.plusDays(2);

            page.navigate(baseUrl() + "/calendars");
            page.locator("#calendars-new").click();
            page.locator("#calendar-name input").fill("year-end");
            page.locator("#calendar-description textarea").fill("Nothing runs on the holiday");
            page.locator("#calendar-dates textarea").fill(holiday.toString());
            assertThat(page.locator("#calendar-preview-spans li")).containsText(DATE.format(holiday));
            page.locator("#calendar-save").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Calendar year-end created");
            assertThat(page.locator("#calendars-list")).containsText("year-end");
            assertThat(page.locator("#calendars-list")).containsText("Nothing runs on the holiday");

            page.navigate(baseUrl() + "/jobs/new");
            page.locator("#job-name input").fill("reports");
            page.locator("#job-http-url input").fill("https://reports.example.com/run");
            page.locator("#job-cron input").fill("0 0 " + next.getHour() + " * * ?");
            Locator fires = page.locator("#cron-fires");
            assertThat(fires.locator("li")).hasCount(10);
            assertThat(fires.locator("li").first()).containsText(DATE.format(day1));
            assertThat(fires.locator("li").nth(1)).containsText(DATE.format(holiday));

            page.locator("#job-add-trigger").click();
            page.locator("#job-trigger-1-kind vaadin-radio-button", new Page.LocatorOptions().setHasText("Every"))
                    .click();
            page.locator("#job-trigger-1-every input").fill("30");
            page.locator("#job-trigger-1-every input").press("Tab");
            assertThat(page.locator("#trigger-1-cron-description")).hasText("Every 30 minutes");
            assertThat(page.locator("#trigger-1-cron-fires li")).hasCount(10);

            // Each card offers the calendar. It goes on the first trigger: its own preview skips the holiday.
            Page.LocatorOptions yearEnd = new Page.LocatorOptions().setHasText("year-end");
            assertThat(page.locator("#job-trigger-1-calendar vaadin-select-item", yearEnd))
                    .hasCount(1);
            page.locator("#job-calendar").click();
            page.locator("#job-calendar vaadin-select-item", yearEnd).click();
            assertThat(fires.locator("li").nth(1)).containsText(DATE.format(day3));
            assertThat(fires).not().containsText(DATE.format(holiday));
            assertThat(fires.locator("li")).hasCount(10);
            assertThat(page.locator("#trigger-1-cron-fires li")).hasCount(10);

            page.locator("#job-save").click();
            assertThat(page.locator("vaadin-notification-card")).containsText("Job default.reports created");

            page.navigate(baseUrl() + "/jobs/default/reports");
            Locator triggers = page.locator("#job-triggers li");
            assertThat(triggers).hasCount(2);
            assertThat(triggers.nth(0)).containsText("skips what calendar year-end excludes");
            assertThat(triggers.nth(1)).containsText("reports#2: Every 30 minutes");
            Assertions.assertThat(scheduler.getTrigger(first()).getCalendarName())
                    .isEqualTo("year-end");

            upcoming.navigate(baseUrl() + "/upcoming");
            assertThat(upcoming.locator("#upcoming-strip li")).hasCount(24);
            assertThat(shownTrigger(upcoming, "default.reports#2").first()).isVisible();

            page.locator("#trigger-pause-1").click();
            assertThat(page.locator("#trigger-resume-1")).isVisible();
            assertThat(triggers.nth(1)).containsText("paused");
            assertThat(triggers.nth(0)).not().containsText("paused");
            assertThat(page.locator("#trigger-pause-0")).isVisible();
            assertThat(page.locator("#job-pause")).isVisible(); // the job as a whole goes on
            Assertions.assertThat(scheduler.getTriggerState(second())).isEqualTo(Trigger.TriggerState.PAUSED);
            Assertions.assertThat(scheduler.getTriggerState(first())).isEqualTo(Trigger.TriggerState.NORMAL);

            // Upcoming follows by push: only the first trigger's one fire of the next 24 hours is left.
            assertThat(upcoming.locator("#upcoming-range"))
                    .hasText("1–1 of 1", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(shownTrigger(upcoming, "default.reports#2")).hasCount(0);
            assertThat(shownTrigger(upcoming, "default.reports")).hasCount(1);
            assertThat(upcoming.locator("#upcoming-strip li[title$=': 1 fire']"))
                    .hasCount(1);
            assertThat(upcoming.locator("#upcoming-strip li[title$=': 0 fires']"))
                    .hasCount(23);
        } finally {
            upcoming.close();
            page.close();
        }
    }

    @Test
    void a_zero_interval_and_an_end_before_its_start_are_said_next_to_their_fields_and_nothing_is_saved()
            throws Exception {
        Page page = Session.login(browser, baseUrl(), "admin");
        try {
            page.navigate(baseUrl() + "/jobs/new");
            page.locator("#job-name input").fill("never-saved");
            page.locator("#job-kind vaadin-radio-button", new Page.LocatorOptions().setHasText("Every"))
                    .click();
            page.locator("#job-every input").fill("0");
            page.locator("#job-every input").press("Tab");
            assertThat(page.locator("#job-every")).hasAttribute("invalid", "");
            assertThat(page.locator("#job-every [slot=error-message]")).hasText("At least one second");

            dateTime(page, "#job-start", "1/2/2031", "10:00 AM");
            dateTime(page, "#job-end", "1/1/2031", "10:00 AM");
            assertThat(page.locator("#job-end")).hasAttribute("invalid", "");
            assertThat(page.locator("#job-end > [slot=error-message]")).hasText("The end must come after the start");

            page.locator("#job-save").click();
            // Save checked every field, the untouched URL too, and stayed on the form.
            assertThat(page.locator("#job-http-url")).hasAttribute("invalid", "");
            assertThat(page.locator("#job-every")).hasAttribute("invalid", "");
            assertThat(page.locator("#job-end")).hasAttribute("invalid", "");
            assertThat(page.locator("vaadin-notification-card")).hasCount(0);
            Assertions.assertThat(page.url()).endsWith("/jobs/new");
            Assertions.assertThat(scheduler.checkExists(JobKey.jobKey("never-saved", "default")))
                    .isFalse();
        } finally {
            page.close();
        }
    }

    private static void dateTime(Page page, String picker, String date, String time) {
        page.locator(picker + " vaadin-date-picker input").fill(date);
        page.locator(picker + " vaadin-date-picker input").press("Enter");
        page.locator(picker + " vaadin-time-picker input").fill(time);
        page.locator(picker + " vaadin-time-picker input").press("Enter");
    }

    /**
     * The grid's cells that show {@code trigger} exactly. Only the visible ones: the grid keeps the rows it no longer
     * needs, hidden, with their old text.
     */
    private static Locator shownTrigger(Page page, String trigger) {
        return page.locator("#upcoming-list vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions()
                        .setVisible(true)
                        .setHasText(Pattern.compile("^" + trigger.replace(".", "\\.") + "$")));
    }

    private static TriggerKey first() {
        return TriggerKey.triggerKey("reports", "default");
    }

    private static TriggerKey second() {
        return TriggerKey.triggerKey("reports#2", "default");
    }
}
