package io.jobdeck.jobs;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.jobs.http.HttpJobProperties;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.jobs.http.HttpRequestJob;
import io.jobdeck.jobs.internal.JobCatalogReader;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Jobs defined in the browser: checks a definition field by field ({@link #check}, pure and quick, for as-you-type
 * validation) and creates it ({@link #create}, ADMIN, audited, on {@code jobdeck-definitions}). The definition is
 * checked again on the server whatever the form said; the job data is written as string properties only.
 */
@Service
public class JobDefinitions implements DisposableBean {

    private final Scheduler scheduler;
    private final JobDefinitionChecks checks;
    private final HttpJobProperties http;
    private final MessageSource messages;
    private final ThreadPoolExecutor worker = Threads.single("jobdeck-definitions", 100);

    JobDefinitions(Scheduler scheduler, JobDefinitionChecks checks, HttpJobProperties http, MessageSource messages) {
        this.scheduler = scheduler;
        this.checks = checks;
        this.http = http;
        this.messages = messages;
    }

    /** A created job, and what the audit trail says about it (secrets masked). */
    public record Created(JobKey key, String summary) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(summary);
        }
    }

    /** Thrown (through the stage) when a definition is refused: each problem names its field. */
    public static final class Refused extends RuntimeException {

        private final List<FieldProblem> problems;

        Refused(List<FieldProblem> problems) {
            super(problems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(""));
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** What is wrong with a definition, field by field, in the reader's language; empty when it can be saved. */
    public List<FieldProblem> check(JobDefinition definition, Locale locale) {
        return checks.check(definition, locale);
    }

    /** A job's definition and triggers, for its page; empty if there is no such job. Reads the job store. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Optional<JobDetails>> read(String group, String name) {
        return onWorker(() -> details(JobKey.jobKey(name, group)));
    }

    private Optional<JobDetails> details(JobKey key) throws SchedulerException {
        JobDetail job = scheduler.getJobDetail(key);
        if (job == null) {
            return Optional.empty();
        }
        List<JobDetails.Field> definition = new ArrayList<>();
        String kind = job.getJobClass().getSimpleName();
        if (job.getJobClass() == HttpRequestJob.class) {
            kind = JobDefinition.JobType.HTTP.name();
            HttpJobSpec.Parsed parsed = HttpJobSpec.parse(job.getJobDataMap(), http);
            HttpJobSpec spec = parsed.spec();
            if (spec != null) {
                definition.add(new JobDetails.Field("job.form.http.method", spec.method()));
                definition.add(new JobDetails.Field("job.form.http.url", spec.maskedUrl()));
                if (!spec.headers().isEmpty()) {
                    definition.add(new JobDetails.Field("job.form.http.headers", spec.shownHeaders()));
                }
                if (!spec.body().isEmpty()) {
                    definition.add(new JobDetails.Field("job.form.http.body", spec.body()));
                }
                definition.add(new JobDetails.Field(
                        "job.form.http.timeout", spec.timeout().toString()));
                definition.add(new JobDetails.Field("job.form.http.expected", spec.expectedText()));
            }
        }
        List<JobDetails.TriggerDetails> triggers = new ArrayList<>();
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
            triggers.add(new JobDetails.TriggerDetails(
                    trigger.getKey().getName(),
                    JobCatalogReader.schedule(trigger),
                    state == Trigger.TriggerState.PAUSED,
                    state == Trigger.TriggerState.PAUSED || trigger.getNextFireTime() == null
                            ? null
                            : trigger.getNextFireTime().toInstant(),
                    trigger.getPreviousFireTime() == null
                            ? null
                            : trigger.getPreviousFireTime().toInstant()));
        }
        return Optional.of(
                new JobDetails(key.getGroup(), key.getName(), job.getDescription(), kind, definition, triggers));
    }

    /** Creates the job with its cron trigger. Refused (with every problem) if the definition does not check out. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.CREATE_JOB, target = "'job ' + #definition.group() + '.' + #definition.name()")
    public CompletionStage<Created> create(JobDefinition definition, Locale locale) {
        List<FieldProblem> problems = check(definition, locale);
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new Refused(problems));
        }
        return onWorker(() -> store(definition, locale));
    }

    private interface QuartzWork<T> {
        T run() throws SchedulerException;
    }

    /** Runs job-store work on {@code jobdeck-definitions}; a refusal passes as it is, anything else as a message. */
    private <T> CompletionStage<T> onWorker(QuartzWork<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    done.complete(work.run());
                } catch (Refused refused) {
                    done.completeExceptionally(refused);
                } catch (SchedulerException | RuntimeException e) {
                    done.completeExceptionally(new JobCommandException(Errors.describe(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new JobCommandException("Too many requests are waiting; try again"));
        }
        return done;
    }

    private Created store(JobDefinition definition, Locale locale) throws SchedulerException {
        JobKey key = JobKey.jobKey(definition.name(), definition.group());
        HttpJobSpec spec = HttpJobSpec.parse(definition.data(), http).spec();
        if (spec == null) {
            throw new IllegalStateException("checked above");
        }
        JobDetail job = JobBuilder.newJob(HttpRequestJob.class)
                .withIdentity(key)
                .withDescription(definition.description().isBlank() ? null : definition.description())
                .usingJobData(new JobDataMap(spec.toData()))
                .storeDurably()
                .requestRecovery(false)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key.getName(), key.getGroup())
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(definition.cron().strip())
                        .inTimeZone(TimeZone.getTimeZone(definition.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        try {
            scheduler.scheduleJob(job, trigger);
        } catch (ObjectAlreadyExistsException exists) {
            throw new Refused(List.of(new FieldProblem(
                    "name", message("job.problem.exists", locale, definition.group(), definition.name()))));
        }
        return new Created(
                key,
                "HTTP " + spec.describe() + "; cron " + definition.cron().strip() + " "
                        + definition.zone().getId());
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    @Override
    public void destroy() {
        Threads.shutdown(worker, Duration.ofSeconds(5));
    }
}
