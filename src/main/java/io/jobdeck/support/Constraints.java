package io.jobdeck.support;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Bean Validation worded in a given language. Spring's validator words a constraint's message (a key of
 * {@code messages*.properties}, such as {@code {validation.tooLong}}) in the language of the thread's
 * {@link LocaleContextHolder}; these set it for the one call, so that a form and a service word the same rule alike.
 */
public final class Constraints {

    private Constraints() {}

    /** The constraints {@code object} breaks, worded in {@code locale}. */
    public static <T> Set<ConstraintViolation<T>> validate(Validator validator, T object, Locale locale) {
        return in(locale, () -> validator.validate(object));
    }

    /** The constraints of {@code type}'s {@code property} that {@code value} would break, worded in {@code locale}. */
    public static <T> Set<ConstraintViolation<T>> validateValue(
            Validator validator, Class<T> type, String property, @Nullable Object value, Locale locale) {
        return in(locale, () -> validator.validateValue(type, property, value));
    }

    private static <R> R in(Locale locale, Supplier<R> work) {
        LocaleContext before = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocale(locale);
        try {
            return work.get();
        } finally {
            LocaleContextHolder.setLocaleContext(before);
        }
    }
}
