package io.jobdeck.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import io.jobdeck.ui.LiveUpdates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A page never shows an old state as current. A tab that hears nothing (a frozen network) says it is not live within
 * the silence limit, and catches up when the server answers again; a quiet page that is live asks the server now and
 * then and never says so wrongly. A tab that got no CPU for a while (a browser at low priority on a busy machine)
 * while the server dropped it shows the present state as soon as it runs again (it reloads, since the server no
 * longer knows it).
 */
class StarvedTabIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();
    /** Longer than the silence limit, so that a page marks itself as not live before the server drops it. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(8);

    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(4);

    /** Records, in the page, every state the badge shows and whether the page said it was live then. */
    private static final String WATCH = """
            () => {
              window.__seen = [];
              const note = () => window.__seen.push([
                document.getElementById('scheduler-state')?.getAttribute('data-state'),
                document.documentElement.hasAttribute('data-jobdeck-stale')]);
              new MutationObserver(note).observe(document.documentElement, {subtree: true, attributes: true,
                attributeFilter: ['data-state', 'data-jobdeck-stale']});
              note();
            }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-starved-tab-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
        registry.add("jobdeck.live.stall-limit", STALL_LIMIT::toString);
        registry.add("jobdeck.live.silence-limit", SILENCE_LIMIT::toString);
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    SchedulerMonitor monitor;

    @Autowired
    LiveUpdates live;

    @AfterEach
    void running_again() throws Exception {
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_tab_frozen_long_enough_to_be_dropped_shows_the_present_state_when_it_runs_again() throws Exception {
        JobKey job = TestJobs.createFrequentJob(scheduler, JobKey.jobKey("busy", "starved"));
        try {
            Page page = Session.login(browser, baseUrl(), "operator");
            awaitState(page, "RUNNING");
            // Each update the page applies tells it when the server wrote it, so that a late one is known as late.
            page.evaluate("() => { window.__stamps = []; const heard = JobdeckLive.heard;"
                    + " JobdeckLive.heard = t => { window.__stamps.push([t, Date.now()]); heard(t); }; }");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ((Number) page.evaluate("() => window.__stamps.length")).intValue() >= 3);
            assertThat((List<?>) page.evaluate("() => window.__stamps"))
                    .as("[server time, page time] of the updates applied")
                    .allSatisfy(stamp -> {
                        List<?> pair = (List<?>) stamp;
                        assertThat(pair.getFirst()).isInstanceOf(Number.class);
                        assertThat(((Number) pair.getFirst()).doubleValue())
                                .isCloseTo(
                                        ((Number) pair.get(1)).doubleValue(),
                                        org.assertj.core.data.Offset.offset(5000.0));
                    });
            page.evaluate("() => window.__marker = 'before the freeze'");
            long droppedBefore = live.droppedTabs();
            CDPSession cdp = page.context().newCDPSession(page);

            freeze(cdp);
            // Events flow, the page applies none of them: the server drops the tab.
            await().atMost(STALL_LIMIT.plusSeconds(10)).until(() -> live.droppedTabs() > droppedBefore);
            stopScheduler();
            thaw(cdp);

            // It comes back on a fresh page showing what is true now.
            awaitState(page, "STOPPED");
            assertThat(page.evaluate("() => window.__marker"))
                    .as("the page was reloaded")
                    .isNull();
            assertThat(page.locator("#jobdeck-stale").count()).isZero();
            // and live again: the next change arrives by push.
            As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
            awaitState(page, "RUNNING");
            page.close();
        } finally {
            scheduler.deleteJob(job);
        }
    }

    @Test
    void a_quiet_page_asks_the_server_and_stays_live_while_nothing_changes() throws Exception {
        stopScheduler(); // no events at all: nothing for the server to push
        Page page = Session.login(browser, baseUrl(), "operator");
        awaitState(page, "STOPPED");
        page.evaluate(WATCH);
        AtomicInteger asked = new AtomicInteger();
        page.onWebSocket(ws -> ws.onFrameSent(frame -> {
            if (frame.text() != null && frame.text().contains("stillLive")) {
                asked.incrementAndGet();
            }
        }));
        page.reload(); // a fresh WebSocket (the questions go over it), watched from its start
        awaitState(page, "STOPPED");
        page.evaluate(WATCH);

        await().pollDelay(SILENCE_LIMIT.multipliedBy(3))
                .atMost(SILENCE_LIMIT.multipliedBy(4))
                .until(() -> true);
        page.evaluate("() => 0"); // Playwright hands over the events it received meanwhile

        assertThat(asked).as("questions from the quiet page").hasValueGreaterThanOrEqualTo(2);
        assertThat(page.locator("#jobdeck-stale").count()).isZero();
        assertThat(seen(page)).as("what the page showed").containsExactly("STOPPED");
        page.close();
    }

    @Test
    void a_tab_that_hears_nothing_says_it_is_not_live_and_catches_up_when_the_server_answers_again() throws Exception {
        // Jobs fire, so an update is on its way when the network freezes; it arrives late and must not count as fresh.
        JobKey job = TestJobs.createFrequentJob(scheduler, JobKey.jobKey("busy-network", "starved"));
        try (StallingProxy proxy = new StallingProxy(port)) {
            Page page = Session.login(browser, "http://127.0.0.1:" + proxy.port(), "operator");
            awaitState(page, "RUNNING");
            assertThat(page.locator("#jobdeck-stale").count()).isZero();
            page.evaluate(WATCH);

            // Nothing from the server reaches the page any more, and the page cannot tell why; then the scheduler
            // stops, so that everything the server writes from now on says STOPPED.
            proxy.stall();
            long stalled = System.nanoTime();
            stopScheduler();
            await().atMost(SILENCE_LIMIT.plusSeconds(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> page.locator("#jobdeck-stale").count() == 1);
            Duration noticed = Duration.ofNanos(System.nanoTime() - stalled);
            assertThat(page.locator("#jobdeck-stale").innerText()).startsWith("Not live since ");
            assertThat(page.locator("#scheduler-state").getAttribute("data-state"))
                    .as("what the page last heard")
                    .isEqualTo("RUNNING");
            assertThat(page.evaluate("() => document.documentElement.hasAttribute('data-jobdeck-stale')"))
                    .as("marked as not live")
                    .isEqualTo(true);

            proxy.resume();
            awaitState(page, "STOPPED");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.locator("#jobdeck-stale").count() == 0);
            List<String> seen = ((List<?>) page.evaluate("() => window.__seen"))
                    .stream()
                            .map(List.class::cast)
                            .map(e -> e.get(0) + (Boolean.TRUE.equals(e.get(1)) ? " (not live)" : ""))
                            .toList();
            System.out.println(
                    "[starved-tab] not live shown after " + noticed.toMillis() + " ms; the page showed " + seen);
            assertThat(seen)
                    .as("what the page showed, in order")
                    .startsWith("RUNNING", "RUNNING (not live)")
                    .endsWith("STOPPED");
            assertThat(seen.subList(1, seen.size()))
                    .as("the old state shown as current after the silence")
                    .doesNotContain("RUNNING");
            page.close();
        } finally {
            scheduler.deleteJob(job);
        }
    }

    /** The page's JavaScript stops where it is, as on a machine that gives the tab no CPU; bytes still arrive. */
    private static void freeze(CDPSession cdp) {
        cdp.send("Debugger.enable");
        cdp.send("Debugger.pause");
    }

    private static void thaw(CDPSession cdp) {
        cdp.send("Debugger.resume");
        cdp.send("Debugger.disable");
    }

    /** What the page's badge showed, in order since {@link #WATCH}, each marked if the page said it was not live. */
    private static List<String> seen(Page page) {
        return ((List<?>) page.evaluate("() => window.__seen"))
                .stream()
                        .map(List.class::cast)
                        .map(e -> e.get(0) + (Boolean.TRUE.equals(e.get(1)) ? " (not live)" : ""))
                        .toList();
    }

    private void stopScheduler() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.status().state() == SchedulerState.STOPPED);
    }

    private static void awaitState(Page page, String state) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> state.equals(page.locator("#scheduler-state")
                        .getAttribute("data-state", new Locator.GetAttributeOptions().setTimeout(1000))));
    }
}
