package io.jobdeck.security;

import java.util.List;
import java.util.stream.Stream;

/** What a user may do. Each role includes the ones before it. */
public enum Role {
    /** Sees everything, changes nothing. */
    VIEWER,
    /** Starts and stops the scheduler; pauses, resumes, runs and interrupts jobs. */
    OPERATOR,
    /** Everything, plus managing jobs, dangerous job types and reading the audit log. */
    ADMIN;

    /** This role and every role it includes, as Spring authorities ({@code ROLE_...}). */
    public List<String> authorities() {
        return Stream.of(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(r -> "ROLE_" + r.name())
                .toList();
    }
}
