package io.jobdeck.jobs;

import java.util.List;

/**
 * A job written in Java that an admin can pick in the new-job form: make a Spring bean that implements this, and the
 * form lists it by its {@link #title()}, asks for its {@link #parameters()} (each checked, with a message next to its
 * field), and each run calls {@link #run} with the checked values. Jobdeck observes its runs like any other job; no
 * base class is needed. Its values are stored as plain strings with the job, never as serialized objects.
 *
 * <pre>{@code
 * @Component
 * class CleanupJob implements JobdeckJob {
 *     public String title() { return "Delete old exports"; }
 *     public List<JobParameter> parameters() {
 *         return List.of(JobParameter.optional("olderThan", JobParameter.Type.DURATION, "P30D", "Age to delete"));
 *     }
 *     public void run(JobRun run) { exports.deleteOlderThan(run.duration("olderThan")); }
 * }
 * }</pre>
 */
public interface JobdeckJob {

    /** What the form lists it as. */
    String title();

    /** The values it needs, in the order the form asks for them; none by default. */
    default List<JobParameter> parameters() {
        return List.of();
    }

    /**
     * One run, on a scheduler worker thread. Throw to fail the run (its message is what the dashboard shows). When an
     * operator interrupts the run, {@link JobRun#interrupted()} turns true and the thread is interrupted: return soon.
     */
    void run(JobRun run) throws Exception;
}
