package io.jobdeck.alerts;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule as the form or an API gives it, unchecked: the job as typed ({@code group.name}, empty for every job),
 * durations in seconds.
 *
 * @param id the rule to change; 0 for a new one
 */
public record RuleDraft(
        long id,
        @Nullable RuleKind kind,
        boolean enabled,
        String job,
        long thresholdSeconds,
        long dedupSeconds,
        Set<Channel> channels,
        boolean includeStopped) {

    public RuleDraft {
        channels = Set.copyOf(channels);
    }

    /** The most seconds a threshold or window may have: 30 days. */
    public static final long MAX_SECONDS = 30L * 24 * 3600;

    public static final int MAX_JOB = 401;
}
