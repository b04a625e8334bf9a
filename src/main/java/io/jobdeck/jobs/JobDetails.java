package io.jobdeck.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One job as its page shows it: what it does (as label keys and shown values, secrets masked) and its triggers.
 *
 * @param kind       the {@link JobDefinition.JobType} name of a job made in the browser, else its class's simple name
 * @param definition what it does, as (message key, value) pairs; secret values are masked
 * @param managedBy  the definitions file that manages the job (edited there, not here); null for none
 * @param retry      what it does when a run fails
 * @param rerunIfNodeDies whether a run cut short by its node's death runs again on another node
 */
public record JobDetails(
        String group,
        String name,
        @Nullable String description,
        String kind,
        List<Field> definition,
        List<TriggerDetails> triggers,
        @Nullable String managedBy,
        RetryPolicy retry,
        boolean rerunIfNodeDies) {

    public JobDetails {
        definition = List.copyOf(definition);
        triggers = List.copyOf(triggers);
    }

    /** One line of the definition: a message key for its label, and its value as shown. */
    public record Field(String label, String value) {}

    /**
     * One trigger: its schedule, whether it is paused, when it fires, its priority and calendar (empty for none); a
     * {@code oneOff} trigger is a Run now waiting for a worker, not part of the job's schedule.
     */
    public record TriggerDetails(
            String name,
            Schedule schedule,
            boolean paused,
            @Nullable Instant nextFire,
            @Nullable Instant previousFire,
            int priority,
            String calendar,
            boolean oneOff) {}
}
