package io.jobdeck.alerts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One alert sent (or being sent) to one channel, as the alerts view lists it.
 *
 * @param alertId   what the channels of one alert share
 * @param raisedAt  when the alert was raised
 * @param ruleId    the rule that raised it; null for a test of a rule deleted since
 * @param subject   what it is about: a job ({@code group.name}), the scheduler or the store
 * @param attempts  attempts made so far
 * @param success   whether it was delivered; null while it is being sent
 * @param lastError why the last attempt failed
 * @param endedAt   when it was delivered or given up
 */
public record AlertDelivery(
        long id,
        String alertId,
        Instant raisedAt,
        @Nullable Long ruleId,
        RuleKind kind,
        String subject,
        AlertPhase phase,
        String message,
        Channel channel,
        int attempts,
        @Nullable Boolean success,
        @Nullable String lastError,
        @Nullable Instant endedAt) {}
