package io.jobdeck.metrics.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.quartz.JobKey;

/**
 * Which per-job value (meters, say) a job's executions count under: its own, for at most {@code max} distinct jobs
 * (those the configured patterns allow, the first to run), and a shared one ({@link #OTHER}) for every other job. Safe
 * and cheap on Quartz's threads: a labelled job is one lookup; the map never holds more than {@code max} entries, and
 * what is refused is not remembered, so nothing grows with the number of jobs.
 *
 * @param <T> what each label stands for, made once per label
 */
final class JobLabels<T> {

    static final String OTHER = "other";

    private final int max;
    private final List<String> patterns;
    private final Function<String, T> make;
    private final T other;
    private final Map<JobKey, T> labelled = new ConcurrentHashMap<>();
    /** Labels given out; a slot is taken before a label is made, so concurrent first runs never exceed the cap. */
    private final AtomicInteger taken = new AtomicInteger();

    /**
     * @param max      the most jobs labelled on their own
     * @param patterns {@code group.name} or {@code group.*}; empty allows every job
     * @param make     what a label stands for, given the label ({@code group.name}, or {@link #OTHER})
     */
    JobLabels(int max, List<String> patterns, Function<String, T> make) {
        this.max = max;
        this.patterns = List.copyOf(patterns);
        this.make = make;
        this.other = make.apply(OTHER);
    }

    T of(JobKey job) {
        T known = labelled.get(job);
        if (known != null) {
            return known;
        }
        if (labelled.size() >= max || !allowed(job)) {
            return other;
        }
        @Nullable T made = labelled.computeIfAbsent(job, this::labelIfFree);
        return made == null ? other : made;
    }

    private @Nullable T labelIfFree(JobKey job) {
        if (taken.incrementAndGet() > max) {
            taken.decrementAndGet();
            return null;
        }
        return make.apply(label(job));
    }

    static String label(JobKey job) {
        return job.getGroup() + "." + job.getName();
    }

    private boolean allowed(JobKey job) {
        if (patterns.isEmpty()) {
            return true;
        }
        String label = label(job);
        for (String pattern : patterns) {
            if (pattern.endsWith(".*")
                    ? job.getGroup().equals(pattern.substring(0, pattern.length() - 2))
                    : label.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
