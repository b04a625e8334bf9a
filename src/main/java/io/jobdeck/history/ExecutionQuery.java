package io.jobdeck.history;

import io.jobdeck.events.JobOutcome;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ExecutionFilter} as query parameters, the same in the history page's links ({@code history?group=g&job=n})
 * and in the REST API: {@code group}, {@code job}, {@code outcome} (repeated, or names separated by commas),
 * {@code node}, {@code from} and {@code to} (ISO instants, {@code from} included), {@code text} (searched in errors).
 */
public final class ExecutionQuery {

    public static final String GROUP = "group";
    public static final String JOB = "job";
    public static final String OUTCOME = "outcome";
    public static final String NODE = "node";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String TEXT = "text";

    private ExecutionQuery() {}

    /** A parameter that cannot be used, and why (in English, for the API's field errors). */
    public record Problem(String parameter, String message) {}

    /** A filter read from parameters, without what could not be used, and what that was. */
    public record Parsed(ExecutionFilter filter, List<Problem> problems) {

        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    /** Reads a filter; values that cannot be used are left out of it and named in {@link Parsed#problems}. */
    public static Parsed parse(Map<String, List<String>> parameters) {
        List<Problem> problems = new ArrayList<>();
        Set<JobOutcome> outcomes = EnumSet.noneOf(JobOutcome.class);
        for (String value : parameters.getOrDefault(OUTCOME, List.of())) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    outcomes.add(JobOutcome.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    problems.add(new Problem(OUTCOME, "Expected outcomes among " + EnumSet.allOf(JobOutcome.class)));
                }
            }
        }
        Instant from = instant(parameters, FROM, problems);
        Instant to = instant(parameters, TO, problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new Problem(TO, "Must be after from"));
            to = null;
        }
        String text = first(parameters, TEXT);
        if (text != null && text.length() > ExecutionFilter.MAX_TEXT) {
            problems.add(new Problem(TEXT, "At most " + ExecutionFilter.MAX_TEXT + " characters"));
            text = null;
        }
        String group = name(parameters, GROUP, problems);
        String job = name(parameters, JOB, problems);
        String node = name(parameters, NODE, problems);
        return new Parsed(new ExecutionFilter(group, job, outcomes, node, from, to, text), problems);
    }

    /** The parameters that {@link #parse} reads back as {@code filter}; empty parts are left out. */
    public static Map<String, List<String>> write(ExecutionFilter filter) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, GROUP, filter.jobGroup());
        put(parameters, JOB, filter.jobName());
        if (!filter.outcomes().isEmpty()) {
            parameters.put(
                    OUTCOME,
                    List.of(String.join(
                            ",",
                            EnumSet.copyOf(filter.outcomes()).stream()
                                    .map(Enum::name)
                                    .toList())));
        }
        put(parameters, NODE, filter.node());
        put(parameters, FROM, filter.from() == null ? null : filter.from().toString());
        put(parameters, TO, filter.to() == null ? null : filter.to().toString());
        put(parameters, TEXT, filter.errorText());
        return parameters;
    }

    private static void put(Map<String, List<String>> parameters, String name, @Nullable String value) {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }

    private static @Nullable String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.getFirst();
    }

    /** A job group, job name or node: the columns hold at most 200 characters, so a longer one matches nothing. */
    private static @Nullable String name(Map<String, List<String>> parameters, String name, List<Problem> problems) {
        String value = first(parameters, name);
        if (value != null && value.length() > ExecutionFilter.MAX_TEXT) {
            problems.add(new Problem(name, "At most " + ExecutionFilter.MAX_TEXT + " characters"));
            return null;
        }
        return value;
    }

    private static @Nullable Instant instant(
            Map<String, List<String>> parameters, String name, List<Problem> problems) {
        String value = first(parameters, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(name, "Expected an instant such as 2026-12-24T18:00:00Z"));
            return null;
        }
    }
}
