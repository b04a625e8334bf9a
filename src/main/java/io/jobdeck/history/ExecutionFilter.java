package io.jobdeck.history;

import io.jobdeck.events.JobOutcome;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which executions a history page lists; every part is optional.
 *
 * @param jobGroup  the job's group, exactly
 * @param jobName   the job's name, exactly (with {@code jobGroup})
 * @param outcomes  any of these outcomes (empty: any)
 * @param node      the node that ran it, exactly
 * @param from      fired at or after
 * @param to        fired before
 * @param errorText words the error message contains, each as a whole word in any case ("refused" finds "Connection
 *                  refused", "refus" does not; a text without letters or digits finds nothing)
 */
public record ExecutionFilter(
        @Nullable String jobGroup,
        @Nullable String jobName,
        Set<JobOutcome> outcomes,
        @Nullable String node,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String errorText) {

    /** The longest error text searched for. */
    public static final int MAX_TEXT = 200;

    public static final ExecutionFilter ALL = new ExecutionFilter(null, null, Set.of(), null, null, null, null);

    public ExecutionFilter {
        outcomes = Set.copyOf(outcomes);
        jobGroup = blankToNull(jobGroup);
        jobName = blankToNull(jobName);
        node = blankToNull(node);
        errorText = blankToNull(errorText);
    }

    public static ExecutionFilter ofJob(String group, String name) {
        return new ExecutionFilter(group, name, Set.of(), null, null, null, null);
    }

    public ExecutionFilter withOutcomes(Set<JobOutcome> outcomes) {
        return new ExecutionFilter(jobGroup, jobName, outcomes, node, from, to, errorText);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
