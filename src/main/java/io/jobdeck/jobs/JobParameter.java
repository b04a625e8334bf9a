package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.DurationInput;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One value a Java job asks for in the form ({@link JobdeckJob#parameters()}, {@link DeclaredJob.Parameter}). Stored
 * with the job as a string under its {@code name}; a run gets it checked and typed ({@link JobRun}).
 *
 * @param name         letters, digits and {@code _}, not starting with a digit
 * @param required     whether the form refuses to save without a value
 * @param defaultValue what the form starts with, and what is stored when the field is left empty ({@code ""}: none)
 * @param secret       shown masked everywhere once saved, like an HTTP job's Authorization header
 * @param help         a sentence shown under the field
 */
public record JobParameter(String name, Type type, boolean required, String defaultValue, boolean secret, String help) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    /** The kinds of value, each with its own form field and check. */
    public enum Type {
        /** Any text, as typed. */
        STRING,
        /** A whole number (a {@code long}). */
        INTEGER,
        /** {@code true} or {@code false}: a checkbox. */
        BOOLEAN,
        /** Whole seconds ({@code 30}) or ISO-8601 ({@code PT30S}): a {@link java.time.Duration}. */
        DURATION;

        /** The value {@code text} stands for, typed; null if it is not one of this type. */
        public @Nullable Object parse(String text) {
            String t = text.strip();
            return switch (this) {
                case STRING -> text;
                case INTEGER -> {
                    try {
                        yield Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        yield null;
                    }
                }
                case BOOLEAN ->
                    t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case DURATION -> DurationInput.parse(t).orElse(null);
            };
        }
    }

    public JobParameter {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A parameter's name is letters, digits and _: " + name);
        }
        if (!defaultValue.isEmpty() && type.parse(defaultValue) == null) {
            throw new IllegalArgumentException("The default of " + name + " is not a "
                    + type.name().toLowerCase(Locale.ROOT) + ": " + defaultValue);
        }
    }

    /** A value the form insists on. */
    public static JobParameter required(String name, Type type, String help) {
        return new JobParameter(name, type, true, "", false, help);
    }

    /** What a secret value is shown as, wherever it is shown. */
    public static final String MASK = io.jobdeck.jobs.internal.JobKind.MASK;

    /** A value that may be left empty, then {@code defaultValue} ({@code ""}: none). */
    public static JobParameter optional(String name, Type type, String defaultValue, String help) {
        return new JobParameter(name, type, false, defaultValue, false, help);
    }

    /** The same parameter, with its value masked wherever it is shown. */
    public JobParameter asSecret() {
        return new JobParameter(name, type, required, defaultValue, true, help);
    }
}
