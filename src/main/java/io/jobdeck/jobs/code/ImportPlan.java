package io.jobdeck.jobs.code;

import java.util.List;

/**
 * What importing a document would do, or why it cannot: every problem of the document with its path in it
 * ({@code jobs[3].triggers[0].cron}), or each calendar and job added, changed (field by field), removed or unchanged.
 */
public record ImportPlan(Mode mode, List<Problem> problems, List<Change> changes) {

    public ImportPlan {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
    }

    /** Merge adds and updates; replace also deletes the jobs the document lacks, in the groups it names. */
    public enum Mode {
        MERGE,
        REPLACE
    }

    /** One problem: where in the document ({@code jobs[3].triggers[0].cron}) and what, in the reader's language. */
    public record Problem(String path, String message) {}

    public enum Subject {
        CALENDAR,
        JOB
    }

    public enum Action {
        ADDED,
        CHANGED,
        REMOVED,
        UNCHANGED
    }

    /** A calendar (by name) or job ({@code group.name}) and what the import does to it; changed fields for CHANGED. */
    public record Change(Subject subject, String key, Action action, List<FieldChange> fields) {

        public Change {
            fields = List.copyOf(fields);
        }
    }

    /** One field before and after, secret values masked. */
    public record FieldChange(String field, String before, String after) {}

    /** Whether the document can be imported. */
    public boolean valid() {
        return problems.isEmpty();
    }

    public long count(Subject subject, Action action) {
        return changes.stream()
                .filter(c -> c.subject() == subject && c.action() == action)
                .count();
    }

    /** Whether importing would change anything. */
    public boolean changesAnything() {
        return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
    }

    /** The counts in one line, for the log and the audit trail. */
    public String summary() {
        return "jobs: " + count(Subject.JOB, Action.ADDED) + " added, " + count(Subject.JOB, Action.CHANGED)
                + " changed, " + count(Subject.JOB, Action.REMOVED) + " removed, "
                + count(Subject.JOB, Action.UNCHANGED) + " unchanged; calendars: "
                + count(Subject.CALENDAR, Action.ADDED) + " added, " + count(Subject.CALENDAR, Action.CHANGED)
                + " changed, " + count(Subject.CALENDAR, Action.UNCHANGED) + " unchanged ("
                + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
