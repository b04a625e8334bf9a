package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.ui.LiveUpdates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tabs come and go while the dashboard is busy: going away is normal, so the server logs no error or warning for it,
 * asks for no page that does not exist (favicon), and stops keeping the closed tabs' views current.
 */
@ExtendWith(OutputCaptureExtension.class)
class TabLifecycleIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();
    private static final int TABS = 5;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-tab-lifecycle-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    LiveUpdates live;

    @Test
    void opening_and_closing_tabs_while_jobs_fire_logs_no_error_and_leaves_nothing_subscribed(CapturedOutput output)
            throws Exception {
        for (int i = 0; i < 5; i++) {
            JobKey key = JobKey.jobKey("busy-" + i, "tabs");
            scheduler.scheduleJob(
                    JobBuilder.newJob(HeartbeatJob.class).withIdentity(key).build(),
                    TriggerBuilder.newTrigger()
                            .withIdentity(key.getName(), key.getGroup())
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                    .withIntervalInMilliseconds(200)
                                    .repeatForever())
                            .build());
        }
        List<String> failedRequests = new CopyOnWriteArrayList<>();
        Page first = Session.login(browser, "http://localhost:" + port, "operator");
        first.onResponse(r -> {
            if (r.status() >= 400) {
                failedRequests.add(r.status() + " " + r.url());
            }
        });
        List<Page> tabs = new ArrayList<>();
        tabs.add(first);
        for (int i = 1; i < TABS; i++) {
            Page tab = browser.newPage();
            tab.onResponse(r -> {
                if (r.status() >= 400) {
                    failedRequests.add(r.status() + " " + r.url());
                }
            });
            tab.navigate("http://localhost:" + port + "/");
            tabs.add(tab);
        }
        for (Page tab : tabs) {
            assertThat(tab.locator("#jobs-grid vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions().setHasText("busy-4"))
                            .first())
                    .isVisible();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> live.followed() == TABS);

        // Some close as a person does (the page may say goodbye), some as a crash or a killed browser would.
        for (int i = 0; i < TABS; i++) {
            tabs.get(i).close(new Page.CloseOptions().setRunBeforeUnload(i % 2 == 0));
        }

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> assertThat(live.followed()).as("views kept live").isZero());
        // A few more hub ticks and push attempts after the tabs have gone.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(live.droppedTabs()).as("closed tabs counted as stalled").isZero();
        assertThat(failedRequests).as("failed requests").isEmpty();
        assertThat(output.getAll()
                        .lines()
                        .filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
                        .filter(line -> !line.contains("Flyway has been verified with"))
                        // Tomcat's note that seeding its session-id generator was slow on a busy machine
                        .filter(line -> !line.contains("SessionIdGeneratorBase")))
                .as("errors and warnings in the log")
                .isEmpty();
        assertThat(output.getAll())
                .as("the log is captured")
                .contains("action=LOGIN")
                .doesNotContain("UIDetachedException", "Exception in push connection");
    }
}
