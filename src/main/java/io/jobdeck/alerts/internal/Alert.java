package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleKind;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One alert to send: what a rule raised for a subject, to the rule's channels. */
public record Alert(
        String id,
        Instant at,
        @Nullable Long ruleId,
        RuleKind kind,
        String subject,
        AlertPhase phase,
        String message,
        String node,
        Set<Channel> channels) {

    public Alert {
        channels = Set.copyOf(channels);
    }

    static Alert of(AlertRule rule, String subject, AlertPhase phase, String message, Instant at, String node) {
        return new Alert(
                UUID.randomUUID().toString(),
                at,
                rule.id(),
                rule.kind(),
                subject,
                phase,
                message,
                node,
                rule.channels());
    }
}
