package io.jobdeck.jobs.java;

import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.RunParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Java job's parameter values read from string properties and checked against what the job declares. */
final class ParameterValues {

    private ParameterValues() {}

    /**
     * What is wrong with one value: {@code parameter} names it (null: a property that is no parameter of the job),
     * {@code code} the message {@code java.problem.<code>}.
     */
    record Problem(@Nullable String parameter, String code, List<Object> args) {

        Problem(@Nullable String parameter, String code, Object... args) {
            this(parameter, code, List.of(args));
        }
    }

    /** The typed values (a default in place of an empty value; none for an empty one without) or the problems. */
    record Parsed(Map<String, Object> values, Map<String, String> texts, List<Problem> problems) {}

    /**
     * Reads the declared parameters from {@code data}; with {@code strict}, any other property but {@code ignored} is
     * a problem too (a form sends only the job's own parameters; a run's data may carry more).
     */
    static Parsed parse(List<JobParameter> declared, Map<String, ?> data, boolean strict, String ignored) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (JobParameter p : declared) {
            Object raw = data.get(p.name());
            String text = raw == null ? "" : raw.toString();
            if (text.isBlank()) {
                text = p.defaultValue();
            }
            if (text.isBlank()) {
                if (p.required()) {
                    problems.add(new Problem(p.name(), "required"));
                }
                continue;
            }
            if (text.length() > RunParameters.MAX_VALUE) {
                problems.add(new Problem(p.name(), "tooLong", RunParameters.MAX_VALUE));
                continue;
            }
            Object value = p.type().parse(text);
            if (value == null) {
                problems.add(new Problem(p.name(), p.type().name()));
                continue;
            }
            values.put(p.name(), value);
            texts.put(p.name(), value instanceof String s ? s : value.toString());
        }
        if (strict) {
            for (String key : data.keySet()) {
                if (!key.equals(ignored)
                        && declared.stream().noneMatch(p -> p.name().equals(key))) {
                    problems.add(new Problem(null, "unknownParameter", key));
                }
            }
        }
        return new Parsed(values, texts, problems);
    }
}
