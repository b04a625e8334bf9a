package io.jobdeck.support.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code jobdeck.*} setting that fails validation is reported as the user wrote it ({@code
 * jobdeck.scheduler.worker-threads = 100000}), with what is wrong and the allowed range, instead of Spring Boot's
 * generic report with the record's camel-case field names.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Spring Boot's own bind-validation analyzer
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!(cause.getCause() instanceof BindValidationException validation)) {
            return null;
        }
        ValidationErrors errors = validation.getValidationErrors();
        String prefix = errors.getName().toString();
        if (!prefix.startsWith("jobdeck")) {
            return null;
        }
        Class<?> target = cause.getTarget().getType().resolve(Object.class);
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ObjectError error : errors) {
            if (!(error instanceof FieldError field)) {
                lines.add(prefix + ": " + error.getDefaultMessage());
                continue;
            }
            String name = prefix + "." + kebab(field.getField());
            names.add(name);
            StringBuilder line = new StringBuilder(name + " = " + shown(field.getRejectedValue(), errors, name));
            line.append(": ").append(field.getDefaultMessage());
            allowed(target, field.getField())
                    .ifPresent(range -> line.append(" (allowed: ").append(range).append(')'));
            lines.add(line.toString());
        }
        return new FailureAnalysis(
                "Invalid setting" + (lines.size() > 1 ? "s" : "") + ":\n    " + String.join("\n    ", lines),
                "Change " + String.join(", ", names) + " (see the Configuration table in README.md).",
                cause);
    }

    private static String shown(@Nullable Object rejected, ValidationErrors errors, String name) {
        for (ConfigurationProperty bound : errors.getBoundProperties()) {
            if (bound.getName().toString().equals(name)) {
                Object value = bound.getValue();
                return value + (bound.getOrigin() == null ? "" : " (from " + bound.getOrigin() + ")");
            }
        }
        return String.valueOf(rejected);
    }

    /** The range the constraints on the record component allow, e.g. "1 to 500" or "100ms to 1m". */
    static Optional<String> allowed(Class<?> type, String path) {
        AnnotatedElement component = component(type, path);
        if (component == null) {
            return Optional.empty();
        }
        Min min = component.getAnnotation(Min.class);
        Max max = component.getAnnotation(Max.class);
        if (min != null || max != null) {
            return Optional.of(range(
                    min == null ? null : String.valueOf(min.value()),
                    max == null ? null : String.valueOf(max.value())));
        }
        DurationMin dmin = component.getAnnotation(DurationMin.class);
        DurationMax dmax = component.getAnnotation(DurationMax.class);
        if (dmin != null || dmax != null) {
            return Optional.of(range(dmin == null ? null : duration(dmin), dmax == null ? null : duration(dmax)));
        }
        return Optional.empty();
    }

    private static @Nullable AnnotatedElement component(Class<?> type, String path) {
        Class<?> current = type;
        RecordComponent found = null;
        for (String part : path.split("\\.")) {
            found = null;
            if (current.getRecordComponents() == null) {
                return null;
            }
            for (RecordComponent c : current.getRecordComponents()) {
                if (c.getName().equals(part)) {
                    found = c;
                }
            }
            if (found == null) {
                return null;
            }
            current = found.getType();
        }
        // Bean Validation's annotations do not target record components; they land on the accessor.
        return found == null ? null : found.getAccessor();
    }

    private static String range(@Nullable String from, @Nullable String to) {
        if (from != null && to != null) {
            return from + " to " + to;
        }
        return from != null ? "at least " + from : "at most " + to;
    }

    private static String duration(DurationMin d) {
        return duration(d.days(), d.hours(), d.minutes(), d.seconds(), d.millis(), d.nanos());
    }

    private static String duration(DurationMax d) {
        return duration(d.days(), d.hours(), d.minutes(), d.seconds(), d.millis(), d.nanos());
    }

    private static String duration(long days, long hours, long minutes, long seconds, long millis, long nanos) {
        return format(Duration.ofDays(days)
                .plusHours(hours)
                .plusMinutes(minutes)
                .plusSeconds(seconds)
                .plusMillis(millis)
                .plusNanos(nanos));
    }

    /** In the form the settings are written: 100ms, 30s, 1m, 1h. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
