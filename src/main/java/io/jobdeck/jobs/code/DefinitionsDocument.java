package io.jobdeck.jobs.code;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobDefinition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The definitions document, version {@value #VERSION}: calendars by name, then jobs by group and name, each with the
 * properties of its type (secret values as {@code ${NAME}} references, a literal {@code ${} written {@code $${}) and
 * its triggers. A value left out takes its default; what the export writes, an import reads back to the same store.
 */
@JsonPropertyOrder({"version", "calendars", "jobs"})
public record DefinitionsDocument(int version, List<CalendarEntry> calendars, List<JobEntry> jobs) {

    public static final int VERSION = 1;

    public DefinitionsDocument {
        calendars = List.copyOf(calendars);
        jobs = List.copyOf(jobs);
    }

    /** A calendar; only the fields of its kind are written. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "kind", "zone", "dates", "from", "to", "onlyWithin", "cron"})
    public record CalendarEntry(
            String name,
            @Nullable String description,
            JobCalendar.Kind kind,
            String zone,
            @Nullable List<String> dates,
            @Nullable String from,
            @Nullable String to,
            @Nullable Boolean onlyWithin,
            @Nullable String cron) {}

    /** A job: its key, what it does, when, and what it does when a run fails (no retry when left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"group", "name", "description", "type", "properties", "triggers", "retry", "rerunIfNodeDies"})
    public record JobEntry(
            String group,
            String name,
            @Nullable String description,
            JobDefinition.JobType type,
            SortedMap<String, String> properties,
            List<TriggerEntry> triggers,
            @Nullable RetryEntry retry,
            @Nullable Boolean rerunIfNodeDies) {

        public JobEntry {
            properties = new TreeMap<>(properties);
            triggers = List.copyOf(triggers);
        }

        public JobEntry(
                String group,
                String name,
                @Nullable String description,
                JobDefinition.JobType type,
                Map<String, String> properties,
                List<TriggerEntry> triggers,
                @Nullable RetryEntry retry,
                @Nullable Boolean rerunIfNodeDies) {
            this(group, name, description, type, new TreeMap<>(properties), triggers, retry, rerunIfNodeDies);
        }

        /** A job not run again if its node dies. */
        public JobEntry(
                String group,
                String name,
                @Nullable String description,
                JobDefinition.JobType type,
                Map<String, String> properties,
                List<TriggerEntry> triggers,
                @Nullable RetryEntry retry) {
            this(group, name, description, type, properties, triggers, retry, null);
        }

        /** A job without retries. */
        public JobEntry(
                String group,
                String name,
                @Nullable String description,
                JobDefinition.JobType type,
                Map<String, String> properties,
                List<TriggerEntry> triggers) {
            this(group, name, description, type, properties, triggers, null, null);
        }
    }

    /**
     * A job's retry policy ({@link io.jobdeck.jobs.RetryPolicy}): waits in ISO-8601 ({@code PT30S}) or whole seconds,
     * {@code failures} a list of {@code FAILED} and {@code TIMED_OUT}. A fixed backoff, no jitter, both failures and any
     * error are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"maxAttempts", "backoff", "delay", "maxDelay", "jitter", "failures", "errorContains"})
    public record RetryEntry(
            int maxAttempts,
            @Nullable String backoff,
            @Nullable String delay,
            @Nullable String maxDelay,
            @Nullable Integer jitter,
            @Nullable List<String> failures,
            @Nullable String errorContains) {}

    /**
     * A trigger: exactly one of {@code cron}, {@code every} (ISO-8601, {@code PT5M}) and {@code at}; dates and times
     * are local to {@code zone} ({@code 2026-12-24T18:00}). Priority 5, no calendar and not paused are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "name",
        "cron",
        "every",
        "times",
        "at",
        "zone",
        "start",
        "end",
        "priority",
        "misfire",
        "calendar",
        "paused"
    })
    public record TriggerEntry(
            @Nullable String name,
            @Nullable String cron,
            @Nullable String every,
            @Nullable Integer times,
            @Nullable String at,
            String zone,
            @Nullable String start,
            @Nullable String end,
            @Nullable Integer priority,
            @Nullable String misfire,
            @Nullable String calendar,
            @Nullable Boolean paused) {}
}
