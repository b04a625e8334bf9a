package io.jobdeck.jobs.code;

import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Stored definitions as document entries, each value in one canonical spelling, so that the same store always gives
 * the same document; and an entry's fields by name, which the dry run compares.
 */
final class DocumentWriter {

    private final JobKinds kinds;

    DocumentWriter(JobKinds kinds) {
        this.kinds = kinds;
    }

    DefinitionsDocument document(StoredCatalog.Snapshot snapshot) {
        return new DefinitionsDocument(
                DefinitionsDocument.VERSION,
                snapshot.calendars().stream().map(DocumentWriter::calendar).toList(),
                snapshot.jobs().stream().map(this::job).toList());
    }

    static DefinitionsDocument.CalendarEntry calendar(JobCalendar calendar) {
        CalendarDraft d = CalendarDraft.of(calendar);
        return new DefinitionsDocument.CalendarEntry(
                d.name(),
                d.description().isEmpty() ? null : d.description(),
                d.kind(),
                d.zone(),
                calendar instanceof JobCalendar.Holidays h
                        ? h.dates().stream().map(Object::toString).toList()
                        : null,
                calendar instanceof JobCalendar.DailyWindow ? d.from() : null,
                calendar instanceof JobCalendar.DailyWindow ? d.to() : null,
                calendar instanceof JobCalendar.DailyWindow ? d.onlyWithin() : null,
                calendar instanceof JobCalendar.CronBlackout ? d.cron() : null);
    }

    DefinitionsDocument.JobEntry job(StoredCatalog.StoredJob stored) {
        JobDefinition d = stored.definition();
        return new DefinitionsDocument.JobEntry(
                d.group(),
                d.name(),
                d.description().isEmpty() ? null : d.description(),
                d.type(),
                SecretReferences.export(d.group(), d.name(), d.data(), masked(d)),
                d.triggers().stream()
                        .map(t -> trigger(t, stored.pausedTriggers().contains(t.name())))
                        .toList(),
                retry(d.retry()),
                d.rerunIfNodeDies() ? Boolean.TRUE : null);
    }

    /** A retry policy as written: nothing for none, and what is left out reads back as its default. */
    static DefinitionsDocument.@Nullable RetryEntry retry(RetryPolicy p) {
        if (!p.retries()) {
            return null;
        }
        return new DefinitionsDocument.RetryEntry(
                p.maxAttempts(),
                p.backoff() == RetryPolicy.Backoff.FIXED ? null : p.backoff().name(),
                String.valueOf(p.delay()),
                p.maxDelay() == null ? null : p.maxDelay().toString(),
                p.jitter() == 0 ? null : p.jitter(),
                p.failures().size() == RetryPolicy.Failure.values().length
                        ? null
                        : p.failures().stream().sorted().map(Enum::name).toList(),
                p.errorContains().isEmpty() ? null : p.errorContains());
    }

    /** The job's properties with every secret value {@link JobKind#MASK}; all masked if they no longer check out. */
    Map<String, String> masked(JobDefinition d) {
        JobKind kind = kinds.of(d.type());
        if (kind.check(d.data(), Locale.ROOT).isEmpty()) {
            return kind.toMaskedData(d.data());
        }
        Map<String, String> all = new LinkedHashMap<>();
        d.data().keySet().forEach(k -> all.put(k, JobKind.MASK));
        return all;
    }

    static DefinitionsDocument.TriggerEntry trigger(TriggerDefinition t, boolean paused) {
        return new DefinitionsDocument.TriggerEntry(
                t.name(),
                t.kind() == TriggerDefinition.Kind.CRON ? t.cron().strip() : null,
                t.every() == null ? null : t.every().toString(),
                t.times(),
                text(t.at()),
                t.zone().getId(),
                text(t.start()),
                text(t.end()),
                t.priority() == TriggerDefinition.DEFAULT_PRIORITY ? null : t.priority(),
                t.misfire() == Misfire.FIRE_ONCE_NOW ? null : t.misfire().name(),
                t.calendar().isEmpty() ? null : t.calendar(),
                paused ? Boolean.TRUE : null);
    }

    private static @Nullable String text(@Nullable LocalDateTime time) {
        return time == null ? null : time.toString();
    }

    /** A job's fields by name ({@code properties.http.url}, {@code triggers.nightly.cron}), as stored or masked. */
    Map<String, String> fields(JobDefinition d, java.util.Set<String> paused, boolean masked) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("description", d.description());
        fields.put("type", d.type().name());
        (masked ? masked(d) : d.data()).forEach((k, v) -> fields.put("properties." + k, v));
        for (TriggerDefinition t : d.triggers()) {
            DefinitionsDocument.TriggerEntry e = trigger(t, paused.contains(t.name()));
            String at = "triggers." + t.name() + ".";
            put(fields, at + "cron", e.cron());
            put(fields, at + "every", e.every());
            put(fields, at + "times", e.times());
            put(fields, at + "at", e.at());
            put(fields, at + "zone", e.zone());
            put(fields, at + "start", e.start());
            put(fields, at + "end", e.end());
            put(fields, at + "priority", e.priority());
            put(fields, at + "misfire", e.misfire());
            put(fields, at + "calendar", e.calendar());
            put(fields, at + "paused", e.paused());
        }
        DefinitionsDocument.RetryEntry retry = retry(d.retry());
        if (retry != null) {
            put(fields, "retry.maxAttempts", retry.maxAttempts());
            put(fields, "retry.backoff", retry.backoff());
            put(fields, "retry.delay", retry.delay());
            put(fields, "retry.maxDelay", retry.maxDelay());
            put(fields, "retry.jitter", retry.jitter());
            put(fields, "retry.failures", retry.failures() == null ? null : String.join(", ", retry.failures()));
            put(fields, "retry.errorContains", retry.errorContains());
        }
        if (d.rerunIfNodeDies()) {
            put(fields, "rerunIfNodeDies", true);
        }
        return fields;
    }

    /** A calendar's fields by name, those of its kind only. */
    static Map<String, String> fields(JobCalendar calendar) {
        DefinitionsDocument.CalendarEntry e = calendar(calendar);
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "description", e.description());
        put(fields, "kind", e.kind());
        put(fields, "zone", e.zone());
        put(fields, "dates", e.dates() == null ? null : String.join(", ", e.dates()));
        put(fields, "from", e.from());
        put(fields, "to", e.to());
        put(fields, "onlyWithin", e.onlyWithin());
        put(fields, "cron", e.cron());
        return fields;
    }

    private static void put(Map<String, String> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, Objects.toString(value));
        }
    }
}
