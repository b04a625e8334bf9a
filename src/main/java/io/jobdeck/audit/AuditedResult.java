package io.jobdeck.audit;

import java.util.Optional;

/**
 * A result that can say it failed without an exception, so that its audit record says FAILED, or what it did, so that
 * the record says that.
 */
public interface AuditedResult {

    /** Why the action failed, or empty if it succeeded. */
    Optional<String> failure();

    /** What a successful action did, for the trail (secrets masked); empty if its target says it all. */
    default Optional<String> detail() {
        return Optional.empty();
    }
}
