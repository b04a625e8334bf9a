package io.jobdeck.jobs;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A part of a key that people type and read: a job's group or name, a calendar's name. Required, at most {@link #max}
 * characters, letters and digits of any script first, then also spaces, dots, dashes and underscores. One message for
 * the first rule broken, in the reader's language.
 */
@Documented
@Constraint(validatedBy = KeyName.Check.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface KeyName {

    /** The most characters a key part has: it is part of Quartz's 200-character key columns. */
    int MAX = 80;

    String message() default "{job.problem.key}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int max() default MAX;

    /** Judges a key part; its messages interpolate {@code {max}}. */
    final class Check implements ConstraintValidator<KeyName, String> {

        private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

        private int max = MAX;

        @Override
        public void initialize(KeyName annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            String broken;
            if (value == null || value.isBlank()) {
                broken = "{job.problem.required}";
            } else if (value.length() > max) {
                broken = "{validation.tooLong}";
            } else if (!KEY.matcher(value).matches()) {
                return false; // the default message
            } else {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(broken).addConstraintViolation();
            return false;
        }
    }
}
