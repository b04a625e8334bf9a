package io.jobdeck.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the jobs list, and how many jobs match in all.
 *
 * @param rows       the page's jobs, in the query's order
 * @param total      how many jobs match the query, or at least how many when not {@code totalExact}
 * @param totalExact false when there are more than {@code total} (a search counts only so far)
 * @param offset     where the page starts among them
 */
public record JobPage(List<Row> rows, long total, boolean totalExact, int offset) {

    public JobPage {
        rows = List.copyOf(rows);
    }

    /**
     * One job as the list shows it.
     *
     * @param type     "HTTP" for a job made in the browser, else the job class's simple name
     * @param nextFire the earliest next fire of its triggers that are not paused, or null
     * @param triggers how many triggers it has
     */
    public record Row(
            String group,
            String name,
            @Nullable String description,
            String type,
            JobState state,
            @Nullable Instant nextFire,
            @Nullable Instant previousFire,
            int triggers) {}
}
