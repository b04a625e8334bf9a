package io.jobdeck.scheduler;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one lifecycle command, once the control thread has applied it.
 *
 * @param sequence the command's place in arrival order (commands are applied in this order)
 * @param command  what was asked
 * @param status   the status right after it was applied
 * @param error    why it failed, or null when it was applied
 */
public record CommandResult(long sequence, LifecycleCommand command, SchedulerStatus status, @Nullable String error) {

    public boolean succeeded() {
        return error == null;
    }
}
