package io.jobdeck.history;

import java.util.List;

/**
 * One page of executions, newest first.
 *
 * @param rows   the page's executions (without stack trace and log)
 * @param total  how many match, counted up to {@link ExecutionHistory#COUNT_CAP}
 * @param capped whether there are more than {@code total}
 */
public record ExecutionPage(List<Execution> rows, long total, boolean capped) {

    public ExecutionPage {
        rows = List.copyOf(rows);
    }
}
