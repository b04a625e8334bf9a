package io.jobdeck.scheduler;

import io.jobdeck.audit.AuditedResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one lifecycle command, once the control thread has applied it. Applied is not yet saved: the
 * operator's choice reaches the database right after, off the control thread ({@link SchedulerControl#saved(long)}).
 *
 * @param sequence the command's place in arrival order (commands are applied in this order)
 * @param command  what was asked
 * @param status   the status right after it was applied
 * @param error    why it failed, or null when it was applied
 */
public record CommandResult(
        long sequence,
        LifecycleCommand command,
        SchedulerStatus status,
        @Nullable String error) implements AuditedResult {

    public boolean succeeded() {
        return error == null;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(error);
    }
}
