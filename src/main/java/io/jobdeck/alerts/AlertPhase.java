package io.jobdeck.alerts;

/** What a sent alert says. */
public enum AlertPhase {
    /** Something is wrong. */
    FIRING,
    /** What was wrong is fine again. */
    RECOVERED,
    /** An administrator pressed "Send test alert". */
    TEST
}
