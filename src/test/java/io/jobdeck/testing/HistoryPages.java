package io.jobdeck.testing;

import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.security.Role;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The history as a viewer reads it. */
public final class HistoryPages {

    private HistoryPages() {}

    /** The first 50 executions matching the filter, newest first. */
    public static List<Execution> firstPage(ExecutionHistory history, ExecutionFilter filter) throws Exception {
        return As.call(
                        Role.VIEWER,
                        () -> history.readPage(filter, 0, 50)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .rows();
    }
}
