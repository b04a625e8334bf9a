package io.jobdeck.jobs.api;

import io.jobdeck.jobs.RetryPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A job's retry policy as the API reads and writes it: {@link RetryPolicy}, with defaults for what is left out. */
@Schema(description = "What a job does when a run fails; absent for no retry")
record RetryBody(
        @Schema(description = "Attempts in all, the first included: 1 (no retry) to 10", example = "3") @Nullable
        Integer maxAttempts,

        @Schema(description = "FIXED: the same wait each time; EXPONENTIAL: doubling; FIXED if absent")
        RetryPolicy.@Nullable Backoff backoff,

        @Schema(description = "The wait before the first retry; 30 s if absent", example = "PT30S") @Nullable
        Duration delay,

        @Schema(description = "The longest wait of a doubling backoff; 24 h if absent", example = "PT10M") @Nullable
        Duration maxDelay,

        @Schema(description = "Each wait up to this many percent shorter or longer at random (0-100)") @Nullable
        Integer jitter,

        @Schema(description = "The failures retried: FAILED and/or TIMED_OUT; both if absent") @Nullable
        List<RetryPolicy.@Nullable Failure> failures,

        @Schema(description = "Only an error whose message or exception class contains this is retried") @Nullable
        String errorContains) {

    static RetryBody of(RetryPolicy p) {
        return new RetryBody(
                p.maxAttempts(),
                p.backoff(),
                p.delay(),
                p.maxDelay(),
                p.jitter(),
                p.failures().stream()
                        .sorted()
                        .<RetryPolicy.@Nullable Failure>map(f -> f)
                        .toList(),
                p.errorContains());
    }

    /** The policy; a failure given as null is left out (the service then says if none is left). */
    RetryPolicy policy() {
        Set<RetryPolicy.Failure> chosen = EnumSet.allOf(RetryPolicy.Failure.class);
        if (failures != null) {
            chosen.clear();
            failures.stream().filter(Objects::nonNull).forEach(chosen::add);
        }
        return new RetryPolicy(
                Objects.requireNonNullElse(maxAttempts, 1),
                Objects.requireNonNullElse(backoff, RetryPolicy.Backoff.FIXED),
                delay == null ? RetryPolicy.DEFAULT_DELAY : delay,
                maxDelay,
                Objects.requireNonNullElse(jitter, 0),
                chosen,
                Objects.requireNonNullElse(errorContains, "").strip());
    }
}
