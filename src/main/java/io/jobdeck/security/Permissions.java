package io.jobdeck.security;

/** Method-security expressions, one per kind of action, so that every service says the same thing. */
public final class Permissions {

    /** Reading anything. */
    public static final String VIEW = "hasRole('VIEWER')";
    /** Scheduler lifecycle and job operations: start, stop, pause, resume, run now, interrupt. */
    public static final String OPERATE = "hasRole('OPERATOR')";
    /** Creating, editing and deleting jobs, dangerous job types, the audit log. */
    public static final String ADMINISTER = "hasRole('ADMIN')";

    private Permissions() {}
}
