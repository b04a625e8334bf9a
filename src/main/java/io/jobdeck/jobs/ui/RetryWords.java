package io.jobdeck.jobs.ui;

import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.support.DurationText;
import java.util.Locale;
import java.util.stream.Collectors;

/** A retry policy in one or two plain sentences, as the job form and the job's page say it. */
final class RetryWords {

    /** The app's texts, as a component's {@code getTranslation} gives them. */
    interface Texts {
        String get(String key, Object... args);
    }

    private RetryWords() {}

    static String describe(RetryPolicy policy, Texts texts, Locale locale) {
        if (!policy.retries()) {
            return texts.get("retry.words.none");
        }
        StringBuilder words = new StringBuilder(texts.get("retry.words.attempts", policy.maxAttempts()));
        String first = policy.delay() == null ? "?" : DurationText.format(policy.delay(), locale);
        words.append(' ')
                .append(texts.get(
                        policy.backoff() == RetryPolicy.Backoff.EXPONENTIAL
                                ? "retry.words.exponential"
                                : "retry.words.fixed",
                        first));
        if (policy.maxDelay() != null) {
            words.append(texts.get("retry.words.upTo", DurationText.format(policy.maxDelay(), locale)));
        }
        if (policy.jitter() > 0) {
            words.append(texts.get("retry.words.jitter", policy.jitter()));
        }
        String failures = policy.failures().size() == RetryPolicy.Failure.values().length
                ? texts.get("retry.words.onBoth")
                : policy.failures().stream()
                        .sorted()
                        .map(f -> texts.get("retry.failures." + f.name()))
                        .collect(Collectors.joining(", "));
        words.append(texts.get("retry.words.on", failures));
        if (!policy.errorContains().isEmpty()) {
            words.append(texts.get("retry.words.errorContains", policy.errorContains()));
        }
        return words.append('.').toString();
    }
}
