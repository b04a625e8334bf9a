package io.jobdeck.alerts;

import java.time.Instant;

/** An alert as an open page shows it. */
public record AlertNotice(
        String alertId, AlertPhase phase, RuleKind kind, String subject, String message, Instant at) {}
