package io.jobdeck.jobs.code;

import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobCalendarChecks;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitionChecks;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.jobs.code.ImportPlan.Action;
import io.jobdeck.jobs.code.ImportPlan.Change;
import io.jobdeck.jobs.code.ImportPlan.FieldChange;
import io.jobdeck.jobs.code.ImportPlan.Problem;
import io.jobdeck.jobs.code.ImportPlan.Subject;
import io.jobdeck.jobs.internal.DurationInput;
import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.quartz.JobKey;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Judges a whole document against the store: every problem with its path, or what importing it does to each calendar
 * and job (the dry run) together with the writes that do it. Pure, given the store's snapshot: nothing is written here.
 */
@Component
class Planner {

    /** The fields of a trigger, as {@link JobDefinitionChecks} names the first trigger's problems. */
    private static final Set<String> TRIGGER_FIELDS = Set.of(
            "name", "kind", "cron", "every", "times", "at", "zone", "start", "end", "priority", "misfire", "calendar");

    private static final Set<String> JOB_FIELDS = Set.of("group", "name", "description", "type", "triggers");
    private static final Pattern TRIGGER_FIELD = Pattern.compile("trigger\\.(\\d+)\\.(.+)");
    private static final String JAVA_PARAMETER = "java.parameter.";

    private final JobDefinitionChecks checks;
    private final JobCalendarChecks calendarChecks;
    private final JobKinds kinds;
    private final MessageSource messages;
    private final Environment environment;
    private final DocumentWriter writer;

    Planner(
            JobDefinitionChecks checks,
            JobCalendarChecks calendarChecks,
            JobKinds kinds,
            MessageSource messages,
            Environment environment) {
        this.checks = checks;
        this.calendarChecks = calendarChecks;
        this.kinds = kinds;
        this.messages = messages;
        this.environment = environment;
        this.writer = new DocumentWriter(kinds);
    }

    DocumentWriter writer() {
        return writer;
    }

    /** The plan, and the writes that carry it out (none when the document has problems). */
    record Prepared(ImportPlan plan, StoredCatalog.Changes changes) {}

    /** A job of the document, checked: where it is, its definition (secrets resolved) and its paused triggers. */
    private record Incoming(int index, JobDefinition definition, List<Boolean> paused) {}

