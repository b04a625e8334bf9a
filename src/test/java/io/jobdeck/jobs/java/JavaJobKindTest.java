package io.jobdeck.jobs.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.JobRun;
import io.jobdeck.jobs.JobdeckJob;
import io.jobdeck.jobs.SelectableJob;
import io.jobdeck.scheduler.JobInterruptedException;
import io.jobdeck.testing.Messages;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Java jobs: what the form offers, how parameters are checked and stored, masked, and handed to a run. */
class JavaJobKindTest {

    private final BlockingQueue<JobRun> runs = new LinkedBlockingQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);

    private final JobdeckJob report = new JobdeckJob() {
        @Override
        public String title() {
            return "Send a report";
        }

        @Override
        public List<JobParameter> parameters() {
            return List.of(
                    JobParameter.required("recipient", JobParameter.Type.STRING, "Who gets it"),
                    JobParameter.optional("days", JobParameter.Type.INTEGER, "7", ""),
                    JobParameter.optional("dryRun", JobParameter.Type.BOOLEAN, "false", ""),
                    JobParameter.optional("work", JobParameter.Type.DURATION, "", ""),
                    JobParameter.optional("token", JobParameter.Type.STRING, "", "")
                            .asSecret());
        }

        @Override
        public void run(JobRun run) throws InterruptedException {
            runs.add(run);
            if (run.has("work")) {
                started.countDown();
                Thread.sleep(run.duration("work").toMillis());
            }
        }
    };

    private final JavaJobCatalog catalog = new JavaJobCatalog(
            new StaticListableBeanFactory(Map.of("report", report)),
            new JavaJobProperties(List.of("io.jobdeck.jobs.java")));
    private final JavaJobKind kind = new JavaJobKind(catalog, Messages.bundle());

    @Test
    void the_form_is_offered_every_job_bean_and_every_declared_quartz_class_with_their_parameters() {
        assertThat(catalog.all())
                .extracting(SelectableJob::id, SelectableJob::title)
                .containsExactly(
                        tuple("class:" + CleanupJob.class.getName(), "Clean up a folder"),
                        tuple("bean:report", "Send a report"));
        assertThat(catalog.find("class:" + CleanupJob.class.getName())
                        .orElseThrow()
                        .parameters())
                .containsExactly(
                        new JobParameter("folder", JobParameter.Type.STRING, true, "", false, "Which folder"),
                        new JobParameter("keep", JobParameter.Type.INTEGER, false, "3", false, ""),
                        new JobParameter("password", JobParameter.Type.STRING, false, "", true, ""),
                        new JobParameter("dryRun", JobParameter.Type.BOOLEAN, false, "", false, "Only list what goes"));
    }

    @Test
    void a_missing_required_value_a_value_of_the_wrong_type_and_an_unknown_parameter_are_each_said_at_their_field() {
        Map<String, String> data = Map.of(
                JavaJobKind.JOB,
                "bean:report",
                "recipient",
                " ",
                "days",
                "a week",
                "dryRun",
                "maybe",
                "work",
                "soon",
                "colour",
                "red");

        assertThat(kind.check(data, Locale.ENGLISH))
                .containsExactlyInAnyOrder(
                        new FieldProblem("java.parameter.recipient", "Required"),
                        new FieldProblem("java.parameter.days", "Write a whole number"),
                        new FieldProblem("java.parameter.dryRun", "Write true or false"),
                        new FieldProblem(
                                "java.parameter.work", "Write a duration in seconds (30) or as ISO-8601 (PT30S)"),
                        new FieldProblem(JavaJobKind.JOB, "Not a parameter of this job: colour"));
        assertThat(kind.check(Map.of(JavaJobKind.JOB, "bean:gone"), Locale.ENGLISH))
                .containsExactly(
                        new FieldProblem(JavaJobKind.JOB, "There is no Java job bean:gone in this application"));
        assertThat(kind.check(Map.of(JavaJobKind.JOB, ""), Locale.ENGLISH))
                .containsExactly(new FieldProblem(JavaJobKind.JOB, "Choose a job"));
    }

    @Test
    void the_bean_runs_with_the_checked_values_typed_and_defaults_in_place_of_empty_ones() throws Exception {
        Map<String, String> stored = kind.toData(
                Map.of(JavaJobKind.JOB, "bean:report", "recipient", "ops@example.com", "days", "", "dryRun", "TRUE"));
        assertThat(stored)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        JavaJobKind.JOB, "bean:report", "recipient", "ops@example.com", "days", "7", "dryRun", "true"));
        assertThat(kind.jobClass(stored)).isEqualTo(BeanJob.class);

        new BeanJob(catalog).execute(context(stored));

        JobRun run = runs.poll(5, TimeUnit.SECONDS);
        assertThat(run.string("recipient")).isEqualTo("ops@example.com");
        assertThat(run.integer("days")).isEqualTo(7L);
        assertThat(run.flag("dryRun")).isTrue();
        assertThat(run.has("work")).isFalse();
        assertThat(run.name()).isEqualTo("java-test");
    }

    @Test
    void an_interrupt_reaches_the_running_bean_and_the_run_ends_as_interrupted() throws Exception {
        BeanJob job = new BeanJob(catalog);
        Map<String, String> stored =
                kind.toData(Map.of(JavaJobKind.JOB, "bean:report", "recipient", "a", "work", "PT60S"));
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                job.execute(context(stored));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        job.interrupt();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                .rootCause()
                .isInstanceOf(JobInterruptedException.class)
                .hasMessage("Send a report was interrupted");
    }

    @Test
    void a_declared_quartz_class_runs_as_itself_and_reads_its_checked_values_under_their_names() throws Exception {
        String id = "class:" + CleanupJob.class.getName();
        assertThat(kind.check(Map.of(JavaJobKind.JOB, id, "keep", "x"), Locale.ENGLISH))
                .containsExactlyInAnyOrder(
                        new FieldProblem("java.parameter.folder", "Required"),
                        new FieldProblem("java.parameter.keep", "Write a whole number"));
        Map<String, String> stored = kind.toData(Map.of(JavaJobKind.JOB, id, "folder", "/tmp/x", "keep", ""));
        assertThat(kind.jobClass(stored)).isEqualTo(CleanupJob.class);
        assertThat(kind.defines(CleanupJob.class, stored)).isTrue();

        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "java-job-test-" + UUID.randomUUID());
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        try {
            scheduler.start();
            JobDetail job = JobBuilder.newJob(kind.jobClass(stored))
                    .withIdentity("cleanup")
                    .usingJobData(new JobDataMap(stored))
                    .build();
            scheduler.scheduleJob(job, TriggerBuilder.newTrigger().startNow().build());

            assertThat(CleanupJob.RAN.poll(10, TimeUnit.SECONDS))
                    .containsEntry("folder", "/tmp/x")
                    .containsEntry("keep", "3");
        } finally {
            scheduler.shutdown(true);
        }
    }

    @Test
    void secret_values_are_masked_for_the_form_the_trail_and_the_page_and_a_mask_left_keeps_the_stored_value() {
        Map<String, String> stored =
                kind.toData(Map.of(JavaJobKind.JOB, "bean:report", "recipient", "a@b", "token", "s3cret"));

        Map<String, String> shown = kind.toMaskedData(stored);

        assertThat(shown).containsEntry("token", "******").containsEntry("recipient", "a@b");
        assertThat(kind.describe(stored)).contains("token=******").doesNotContain("s3cret");
        assertThat(kind.details(stored).toString()).doesNotContain("s3cret");
        Map<String, String> edited = new HashMap<>(shown);
        edited.put("recipient", "c@d");
        assertThat(kind.unmask(edited, stored)).containsEntry("token", "s3cret").containsEntry("recipient", "c@d");
        assertThat(kind.maskedSecrets(kind.unmask(edited, Map.of(JavaJobKind.JOB, "bean:report")), Locale.ENGLISH))
                .extracting(FieldProblem::field)
                .containsExactly("java.parameter.token");
    }

    private static JobExecutionContext context(Map<String, String> data) {
        JobDetail detail = JobBuilder.newJob(BeanJob.class)
                .withIdentity("java-test")
                .usingJobData(new JobDataMap(data))
                .build();
        JobExecutionContext context = mock(JobExecutionContext.class);
        when(context.getJobDetail()).thenReturn(detail);
        when(context.getMergedJobDataMap()).thenReturn(new JobDataMap(data));
        return context;
    }
}
