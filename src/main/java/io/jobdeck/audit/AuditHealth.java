package io.jobdeck.audit;

import org.jspecify.annotations.Nullable;

/**
 * Whether the audit trail is being stored.
 *
 * @param waiting   records not yet stored (they are retried until the database takes them)
 * @param lost      records that could not be kept at all since the start (queue full); each is in the log
 * @param lastError why the last attempt to store failed, or null once storing works again
 */
public record AuditHealth(int waiting, long lost, @Nullable String lastError) {

    public boolean healthy() {
        return lost == 0 && lastError == null;
    }
}
