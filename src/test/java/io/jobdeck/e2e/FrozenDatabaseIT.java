package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/**
 * A database that hangs rather than refuses: the PostgreSQL server under a running app is frozen ({@code kill -STOP}
 * on every PostgreSQL process), so connections stay open and nothing answers. Set up as a new user would: nothing but
 * the datasource settings, default probe interval (1 s) and deadline (2 s), demo jobs on.
 *
 * <p>Within the probe deadline plus a second the status is DEGRADED with the reason; Stop and Start from the
 * browser are shown at once and complete; the API answers within its save wait and says the command is applied but
 * not yet saved; after the thaw the scheduler fires again, the status is RUNNING, and the last choice and every audit
 * record are stored. The timeline is printed for the record.
 */
class FrozenDatabaseIT {

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private final List<String> timeline = new ArrayList<>();
    private long t0;

    @Test
    void a_frozen_database_degrades_the_status_within_the_deadline_and_never_freezes_control() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("jobdeck.demo.enabled", true);
            settings.put("jobdeck.scheduler.auto-start", true);
            settings.put("jobdeck.scheduler.probe-interval", "1s"); // the default (JobdeckApp speeds it up otherwise)
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                SchedulerMonitor monitor = app.bean(SchedulerMonitor.class);
                Scheduler scheduler = app.bean(Scheduler.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING
                                && monitor.status().jobCount() == 3);
                scheduler.pauseJob(DemoJobs.SLOW_REPORT); // nothing long-running that a stop would wait for

                Page page = Session.login(browser, app.baseUrl(), "operator");
                page.setDefaultTimeout(10_000);
                assertThat(badge(page)).hasAttribute("data-state", "RUNNING");

                // --- freeze ---
                t0 = System.nanoTime();
                postgres.freeze();
                mark("database frozen (kill -STOP on the postmaster and every backend)");

                await().atMost(PROBE_DEADLINE.plus(PROBE_INTERVAL).plusMillis(500))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> monitor.status().state() == SchedulerState.DEGRADED);
                Duration degraded = sinceFreeze();
                mark("status DEGRADED: " + monitor.status().reason().text());
                assertThat(monitor.status().reason().code()).isEqualTo(StatusReason.Code.STORE_TOO_SLOW);
                assertThat(degraded)
                        .isLessThanOrEqualTo(PROBE_DEADLINE.plus(PROBE_INTERVAL).plusMillis(300));
                assertThat(badge(page)).hasAttribute("data-state", "DEGRADED", within(Duration.ofSeconds(2)));
                mark("browser shows Degraded");
                assertThat(page.locator("#scheduler-message")).containsText("did not answer within 2000 ms");

                // --- the browser's Stop and Start while frozen ---
                long clicked = System.nanoTime();
                page.locator("#stop").click();
                // STOPPED, or STOPPING while a job that fired just before the freeze waits for the database to
                // record its end: either way the stop is applied and shown at once.
                assertThat(badge(page))
                        .hasAttribute("data-state", Pattern.compile("STOPP(ED|ING)"), within(Duration.ofSeconds(2)));
                Duration uiStop = Duration.ofNanos(System.nanoTime() - clicked);
                mark("browser Stop -> " + badge(page).getAttribute("data-state") + " shown in " + uiStop.toMillis()
                        + " ms");
                assertThat(scheduler.isInStandbyMode()).isTrue();

                clicked = System.nanoTime();
                page.locator("#start").click();
                assertThat(badge(page)).hasAttribute("data-state", "DEGRADED", within(Duration.ofSeconds(2)));
                Duration uiStart = Duration.ofNanos(System.nanoTime() - clicked);
                mark("browser Start -> applied, Degraded (store still frozen) shown in " + uiStart.toMillis() + " ms");
                assertThat(scheduler.isInStandbyMode()).isFalse();

                // --- the API while frozen: applied at once, honestly "not yet saved" ---
                Answer stop = post(app, "/api/v1/scheduler/stop");
                mark("API stop answered " + stop.status + " in " + stop.took.toMillis() + " ms: " + stop.body);
                assertThat(stop.status).isEqualTo(202);
                assertThat(stop.body)
                        .contains("\"applied\":true")
                        .contains("\"saved\":false")
                        .contains("did not confirm it within 2 s");
                // The API waits up to 2 s for the save on purpose; the rest is HTTP and the password check.
                assertThat(stop.took).isLessThan(Duration.ofSeconds(6));
                Answer start = post(app, "/api/v1/scheduler/start");
                mark("API start answered " + start.status + " in " + start.took.toMillis() + " ms");
                assertThat(start.status).isEqualTo(202);
                assertThat(start.took).isLessThan(Duration.ofSeconds(6));
                assertThat(monitor.status().warnings())
                        .extracting(StatusReason::code)
                        .as("the unsaved choice is shown, not hidden")
                        .containsAnyOf(StatusReason.Code.CHOICE_NOT_SAVED);
                await().atMost(Duration.ofSeconds(2))
                        .until(() -> app.bean(AuditLog.class).health().waiting() > 0);
                mark("audit records waiting for the database: "
                        + app.bean(AuditLog.class).health().waiting());

                // --- thaw ---
                long firedBefore = monitor.status().firedSinceStart();
                long thawed = System.nanoTime();
                postgres.thaw();
                mark("database thawed");
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> monitor.status().state() == SchedulerState.RUNNING);
                mark("status RUNNING again, "
                        + Duration.ofNanos(System.nanoTime() - thawed).toMillis() + " ms after the thaw");
                assertThat(badge(page)).hasAttribute("data-state", "RUNNING");
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> monitor.status().firedSinceStart() > firedBefore);
                mark("a trigger fired again");

                // --- nothing lost ---
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> app.bean(AuditLog.class).health().waiting() == 0);
                assertThat(desiredState(postgres)).isEqualTo("RUNNING");
                List<AuditEntry> commands = As.call(
                                Role.ADMIN,
                                () -> app.bean(AuditLog.class)
                                        .search(new AuditFilter("operator", null, null, null, null), 0, 50)
                                        .toCompletableFuture()
                                        .get(10, TimeUnit.SECONDS))
                        .entries();
                assertThat(commands)
                        .extracting(AuditEntry::action)
                        .containsSubsequence(AuditAction.START, AuditAction.STOP, AuditAction.START, AuditAction.STOP);
                assertThat(monitor.status().jobCount()).isEqualTo(3);
                assertThat(monitor.status().warnings()).isEmpty();
                mark("choice RUNNING and all 4 command audit records stored; 3 jobs");
                SchedulerStatus last = monitor.status();
                assertThat(last.reason()).isNull();
            } finally {
                System.out.println("Frozen-database timeline:\n  " + String.join("\n  ", timeline));
            }
        }
    }

    private record Answer(int status, String body, Duration took) {}

    private static Answer post(JobdeckApp app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("operator:operator-pass".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(20))
                .build();
        long sent = System.nanoTime();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - sent));
        }
    }

    private static String desiredState(Postgres postgres) throws Exception {
        try (Connection c = postgres.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DESIRED_STATE FROM JOBDECK_SCHEDULER_CONTROL")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Locator badge(Page page) {
        return page.locator("#scheduler-state");
    }

    private static LocatorAssertions.HasAttributeOptions within(Duration timeout) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(timeout.toMillis());
    }

    private Duration sinceFreeze() {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void mark(String what) {
        timeline.add(String.format("+%6d ms  %s", sinceFreeze().toMillis(), what));
    }
}
