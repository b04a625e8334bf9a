package io.jobdeck.security;

/** Every kind of state-changing action that the audit trail records. */
public enum AuditAction {
    START,
    STOP,
    STOP_AND_INTERRUPT,
    PAUSE,
    RESUME,
    RUN_NOW,
    INTERRUPT,
    CREATE,
    EDIT,
    DELETE,
    IMPORT,
    LOGIN,
    LOGIN_FAILED,
    LOGOUT
}
