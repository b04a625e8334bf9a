package io.jobdeck.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.stats.ExecutionBuckets;
import io.jobdeck.testing.As;
import io.jobdeck.testing.ExecutionRows;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import io.jobdeck.ui.Chart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A job's page offers what the reader's role allows, and each action's outcome arrives by push. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobDetailViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-detail-view-test");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JdbcClient jdbc;

    private String job;

    @BeforeEach
    void a_job() throws Exception {
        job = "report-" + System.nanoTime();
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(
                                new JobDefinition(
                                        "default",
                                        job,
                                        "",
                                        JobDefinition.JobType.HTTP,
                                        Map.of(HttpJobSpec.URL, "https://example.com/"),
                                        "0 0 0 1 1 ? 2099",
                                        ZoneId.of("UTC")),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }

    @Autowired
    ExecutionBuckets buckets;

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void the_jobs_durations_are_charted_as_p50_p95_and_max_per_minute() {
        open();
        Instant now = Instant.now();
        buckets.add(List.of(
                new ExecutionBuckets.Ended("default", job, now, 100, JobOutcome.SUCCEEDED, null),
                new ExecutionBuckets.Ended("default", job, now, 300, JobOutcome.FAILED, null),
                new ExecutionBuckets.Ended("default", "another", now, 9_000, JobOutcome.SUCCEEDED, null)));
        Views.awaitView(() -> {
            String json = find(Chart.class).id("chart-durations").json();
            assertThat(json).contains("\"name\":\"Max\"");
            JsonNode spec = JsonMapper.builder().build().readTree(json);
            assertThat(spec.get("times")).hasSize(24 * 60);
            List<Long> max = new ArrayList<>();
            spec.get("series").get(2).get("values").forEach(v -> {
                if (!v.isNull()) {
                    max.add(v.asLong());
                }
            });
            assertThat(max).as("only this job's runs").containsExactly(300L);
        });
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_viewer_reads_the_job_and_gets_no_actions() {
        open();
        assertThat(actions()).isEmpty();
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_job_that_runs_again_if_its_node_dies_says_so_and_one_that_does_not_says_nothing() throws Exception {
        open();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class)
                        .withId("job-rerun-if-node-dies")
                        .exists())
                .isFalse();
        String recovered = "recovered-" + System.nanoTime();
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(
                                new JobDefinition(
                                                "default",
                                                recovered,
                                                "",
                                                JobDefinition.JobType.HTTP,
                                                Map.of(HttpJobSpec.URL, "https://example.com/"),
                                                "0 0 0 1 1 ? 2099",
                                                ZoneId.of("UTC"))
                                        .withRerunIfNodeDies(true),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        navigate("jobs/default/" + recovered, JobDetailView.class);
        Views.awaitView(() -> assertThat($(com.vaadin.flow.component.html.Paragraph.class)
                        .id("job-rerun-if-node-dies")
                        .getText())
                .isEqualTo("Runs again on another node if its node dies while it runs."));
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_pauses_and_resumes_and_the_page_follows_but_cannot_edit_or_delete() throws Exception {
        open();
        assertThat(actions())
                .containsExactly(
                        "job-pause", "job-run", "job-run-with-parameters", "job-pause-group", "job-resume-group");

        test($(Button.class).id("job-pause")).click();

        TriggerKey trigger = TriggerKey.triggerKey(job, "default");
        Views.awaitView(() -> {
            assertThat(scheduler.getTriggerState(trigger)).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(actions()).contains("job-resume");
            assertThat($(com.vaadin.flow.component.html.UnorderedList.class)
                            .id("job-triggers")
                            .getElement()
                            .getTextRecursively())
                    .contains("paused");
        });
        test($(Button.class).id("job-resume")).click();
        Views.awaitView(() -> assertThat(actions()).contains("job-pause"));
        assertThat(scheduler.getTriggerState(trigger)).isEqualTo(Trigger.TriggerState.NORMAL);
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void run_with_parameters_says_what_is_wrong_next_to_the_field_and_runs_once_right() throws Exception {
        open();
        test($(Button.class).id("job-run-with-parameters")).click();
        TextArea parameters = $(TextArea.class).id("run-parameters");

        test(parameters).setValue("just words");
        assertThat(parameters.isInvalid()).isTrue();
        assertThat(parameters.getErrorMessage()).startsWith("Line 1: write a parameter as name=value");

        test(parameters).setValue("http.url=https://elsewhere.example/");
        assertThat(parameters.isInvalid()).as("well-formed").isFalse();
        test($(Button.class).id("run-parameters-run")).click();
        Views.awaitView(() -> assertThat(parameters.getErrorMessage())
                .contains("Part of the job's own definition, not a parameter: http.url"));
        assertThat($(Dialog.class).single().isOpened()).as("still open").isTrue();

        test(parameters).setValue("day=2026-12-01\nfull=true");
        test($(Button.class).id("run-parameters-run")).click();
        Views.awaitView(
                () -> assertThat(notifications()).contains("Run now: queued, it runs when the scheduler starts"));
        assertThat($(Dialog.class).all()).noneMatch(Dialog::isOpened);
        assertThat(scheduler.getTriggersOfJob(JobKey.jobKey(job, "default")))
                .filteredOn(t -> t.getKey().getName().startsWith("MT_"))
                .singleElement()
                .satisfies(t -> assertThat(t.getJobDataMap().getWrappedMap())
                        .containsEntry("day", "2026-12-01")
                        .containsEntry("full", "true"));
    }

    @Test
    @WithMockUser(
            username = "admin",
            roles = {"VIEWER", "OPERATOR", "ADMIN"})
    void an_admin_also_edits_copies_and_deletes_after_confirming() throws Exception {
        open();
        assertThat(actions())
                .containsExactly(
                        "job-pause",
                        "job-run",
                        "job-run-with-parameters",
                        "job-pause-group",
                        "job-resume-group",
                        "job-edit",
                        "job-copy",
                        "job-delete");

        test($(Button.class).id("job-delete")).click();
        test($(Button.class).id("delete-confirm-button")).click();

        Views.awaitView(() ->
                assertThat(scheduler.checkExists(JobKey.jobKey(job, "default"))).isFalse());
        Views.awaitView(() -> assertThat(notifications()).contains("Delete: done"));
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void its_recent_runs_link_to_their_executions_with_a_sparkline_and_a_link_to_all_of_them() {
        Instant at = Instant.now().minusSeconds(300);
        long ok = ExecutionRows.insert(jdbc, "default", job, "SUCCEEDED", at, Duration.ofMillis(800), null, "node-a");
        long failed = ExecutionRows.insert(
                jdbc, "default", job, "FAILED", at.plusSeconds(60), Duration.ofMillis(200), "boom", "node-a");
        ExecutionRows.insert(jdbc, "other", job, "FAILED", at.plusSeconds(90), Duration.ofMillis(1), "x", "node-a");

        open();

        Views.awaitView(() -> assertThat(runLinks()).containsExactly("executions/" + failed, "executions/" + ok));
        assertThat($(com.vaadin.flow.component.html.Div.class)
                        .id("job-runs-list")
                        .getElement()
                        .getTextRecursively())
                .contains("Failed")
                .contains("Succeeded")
                .contains("200 ms")
                .contains("800 ms");
        String svg =
                $(com.vaadin.flow.component.Html.class).id("job-runs-sparkline").getInnerHtml();
        assertThat(svg.split("<rect ", -1)).as("one bar per run").hasSize(3);
        assertThat(svg).contains("fill: var(--lumo-error-color)").contains("height=\"32.0\"");
        assertThat($(com.vaadin.flow.component.html.Anchor.class)
                        .id("job-runs-all")
                        .getHref())
                .isEqualTo("history?group=default&job=" + job);
    }

    private List<String> runLinks() {
        return $(com.vaadin.flow.component.html.Div.class)
                .id("job-runs-list")
                .getChildren()
                .map(row -> ((com.vaadin.flow.component.html.Anchor)
                                row.getChildren().findFirst().orElseThrow())
                        .getHref())
                .toList();
    }

    private void open() {
        navigate("jobs/default/" + job, JobDetailView.class);
        Views.awaitView(() -> assertThat($(com.vaadin.flow.component.html.Div.class)
                        .id("job-details")
                        .getElement()
                        .getTextRecursively())
                .contains("https://example.com/"));
    }

    private List<String> actions() {
        // Only visible components are found: a hidden bar is no actions.
        return $(HorizontalLayout.class).withId("job-actions").all().stream()
                .flatMap(bar -> bar.getChildren())
                .filter(c -> c.isVisible())
                .map(c -> c.getId().orElse("?"))
                .toList();
    }

    private List<String> notifications() {
        return $(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
    }
}
