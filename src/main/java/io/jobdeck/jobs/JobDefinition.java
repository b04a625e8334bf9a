package io.jobdeck.jobs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A job as a person defines it in the browser: its key, what it does ({@code type} and the type's string properties,
 * e.g. {@link io.jobdeck.jobs.http.HttpJobSpec}'s), when (its triggers; none for a job that runs only when someone
 * runs it), what it does when a run fails (its {@link RetryPolicy}) and whether a run cut short by its node's death
 * (a crash, a kill) runs again on another node of the cluster ({@code rerunIfNodeDies}, Quartz's "requests recovery"). Only plain strings and values: that is how the
 * job store keeps it. The rules of one field are constraints on it (Bean Validation); those of the type's properties,
 * of each trigger and those that join a policy's fields are {@link JobDefinitionChecks}'.
 */
public record JobDefinition(
        @KeyName String group,
        @KeyName String name,

        @Size(max = MAX_DESCRIPTION, message = "{validation.tooLong}")
        String description,

        JobType type,
        Map<String, String> data,

        @Size(max = MAX_TRIGGERS, message = "{trigger.tooMany}")
        List<TriggerDefinition> triggers,

        @Valid RetryPolicy retry,

        boolean rerunIfNodeDies) {

    /** The most triggers one job may have. */
    public static final int MAX_TRIGGERS = 20;
    /** Quartz's DESCRIPTION column holds 250 characters. */
    public static final int MAX_DESCRIPTION = 250;

    public JobDefinition {
        data = Map.copyOf(data);
        triggers = List.copyOf(triggers);
    }

    /** Not run again if its node dies. */
    public JobDefinition(
            String group,
            String name,
            String description,
            JobType type,
            Map<String, String> data,
            List<TriggerDefinition> triggers,
            RetryPolicy retry) {
        this(group, name, description, type, data, triggers, retry, false);
    }

    /** Without retries. */
    public JobDefinition(
            String group,
            String name,
            String description,
            JobType type,
            Map<String, String> data,
            List<TriggerDefinition> triggers) {
        this(group, name, description, type, data, triggers, RetryPolicy.NONE);
    }

    /** With one cron trigger and the given misfire choice. */
    public JobDefinition(
            String group,
            String name,
            String description,
            JobType type,
            Map<String, String> data,
            String cron,
            ZoneId zone,
            Misfire misfire) {
        this(group, name, description, type, data, List.of(TriggerDefinition.cron(cron, zone, misfire)));
    }

    /** With one cron trigger and the usual misfire choice: run once as soon as possible, then keep to the schedule. */
    public JobDefinition(
            String group,
            String name,
            String description,
            JobType type,
            Map<String, String> data,
            String cron,
            ZoneId zone) {
        this(group, name, description, type, data, cron, zone, Misfire.FIRE_ONCE_NOW);
    }

    /** The same job doing {@code newData}. */
    public JobDefinition withData(Map<String, String> newData) {
        return new JobDefinition(group, name, description, type, newData, triggers, retry, rerunIfNodeDies);
    }

    /** The same job, retried as {@code policy} says. */
    public JobDefinition withRetry(RetryPolicy policy) {
        return new JobDefinition(group, name, description, type, data, triggers, policy, rerunIfNodeDies);
    }

    /** The same job, run again on another node if its node dies while it runs ({@code rerun}) or not. */
    public JobDefinition withRerunIfNodeDies(boolean rerun) {
        return new JobDefinition(group, name, description, type, data, triggers, retry, rerun);
    }

    /** The same job under another key, with {@code newTriggers}. */
    public JobDefinition as(String newGroup, String newName, List<TriggerDefinition> newTriggers) {
        return new JobDefinition(newGroup, newName, description, type, data, newTriggers, retry, rerunIfNodeDies);
    }

    /** What a job can do without anyone writing code: call a URL, run a command, run a Java job of the app. */
    public enum JobType {
        HTTP,
        SHELL,
        JAVA
    }
}
