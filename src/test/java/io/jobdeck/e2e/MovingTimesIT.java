package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Relative times move in the browser by themselves, on a quiet install where the server has nothing to say: "in 48 s"
 * becomes "in 46 s" with no WebSocket frame in between. While the scheduler is stopped, a next fire in the past says
 * it is overdue; in Russian too.
 */
class MovingTimesIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();
    private static final Pattern IN_SECONDS = Pattern.compile("in (\\d+) s");
    private static final Pattern OVERDUE_RU = Pattern.compile("просрочено на (\\d+) с");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-moving-times-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
        // A quiet page asks the server whether it is still live after half of this; not within these tests' windows.
        registry.add("jobdeck.live.silence-limit", () -> "5m");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Test
    void an_in_n_seconds_label_counts_down_by_itself_while_the_websocket_is_idle() throws Exception {
        JobKey soon = job("soon", Instant.now().plusSeconds(50));
        try {
            Page page = Session.login(browser, "http://localhost:" + port, "operator");
            AtomicInteger frames = new AtomicInteger();
            page.onWebSocket(ws -> {
                ws.onFrameReceived(frame -> frames.incrementAndGet());
                ws.onFrameSent(frame -> frames.incrementAndGet());
            });
            page.navigate("http://localhost:" + port + "/"); // a fresh WebSocket, watched from its start
            Locator label = page.locator("#jobs-grid jobdeck-time[mode=next]");
            assertThat(label).hasText(IN_SECONDS);
            // Wait for the page to settle: nothing more for the server to send.
            awaitQuiet(page, frames);

            int first = seconds(IN_SECONDS, label.textContent());
            int before = frames.get();
            pass(Duration.ofMillis(2100));
            int second = seconds(IN_SECONDS, label.textContent());

            assertThat(second).as("seconds left, 2 s later").isBetween(first - 3, first - 1);
            assertThat(frames.get()).as("WebSocket frames meanwhile").isEqualTo(before);
            page.close();
        } finally {
            scheduler.deleteJob(soon);
        }
    }

    @Test
    void while_stopped_a_next_fire_in_the_past_says_it_is_overdue_in_russian_and_keeps_counting() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.status().state() == SchedulerState.STOPPED);
        JobKey late = job("late", Instant.now().plusSeconds(1));
        JobKey soon = job("soon-ru", Instant.now().plusSeconds(50));
        try {
            Page page = Session.login(browser, "http://localhost:" + port, "admin");
            page.locator("#language").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Русский"))
                    .click();
            assertThat(page.locator("h2")).containsText("Планировщик");

            Locator overdue = page.locator("#jobs-grid jobdeck-time[mode=next]")
                    .filter(new Locator.FilterOptions().setHasText("просрочено"));
            assertThat(overdue).hasText(OVERDUE_RU);
            assertThat(page.locator("#jobs-grid jobdeck-time[mode=next]")
                            .filter(new Locator.FilterOptions().setHasText("через")))
                    .hasText(Pattern.compile("через \\d+ с"));
            int first = seconds(OVERDUE_RU, overdue.textContent());
            pass(Duration.ofMillis(2100));
            assertThat(seconds(OVERDUE_RU, overdue.textContent())).isBetween(first + 1, first + 3);

            // Leave the admin as other tests expect: English.
            page.locator("#language").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("English"))
                    .click();
            assertThat(page.locator("h2")).containsText("Scheduler");
            page.close();
        } finally {
            scheduler.deleteJob(late);
            scheduler.deleteJob(soon);
            As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    private JobKey job(String name, Instant firstFire) throws Exception {
        JobKey key = JobKey.jobKey(name, "times");
        scheduler.scheduleJob(
                JobBuilder.newJob(HeartbeatJob.class).withIdentity(key).build(),
                TriggerBuilder.newTrigger()
                        .withIdentity(name, "times")
                        .startAt(Date.from(firstFire))
                        .withSchedule(SimpleScheduleBuilder.repeatHourlyForever())
                        .build());
        return key;
    }

    private static int seconds(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.matches()).as("'%s' matches %s", text, pattern).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Waits until a whole second passes with no WebSocket frame. */
    private static void awaitQuiet(Page page, AtomicInteger frames) {
        int[] seen = {frames.get()};
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    page.evaluate("() => 0"); // Playwright hands over the frames it saw meanwhile
                    int now = frames.get();
                    boolean quiet = now == seen[0];
                    seen[0] = now;
                    return quiet;
                });
    }

    /** Lets time pass (Awaitility, as the tests never sleep). */
    private static void pass(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(2)).until(() -> true);
    }
}
