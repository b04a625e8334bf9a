package io.jobdeck.jobs.internal;

import java.util.ArrayList;
import java.util.List;

/** Text typed as {@code name=value}, one a line: a shell job's environment, a run's one-off parameters. */
public final class NameValueLines {

    /**
     * One line that is not blank.
     *
     * @param number the line's number, from 1, blank lines counted
     * @param name what precedes the first {@code =}, stripped; the whole line stripped when there is none
     * @param value what follows the first {@code =}, as typed; empty when there is none
     * @param separated whether the line has an {@code =}
     */
    public record Line(int number, String name, String value, boolean separated) {}

    private NameValueLines() {}

    /** The lines of {@code text} that are not blank, in order. */
    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            lines.add(
                    eq < 0
                            ? new Line(number, line.strip(), "", false)
                            : new Line(number, line.substring(0, eq).strip(), line.substring(eq + 1), true));
        }
        return lines;
    }
}
