package io.jobdeck.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One run of a {@link JobdeckJob}: its job's key, its parameters' checked values (a parameter left empty without a
 * default has none: see {@link #has}), and whether an operator has interrupted it.
 */
public final class JobRun {

    private final String group;
    private final String name;
    private final Map<String, Object> values;
    private final BooleanSupplier interrupted;

    public JobRun(String group, String name, Map<String, Object> values, BooleanSupplier interrupted) {
        this.group = group;
        this.name = name;
        this.values = Map.copyOf(values);
        this.interrupted = interrupted;
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    /** Whether the parameter has a value in this run. */
    public boolean has(String parameter) {
        return values.containsKey(parameter);
    }

    public String string(String parameter) {
        return value(parameter, String.class);
    }

    public long integer(String parameter) {
        return value(parameter, Long.class);
    }

    public boolean flag(String parameter) {
        return value(parameter, Boolean.class);
    }

    public Duration duration(String parameter) {
        return value(parameter, Duration.class);
    }

    /** True once an operator has interrupted this run: stop soon, and return or throw. */
    public boolean interrupted() {
        return interrupted.getAsBoolean();
    }

    private <T> T value(String parameter, Class<T> type) {
        Object value = values.get(parameter);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("This run has no " + type.getSimpleName() + " value for " + parameter);
        }
        return type.cast(value);
    }
}
