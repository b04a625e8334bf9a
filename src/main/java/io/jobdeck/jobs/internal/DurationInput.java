package io.jobdeck.jobs.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A duration as people type it into a job's form: whole seconds ({@code 30}) or ISO-8601 ({@code PT30S}). */
public final class DurationInput {

    private DurationInput() {}

    /** The duration {@code text} says; empty if it says none. Never throws. */
    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        try {
            return Optional.of(
                    t.chars().allMatch(Character::isDigit) && !t.isEmpty() && t.length() <= 7
                            ? Duration.ofSeconds(Long.parseLong(t))
                            : Duration.parse(t));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
