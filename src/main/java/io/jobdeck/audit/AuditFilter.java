package io.jobdeck.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What to look for in the audit trail; null means "any".
 *
 * @param actor   part of the user name, case-insensitive
 * @param action  the action
 * @param outcome the outcome
 * @param from    at or after
 * @param to      before
 */
public record AuditFilter(
        @Nullable String actor,
        @Nullable AuditAction action,
        @Nullable AuditOutcome outcome,
        @Nullable Instant from,
        @Nullable Instant to) {

    public static final AuditFilter ANY = new AuditFilter(null, null, null, null, null);
}
