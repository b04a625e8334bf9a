package io.jobdeck.jobs;

import io.jobdeck.events.JobOutcome;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * What a job does when a run fails: how many attempts a run gets in all (1: no retry), how long it waits before each
 * retry (the same each time, or doubling from the first wait up to a longest one), give or take a random part so that
 * many jobs failing together do not retry together, and which failures are worth a retry (a failure, a timeout, and
 * perhaps only those whose error says a given text). Stored with the job as string properties under {@link #PREFIX}.
 * A policy of one attempt holds nothing else: what its other fields said is cleared (there is nothing to judge).
 *
 * @param maxAttempts   attempts in all, the first one included: 1 (no retry) to {@value #MAX_ATTEMPTS}
 * @param backoff       the same wait before every retry, or a doubling one
 * @param delay         the wait before the first retry (null only as typed, refused)
 * @param maxDelay      the longest wait of a doubling backoff; null for none (then {@value #MAX_DELAY_HOURS} h)
 * @param jitter        each wait is made up to this many percent longer or shorter, at random (0–100)
 * @param failures      the failures that are retried
 * @param errorContains only a failure whose error (its message or exception class, or a cause's) contains this text
 *     is retried; empty for any
 */
public record RetryPolicy(
        @Range(min = 1, max = MAX_ATTEMPTS, message = "{retry.maxAttempts.range}")
        int maxAttempts,

        Backoff backoff,

        @NotNull(message = "{retry.delay.required}")
        @DurationMin(seconds = 0, message = "{retry.delay.range}")
        @DurationMax(hours = MAX_DELAY_HOURS, message = "{retry.delay.range}")
        @Nullable
        Duration delay,

        @DurationMin(seconds = 0, message = "{retry.delay.range}")
        @DurationMax(hours = MAX_DELAY_HOURS, message = "{retry.delay.range}")
        @Nullable
        Duration maxDelay,

        @Range(min = 0, max = 100, message = "{retry.jitter.range}")
        int jitter,

        Set<Failure> failures,

        @Size(max = MAX_ERROR_TEXT, message = "{validation.tooLong}")
        String errorContains) {

    /** The most attempts a run may have. */
    public static final int MAX_ATTEMPTS = 10;
    /** The longest wait before a retry: a day. */
    public static final long MAX_DELAY_HOURS = 24;

    public static final int MAX_ERROR_TEXT = 200;
    /** The wait a new policy starts with. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);

    /** No retry: the first attempt is the only one. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Backoff.FIXED, DEFAULT_DELAY, null, 0, EnumSet.allOf(Failure.class), "");

    /** The job data keys a policy is stored under all start with this (a key of Jobdeck's own, not a parameter). */
    public static final String PREFIX = RunAttempt.INTERNAL_PREFIX + "retry.";

    static final String ATTEMPTS = PREFIX + "attempts";
    static final String BACKOFF = PREFIX + "backoff";
    static final String DELAY = PREFIX + "delay";
    static final String MAX_DELAY = PREFIX + "max-delay";
    static final String JITTER = PREFIX + "jitter";
    static final String FAILURES = PREFIX + "failures";
    static final String ERROR_CONTAINS = PREFIX + "error-contains";

    private static final Duration LONGEST = Duration.ofHours(MAX_DELAY_HOURS);

    /** How the wait grows from one retry to the next. */
    public enum Backoff {
        /** The first wait before every retry. */
        FIXED,
        /** The first wait, then twice as long before each next retry, up to the longest wait. */
        EXPONENTIAL
    }

    /** The failures a policy may retry: an interrupted run, or one whose node died, is never retried. */
    public enum Failure {
        FAILED,
        TIMED_OUT
    }

    public RetryPolicy {
        failures = failures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(failures));
        if (maxAttempts == 1) {
            backoff = Backoff.FIXED;
            delay = DEFAULT_DELAY;
            jitter = 0;
            failures = Set.copyOf(EnumSet.allOf(Failure.class));
            errorContains = "";
        }
        if (backoff == Backoff.FIXED) {
            maxDelay = null;
        }
    }

    /** A policy of {@code maxAttempts} attempts, {@code delay} apart, on any failure or timeout. */
    public static RetryPolicy fixed(int maxAttempts, Duration delay) {
        return new RetryPolicy(maxAttempts, Backoff.FIXED, delay, null, 0, EnumSet.allOf(Failure.class), "");
    }

    /** A policy of {@code maxAttempts} attempts, waiting {@code first}, then twice as long each time up to {@code max}. */
    public static RetryPolicy exponential(int maxAttempts, Duration first, @Nullable Duration max) {
        return new RetryPolicy(maxAttempts, Backoff.EXPONENTIAL, first, max, 0, EnumSet.allOf(Failure.class), "");
    }

    public RetryPolicy withJitter(int percent) {
        return new RetryPolicy(maxAttempts, backoff, delay, maxDelay, percent, failures, errorContains);
    }

    public RetryPolicy only(Set<Failure> failures, String errorText) {
        return new RetryPolicy(maxAttempts, backoff, delay, maxDelay, jitter, failures, errorText);
    }

    /** Whether a run is ever retried. */
    public boolean retries() {
        return maxAttempts > 1;
    }

    /**
     * Whether attempt {@code attempt} (1 for the first), which ended with {@code failure} and the error {@code error}
     * (its exception classes and messages, causes included), is retried.
     */
    public boolean retries(Failure failure, String error, int attempt) {
        return attempt < maxAttempts && failures.contains(failure) && error.contains(errorContains);
    }

    /**
     * Whether attempt {@code attempt} of a run, which ended with {@code outcome} and {@code error}, is retried: only a
     * failure or a timeout can be, as the policy says. The retries and the alerts (a run failed for good) ask this.
     */
    public boolean retries(JobOutcome outcome, @Nullable Throwable error, int attempt) {
        Failure failure = switch (outcome) {
            case FAILED -> Failure.FAILED;
            case TIMED_OUT -> Failure.TIMED_OUT;
            default -> null;
        };
        return failure != null && error != null && retries(failure, errorText(error), attempt);
    }

    /** Each exception of the error and its causes as {@code class: message}, one per line. */
    static String errorText(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            text.append(t.getClass().getName())
                    .append(": ")
                    .append(t.getMessage())
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * How long to wait before attempt {@code attempt} (2 for the first retry): the first wait, doubled for each retry
     * before this one if the backoff doubles, at most the longest wait; then made up to {@link #jitter} percent longer
     * or shorter by {@code random}, but never longer than the longest wait nor shorter than nothing.
     */
    public Duration delayBefore(int attempt, RandomGenerator random) {
        long first = delay == null ? 0 : delay.toMillis();
        long cap = maxDelay == null ? LONGEST.toMillis() : Math.min(maxDelay.toMillis(), LONGEST.toMillis());
        long base = first;
        if (backoff == Backoff.EXPONENTIAL) {
            int doublings = Math.max(0, attempt - 2);
            base = doublings >= 62 || first > (Long.MAX_VALUE >> doublings) ? cap : Math.min(cap, first << doublings);
        }
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter / 100.0;
        long jittered = Math.round(base * (1 + spread));
        long longest = backoff == Backoff.EXPONENTIAL ? cap : LONGEST.toMillis();
        return Duration.ofMillis(Math.clamp(jittered, 0, longest));
    }

    /** One line for the audit trail and the log, in English: {@code 3 attempts, EXPONENTIAL from PT10S up to PT5M}. */
    public String describe() {
        if (!retries()) {
            return "no retry";
        }
        return maxAttempts + " attempts, " + backoff + " from " + delay
                + (maxDelay == null ? "" : " up to " + maxDelay)
                + (jitter == 0 ? "" : " ±" + jitter + "%")
                + ", on " + failures.stream().sorted().map(Enum::name).collect(Collectors.joining(" or "))
                + (errorContains.isEmpty() ? "" : " whose error contains \"" + errorContains + "\"");
    }

    /** The policy as stored with the job: nothing for no retry, else strings only. */
    public Map<String, String> toData() {
        Map<String, String> data = new LinkedHashMap<>();
        if (!retries()) {
            return data;
        }
        data.put(ATTEMPTS, Integer.toString(maxAttempts));
        data.put(BACKOFF, backoff.name());
        data.put(DELAY, String.valueOf(delay));
        if (maxDelay != null) {
            data.put(MAX_DELAY, maxDelay.toString());
        }
        data.put(JITTER, Integer.toString(jitter));
        data.put(FAILURES, failures.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
        if (!errorContains.isEmpty()) {
            data.put(ERROR_CONTAINS, errorContains);
        }
        return data;
    }

    /**
     * The policy a job's data holds ({@link #toData}); {@link #NONE} if it holds none or one that cannot be read (the
     * job runs as it would without: a store edited by hand does not make a job retry for ever).
     */
    public static RetryPolicy of(Map<String, ?> data) {
        Object attempts = data.get(ATTEMPTS);
        if (attempts == null) {
            return NONE;
        }
        try {
            int max = Integer.parseInt(attempts.toString());
            Object maxDelay = data.get(MAX_DELAY);
            RetryPolicy policy = new RetryPolicy(
                    max,
                    Backoff.valueOf(text(data, BACKOFF, Backoff.FIXED.name())),
                    Duration.parse(text(data, DELAY, DEFAULT_DELAY.toString())),
                    maxDelay == null ? null : Duration.parse(maxDelay.toString()),
                    Integer.parseInt(text(data, JITTER, "0")),
                    Arrays.stream(text(data, FAILURES, "FAILED,TIMED_OUT").split(","))
                            .filter(s -> !s.isBlank())
                            .map(s -> Failure.valueOf(s.strip()))
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Failure.class))),
                    text(data, ERROR_CONTAINS, ""));
            return policy.sane() ? policy : NONE;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return NONE;
        }
    }

    /** Within the bounds the constraints set, as far as a run depends on them. */
    private boolean sane() {
        return maxAttempts >= 1
                && maxAttempts <= MAX_ATTEMPTS
                && delay != null
                && !delay.isNegative()
                && (maxDelay == null || !maxDelay.isNegative())
                && jitter >= 0
                && jitter <= 100;
    }

    private static String text(Map<String, ?> data, String key, String otherwise) {
        Object value = data.get(key);
        return value == null ? otherwise : value.toString();
    }

    /** Whether a job data key is one of a policy's. */
    public static boolean isPolicyKey(String key) {
        return key.startsWith(PREFIX);
    }
}
