package io.jobdeck.audit;

import java.util.Optional;

/** A result that can say it failed without an exception, so that its audit record says FAILED. */
public interface AuditedResult {

    /** Why the action failed, or empty if it succeeded. */
    Optional<String> failure();
}