    Prepared plan(
            String text,
            ImportPlan.Mode mode,
            @Nullable String managedBy,
            StoredCatalog.Snapshot store,
            Locale locale) {
        List<Problem> problems = new ArrayList<>();
        Collected say = new Collected(problems, locale);
        JsonNode tree;
        try {
            tree = DocumentFormat.parse(text);
        } catch (JacksonException e) {
            say.add("", "code.problem.syntax", DisplayText.safe(Errors.describe(e), 500));
            return refused(mode, problems);
        }
        DocumentReader.Read read = new DocumentReader(say).read(tree);
        Map<String, JobCalendar> calendars = calendars(read.calendars(), say, locale);
        Set<String> calendarNames = new HashSet<>(store.calendarNames());
        calendarNames.addAll(calendars.keySet());
        Map<StoredCatalog.Key, Incoming> jobs = new LinkedHashMap<>();
        for (int i = 0; i < read.jobs().size(); i++) {
            DefinitionsDocument.JobEntry entry = read.jobs().get(i);
            if (entry != null) {
                Incoming job = job(i, entry, calendarNames, say, locale);
                if (job != null && jobs.putIfAbsent(new StoredCatalog.Key(entry.group(), entry.name()), job) != null) {
                    say.add("jobs[" + i + "].name", "code.problem.duplicate", entry.group() + "." + entry.name());
                }
            }
        }
        if (!problems.isEmpty()) {
            return refused(mode, problems);
        }
        List<Change> changes = new ArrayList<>();
        List<JobCalendar> calendarWrites = new ArrayList<>();
        Map<String, JobCalendar> storedCalendars = new HashMap<>();
        store.calendars().forEach(c -> storedCalendars.put(c.name(), c));
        for (JobCalendar calendar : calendars.values()) {
            JobCalendar before = storedCalendars.get(calendar.name());
            List<FieldChange> fields = before == null
                    ? List.of()
                    : changed(DocumentWriter.fields(before), DocumentWriter.fields(calendar), Map.of(), Map.of(), "");
            Action action = before == null ? Action.ADDED : fields.isEmpty() ? Action.UNCHANGED : Action.CHANGED;
            changes.add(new Change(Subject.CALENDAR, calendar.name(), action, fields));
            if (action != Action.UNCHANGED) {
                calendarWrites.add(calendar);
            }
        }
        Map<StoredCatalog.Key, StoredCatalog.StoredJob> stored = new HashMap<>();
        store.jobs().forEach(j -> stored.put(j.key(), j));
        List<StoredCatalog.StoredJob> jobWrites = new ArrayList<>();
        for (Map.Entry<StoredCatalog.Key, Incoming> e : jobs.entrySet()) {
            StoredCatalog.StoredJob before = stored.get(e.getKey());
            // An upload keeps a job's manager: changing a managed job is refused below, leaving it alone is not.
            StoredCatalog.StoredJob after =
                    named(e.getValue(), managedBy != null || before == null ? managedBy : before.managedBy());
            List<FieldChange> fields = before == null ? List.of() : changed(before, after, say.secretChanged());
            Action action = before == null ? Action.ADDED : fields.isEmpty() ? Action.UNCHANGED : Action.CHANGED;
            if (before != null
                    && action == Action.CHANGED
                    && before.managedBy() != null
                    && !before.managedBy().equals(managedBy)) {
                say.add("jobs[" + e.getValue().index() + "]", "code.problem.managed", e.getKey(), before.managedBy());
            }
            changes.add(new Change(Subject.JOB, e.getKey().toString(), action, fields));
            if (action != Action.UNCHANGED) {
                jobWrites.add(after);
            }
        }
        Set<String> groups =
                jobs.keySet().stream().map(StoredCatalog.Key::group).collect(Collectors.toSet());
        List<StoredCatalog.Key> deleted = new ArrayList<>();
        for (StoredCatalog.StoredJob job : store.jobs()) {
            if (jobs.containsKey(job.key())) {
                continue;
            }
            if (mode == ImportPlan.Mode.REPLACE && groups.contains(job.key().group())) {
                if (job.managedBy() != null && !job.managedBy().equals(managedBy)) {
                    say.add("jobs", "code.problem.managedRemoved", job.key(), job.managedBy());
                }
                deleted.add(job.key());
                changes.add(new Change(Subject.JOB, job.key().toString(), Action.REMOVED, List.of()));
            } else if (managedBy != null && managedBy.equals(job.managedBy())) {
                // No longer in the file: released, to be edited here again.
                jobWrites.add(new StoredCatalog.StoredJob(job.definition(), job.pausedTriggers(), null));
                changes.add(new Change(
                        Subject.JOB,
                        job.key().toString(),
                        Action.CHANGED,
                        List.of(new FieldChange("managedBy", managedBy, ""))));
            }
        }
        if (!problems.isEmpty()) {
            return refused(mode, problems);
        }
        return new Prepared(
                new ImportPlan(mode, List.of(), changes),
                new StoredCatalog.Changes(calendarWrites, jobWrites, deleted));
    }

    private static Prepared refused(ImportPlan.Mode mode, List<Problem> problems) {
        return new Prepared(
                new ImportPlan(mode, problems, List.of()), new StoredCatalog.Changes(List.of(), List.of(), List.of()));
    }

