package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import io.jobdeck.ui.LiveUpdates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A tab whose connection stops reading (a laptop lid closed, a frozen network) while the scheduler is busy: the server
 * must not keep piling up what it cannot send, and the other tabs must not notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StalledTabIT {

    private static final java.nio.file.Path DATA = JobdeckApp.newDataDir();
    private static final int FIRING_JOBS = 20;
    private static final int IDLE_JOBS = 30;

    static Browser stalledBrowser;
    static Browser healthyBrowser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("jobdeck.data-dir", DATA::toString);
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-stalled-tab-it");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        // H2 keeps every LOB it hands out (Quartz's job data, 200 reads a second here) for 5 minutes by default:
        // a bounded growth of its own that would hide what the stalled tab costs.
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + DATA + "/jobdeck;DB_CLOSE_ON_EXIT=FALSE;LOB_TIMEOUT=1000");
    }

    @BeforeAll
    static void openBrowsers() {
        stalledBrowser = Browser.launch();
        healthyBrowser = Browser.launch();
    }

    @AfterAll
    static void closeBrowsers() {
        if (stalledBrowser != null) {
            stalledBrowser.close();
        }
        if (healthyBrowser != null) {
            healthyBrowser.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Scheduler scheduler;

    @Autowired
    LiveUpdates live;

    @Test
    void a_tab_that_stops_reading_is_dropped_without_growing_the_heap_and_other_tabs_stay_live() throws Exception {
        busyScheduler();
        try (StallingProxy proxy = new StallingProxy(port)) {
            Page stalled = Session.login(stalledBrowser, "http://127.0.0.1:" + proxy.port(), "operator");
            Page healthy = Session.login(healthyBrowser, "http://localhost:" + port, "operator");
            for (Page page : List.of(stalled, healthy)) {
                page.setViewportSize(1280, 1600); // all 20 rows in the grid's view, below the charts
                assertThat(page.locator("#jobs-grid vaadin-grid-cell-content")
                                .filter(new Locator.FilterOptions().setHasText("load-19"))
                                .first())
                        .isVisible();
            }
            pause(Duration.ofSeconds(10));
            HeapProbe before = HeapProbe.take(15);
            int followedBefore = live.followed();
            report("before the stall", before);

            stalled.evaluate("() => window.__jobdeckMarker = 'before the stall'");
            proxy.stall();
            List<String> figures = new ArrayList<>();
            HeapProbe last = before;
            for (int seconds : new int[] {20, 40, 60, 90, 120}) {
                pause(Duration.ofSeconds(20));
                last = HeapProbe.take(15);
                figures.add(String.format(
                        "%ds: live heap %.1f MB (+%.1f MB), views kept live %d",
                        seconds, last.liveMegabytes(), last.liveMegabytes() - before.liveMegabytes(), live.followed()));
                System.out.println("[stalled-tab] " + figures.getLast());
                // The healthy tab keeps moving while the other is stalled.
                String fired = healthy.locator("#counter-fired .value").innerText();
                await().atMost(Duration.ofSeconds(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !healthy.locator("#counter-fired .value")
                                .innerText()
                                .equals(fired));
            }
            report("after 120 s stalled", last);
            System.out.println("[stalled-tab] views kept live before " + followedBefore + "; " + figures);

            assertThat(live.droppedTabs()).as("tabs dropped").isEqualTo(1);
            assertThat(live.followed()).as("views kept live").isEqualTo(followedBefore - 1);
            // The app's own state also fills in the first minutes (the charts keep the last minutes' buckets in
            // memory): seen at +2 to +8 MB, flat from 90 s on. A stalled tab kept would grow it without end.
            assertThat(last.liveBytes() - before.liveBytes())
                    .as("live heap growth while stalled")
                    .isLessThan(12L * 1024 * 1024);

            // The tab comes back (the lid opens): its UI is gone, so it reloads into a fresh, live dashboard.
            proxy.resume();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> stalled.evaluate("() => window.__jobdeckMarker") == null);
            assertThat(stalled.locator("#scheduler-state")).hasAttribute("data-state", "RUNNING");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.followed() == followedBefore);
        }
    }

    private void busyScheduler() throws Exception {
        for (int i = 0; i < FIRING_JOBS + IDLE_JOBS; i++) {
            JobKey key = JobKey.jobKey("load-" + i, "load");
            if (i >= FIRING_JOBS) {
                TestJobs.createIdleJob(scheduler, key, "idle job " + i);
                continue;
            }
            TestJobs.createFrequentJob(scheduler, key);
        }
    }

    private static void report(String when, HeapProbe heap) {
        System.out.printf("[stalled-tab] %s: live heap %.1f MB%n", when, heap.liveMegabytes());
        heap.topClasses().forEach(line -> System.out.println("[stalled-tab]   " + line));
    }

    /** Lets time pass with the app at work (Awaitility, as the tests never sleep). */
    private static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
