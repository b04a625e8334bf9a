package io.jobdeck.scheduler;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * Why the scheduler is not simply RUNNING or STOPPED, or what else an operator should know. The code and its
 * arguments let a view say it in the user's language ({@code reason.<CODE>} in the message bundles, with the same
 * placeholders); {@link #text()} says it in English, for the API and the log.
 *
 * @param code what kind of reason
 * @param args the values its text fills in, in order
 */
public record StatusReason(Code code, List<String> args) {

    public StatusReason {
        args = List.copyOf(args);
    }

    public static StatusReason of(Code code, Object... args) {
        return new StatusReason(
                code, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /** In English. */
    @JsonProperty("text")
    public String text() {
        return new MessageFormat(code.english, Locale.ROOT).format(args.toArray());
    }

    @Override
    public String toString() {
        return text();
    }

    public enum Code {
        QUARTZ_SHUT_DOWN("The Quartz scheduler has been shut down"),
        LEASE_LOST("Another node ({0}) took over this database while this one could not reach it"),
        COMMAND_FAILED("The last command failed: {0}"),
        STOP_PENDING("Quartz is still firing triggers; the stop is being applied"),
        STORE_NOT_ANSWERING("The job store does not answer: {0}"),
        STORE_TOO_SLOW("The job store did not answer within {0} ms"),
        QUARTZ_NOT_FIRING("Quartz is not firing triggers"),
        SCHEDULER_THREAD_DEAD("The Quartz scheduler thread is not alive"),
        WORKERS_DEAD("Only {0} of {1} worker threads are alive"),
        QUARTZ_ERROR("Quartz reports an error: {0}"),
        TRIGGERS_OVERDUE("{0} triggers are overdue by more than {1} s (workers busy: {2} of {3})"),
        CHOICE_NOT_SAVED("The last Start/Stop is applied but not yet saved to the database: {0}"),
        EVENTS_DROPPED("{0} live events were dropped because the event queue was full"),
        DRAINED("This node is drained for maintenance by {0}: it stands by while the cluster runs");

        private final String english;

        Code(String english) {
            this.english = english;
        }
    }
}
