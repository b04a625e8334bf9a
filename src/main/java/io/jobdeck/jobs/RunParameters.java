package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.NameValueLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One-off parameters of a Run now, written one per line as {@code name=value}: added to that run's job data only (a
 * Java job reads them from its merged data), never to the job's definition, whose own keys they may not replace; nor
 * may they use Jobdeck's own names ({@link RunAttempt#INTERNAL_PREFIX}).
 */
public final class RunParameters {

    public static final int MAX_PARAMETERS = 50;
    public static final int MAX_VALUE = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

    /** What is wrong with one line: {@code code} names the message {@code run.problem.<code>}, with its arguments. */
    public record Problem(String code, List<Object> args) {

        Problem(String code, Object... args) {
            this(code, List.of(args));
        }
    }

    /** The parameters, in the order written, or what is wrong with them. */
    public record Parsed(Map<String, String> values, List<Problem> problems) {

        public Parsed {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            problems = List.copyOf(problems);
        }
    }

    private RunParameters() {}

    /** Reads {@code name=value} lines; blank lines are skipped. Never throws. */
    public static Parsed parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (NameValueLines.Line line : NameValueLines.parse(text)) {
            String value = line.value().strip();
            problems.addAll(check(line.number(), line.separated(), line.name(), value, values));
            values.putIfAbsent(line.name(), value);
        }
        if (values.size() > MAX_PARAMETERS) {
            problems.add(new Problem("tooMany", MAX_PARAMETERS));
        }
        return new Parsed(problems.isEmpty() ? values : Map.of(), problems);
    }

    /** Checks parameters given as a map (not as lines), as the service does whatever its caller checked. */
    public static List<Problem> check(Map<String, String> parameters) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        int number = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            problems.addAll(check(++number, true, e.getKey(), e.getValue(), seen));
            seen.put(e.getKey(), e.getValue());
        }
        if (parameters.size() > MAX_PARAMETERS) {
            problems.add(new Problem("tooMany", MAX_PARAMETERS));
        }
        return problems;
    }

    private static List<Problem> check(
            int line, boolean hasEquals, String name, String value, Map<String, String> seen) {
        if (!hasEquals || !NAME.matcher(name).matches()) {
            return List.of(new Problem("line", line));
        }
        if (name.startsWith(RunAttempt.INTERNAL_PREFIX)) {
            // A run's and attempt's marks (and a retry policy's) are Jobdeck's: a run given them would pass for
            // another.
            return List.of(new Problem("reserved", line, name));
        }
        if (seen.containsKey(name)) {
            return List.of(new Problem("duplicate", line, name));
        }
        if (value.length() > MAX_VALUE) {
            return List.of(new Problem("tooLong", line, MAX_VALUE));
        }
        return List.of();
    }
}
