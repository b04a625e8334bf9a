package io.jobdeck.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.testing.ExecutionRows;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An execution's page: its error, stack trace and log shown as text (whatever they hold), its attempts, re-run for
 * operators only, a clear answer for an execution that does not exist, and a running one brought up to date by push.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String TRACE = "java.lang.IllegalStateException: <script>alert(1)</script>\n"
            + "\tat io.jobdeck.Example.run(Example.java:42)\n";
    static final String LOG = "line 1\n<img src=x onerror=alert(1)>\nline 3";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-execution-view-test");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventHub hub;

    @Autowired
    JobDefinitions definitions;

    long first;
    long failed;

    @BeforeAll
    void executions() throws Exception {
        TestJobs.define(
                definitions,
                new JobDefinition(
                        "billing",
                        "invoice",
                        "",
                        JobDefinition.JobType.HTTP,
                        Map.of(HttpJobSpec.URL, "https://example.com/"),
                        "0 0 0 1 1 ? 2099",
                        ZoneId.of("UTC")));
        Instant at = Instant.now().minusSeconds(600);
        first = ExecutionRows.insert(
                jdbc, "billing", "invoice", "FAILED", at, Duration.ofSeconds(1), "first try failed", "node-a");
        failed = ExecutionRows.insert(
                jdbc,
                "billing",
                "invoice",
                "FAILED",
                at.plusSeconds(60),
                Duration.ofSeconds(2),
                "<b>boom</b>",
                "node-b");
        ExecutionRows.retryOf(jdbc, first, failed, 2);
        ExecutionRows.detail(jdbc, failed, TRACE, LOG, true);
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_viewer_sees_the_error_stack_trace_and_log_as_text_and_no_rerun() {
        navigate("executions/" + failed, ExecutionView.class);

        Views.awaitView(
                () -> assertThat(find(Pre.class).id("execution-stack-trace").getText())
                        .isEqualTo(TRACE));
        assertThat(find(Pre.class).id("execution-log").getText()).isEqualTo(LOG);
        assertThat(find(Pre.class).id("execution-error").getText()).isEqualTo("<b>boom</b>");
        assertThat(find(Paragraph.class).id("execution-log-cut").getText())
                .isEqualTo("The log was cut at 65,536 characters.");
        assertThat(find(Html.class).all()).as("nothing rendered as markup").isEmpty();
        assertThat(find(Span.class).id("execution-outcome").getText()).isEqualTo("Failed");
        assertThat(find(Anchor.class).id("execution-job").getHref()).isEqualTo("jobs/billing/invoice");
        assertThat(find(Anchor.class).withTextContaining("Attempt 1").single().getHref())
                .isEqualTo("executions/" + first);
        assertThat(find(Button.class).withId("execution-rerun").all()).isEmpty();
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_reruns_it_and_is_told_what_happened() {
        navigate("executions/" + failed, ExecutionView.class);
        Views.awaitView(() ->
                assertThat(find(Button.class).id("execution-rerun").isVisible()).isTrue());

        test(find(Button.class).id("execution-rerun")).click();

        Views.awaitView(() -> assertThat(test(find(Notification.class).last()).getText())
                .isEqualTo("Re-run: queued, it runs when the scheduler starts"));
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void an_execution_that_does_not_exist_is_said_so_whatever_the_address() {
        navigate("executions/999999", ExecutionView.class);
        Views.awaitView(
                () -> assertThat(find(Paragraph.class).id("execution-missing").getText())
                        .isEqualTo("There is no execution 999999."));

        navigate("executions/not-a-number", ExecutionView.class);
        assertThat(find(Paragraph.class).id("execution-missing").getText())
                .isEqualTo("There is no execution not-a-number.");
        assertThat(find(Pre.class).all()).isEmpty();
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    void a_running_execution_is_shown_ended_by_push_when_it_ends() {
        Instant started = Instant.now();
        long running = ExecutionRows.insert(jdbc, "billing", "slow", "RUNNING", started, null, null, "node-a");
        String fireId = jdbc.sql("SELECT FIRE_ID FROM JOBDECK_EXECUTION WHERE ID = ?")
                .param(running)
                .query(String.class)
                .single();
        navigate("executions/" + running, ExecutionView.class);
        Views.awaitView(() ->
                assertThat(find(Span.class).id("execution-outcome").getText()).isEqualTo("Running"));
        assertThat(find(Paragraph.class).id("execution-running").getText()).startsWith("Running since ");

        jdbc.sql("UPDATE JOBDECK_EXECUTION SET OUTCOME = 'SUCCEEDED', DURATION_MS = 1500 WHERE ID = ?")
                .param(running)
                .update();
        hub.publish(new SchedulerEvent.JobFinished(
                "node-a", fireId, "billing", "slow", started, Duration.ofMillis(1500), JobOutcome.SUCCEEDED, null));

        Views.awaitView(() ->
                assertThat(find(Span.class).id("execution-outcome").getText()).isEqualTo("Succeeded"));
        assertThat(find(Paragraph.class).withId("execution-running").all()).isEmpty();
    }
}
