package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator at human speed on a busy scheduler: 20 jobs on 100 ms triggers (200 fires a second) keep every job's
 * row changing, while 50 presses on row buttons (mouse down, 120 ms, mouse up, on the button found afresh each time)
 * must each do what they said: checked in Quartz and in the audit trail.
 */
class DashboardUnderLoadIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();
    private static final int JOBS = 20;
    private static final int JOBS_CLICKED = 10;
    private static final String GROUP = "load";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-dashboard-under-load-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    AuditLog audit;

    /** Fires of one-off "run now" triggers (Quartz names them MT_...), per job name. */
    private final Map<String, AtomicInteger> manualFires = new ConcurrentHashMap<>();

    private final AtomicLong fires = new AtomicLong();

    @Test
    void fifty_human_presses_on_row_buttons_all_take_effect_while_two_hundred_triggers_fire_a_second()
            throws Exception {
        Instant started = Instant.now();
        busyScheduler();
        Page page = Session.login(browser, "http://localhost:" + port, "operator");
        page.setDefaultTimeout(20_000);
        page.setViewportSize(1280, 1200); // the rows clicked are on screen without scrolling the grid
        assertThat(actions(page, 0)).isVisible();
        long firesBefore = fires.get();
        Instant loadFrom = Instant.now();

        int presses = 0;
        for (int job = 0; job < JOBS_CLICKED; job++) {
            press(page, job, "run");
            awaitManualFires(job, 1);
            press(page, job, "pause");
            awaitTriggerState(job, Trigger.TriggerState.PAUSED);
            press(page, job, "run");
            awaitManualFires(job, 2);
            press(page, job, "resume");
            awaitTriggerState(job, Trigger.TriggerState.NORMAL);
            press(page, job, "run");
            awaitManualFires(job, 3);
            presses += 5;
        }
        double firesPerSecond = (fires.get() - firesBefore)
                / (Duration.between(loadFrom, Instant.now()).toMillis() / 1000.0);
        System.out.printf(
                "[under-load] %d presses in %s at %.0f fires/s%n",
                presses, Duration.between(loadFrom, Instant.now()), firesPerSecond);

        assertThat(presses).isEqualTo(50);
        assertThat(firesPerSecond).as("fires per second during the presses").isGreaterThan(150);
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<AuditEntry> trail = As.call(
                        Role.ADMIN,
                        () -> audit.search(new AuditFilter("operator", null, null, started, null), 0, 500)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .entries();
        for (int job = 0; job < JOBS_CLICKED; job++) {
            String target = "job " + GROUP + "." + name(job);
            assertThat(count(trail, AuditAction.RUN_NOW, target))
                    .as("Run now of %s audited", target)
                    .isEqualTo(3);
            assertThat(count(trail, AuditAction.PAUSE, target))
                    .as("Pause of %s audited", target)
                    .isEqualTo(1);
            assertThat(count(trail, AuditAction.RESUME, target))
                    .as("Resume of %s audited", target)
                    .isEqualTo(1);
        }
        assertThat(trail).filteredOn(e -> e.action() != AuditAction.LOGIN).hasSize(50);
        assertThat(trail).allMatch(e -> e.outcome() == AuditOutcome.SUCCESS);
    }

    /**
     * A person's press: find the row's button now, wait until it can be pressed, then mouse down, 120 ms, mouse up on
     * its middle, while the rows keep changing under the pointer.
     */
    private void press(Page page, int job, String action) {
        Locator button = actions(page, job).locator("[data-action=" + action + "]");
        assertThat(button).isVisible();
        assertThat(button).not().hasAttribute("disabled", "");
        button.scrollIntoViewIfNeeded();
        // The person sees the button, not something over it.
        await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) button.evaluate("""
                        b => { const r = b.getBoundingClientRect();
                               const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                               return hit === b || b.contains(hit); }"""));
        BoundingBox box = button.boundingBox();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2, new Mouse.ClickOptions().setDelay(120));
        // The person looks before the next press: no button of the row is waiting for its command's answer. (The
        // browser may not even have heard that the press was taken yet; a press on another button meanwhile is not
        // lost, see JobActionsTest.)
        assertThat(actions(page, job).locator("[data-action][disabled]"))
                .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
    }

    private static Locator actions(Page page, int job) {
        return page.locator("#jobs-grid .jobdeck-row-actions[data-job='" + GROUP + "." + name(job) + "']");
    }

    private void awaitManualFires(int job, int expected) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(manualFires
                                .computeIfAbsent(name(job), k -> new AtomicInteger())
                                .get())
                        .as("manual fires of %s", name(job))
                        .isEqualTo(expected));
    }

    private void awaitTriggerState(int job, Trigger.TriggerState state) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(scheduler.getTriggerState(TriggerKey.triggerKey(name(job), GROUP)))
                        .isEqualTo(state));
    }

    private static long count(List<AuditEntry> trail, AuditAction action, String target) {
        return trail.stream()
                .filter(e -> e.action() == action && e.target().equals(target))
                .count();
    }

    private static String name(int job) {
        return String.format("load-%02d", job);
    }

    private void busyScheduler() throws Exception {
        scheduler.getListenerManager().addTriggerListener(new TriggerListenerSupport() {
            @Override
            public String getName() {
                return "test-fire-counter";
            }

            @Override
            public void triggerFired(Trigger trigger, JobExecutionContext context) {
                fires.incrementAndGet();
                if (trigger.getKey().getName().startsWith("MT_")) {
                    manualFires
                            .computeIfAbsent(trigger.getJobKey().getName(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
        });
        List<JobKey> keys = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            JobKey key = JobKey.jobKey(name(i), GROUP);
            keys.add(key);
            TestJobs.createFrequentJob(scheduler, key);
        }
        assertThat(keys).hasSize(JOBS);
    }
}
