package io.jobdeck.history;

import java.util.List;

/**
 * One execution with the attempts of its run, as its page shows them.
 *
 * @param execution the execution, with its stack trace and log
 * @param attempts  every attempt of its run (this one among them), first first, without stack traces and logs
 */
public record ExecutionRun(Execution execution, List<Execution> attempts) {

    public ExecutionRun {
        attempts = List.copyOf(attempts);
    }
}
