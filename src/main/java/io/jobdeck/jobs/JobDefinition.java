package io.jobdeck.jobs;

import java.time.ZoneId;
import java.util.Map;

/**
 * A job as a person defines it in the browser: its key, what it does ({@code type} and the type's string properties,
 * e.g. {@link io.jobdeck.jobs.http.HttpJobSpec}'s) and when (a cron expression in a time zone, and what to do about
 * missed fires). Only plain strings:
 * that is how the job store keeps it.
 */
public record JobDefinition(
        String group,
        String name,
        String description,
        JobType type,
        Map<String, String> data,
        String cron,
        ZoneId zone,
        Misfire misfire) {

    public JobDefinition {
        data = Map.copyOf(data);
    }

    /** With the usual misfire choice: run once as soon as possible, then keep to the schedule. */
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

    /** What a job can do without anyone writing code: call a URL, run a command, run a Java job of the app. */
    public enum JobType {
        HTTP,
        SHELL,
        JAVA
    }
}
