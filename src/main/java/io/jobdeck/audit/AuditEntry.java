package io.jobdeck.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One audited action: who, when, what, on what, from where, on which node, and how it ended. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        @Nullable String address,
        AuditAction action,
        String target,
        AuditOutcome outcome,
        @Nullable String detail,
        @Nullable String node) {}
