package io.jobdeck.audit;

/**
 * Every kind of action the audit trail records. Each value is produced somewhere: by an {@link Audited} service
 * method, or by a login, failed login or logout ({@code AuditCoverageTest} keeps it so).
 */
public enum AuditAction {
    START,
    STOP,
    STOP_AND_INTERRUPT,
    PAUSE,
    RESUME,
    RUN_NOW,
    INTERRUPT,
    DELETE,
    CREATE_JOB,
    UPDATE_JOB,
    // Calendars (issue 7): created, changed and deleted in the browser.
    CREATE_CALENDAR,
    UPDATE_CALENDAR,
    DELETE_CALENDAR,
    // Jobs as code (issue 8): a definitions document imported, with its counts.
    IMPORT_DEFINITIONS,
    // API tokens (issue 8): made and revoked in the browser; what a token does is recorded under its owner and name.
    CREATE_API_TOKEN,
    REVOKE_API_TOKEN,
    // Alerts (issue 10): rules saved and deleted, test alerts sent, by admins.
    SAVE_ALERT_RULE,
    DELETE_ALERT_RULE,
    SEND_TEST_ALERT,
    // Cluster (issue 11): one node drained for maintenance, and undrained.
    DRAIN,
    UNDRAIN,
    LOGIN,
    LOGIN_FAILED,
    LOGOUT
}
