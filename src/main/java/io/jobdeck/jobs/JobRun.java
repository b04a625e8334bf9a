package io.jobdeck.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One run of a {@link JobdeckJob}: its job's key, its parameters' checked values (a parameter left empty without a
 * default has none: see {@link #has}), whether an operator has interrupted it, where it reports its {@link #progress()},
 * and an executor for tasks beside it whose logs are attached to the run ({@link #tasks()}).
 */
public final class JobRun {

    private final String group;
    private final String name;
    private final Map<String, Object> values;
    private final BooleanSupplier interrupted;
    private final Progress progress;
    private final Executor tasks;

    public JobRun(
            String group,
            String name,
            Map<String, Object> values,
            BooleanSupplier interrupted,
            Progress progress,
            Executor tasks) {
        this.group = group;
        this.name = name;
        this.values = Map.copyOf(values);
        this.interrupted = interrupted;
        this.progress = progress;
        this.tasks = tasks;
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

    /** Where this run says how far it has got (shown live in "Running now" and on the execution's page). */
    public Progress progress() {
        return progress;
    }

    /** Runs tasks beside this run on Jobdeck's bounded pool; what they log is attached to this run (see {@link JobTasks}). */
    public Executor tasks() {
        return tasks;
    }

    private <T> T value(String parameter, Class<T> type) {
        Object value = values.get(parameter);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("This run has no " + type.getSimpleName() + " value for " + parameter);
        }
        return type.cast(value);
    }
}
