package io.jobdeck.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.jobs.http.HttpRequestJob;
import io.jobdeck.jobs.shell.ShellCommandJob;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The new-job form as an admin meets it: the cron field's preview while typing, errors next to fields, saving. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class NewJobViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-new-job-view-test");
        registry.add("jobdeck.jobs.shell.enabled", () -> "true");
        registry.add("jobdeck.jobs.java.packages", () -> "io.jobdeck.jobs.java");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    AuditLog audit;

    @Autowired
    io.jobdeck.scheduler.SchedulerControl control;

    @Autowired
    io.jobdeck.jobs.JobCommands jobs;

    @Test
    void the_cron_field_says_what_it_means_and_when_it_fires_while_it_is_typed() {
        navigate(NewJobView.class);
        test($(ComboBox.class).id("job-zone")).selectItem("Europe/Berlin");

        test(cron()).setValue("0 0/15 * * * ?");

        assertThat($(Span.class).id("cron-description").getText()).isEqualTo("Every 15 minutes");
        assertThat($(OrderedList.class).id("cron-fires").getChildren().filter(ListItem.class::isInstance))
                .hasSize(10);
        assertThat(cron().isInvalid()).isFalse();

        test(cron()).setValue("0 0 25 * * ?");

        assertThat(cron().isInvalid()).isTrue();
        assertThat(cron().getErrorMessage()).startsWith("Not a valid Quartz cron expression");
        assertThat($(OrderedList.class).id("cron-fires").getChildren()).isEmpty();
        assertThat(text("job-http-url").isInvalid())
                .as("untouched fields stay quiet")
                .isFalse();
    }

    @Test
    void a_second_trigger_every_ten_minutes_three_times_previews_its_fires_and_a_trigger_can_be_removed()
            throws Exception {
        navigate(NewJobView.class);
        test(text("job-name")).setValue("twice-scheduled");
        test(text("job-http-url")).setValue("https://api.example.com/health");
        test(cron()).setValue("0 0 3 * * ?");

        test($(Button.class).id("job-add-trigger")).click();
        test(radio("job-trigger-1-kind")).selectItem("Every …");
        test($(IntegerField.class).id("job-trigger-1-every")).setValue(10);
        test($(IntegerField.class).id("job-trigger-1-times")).setValue(3);

        assertThat($(Span.class).id("trigger-1-cron-description").getText()).isEqualTo("Every 10 minutes (3 times)");
        assertThat($(OrderedList.class).id("trigger-1-cron-fires").getChildren().filter(ListItem.class::isInstance))
                .hasSize(3);
        assertThat($(TextField.class).withId("job-trigger-1-cron").exists())
                .as("only the chosen kind's fields show")
                .isFalse();

        // A bad value shows next to that trigger's own field.
        test($(IntegerField.class).id("job-trigger-1-times")).setValue(0);
        assertThat($(IntegerField.class).id("job-trigger-1-times").getErrorMessage())
                .startsWith("From 1 to 1,000,000");
        test($(IntegerField.class).id("job-trigger-1-times")).setValue(3);

        // A third one, removed again: the others stay as they were.
        test($(Button.class).id("job-add-trigger")).click();
        test($(Button.class).id("trigger-2-job-trigger-remove")).click();
        assertThat($(TextField.class).withId("job-trigger-2-cron").exists()).isFalse();

        test($(Button.class).id("job-save")).click();

        JobKey key = JobKey.jobKey("twice-scheduled", "default");
        // Saved, and back on the dashboard: only then to the job's page, or the form's push would lead away from it.
        awaitCreated("default.twice-scheduled");
        assertThat(scheduler.checkExists(key)).isTrue();
        assertThat(scheduler.getTriggersOfJob(key))
                .extracting(t -> t.getKey().getName())
                .containsExactlyInAnyOrder("twice-scheduled", "twice-scheduled#2");
        org.quartz.SimpleTrigger every = (org.quartz.SimpleTrigger)
                scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("twice-scheduled#2", "default"));
        assertThat(every.getRepeatInterval()).isEqualTo(600_000);
        assertThat(every.getRepeatCount()).isEqualTo(2);

        // On its page an operator pauses the second trigger alone.
        UI.getCurrent().navigate("jobs/default/twice-scheduled");
        Views.awaitView(() ->
                assertThat($(Button.class).withId("trigger-pause-1").exists()).isTrue());
        test($(Button.class).id("trigger-pause-1")).click();
        Views.awaitView(() ->
                assertThat($(Button.class).withId("trigger-resume-1").exists()).isTrue());
        assertThat(scheduler.getTriggerState(every.getKey())).isEqualTo(org.quartz.Trigger.TriggerState.PAUSED);
        assertThat(scheduler.getTriggerState(org.quartz.TriggerKey.triggerKey("twice-scheduled", "default")))
                .isEqualTo(org.quartz.Trigger.TriggerState.NORMAL);
        assertThat($(Button.class).id("job-pause").isVisible())
                .as("the job as a whole still runs on its other trigger")
                .isTrue();
    }

    @SuppressWarnings("unchecked")
    private RadioButtonGroup<Object> radio(String id) {
        return $(RadioButtonGroup.class).id(id);
    }

    @Test
    void saving_creates_the_job_with_string_properties_and_a_cron_trigger_and_audits_it_without_secrets()
            throws Exception {
        navigate(NewJobView.class);
        test(text("job-name")).setValue("ping-api");
        test(text("job-http-url")).setValue("https://api.example.com/health?token=s3cret");
        test($(TextArea.class).id("job-http-headers")).setValue("Authorization: Bearer t0p-secret");
        test(text("job-http-secretParameters")).setValue("token");
        test(cron()).setValue("0 0 * * * ?");
        test($(ComboBox.class).id("job-zone")).selectItem("Europe/Berlin");

        test($(Button.class).id("job-save")).click();

        JobKey key = JobKey.jobKey("ping-api", "default");
        Views.awaitView(() -> assertThat(scheduler.checkExists(key)).isTrue());
        JobDetail job = scheduler.getJobDetail(key);
        assertThat(job.getJobClass()).isEqualTo(HttpRequestJob.class);
        assertThat(job.getJobDataMap().getWrappedMap().values())
                .allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
        assertThat(job.getJobDataMap().getString(HttpJobSpec.URL))
                .isEqualTo("https://api.example.com/health?token=s3cret");
        CronTrigger trigger = (CronTrigger) scheduler.getTriggersOfJob(key).getFirst();
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 * * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        Views.awaitView(() -> assertThat($(Notification.class).all())
                .extracting(n -> test(n).getText())
                .contains("Job default.ping-api created"));

        // Its page (any logged-in user's): the definition with the secret masked, the trigger in words.
        UI.getCurrent().navigate("jobs/default/ping-api");
        Views.awaitView(() -> assertThat($(com.vaadin.flow.component.html.Div.class)
                        .id("job-details")
                        .getElement()
                        .getTextRecursively())
                .contains("https://api.example.com/health?token=******")
                .contains("Authorization: ******")
                .doesNotContain("t0p-secret")
                .doesNotContain("s3cret")
                .contains("Every hour"));

        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<AuditEntry> created = audit.search(new AuditFilter(null, AuditAction.CREATE_JOB, null, null, null), 0, 10)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .entries();
        assertThat(created)
                .filteredOn(e -> e.target().equals("job default.ping-api"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail())
                        .contains("GET https://api.example.com/health?token=******")
                        .doesNotContain("t0p-secret")
                        .doesNotContain("s3cret"));
    }

    @Test
    void a_name_taken_already_and_bad_fields_are_said_next_to_the_fields_and_nothing_is_saved() throws Exception {
        navigate(NewJobView.class);
        test(text("job-name")).setValue("twice");
        test(text("job-http-url")).setValue("https://example.com/");
        test(cron()).setValue("0 0 * * * ?");
        test($(Button.class).id("job-save")).click();
        // Saved, and the form has gone back to the dashboard (which it does by push, once saved).
        Views.awaitView(() -> assertThat($(Notification.class).all())
                .extracting(n -> test(n).getText())
                .contains("Job default.twice created"));
        assertThat(scheduler.checkExists(JobKey.jobKey("twice", "default"))).isTrue();

        navigate(NewJobView.class);
        test(text("job-name")).setValue("twice");
        test(text("job-http-url")).setValue("https://example.com/");
        test(cron()).setValue("0 0 * * * ?");
        test($(Button.class).id("job-save")).click();
        Views.awaitView(
                () -> assertThat(text("job-name").getErrorMessage()).isEqualTo("There is already a job default.twice"));

        test(text("job-name")).setValue("<b>bad</b>");
        test(text("job-http-url")).setValue("ftp://example.com/");
        test(text("job-http-timeout")).setValue("forever");
        test($(Button.class).id("job-save")).click();

        assertThat(text("job-name").getErrorMessage())
                .isEqualTo("Letters and digits, then also spaces, dots, dashes and underscores");
        assertThat(text("job-http-url").getErrorMessage()).isEqualTo("The URL must start with http:// or https://");
        assertThat(text("job-http-timeout").getErrorMessage()).startsWith("Write a timeout in seconds");
        assertThat(scheduler.checkExists(JobKey.jobKey("<b>bad</b>", "default")))
                .isFalse();
    }

    @Test
    void a_job_created_in_the_form_runs_in_the_app_and_calls_its_url() throws Exception {
        java.util.concurrent.BlockingQueue<String> calls = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            calls.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("X-Token"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            navigate(NewJobView.class);
            test(text("job-name")).setValue("hook");
            test($(Select.class).id("job-http-method")).selectItem("POST");
            test(text("job-http-url"))
                    .setValue("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            test($(TextArea.class).id("job-http-headers")).setValue("X-Token: abc");
            test(cron()).setValue("0 0 0 1 1 ? 2099");
            test($(Button.class).id("job-save")).click();
            JobKey key = JobKey.jobKey("hook", "default");
            Views.awaitView(() -> assertThat(scheduler.checkExists(key)).isTrue());

            As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
            As.call(
                    Role.OPERATOR,
                    () -> jobs.runNow("default", "hook").toCompletableFuture().get(10, TimeUnit.SECONDS));

            assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("POST abc");
        } finally {
            As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS));
            server.stop(0);
        }
    }

    @Test
    void a_shell_job_is_created_with_its_command_as_a_list_and_its_secret_variable_masked_on_its_page_and_in_the_edit()
            throws Exception {
        navigate(NewJobView.class);
        test($(Select.class).id("job-type")).selectItem("Shell command");
        test(text("job-name")).setValue("backup");
        test($(TextArea.class).id("job-shell-command")).setValue("sh\n-c\necho \"$HOME\"; exit 0");
        test($(TextArea.class).id("job-shell-environment")).setValue("TOKEN=s3cret\nMODE=full");
        test(text("job-shell-secretEnvironment")).setValue("TOKEN");
        test(text("job-shell-timeout")).setValue("0");
        test(cron()).setValue("0 0 4 * * ?");
        test($(Button.class).id("job-save")).click();

        assertThat(text("job-shell-timeout").getErrorMessage()).isEqualTo("Between 1 second and 24 hours");
        test(text("job-shell-timeout")).setValue("PT5M");
        test($(Button.class).id("job-save")).click();

        JobKey key = JobKey.jobKey("backup", "default");
        Views.awaitView(() -> assertThat(scheduler.checkExists(key)).isTrue());
        JobDetail job = scheduler.getJobDetail(key);
        assertThat(job.getJobClass()).isEqualTo(ShellCommandJob.class);
        assertThat(job.getJobDataMap().getString(ShellJobSpec.COMMAND)).isEqualTo("sh\n-c\necho \"$HOME\"; exit 0");
        assertThat(job.getJobDataMap().getString(ShellJobSpec.ENVIRONMENT)).isEqualTo("TOKEN=s3cret\nMODE=full");

        awaitCreated("default.backup");
        UI.getCurrent().navigate("jobs/default/backup/edit");
        Views.awaitView(
                () -> assertThat($(TextArea.class).id("job-shell-environment").getValue())
                        .isEqualTo("TOKEN=******\nMODE=full"));
        assertThat($(Select.class).id("job-type").getValue()).isEqualTo(JobDefinition.JobType.SHELL);
        test(text("job-shell-timeout")).setValue("PT10M");
        test($(Button.class).id("job-save")).click();
        Views.awaitView(
                () -> assertThat(scheduler.getJobDetail(key).getJobDataMap().getString(ShellJobSpec.TIMEOUT))
                        .isEqualTo("PT10M"));
        assertThat(scheduler.getJobDetail(key).getJobDataMap().getString(ShellJobSpec.ENVIRONMENT))
                .as("the secret left masked keeps its value")
                .isEqualTo("TOKEN=s3cret\nMODE=full");

        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(audit.search(AuditFilter.ANY, 0, 100)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .entries())
                .filteredOn(e -> e.target().equals("job default.backup"))
                .extracting(AuditEntry::detail)
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail).doesNotContain("s3cret"))
                .anySatisfy(detail -> assertThat(detail).contains("shell.timeout: PT5M → PT10M"));
    }

    @Test
    void a_java_job_shows_its_parameters_as_fields_and_a_wrong_value_is_said_next_to_its_field() throws Exception {
        navigate(NewJobView.class);
        test($(Select.class).id("job-type")).selectItem("Java job");
        test(text("job-name")).setValue("cleanup");
        test($(Select.class).id("job-java-job")).selectItem("Clean up a folder");
        assertThat(text("job-java-parameter-keep").getValue()).as("its default").isEqualTo("3");
        assertThat(text("job-java-parameter-folder").getHelperText()).isEqualTo("Which folder");
        assertThat($(PasswordField.class).id("job-java-parameter-password")).isNotNull();
        assertThat($(Checkbox.class).id("job-java-parameter-dryRun").getHelperText())
                .isEqualTo("Only list what goes");
        test(text("job-java-parameter-keep")).setValue("many");
        test(cron()).setValue("0 0 4 * * ?");
        test($(Button.class).id("job-save")).click();

        assertThat(text("job-java-parameter-keep").getErrorMessage()).isEqualTo("Write a whole number");
        assertThat(text("job-java-parameter-folder").getErrorMessage()).isEqualTo("Required");
        assertThat(scheduler.checkExists(JobKey.jobKey("cleanup", "default"))).isFalse();

        test(text("job-java-parameter-keep")).setValue("5");
        test(text("job-java-parameter-folder")).setValue("/var/exports");
        test($(PasswordField.class).id("job-java-parameter-password")).setValue("pa55");
        test($(Button.class).id("job-save")).click();

        JobKey key = JobKey.jobKey("cleanup", "default");
        Views.awaitView(() -> assertThat(scheduler.checkExists(key)).isTrue());
        JobDetail job = scheduler.getJobDetail(key);
        assertThat(job.getJobClass().getName()).isEqualTo("io.jobdeck.jobs.java.CleanupJob");
        assertThat(job.getJobDataMap().getWrappedMap())
                .containsEntry("folder", "/var/exports")
                .containsEntry("keep", "5")
                .containsEntry("password", "pa55")
                .containsEntry("dryRun", "false");

        awaitCreated("default.cleanup");
        UI.getCurrent().navigate("jobs/default/cleanup");
        Views.awaitView(() -> assertThat($(com.vaadin.flow.component.html.Div.class)
                        .id("job-details")
                        .getElement()
                        .getTextRecursively())
                .contains("Clean up a folder")
                .contains("password=******")
                .doesNotContain("pa55"));
    }

    @Test
    void a_retry_policy_is_said_in_words_its_bad_values_next_to_its_fields_and_it_is_saved_shown_and_edited()
            throws Exception {
        navigate(NewJobView.class);
        test(text("job-name")).setValue("retried");
        test(text("job-http-url")).setValue("https://api.example.com/sync");
        test(cron()).setValue("0 0 * * * ?");
        assertThat(retryWords()).isEqualTo("No retry: a run that fails is not run again.");
        assertThat($(RadioButtonGroup.class).withId("job-retry-backoff").exists())
                .as("only the number of attempts shows until there is more than one")
                .isFalse();

        test(integer("job-retry-maxAttempts")).setValue(11);
        assertThat(integer("job-retry-maxAttempts").getErrorMessage()).isEqualTo("From 1 (no retry) to 10");

        test(integer("job-retry-maxAttempts")).setValue(3);
        test(radio("job-retry-backoff")).selectItem("Doubling");
        test(integer("job-retry-delay-amount")).setValue(10);
        test(integer("job-retry-maxDelay-amount")).setValue(5);
        test(integer("job-retry-jitter")).setValue(150);
        test($(CheckboxGroup.class).id("job-retry-failures")).deselectAll();
        test($(Button.class).id("job-save")).click();

        assertThat(integer("job-retry-jitter").getErrorMessage()).isEqualTo("From 0 to 100 %");
        assertThat(field("job-retry-maxDelay").getErrorMessage()).isEqualTo("At least as long as the first wait");
        assertThat($(CheckboxGroup.class).id("job-retry-failures").getErrorMessage())
                .isEqualTo("Choose at least one kind of failure to retry");
        assertThat(scheduler.checkExists(JobKey.jobKey("retried", "default"))).isFalse();

        test(integer("job-retry-jitter")).setValue(10);
        test($(Select.class).id("job-retry-maxDelay-unit")).selectItem("minutes");
        test($(CheckboxGroup.class).id("job-retry-failures")).selectItems("a failure", "a timeout");
        test(text("job-retry-errorContains")).setValue("503");
        String words = "Attempts in all: 3. Waits 10 s before the first retry, then twice as long each time, at most"
                + " 5 min, give or take 10 %; retries after a failure or a timeout, if the error contains \u201C503\u201D.";
        assertThat(retryWords()).isEqualTo(words);
        assertThat(field("job-retry-maxDelay").isInvalid()).isFalse();

        test($(Button.class).id("job-save")).click();

        awaitCreated("default.retried");
        assertThat(scheduler
                        .getJobDetail(JobKey.jobKey("retried", "default"))
                        .getJobDataMap()
                        .getWrappedMap())
                .containsEntry("jobdeck.retry.attempts", "3")
                .containsEntry("jobdeck.retry.backoff", "EXPONENTIAL")
                .containsEntry("jobdeck.retry.delay", "PT10S")
                .containsEntry("jobdeck.retry.max-delay", "PT5M")
                .containsEntry("jobdeck.retry.jitter", "10")
                .containsEntry("jobdeck.retry.failures", "FAILED,TIMED_OUT")
                .containsEntry("jobdeck.retry.error-contains", "503");

        UI.getCurrent().navigate("jobs/default/retried");
        Views.awaitView(
                () -> assertThat($(Paragraph.class).id("job-retry").getText()).isEqualTo(words));

        navigate("jobs/default/retried/edit", EditJobView.class);
        Views.awaitView(() -> assertThat(retryWords()).isEqualTo(words));
        assertThat(integer("job-retry-maxDelay-amount").getValue()).isEqualTo(5);
        assertThat(text("job-retry-errorContains").getValue()).isEqualTo("503");
    }

    /** Saved, and the form has gone back to the dashboard (which it does by push). */
    private void awaitCreated(String job) {
        Views.awaitView(() -> assertThat($(Notification.class).all())
                .extracting(n -> test(n).getText())
                .contains("Job " + job + " created"));
    }

    private TextField cron() {
        return text("job-cron");
    }

    private String retryWords() {
        return $(Paragraph.class).id("job-retry-words").getText();
    }

    private IntegerField integer(String id) {
        return $(IntegerField.class).id(id);
    }

    private DurationField field(String id) {
        return $(DurationField.class).id(id);
    }

    private TextField text(String id) {
        return $(TextField.class).id(id);
    }
}
