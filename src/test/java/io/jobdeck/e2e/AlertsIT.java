package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.alerts.Alerts;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleDraft;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees when a job fails for good, in Chromium: with a "a run failed" rule sending in the app, the
 * dashboard they have open shows the alert by push, naming the job and why, with no reload; the error is shown as typed,
 * never as markup.
 */
class AlertsIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-alerts-it");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.alerts.check-every", () -> "500ms");
    }

    @Autowired
    Alerts alerts;

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobCommands commands;

    @Test
    void an_operators_open_dashboard_shows_a_failed_runs_alert_by_push() throws Exception {
        As.call(
                Role.ADMIN,
                () -> alerts.save(
                                new RuleDraft(
                                        0, RuleKind.JOB_FAILED, true, "e2e.*", 0, 3600, Set.of(Channel.IN_APP), false),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        TestJobs.define(
                definitions,
                new JobDefinition(
                        "e2e",
                        "nightly",
                        "Fails on purpose",
                        JobDefinition.JobType.SHELL,
                        Map.of(ShellJobSpec.COMMAND, "sh\n-c\necho disk full; exit 4 # <b>not bold</b>"),
                        "0 0 0 1 1 ? 2099",
                        ZoneId.of("UTC")));

        Page page = Session.login(browser, baseUrl(), "operator");
        page.evaluate("() => window.__jobdeckMarker = 'no reload'");
        As.call(
                Role.OPERATOR,
                () -> commands.runNow("e2e", "nightly").toCompletableFuture().get(10, TimeUnit.SECONDS));

        Locator alert = page.locator("vaadin-notification-card.jobdeck-alert");
        assertThat(alert).containsText("e2e.nightly", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(alert).containsText("exited with code 4");
        assertThat(alert).containsText("<b>not bold</b>"); // the error as typed, escaped
        assertThat(page.locator("vaadin-notification-card.jobdeck-alert b")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__jobdeckMarker"))
                .as("the alert came by push, with no reload")
                .isEqualTo("no reload");
    }
}
