package io.jobdeck.jobs;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.jobs.internal.JobCatalogReader;
import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import io.jobdeck.jobs.java.JavaJobCatalog;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
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
    private final JobKinds kinds;
    private final JavaJobCatalog javaJobs;
    private final MessageSource messages;
    private final ThreadPoolExecutor worker = Threads.single("jobdeck-definitions", 100);

    JobDefinitions(
            Scheduler scheduler,
            JobDefinitionChecks checks,
            JobKinds kinds,
            JavaJobCatalog javaJobs,
            MessageSource messages) {
        this.scheduler = scheduler;
        this.checks = checks;
        this.kinds = kinds;
        this.javaJobs = javaJobs;
        this.messages = messages;
    }

    /** A created job, and what the audit trail says about it (secrets masked). */
    public record Created(String group, String name, String summary) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(summary);
        }
    }

    /** A changed job, and what the audit trail says about it: each changed field before and after, secrets masked. */
    public record Updated(String group, String name, String changes) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(changes);
        }
    }

    /**
     * A job's definition as its edit form starts from (secret values masked, as {@code ******}),
     * and the version it was read at: {@link #update} refuses to save over a job that has changed since.
     */
    public record Editable(JobDefinition definition, String version) {}

    /** Thrown (through the stage) when the job changed, or went, after the form read it: nothing was saved. */
    public static final class Changed extends RuntimeException {

        Changed(String message) {
            super(message);
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

    /** The types the form offers on this server (shell commands only when switched on). */
    public List<JobDefinition.JobType> offeredTypes() {
        return Arrays.stream(JobDefinition.JobType.values())
                .filter(type -> kinds.of(type).enabled())
                .toList();
    }

    /** The Java jobs the form offers, by title, each with the parameters it asks for. */
    public List<SelectableJob> javaJobs() {
        return javaJobs.all();
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
        Map<String, String> data = data(job);
        Optional<JobKind> type = kinds.of(job.getJobClass(), data);
        String kind = type.map(k -> k.type().name()).orElse(job.getJobClass().getSimpleName());
        List<JobDetails.Field> definition = type.map(k -> k.details(data)).orElse(List.of());
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

    /**
     * Creates a copy of the job {@code original} from a form that started from its {@link #editable} definition: a
     * secret value left masked in {@code definition} is the original's.
     */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(
            value = AuditAction.CREATE_JOB,
            target = "'job ' + #definition.group() + '.' + #definition.name()",
            detail = "'copy of ' + #originalGroup + '.' + #originalName")
    public CompletionStage<Created> copy(
            String originalGroup, String originalName, JobDefinition definition, Locale locale) {
        return onWorker(() -> {
            JobDetail original = scheduler.getJobDetail(JobKey.jobKey(originalName, originalGroup));
            JobDefinition unmasked = original == null ? definition : unmasked(definition, storedDefinition(original));
            refuseIfWrong(unmasked, locale);
            return store(unmasked, locale);
        });
    }

    /**
     * A job's definition for its edit form, secrets masked, with its version; empty if there is no such job. Fails
     * with a message if the job cannot be edited here (it was defined in code, or its schedule was changed in code).
     */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<Optional<Editable>> readEditable(String group, String name) {
        return onWorker(() -> {
            JobKey key = JobKey.jobKey(name, group);
            JobDetail job = scheduler.getJobDetail(key);
            if (job == null) {
                return Optional.empty();
            }
            JobDefinition stored = storedDefinition(job);
            return Optional.of(
                    new Editable(withData(stored, kinds.of(stored.type()).toMaskedData(stored.data())), version(job)));
        });
    }

    /**
     * Saves an edited definition over the job it was read from, if the job is still as it was at {@code version};
     * otherwise fails with {@link Changed} and saves nothing. A secret value left masked keeps the stored one. The
     * job's key stays; its trigger is replaced only if its schedule changed, and keeps its pause. A running execution
     * goes on as it started.
     */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.UPDATE_JOB, target = "'job ' + #group + '.' + #name")
    public CompletionStage<Updated> update(
            String group, String name, String version, JobDefinition definition, Locale locale) {
        return onWorker(() -> {
            JobKey key = JobKey.jobKey(name, group);
            JobDetail job = scheduler.getJobDetail(key);
            if (job == null) {
                throw new Changed(message("job.edit.gone", locale, group, name));
            }
            if (!version(job).equals(version)) {
                throw new Changed(message("job.edit.changed", locale, group, name));
            }
            JobDefinition before = storedDefinition(job);
            JobDefinition after = unmasked(
                    new JobDefinition(
                            group,
                            name,
                            definition.description(),
                            definition.type(),
                            definition.data(),
                            definition.cron(),
                            definition.zone(),
                            definition.misfire()),
                    before);
            refuseIfWrong(after, locale);
            replace(key, before, after);
            return new Updated(group, name, changes(before, after));
        });
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
                } catch (Refused | Changed | NotEditable expected) {
                    done.completeExceptionally(expected);
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
        JobDetail job = jobDetail(key, definition);
        try {
            scheduler.scheduleJob(job, trigger(key, definition));
        } catch (ObjectAlreadyExistsException exists) {
            throw new Refused(List.of(new FieldProblem(
                    "name", message("job.problem.exists", locale, definition.group(), definition.name()))));
        }
        return new Created(
                key.getGroup(),
                key.getName(),
                kinds.of(definition.type()).describe(definition.data()) + "; cron "
                        + definition.cron().strip() + " " + definition.zone().getId() + "; misfire "
                        + definition.misfire());
    }

    private void replace(JobKey key, JobDefinition before, JobDefinition after) throws SchedulerException {
        scheduler.addJob(jobDetail(key, after), true);
        boolean scheduleChanged = !before.cron().strip().equals(after.cron().strip())
                || !before.zone().equals(after.zone())
                || before.misfire() != after.misfire();
        TriggerKey triggerKey = TriggerKey.triggerKey(key.getName(), key.getGroup());
        if (scheduleChanged) {
            boolean paused = scheduler.getTriggerState(triggerKey) == Trigger.TriggerState.PAUSED;
            scheduler.rescheduleJob(triggerKey, trigger(key, after));
            if (paused) {
                scheduler.pauseTrigger(triggerKey);
            }
        }
    }

    private void refuseIfWrong(JobDefinition definition, Locale locale) {
        List<FieldProblem> problems = new ArrayList<>(check(definition, locale));
        if (problems.isEmpty()) {
            problems.addAll(kinds.of(definition.type()).maskedSecrets(definition.data(), locale));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
    }

    /** An edited definition with the secrets left masked put back from {@code stored}, if it is of the same type. */
    private JobDefinition unmasked(JobDefinition edited, JobDefinition stored) {
        return edited.type() == stored.type()
                ? withData(edited, kinds.of(edited.type()).unmask(edited.data(), stored.data()))
                : edited;
    }

    private JobDetail jobDetail(JobKey key, JobDefinition definition) {
        JobKind kind = kinds.of(definition.type());
        return JobBuilder.newJob(kind.jobClass(definition.data()))
                .withIdentity(key)
                .withDescription(definition.description().isBlank() ? null : definition.description())
                .usingJobData(new JobDataMap(kind.toData(definition.data())))
                .storeDurably()
                .requestRecovery(false)
                .build();
    }

    private static Trigger trigger(JobKey key, JobDefinition definition) {
        return TriggerBuilder.newTrigger()
                .withIdentity(key.getName(), key.getGroup())
                .forJob(key)
                .withSchedule(definition
                        .misfire()
                        .applyTo(CronScheduleBuilder.cronSchedule(
                                        definition.cron().strip())
                                .inTimeZone(TimeZone.getTimeZone(definition.zone()))))
                .build();
    }

    /** A job's properties, all strings (that is how the job store keeps them). */
    private static Map<String, String> data(JobDetail job) {
        Map<String, String> data = new LinkedHashMap<>();
        job.getJobDataMap().forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

    /** A job defined here, as its form defines it: what it does (one of the types) and its own cron trigger. */
    private JobDefinition storedDefinition(JobDetail job) throws SchedulerException {
        JobKey key = job.getKey();
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), key.getGroup()));
        Map<String, String> data = data(job);
        Optional<JobKind> kind = kinds.of(job.getJobClass(), data);
        if (kind.isEmpty() || !(trigger instanceof CronTrigger cron)) {
            throw new NotEditable();
        }
        return new JobDefinition(
                key.getGroup(),
                key.getName(),
                job.getDescription() == null ? "" : job.getDescription(),
                kind.get().type(),
                data,
                cron.getCronExpression(),
                cron.getTimeZone().toZoneId(),
                Misfire.of(cron.getMisfireInstruction()));
    }

    /** Thrown for a job that is not defined in the browser (its class or schedule comes from code). */
    public static final class NotEditable extends RuntimeException {

        NotEditable() {
            super("This job is defined in code: it can be run, paused and deleted here, not edited");
        }
    }

    /** What a definition is at: its description, data and schedule, hashed; changes whenever any of them does. */
    private String version(JobDetail job) throws SchedulerException {
        StringBuilder all = new StringBuilder();
        all.append(job.getJobClass().getName()).append('\u0000');
        all.append(job.getDescription()).append('\u0000');
        new TreeMap<>(job.getJobDataMap().getWrappedMap())
                .forEach((k, v) -> all.append(k).append('=').append(v).append('\u0000'));
        for (Trigger trigger : scheduler.getTriggersOfJob(job.getKey())) {
            if (trigger instanceof CronTrigger cron
                    && trigger.getKey().getName().equals(job.getKey().getName())) {
                all.append(cron.getCronExpression())
                        .append('\u0000')
                        .append(cron.getTimeZone().getID())
                        .append('\u0000')
                        .append(cron.getMisfireInstruction());
            }
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Each changed field as {@code field: before → after}, with secret values masked; a secret whose value changed
     * but reads the same masked says so without showing either value.
     */
    private String changes(JobDefinition before, JobDefinition after) {
        Map<String, String> was = fields(before, true);
        Map<String, String> is = fields(after, true);
        Map<String, String> wasReal = fields(before, false);
        Map<String, String> isReal = fields(after, false);
        List<String> changed = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>(is.keySet());
        all.addAll(was.keySet()); // a field of the type before, gone with a change of type
        for (String field : all) {
            String from = was.getOrDefault(field, "");
            String to = is.getOrDefault(field, "");
            if (!from.equals(to)) {
                changed.add(field + ": " + DisplayText.safe(from, 120) + " → " + DisplayText.safe(to, 120));
            } else if (!wasReal.getOrDefault(field, "").equals(isReal.getOrDefault(field, ""))) {
                changed.add(field + ": a secret value changed");
            }
        }
        return changed.isEmpty() ? "no change" : String.join("; ", changed);
    }

    /** The fields the trail compares: as shown (secrets masked) or as stored. */
    private Map<String, String> fields(JobDefinition definition, boolean masked) {
        JobKind kind = kinds.of(definition.type());
        // A stored definition may no longer check out (a shell job's directory removed since): compared as stored.
        Map<String, String> data = kind.check(definition.data(), Locale.ROOT).isEmpty()
                ? kind.toData(definition.data())
                : definition.data();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("description", definition.description());
        fields.put("type", definition.type().name());
        fields.putAll(masked ? kind.toMaskedData(data) : data);
        fields.put("cron", definition.cron().strip());
        fields.put("zone", definition.zone().getId());
        fields.put("misfire", definition.misfire().name());
        return fields;
    }

    private static JobDefinition withData(JobDefinition definition, Map<String, String> data) {
        return new JobDefinition(
                definition.group(),
                definition.name(),
                definition.description(),
                definition.type(),
                data,
                definition.cron(),
                definition.zone(),
                definition.misfire());
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    @Override
    public void destroy() {
        Threads.shutdown(worker, Duration.ofSeconds(5));
    }
}
