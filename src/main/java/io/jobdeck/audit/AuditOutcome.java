package io.jobdeck.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    FAILED,
    DENIED
}