    private Map<String, JobCalendar> calendars(
            List<DefinitionsDocument.@Nullable CalendarEntry> entries, Collected say, Locale locale) {
        Map<String, JobCalendar> calendars = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DefinitionsDocument.CalendarEntry e = entries.get(i);
            if (e == null) {
                continue;
            }
            String path = "calendars[" + i + "]";
            JobCalendarChecks.Parsed parsed = calendarChecks.parse(
                    new CalendarDraft(
                            e.name(),
                            Objects.requireNonNullElse(e.description(), ""),
                            e.kind(),
                            e.zone(),
                            e.dates() == null ? "" : String.join("\n", e.dates()),
                            Objects.requireNonNullElse(e.from(), ""),
                            Objects.requireNonNullElse(e.to(), ""),
                            Boolean.TRUE.equals(e.onlyWithin()),
                            Objects.requireNonNullElse(e.cron(), "")),
                    locale);
            parsed.problems().forEach(p -> say.add(path + "." + p.field(), "code.problem.text", p.message()));
            JobCalendar calendar = parsed.calendar();
            if (calendar != null && calendars.putIfAbsent(calendar.name(), calendar) != null) {
                say.add(path + ".name", "code.problem.duplicate", calendar.name());
            }
        }
        return calendars;
    }

    private @Nullable Incoming job(
            int index, DefinitionsDocument.JobEntry entry, Set<String> calendarNames, Collected say, Locale locale) {
        String path = "jobs[" + index + "]";
        int before = say.count();
        Map<String, String> data = new LinkedHashMap<>();
        entry.properties().forEach((key, value) -> {
            Set<String> missing = new TreeSet<>();
            data.put(key, SecretReferences.resolve(value, environment::getProperty, missing));
            if (!missing.isEmpty()) {
                say.add(path + ".properties." + key, "code.problem.reference", String.join(", ", missing));
            }
        });
        List<TriggerDefinition> triggers = new ArrayList<>();
        List<Boolean> paused = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int j = 0; j < entry.triggers().size(); j++) {
            DefinitionsDocument.TriggerEntry t = entry.triggers().get(j);
            String at = path + ".triggers[" + j + "]";
            String name = Objects.requireNonNullElse(t.name(), "").strip();
            if (!name.isEmpty() && (!StoredCatalog.ownName(entry.name(), name) || !names.add(name))) {
                say.add(at + ".name", "code.problem.triggerName", entry.name());
            }
            if (t.calendar() != null && !t.calendar().isBlank() && !calendarNames.contains(t.calendar())) {
                say.add(at + ".calendar", "trigger.calendar.missing", t.calendar());
            }
            TriggerDefinition trigger = trigger(t, name, at, say);
            if (trigger != null) {
                triggers.add(trigger);
                paused.add(Boolean.TRUE.equals(t.paused()));
            }
        }
        RetryPolicy retry = entry.retry() == null ? RetryPolicy.NONE : retry(entry.retry(), path + ".retry", say);
        if (triggers.size() != entry.triggers().size() || retry == null) {
            return null;
        }
        JobDefinition definition = new JobDefinition(
                entry.group(),
                entry.name(),
                Objects.requireNonNullElse(entry.description(), ""),
                entry.type(),
                data,
                triggers,
                retry,
                Boolean.TRUE.equals(entry.rerunIfNodeDies()));
        List<FieldProblem> found = new ArrayList<>(checks.check(definition, locale));
        JobKind kind = kinds.of(entry.type());
        if (found.isEmpty()) {
            found.addAll(kind.maskedSecrets(data, locale));
        }
        found.forEach(p -> say.add(jobPath(path, p.field()), "code.problem.text", p.message()));
        return say.count() == before ? new Incoming(index, definition, paused) : null;
    }

    /** The problems of one document, worded in the reader's language. */
    private final class Collected implements DocumentReader.Problems {

        private final List<Problem> problems;
        private final Locale locale;

        Collected(List<Problem> problems, Locale locale) {
            this.problems = problems;
            this.locale = locale;
        }

        @Override
        public void add(String path, String key, Object... args) {
            problems.add(new Problem(path, messages.getMessage(key, args, locale)));
        }

        int count() {
            return problems.size();
        }

        /** How a secret whose value changed is shown after: masked, saying that it changed. */
        String secretChanged() {
            return messages.getMessage("code.secretChanged", null, locale);
        }
    }

    private @Nullable TriggerDefinition trigger(
            DefinitionsDocument.TriggerEntry t, String name, String path, Collected say) {
        long when =
                Stream.of(t.cron(), t.every(), t.at()).filter(Objects::nonNull).count();
        if (when != 1) {
            say.add(path, "code.problem.when");
            return null;
        }
        int before = say.count();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(t.zone().strip());
        } catch (DateTimeException e) {
            say.add(path + ".zone", "code.problem.zone");
        }
        Duration every = null;
        if (t.every() != null) {
            every = DurationInput.parse(t.every()).orElse(null);
            if (every == null) {
                say.add(path + ".every", "code.problem.duration");
            }
        } else if (t.times() != null) {
            say.add(path + ".times", "code.problem.onlyEvery");
        }
        if (t.at() != null && (t.start() != null || t.end() != null)) {
            say.add(path + (t.start() != null ? ".start" : ".end"), "code.problem.notWithAt");
        }
        LocalDateTime at = time(t.at(), path + ".at", say);
        LocalDateTime start = time(t.start(), path + ".start", say);
        LocalDateTime end = time(t.end(), path + ".end", say);
        Misfire misfire = Objects.requireNonNull(
                choice(t.misfire(), Misfire.class, Misfire.FIRE_ONCE_NOW, path + ".misfire", say));
        if (zone == null || say.count() != before) {
            return null;
        }
        TriggerDefinition.Kind kind = t.cron() != null
                ? TriggerDefinition.Kind.CRON
                : t.every() != null ? TriggerDefinition.Kind.INTERVAL : TriggerDefinition.Kind.ONCE;
        return new TriggerDefinition(
                name,
                kind,
                Objects.requireNonNullElse(t.cron(), ""),
                every,
                t.times(),
                at,
                zone,
                start,
                end,
                Objects.requireNonNullElse(t.priority(), TriggerDefinition.DEFAULT_PRIORITY),
                misfire,
                Objects.requireNonNullElse(t.calendar(), "").strip());
    }

    /** A policy as written, what is left out by its default; null if a value cannot be read (each said). */
    private @Nullable RetryPolicy retry(DefinitionsDocument.RetryEntry r, String path, Collected say) {
        int before = say.count();
        RetryPolicy.Backoff backoff =
                choice(r.backoff(), RetryPolicy.Backoff.class, RetryPolicy.Backoff.FIXED, path + ".backoff", say);
        Duration delay = duration(r.delay(), RetryPolicy.DEFAULT_DELAY, path + ".delay", say);
        Duration maxDelay = duration(r.maxDelay(), null, path + ".maxDelay", say);
        Set<RetryPolicy.Failure> failures = EnumSet.allOf(RetryPolicy.Failure.class);
        if (r.failures() != null) {
            failures.clear();
            for (int i = 0; i < r.failures().size(); i++) {
                RetryPolicy.Failure failure = choice(
                        r.failures().get(i), RetryPolicy.Failure.class, null, path + ".failures[" + i + "]", say);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        if (say.count() != before) {
            return null;
        }
        return new RetryPolicy(
                r.maxAttempts(),
                Objects.requireNonNull(backoff),
                delay,
                maxDelay,
                Objects.requireNonNullElse(r.jitter(), 0),
                failures,
                Objects.requireNonNullElse(r.errorContains(), ""));
    }

    private static <E extends Enum<E>> @Nullable E choice(
            @Nullable String text, Class<E> type, @Nullable E otherwise, String path, Collected say) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            say.add(
                    path,
                    "code.problem.choice",
                    Stream.of(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            return otherwise;
        }
    }

    private static @Nullable Duration duration(
            @Nullable String text, @Nullable Duration otherwise, String path, Collected say) {
        if (text == null) {
            return otherwise;
        }
        Duration parsed = DurationInput.parse(text).orElse(null);
        if (parsed == null) {
            say.add(path, "code.problem.duration");
        }
        return parsed;
    }

    private @Nullable LocalDateTime time(@Nullable String text, String path, Collected say) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip());
        } catch (DateTimeException e) {
            say.add(path, "code.problem.dateTime");
            return null;
        }
    }

    /** Where in the document a problem of the job's checks is: its own field, a trigger's, or a property's. */
    static String jobPath(String path, String field) {
        if (JOB_FIELDS.contains(field)) {
            return path + "." + field;
        }
        if (field.startsWith("triggers[") || field.startsWith("retry.")) {
            return path + "." + field;
        }
        Matcher trigger = TRIGGER_FIELD.matcher(field);
        if (trigger.matches()) {
            return path + ".triggers[" + trigger.group(1) + "]." + trigger.group(2);
        }
        if (TRIGGER_FIELDS.contains(field)) {
            return path + ".triggers[0]." + field;
        }
        if (field.startsWith(JAVA_PARAMETER)) {
            return path + ".properties." + field.substring(JAVA_PARAMETER.length());
        }
        return path + ".properties." + field;
    }

    /** The incoming job as it is written: normalised properties, triggers named as the store names them. */
    private StoredCatalog.StoredJob named(Incoming incoming, @Nullable String managedBy) {
        JobDefinition d = incoming.definition();
        JobKey key = JobKey.jobKey(d.name(), d.group());
        // Named as for a new job, whatever the store has: the same document always names its triggers alike.
        List<TriggerDefinition> triggers = StoredCatalog.named(key, d.as(d.group(), d.name(), List.of()), d.triggers());
        Set<String> paused = new LinkedHashSet<>();
        for (int i = 0; i < triggers.size(); i++) {
            if (incoming.paused().get(i)) {
                paused.add(triggers.get(i).name());
            }
        }
        JobDefinition after = d.withData(kinds.of(d.type()).toData(d.data())).as(d.group(), d.name(), triggers);
        return new StoredCatalog.StoredJob(after, paused, managedBy);
    }

    private List<FieldChange> changed(
            StoredCatalog.StoredJob before, StoredCatalog.StoredJob after, String secretChanged) {
        List<FieldChange> fields = changed(
                writer.fields(before.definition(), before.pausedTriggers(), true),
                writer.fields(after.definition(), after.pausedTriggers(), true),
                writer.fields(before.definition(), before.pausedTriggers(), false),
                writer.fields(after.definition(), after.pausedTriggers(), false),
                secretChanged);
        if (!Objects.equals(before.managedBy(), after.managedBy())) {
            List<FieldChange> all = new ArrayList<>(fields);
            all.add(new FieldChange(
                    "managedBy",
                    Objects.requireNonNullElse(before.managedBy(), ""),
                    Objects.requireNonNullElse(after.managedBy(), "")));
            return all;
        }
        return fields;
    }

    /** Each field whose shown value changed; one whose stored value changed but shows the same is a secret. */
    private List<FieldChange> changed(
            Map<String, String> was,
            Map<String, String> is,
            Map<String, String> wasReal,
            Map<String, String> isReal,
            String secretChanged) {
        Set<String> keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(is.keySet());
        List<FieldChange> fields = new ArrayList<>();
        for (String field : keys) {
            String from = was.getOrDefault(field, "");
            String to = is.getOrDefault(field, "");
            if (!from.equals(to)) {
                fields.add(new FieldChange(field, from, to));
            } else if (!wasReal.getOrDefault(field, "").equals(isReal.getOrDefault(field, ""))) {
                fields.add(new FieldChange(field, JobKind.MASK, secretChanged));
            }
        }
        return fields;
    }
}
