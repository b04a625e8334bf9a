package io.jobdeck.security;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    FAILED,
    DENIED
}
