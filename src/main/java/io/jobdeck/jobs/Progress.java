package io.jobdeck.jobs;

import org.quartz.JobExecutionContext;

/**
 * How far a running job has got, for the "Running now" bar and the execution's page, with no base class: a Quartz job
 * takes it from its context ({@code Progress.of(context)}), a {@link JobdeckJob} from its {@link JobRun#progress()}.
 * Calls are cheap and may come from any thread, as often as the job likes: Jobdeck keeps the latest values and
 * publishes them a few times a second at most. Progress ends with the execution.
 *
 * <pre>{@code
 * Progress progress = Progress.of(context);
 * for (int i = 0; i < pages.size(); i++) {
 *     progress.steps(i, pages.size());
 *     progress.message("Page " + (i + 1));
 *     write(pages.get(i));
 * }
 * }</pre>
 */
public interface Progress {

    /** Where the execution's progress is in its {@link JobExecutionContext} ({@code context.get(CONTEXT_KEY)}). */
    String CONTEXT_KEY = "jobdeck.progress";

    /** The longest message kept; a longer one is cut. */
    int MESSAGE_MAX = 200;

    /** Reports nothing: for a context Jobdeck did not start (a test calling a job directly). */
    Progress NONE = new Progress() {
        @Override
        public void fraction(double done) {}

        @Override
        public void steps(long done, long total) {}

        @Override
        public void message(String text) {}
    };

    /** The progress of the execution this context belongs to, or {@link #NONE}. */
    static Progress of(JobExecutionContext context) {
        return context.get(CONTEXT_KEY) instanceof Progress progress ? progress : NONE;
    }

    /** How much is done, from 0 to 1 (values outside are clamped, NaN ignored). */
    void fraction(double done);

    /** {@code done} of {@code total} steps are done; the fraction follows. A total below 1 is ignored. */
    void steps(long done, long total);

    /** What it is doing now, in a few words (cut at {@link #MESSAGE_MAX}). */
    void message(String text);
}
