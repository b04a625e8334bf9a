package io.jobdeck.jobs.ui;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.RunHistory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * A small bar chart of how long each of a job's recent runs took, oldest at the left, failed runs in the error colour:
 * inline SVG written here, on the server, from numbers and an escaped label only (no chart library, no script).
 */
final class DurationSparkline {

    static final int WIDTH = 200;
    static final int HEIGHT = 32;
    private static final int GAP = 2;
    /** A run too short to see still gets a bar this high, so that it counts visibly. */
    private static final double MIN_BAR = 1.5;

    private DurationSparkline() {}

    /** The SVG for these runs (newest first, as the history gives them), or empty when none has a duration. */
    static String svg(List<RunHistory.PastRun> newestFirst, String label) {
        List<RunHistory.PastRun> runs = newestFirst.reversed();
        long longest = runs.stream()
                .map(RunHistory.PastRun::duration)
                .filter(d -> d != null)
                .mapToLong(Duration::toMillis)
                .max()
                .orElse(-1);
        if (longest < 0) {
            return "";
        }
        double slot = (double) WIDTH / runs.size();
        double bar = Math.max(1, slot - GAP);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jobdeck-sparkline\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(HtmlUtils.htmlEscape(label))
                .append("\">");
        for (int i = 0; i < runs.size(); i++) {
            RunHistory.PastRun run = runs.get(i);
            if (run.duration() == null) {
                continue; // still running
            }
            double height = longest == 0
                    ? MIN_BAR
                    : Math.max(MIN_BAR, HEIGHT * (double) run.duration().toMillis() / longest);
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" style=\"fill: %s\"/>",
                    i * slot,
                    HEIGHT - height,
                    bar,
                    height,
                    colour(run.outcome())));
        }
        return svg.append("</svg>").toString();
    }

    private static String colour(JobOutcome outcome) {
        return outcome.failed()
                ? "var(--lumo-error-color)"
                : outcome == JobOutcome.SUCCEEDED ? "var(--lumo-success-color)" : "var(--lumo-contrast-50pct)";
    }
}
