package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Jobs as code in Chromium, as an admin uses it: the catalog exported and downloaded as YAML, the file changed (one
 * job's description and cron, a second job added) and uploaded, its dry run showing the difference field by field, the
 * import confirmed; meanwhile an operator's dashboard, open in another tab, shows the new job and the changed schedule
 * by push, without reloading.
 */
class DefinitionsIT extends ChromiumTestBase {

    private static final Path DATA = JobdeckApp.newDataDir();

    private static final String CRON = "0 0 3 * * ?";
    private static final String NEW_CRON = "0 30 4 ? * MON-FRI";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app(registry, DATA, "jobdeck-definitions-it");
        registry.add("jobdeck.demo.enabled", () -> "false");
        // Nothing fires while the test looks: the catalog is what is checked.
        registry.add("jobdeck.scheduler.auto-start", () -> "false");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobDefinitions definitions;

    @Test
    void an_admin_exports_changes_and_imports_the_definitions_after_a_dry_run_and_another_tab_follows_by_push()
            throws Exception {
        String otherUrl = baseUrl().replace("localhost", "127.0.0.1"); // another host: its own session
        Page other = Session.login(browser, otherUrl, "operator");
        Page page = Session.login(browser, baseUrl(), "admin");
        try {
            // The job in the readers' zone, so that its schedule reads the same in the grid whatever the machine's.
            ZoneId zone = ZoneId.of((String) page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone"));
            As.call(
                    Role.ADMIN,
                    () -> definitions
                            .create(
                                    new JobDefinition(
                                            "billing",
                                            "invoices",
                                            "Sends invoices",
                                            JobDefinition.JobType.HTTP,
                                            Map.of(HttpJobSpec.URL, "https://billing.example.com/invoices"),
                                            CRON,
                                            zone),
                                    Locale.ENGLISH)
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS));

            other.setViewportSize(1600, 900); // room for the Description column
            other.navigate(otherUrl + "/");
            Locator invoicesRow = other.locator("#jobs-grid .jobdeck-row-actions[data-job='billing.invoices']");
            assertThat(invoicesRow).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            Assertions.assertThat(GridRows.job(other, "invoices"))
                    .containsEntry("Description", "Sends invoices")
                    .hasEntrySatisfying(
                            "Schedule", s -> Assertions.assertThat(s).startsWith("Every day at"));
            other.evaluate("() => window.__jobdeckMarker = 'no reload'");

            page.navigate(baseUrl() + "/definitions");
            page.locator("#definitions-export").click();
            Locator exported = page.locator("#definitions-exported textarea");
            assertThat(exported)
                    .hasValue(
                            Pattern.compile(".*name: invoices.*", Pattern.DOTALL),
                            new LocatorAssertions.HasValueOptions().setTimeout(30_000));
            Download download = page.waitForDownload(
                    () -> page.locator("#definitions-download").click());
            String yaml = Files.readString(download.path(), StandardCharsets.UTF_8);
            Assertions.assertThat(yaml).isEqualTo(exported.inputValue());
            Assertions.assertThat(download.suggestedFilename()).isEqualTo("jobdeck-definitions.yaml");

            byte[] changed = change(yaml).getBytes(StandardCharsets.UTF_8);
            page.locator("#definitions-upload input[type=file]")
                    .setInputFiles(new FilePayload("definitions.yaml", "application/yaml", changed));
            assertThat(page.locator("#definitions-document textarea"))
                    .hasValue(
                            Pattern.compile(".*name: reminders.*", Pattern.DOTALL),
                            new LocatorAssertions.HasValueOptions().setTimeout(30_000));
            assertThat(page.locator("#definitions-apply")).isDisabled();

            page.locator("#definitions-check").click();
            assertThat(page.locator("#definitions-summary"))
                    .hasText(
                            "Importing adds 1 jobs, changes 1, removes 0 and leaves 0 as they are;"
                                    + " 0 calendars are added or changed.",
                            new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.locator("#definitions-apply")).isEnabled();
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> Assertions.assertThat(GridRows.read(page, "#definitions-changes"))
                            .hasSize(2));
            List<Map<String, String>> changes = GridRows.read(page, "#definitions-changes");
            Map<String, String> changedRow = row(changes, "billing.invoices");
            Assertions.assertThat(changedRow.get("What")).isEqualTo("changed");
            Assertions.assertThat(changedRow.get("Fields (before → after)"))
                    .contains("description: Sends invoices → Sends invoices and reminders")
                    .contains("triggers.invoices.cron: " + CRON + " → " + NEW_CRON);
            Assertions.assertThat(row(changes, "billing.reminders").get("What")).isEqualTo("added");
            // A dry run: nothing changed yet.
            Assertions.assertThat(scheduler.checkExists(JobKey.jobKey("reminders", "billing")))
                    .isFalse();
            Assertions.assertThat(cron("invoices")).isEqualTo(CRON);

            page.locator("#definitions-apply").click();
            page.locator("#definitions-confirm-confirm").click();
            assertThat(page.locator("vaadin-notification-card"))
                    .containsText("Imported", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));

            Assertions.assertThat(cron("invoices")).isEqualTo(NEW_CRON);
            Assertions.assertThat(cron("reminders")).isEqualTo("0 0 9 ? * MON");
            Assertions.assertThat(scheduler
                            .getJobDetail(JobKey.jobKey("invoices", "billing"))
                            .getDescription())
                    .isEqualTo("Sends invoices and reminders");

            // The operator's dashboard follows by push: on a loaded machine that can take a while.
            assertThat(other.locator("#jobs-grid .jobdeck-row-actions[data-job='billing.reminders']"))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> Assertions.assertThat(GridRows.job(other, "invoices"))
                            .containsEntry("Description", "Sends invoices and reminders")
                            .hasEntrySatisfying(
                                    "Schedule",
                                    s -> Assertions.assertThat(s)
                                            .startsWith("Weekdays at")
                                            .contains("4:30")));
            Assertions.assertThat(GridRows.job(other, "reminders").get("Schedule"))
                    .startsWith("Every Monday at");
            Assertions.assertThat(other.evaluate("() => window.__jobdeckMarker"))
                    .isEqualTo("no reload");
        } finally {
            page.close();
            other.close();
        }
    }

    /** The exported file as the admin edits it: the job's description and cron changed, a second job added. */
    private static String change(String yaml) {
        YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                        .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                        .build())
                .build();
        ObjectNode document = (ObjectNode) mapper.readTree(yaml);
        ArrayNode jobs = (ArrayNode) document.get("jobs");
        Assertions.assertThat(jobs).as("exported jobs in %s", yaml).hasSize(1);
        ObjectNode invoices = (ObjectNode) jobs.get(0);
        ObjectNode reminders = invoices.deepCopy();
        invoices.put("description", "Sends invoices and reminders");
        ((ObjectNode) invoices.get("triggers").get(0)).put("cron", NEW_CRON);
        reminders.put("name", "reminders");
        reminders.put("description", "Reminds of unpaid invoices");
        ((ObjectNode) reminders.get("triggers").get(0)).put("cron", "0 0 9 ? * MON");
        ((ObjectNode) reminders.get("triggers").get(0)).remove("name");
        jobs.add(reminders);
        return mapper.writeValueAsString(document);
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String key) {
        return rows.stream()
                .filter(r -> key.equals(r.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No change for " + key + " in " + rows));
    }

    private String cron(String job) throws Exception {
        return ((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(job, "billing"))).getCronExpression();
    }
}
