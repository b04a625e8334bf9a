package io.jobdeck.support;

/**
 * Jobdeck cannot start as configured. The message says what is wrong and what to do about it; Spring Boot prints it
 * as the one reason the application did not start, without a stack trace.
 */
public class StartupRefusedException extends RuntimeException {

    private final String action;

    public StartupRefusedException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
