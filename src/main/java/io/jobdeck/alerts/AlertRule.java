package io.jobdeck.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One stored alert rule.
 *
 * @param id             its id (0 for one not yet stored)
 * @param kind           what it watches
 * @param enabled        whether it is evaluated
 * @param jobGroup       the job it watches, for a per-job kind; null for every job (a missed-run rule needs one)
 * @param jobName        see {@code jobGroup}
 * @param threshold      how long before it fires: a run's length (stuck), the window a success must fall in (missed
 *                       run), how long the scheduler is not running or the store does not answer
 * @param dedupWindow    after an alert for a subject, more alerts of this rule for that subject within this window
 *                       are held back (a flapping job does not flood)
 * @param channels       where its alerts go
 * @param includeStopped for the scheduler rule: whether STOPPED (by an operator) counts as not running
 * @param updatedAt      when it was last saved (a missed-run window starts no earlier)
 */
public record AlertRule(
        long id,
        RuleKind kind,
        boolean enabled,
        @Nullable String jobGroup,
        @Nullable String jobName,
        Duration threshold,
        Duration dedupWindow,
        Set<Channel> channels,
        boolean includeStopped,
        Instant updatedAt) {

    public AlertRule {
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    }

    /** Whether the rule watches this job. */
    public boolean watches(String group, String name) {
        return jobGroup == null || (jobGroup.equals(group) && (jobName == null || jobName.equals(name)));
    }

    /** The job it names as {@code group.name}, or null for every job. */
    public @Nullable String job() {
        return jobGroup == null ? null : jobName == null ? jobGroup + ".*" : jobGroup + "." + jobName;
    }
}
