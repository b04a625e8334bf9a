package io.jobdeck.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Editing and copying a job in the browser, as an admin meets it: secrets never shown, a conflict said, not lost. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class EditJobViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-edit-job-view-test");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobDefinitions definitions;

    private String job;

    @BeforeEach
    void a_job_with_secrets() throws Exception {
        job = "ping-" + System.nanoTime();
        As.call(
                Role.ADMIN,
                () -> definitions
                        .create(
                                new JobDefinition(
                                        "default",
                                        job,
                                        "Pings the API",
                                        JobDefinition.JobType.HTTP,
                                        Map.of(
                                                HttpJobSpec.URL, "https://api.example.com/health?token=s3cret",
                                                HttpJobSpec.SECRET_PARAMETERS, "token",
                                                HttpJobSpec.HEADERS, "Authorization: Bearer t0p-secret"),
                                        "0 0 * * * ?",
                                        ZoneId.of("UTC")),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
    }

    @Test
    void while_shell_jobs_are_off_the_form_offers_only_the_other_types() {
        navigate(NewJobView.class);

        @SuppressWarnings("unchecked")
        Select<JobDefinition.JobType> type = $(Select.class).id("job-type");
        assertThat(type.getListDataView().getItems())
                .containsExactly(JobDefinition.JobType.HTTP, JobDefinition.JobType.JAVA);
        assertThat(type.getValue()).isEqualTo(JobDefinition.JobType.HTTP);
    }

    @Test
    void the_form_starts_from_the_job_with_secrets_masked_and_saving_keeps_them() throws Exception {
        navigate("jobs/default/" + job + "/edit", EditJobView.class);
        Views.awaitView(() ->
                assertThat(text("job-http-url").getValue()).isEqualTo("https://api.example.com/health?token=******"));
        assertThat($(TextArea.class).id("job-http-headers").getValue()).isEqualTo("Authorization: ******");
        assertThat(text("job-name").isReadOnly()).as("the name stays").isTrue();
        assertThat(text("job-http-url").getHelperText()).contains("secret");
        assertThat(text("job-cron").getValue()).isEqualTo("0 0 * * * ?");

        test(text("job-http-url")).setValue("https://api.example.com/ready?token=******");
        test(text("job-cron")).setValue("0 30 * * * ?");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Misfire> misfire = $(RadioButtonGroup.class).id("job-misfire");
        assertThat(misfire.getValue()).isEqualTo(Misfire.FIRE_ONCE_NOW);
        test(misfire).selectItem("Skip them");
        test($(Button.class).id("job-save")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Job default." + job + " saved"));
        Map<String, Object> stored = scheduler
                .getJobDetail(JobKey.jobKey(job, "default"))
                .getJobDataMap()
                .getWrappedMap();
        assertThat(stored.get(HttpJobSpec.URL)).isEqualTo("https://api.example.com/ready?token=s3cret");
        assertThat(stored.get(HttpJobSpec.HEADERS)).isEqualTo("Authorization: Bearer t0p-secret");
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey(job, "default")).getMisfireInstruction())
                .as("missed fires: skip them")
                .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        Views.awaitView(
                () -> assertThat($(Div.class).id("job-details").getElement().getTextRecursively())
                        .contains("/ready?token=******"));
    }

    @Test
    void saving_over_someone_elses_change_says_so_next_to_the_form_and_overwrites_nothing() throws Exception {
        navigate("jobs/default/" + job + "/edit", EditJobView.class);
        Views.awaitView(() -> assertThat(text("job-http-url").getValue()).isNotEmpty());

        // Someone else saves first.
        As.call(Role.ADMIN, () -> {
            JobDefinitions.Editable theirs = definitions
                    .readEditable("default", job)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .orElseThrow();
            Map<String, String> data = new HashMap<>(theirs.definition().data());
            data.put(HttpJobSpec.BODY, "theirs");
            JobDefinition d = theirs.definition();
            return definitions
                    .update("default", job, theirs.version(), d.withData(data), Locale.ENGLISH)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        });
        test($(TextArea.class).id("job-http-body")).setValue("mine");
        test($(Button.class).id("job-save")).click();

        Views.awaitView(() -> {
            Div conflict = $(Div.class).id("job-conflict");
            assertThat(conflict.isVisible()).isTrue();
            assertThat(conflict.getElement().getTextRecursively())
                    .contains("Someone changed job default." + job + " after this page read it");
        });
        assertThat(scheduler
                        .getJobDetail(JobKey.jobKey(job, "default"))
                        .getJobDataMap()
                        .getString(HttpJobSpec.BODY))
                .isEqualTo("theirs");
        assertThat($(TextArea.class).id("job-http-body").getValue())
                .as("what was typed is still there")
                .isEqualTo("mine");
    }

    @Test
    void a_copy_starts_under_a_new_name_and_takes_the_secrets_it_never_showed() throws Exception {
        navigate("jobs/default/" + job + "/copy", CopyJobView.class);
        Views.awaitView(() -> assertThat(text("job-name").getValue()).isEqualTo(job + "-copy"));
        assertThat(text("job-name").isReadOnly()).isFalse();
        assertThat(text("job-http-url").getValue()).doesNotContain("s3cret");

        test($(Button.class).id("job-save")).click();

        JobKey copy = JobKey.jobKey(job + "-copy", "default");
        Views.awaitView(() -> assertThat(scheduler.checkExists(copy)).isTrue());
        assertThat(scheduler.getJobDetail(copy).getJobDataMap().getString(HttpJobSpec.URL))
                .isEqualTo("https://api.example.com/health?token=s3cret");
        assertThat(scheduler.getJobDetail(copy).getJobDataMap().getString(HttpJobSpec.HEADERS))
                .isEqualTo("Authorization: Bearer t0p-secret");
    }

    @Test
    void a_job_from_code_says_it_cannot_be_edited_here() throws Exception {
        io.jobdeck.testing.TestJobs.createIdleJob(scheduler, JobKey.jobKey("coded", "tests"), "from code");
        navigate("jobs/tests/coded/edit", EditJobView.class);
        Views.awaitView(() -> assertThat($(com.vaadin.flow.component.html.Paragraph.class)
                        .id("job-form-status")
                        .getText())
                .contains("defined in code"));
        assertThat($(Button.class).withId("job-save").exists()).as("no Save").isFalse();
    }

    private TextField text(String id) {
        return $(TextField.class).id(id);
    }

    private List<String> notifications() {
        return $(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
    }
}
