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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
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
    private final CronPreview preview;
    private final StoredCatalog catalog;
    private final Clock clock;
    private final Worker worker = new Worker("jobdeck-definitions", 1, 100);

    JobDefinitions(
            Scheduler scheduler,
            JobDefinitionChecks checks,
            JobKinds kinds,
            JavaJobCatalog javaJobs,
            MessageSource messages,
            CronPreview preview,
            StoredCatalog catalog,
            Clock clock) {
        this.scheduler = scheduler;
        this.checks = checks;
        this.kinds = kinds;
        this.javaJobs = javaJobs;
        this.messages = messages;
        this.preview = preview;
        this.catalog = catalog;
        this.clock = clock;
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
     * and the version it was read at: {@link #update} refuses to save over a job that has changed since. A job that
     * a definitions file manages ({@code managedBy} names it) is not edited here at all.
     */
    public record Editable(
            JobDefinition definition,
            String version,
            @Nullable String managedBy) {}

    /** Thrown (through the stage) for a job a definitions file manages: it is changed in the file, not here. */
    public static final class Managed extends RuntimeException implements Worker.Refusal {

        Managed(String message) {
            super(message);
        }
    }

    /** Thrown (through the stage) when the job changed, or went, after the form read it: nothing was saved. */
    public static final class Changed extends RuntimeException implements Worker.Refusal {

        Changed(String message) {
            super(message);
        }
    }

    /** Thrown (through the stage) when a definition is refused: each problem names its field. */
    public static final class Refused extends RuntimeException implements Worker.Refusal {

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

    /** Keys whose values are kept secret whatever the job's type: any name that says password, secret or token. */
    private static final java.util.regex.Pattern SECRET_NAME =
            java.util.regex.Pattern.compile("(?i).*(pass(word)?|secret|token|authorization|api[-_.]?key|credential).*");

    /**
     * A job's properties and its run's values as the history and the log may keep them: each secret its type declares
     * (and any value under a name like "password" or "token", for jobs defined in code) shown as {@link JobKind#MASK}.
     * Reads nothing; safe on any thread.
     */
    public Map<String, String> masked(Class<? extends Job> jobClass, Map<String, String> data) {
        Map<String, String> masked = new java.util.LinkedHashMap<>(data);
        kinds.of(jobClass, data).ifPresent(kind -> {
            try {
                kind.toMaskedData(data).forEach((key, value) -> {
                    if (masked.containsKey(key) && !value.equals(masked.get(key))) {
                        masked.put(key, value);
                    }
                });
            } catch (RuntimeException e) {
                masked.replaceAll((key, value) -> JobKind.MASK); // cannot tell what is secret: show nothing
            }
        });
        masked.replaceAll(
                (key, value) -> SECRET_NAME.matcher(key).matches() && !value.isEmpty() ? JobKind.MASK : value);
        return masked;
    }

    /** The Java jobs the form offers, by title, each with the parameters it asks for. */
    public List<SelectableJob> javaJobs() {
        return javaJobs.all();
    }

    /** A job's definition and triggers, for its page; empty if there is no such job. Reads the job store. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Optional<JobDetails>> read(String group, String name) {
        return worker.submit(() -> details(JobKey.jobKey(name, group)));
    }

    private Optional<JobDetails> details(JobKey key) throws SchedulerException {
        JobDetail job = scheduler.getJobDetail(key);
        if (job == null) {
            return Optional.empty();
        }
        Map<String, String> data = StoredCatalog.data(job);
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
                            : trigger.getPreviousFireTime().toInstant(),
                    trigger.getPriority(),
                    trigger.getCalendarName() == null ? "" : trigger.getCalendarName(),
                    !QuartzTriggers.defines(trigger)));
        }
        triggers.sort(Comparator.comparing(JobDetails.TriggerDetails::oneOff)
                .thenComparing(t -> !t.name().equals(key.getName()))
                .thenComparing(t -> t.name().length())
                .thenComparing(JobDetails.TriggerDetails::name));
        return Optional.of(new JobDetails(
                key.getGroup(),
                key.getName(),
                job.getDescription(),
                kind,
                definition,
                triggers,
                StoredCatalog.managedBy(job),
                RetryPolicy.of(job.getJobDataMap()),
                job.requestsRecovery()));
    }

    /** Creates the job with its cron trigger. Refused (with every problem) if the definition does not check out. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.CREATE_JOB, target = "'job ' + #definition.group() + '.' + #definition.name()")
    public CompletionStage<Created> create(JobDefinition definition, Locale locale) {
        List<FieldProblem> problems = check(definition, locale);
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new Refused(problems));
        }
        return worker.submit(() -> {
            refuseIfWrong(definition, locale);
            return store(definition, locale);
        });
    }

    /** The names of the scheduler's calendars, which a trigger may skip the excluded times of. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<List<String>> listCalendars() {
        return worker.submit(
                () -> scheduler.getCalendarNames().stream().sorted().toList());
    }

    /**
     * A trigger's preview with its calendar applied (reading the calendar is a store read, hence on the worker); see
     * {@link CronPreview#check(TriggerDefinition, java.time.ZoneId, org.quartz.Calendar, Locale)}.
     */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<CronPreview.TriggerCheck> readPreview(
            TriggerDefinition trigger, java.time.ZoneId readerZone, Locale locale) {
        return worker.submit(() -> {
            org.quartz.Calendar calendar =
                    trigger.calendar().isEmpty() ? null : scheduler.getCalendar(trigger.calendar());
            if (!trigger.calendar().isEmpty() && calendar == null) {
                return new CronPreview.TriggerCheck(
                        List.of(new FieldProblem(
                                "calendar", message("trigger.calendar.missing", locale, trigger.calendar()))),
                        "",
                        List.of(),
                        List.of());
            }
            return preview.check(trigger, readerZone, calendar, locale);
        });
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
        return worker.submit(() -> {
            JobDetail original = scheduler.getJobDetail(JobKey.jobKey(originalName, originalGroup));
            JobDefinition unmasked = (original == null
                            ? definition
                            : unmasked(definition, catalog.definition(original)))
                    .as(
                            definition.group(),
                            definition.name(),
                            definition.triggers().stream().map(t -> t.named("")).toList());
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
        return worker.submit(() -> {
            JobKey key = JobKey.jobKey(name, group);
            JobDetail job = scheduler.getJobDetail(key);
            if (job == null) {
                return Optional.empty();
            }
            JobDefinition stored = catalog.definition(job);
            return Optional.of(new Editable(
                    stored.withData(kinds.of(stored.type()).toMaskedData(stored.data())),
                    version(job),
                    StoredCatalog.managedBy(job)));
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
        return worker.submit(() -> {
            JobKey key = JobKey.jobKey(name, group);
            JobDetail job = scheduler.getJobDetail(key);
            if (job == null) {
                throw new Changed(message("job.edit.gone", locale, group, name));
            }
            if (!version(job).equals(version)) {
                throw new Changed(message("job.edit.changed", locale, group, name));
            }
            String managedBy = StoredCatalog.managedBy(job);
            if (managedBy != null) {
                throw new Managed(message("code.managed.refused", locale, group, name, managedBy));
            }
            JobDefinition before = catalog.definition(job);
            JobDefinition unmasked = unmasked(definition, before);
            JobDefinition after = unmasked.as(group, name, StoredCatalog.named(key, before, unmasked.triggers()));
            refuseIfWrong(after, locale);
            catalog.inTransaction(() -> catalog.replace(key, after, null));
            return new Updated(group, name, changes(before, after));
        });
    }

    /** Stores a new job with its triggers, all or nothing. */
    private Created store(JobDefinition definition, Locale locale) throws SchedulerException {
        JobKey key = JobKey.jobKey(definition.name(), definition.group());
        JobDefinition named = definition.as(
                definition.group(),
                definition.name(),
                StoredCatalog.named(
                        key, definition.as(definition.group(), definition.name(), List.of()), definition.triggers()));
        JobDetail job = catalog.jobDetail(key, named, null);
        Set<Trigger> triggers = new LinkedHashSet<>();
        Instant now = clock.instant();
        named.triggers().forEach(t -> triggers.add(QuartzTriggers.build(key, t, now)));
        try {
            catalog.inTransaction(() -> scheduler.scheduleJob(job, triggers, false));
        } catch (StoredCatalog.StoreFailed failed) {
            if (failed.getCause() instanceof ObjectAlreadyExistsException) {
                throw new Refused(List.of(new FieldProblem(
                        "name", message("job.problem.exists", locale, definition.group(), definition.name()))));
            }
            throw failed;
        }
        return new Created(
                key.getGroup(),
                key.getName(),
                kinds.of(definition.type()).describe(definition.data()) + "; " + triggersText(named)
                        + (definition.retry().retries()
                                ? "; retry: " + definition.retry().describe()
                                : ""));
    }

    private static String triggersText(JobDefinition definition) {
        return definition.triggers().isEmpty()
                ? "no trigger"
                : definition.triggers().stream()
                        .map(t -> "trigger " + t.name() + ": " + QuartzTriggers.describe(t))
                        .collect(Collectors.joining("; "));
    }

    private void refuseIfWrong(JobDefinition definition, Locale locale) throws SchedulerException {
        List<FieldProblem> problems = new ArrayList<>(check(definition, locale));
        List<TriggerDefinition> triggers = definition.triggers();
        for (int i = 0; i < triggers.size(); i++) {
            String calendar = triggers.get(i).calendar();
            if (!calendar.isEmpty() && scheduler.getCalendar(calendar) == null) {
                problems.add(new FieldProblem(
                        JobDefinitionChecks.triggerField(i, "calendar"),
                        message("trigger.calendar.missing", locale, calendar)));
            }
        }
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
                ? edited.withData(kinds.of(edited.type()).unmask(edited.data(), stored.data()))
                : edited;
    }

    /** Thrown for a job that is not defined in the browser (its class or schedule comes from code). */
    public static final class NotEditable extends RuntimeException implements Worker.Refusal {

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
            if (QuartzTriggers.defines(trigger)) {
                all.append(trigger.getKey().getName())
                        .append('=')
                        .append(QuartzTriggers.read(trigger)
                                .map(QuartzTriggers::describe)
                                .orElse(trigger.getClass().getName()))
                        .append('\u0000');
            }
        }
        return Versions.of(all);
    }

    /**
     * Each changed field as {@code field: before → after}, with secret values masked; a secret whose value changed
     * but reads the same masked says so without showing either value.
     */
    private String changes(JobDefinition before, JobDefinition after) {
        Set<String> had = names(before);
        Set<String> has = names(after);
        List<String> changed = new ArrayList<>();
        before.triggers().stream()
                .filter(t -> !has.contains(t.name()))
                .forEach(t -> changed.add("trigger " + t.name() + ": removed"));
        after.triggers().stream()
                .filter(t -> !had.contains(t.name()))
                .forEach(t -> changed.add("trigger " + t.name() + ": added, " + QuartzTriggers.describe(t)));
        Map<String, String> was = fields(before, true);
        Map<String, String> is = fields(after, true);
        Map<String, String> wasReal = fields(before, false);
        Map<String, String> isReal = fields(after, false);
        Set<String> keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(is.keySet());
        for (String field : keys) {
            String from = was.getOrDefault(field, "");
            String to = is.getOrDefault(field, "");
            if (triggerOf(field)
                    .filter(t -> !had.contains(t) || !has.contains(t))
                    .isPresent()) {
                continue;
            }
            if (!from.equals(to)) {
                changed.add(field + ": " + DisplayText.safe(from, 120) + " → " + DisplayText.safe(to, 120));
            } else if (!wasReal.getOrDefault(field, "").equals(isReal.getOrDefault(field, ""))) {
                changed.add(field + ": a secret value changed");
            }
        }
        return changed.isEmpty() ? "no change" : String.join("; ", changed);
    }

    private static Set<String> names(JobDefinition definition) {
        return definition.triggers().stream().map(TriggerDefinition::name).collect(Collectors.toSet());
    }

    /**
     * The trigger a trail field is of ({@code trigger <name>, <part>}: a trigger's name, made from a job's, holds no
     * comma), if it is one of a trigger's.
     */
    private static Optional<String> triggerOf(String field) {
        return field.startsWith("trigger ") && field.contains(", ")
                ? Optional.of(field.substring("trigger ".length(), field.lastIndexOf(", ")))
                : Optional.empty();
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
        fields.put("retry", definition.retry().describe());
        if (definition.rerunIfNodeDies()) {
            fields.put("rerunIfNodeDies", "true");
        }
        definition
                .triggers()
                .forEach(t -> QuartzTriggers.parts(t)
                        .forEach((part, value) -> fields.put("trigger " + t.name() + ", " + part, value)));
        return fields;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
