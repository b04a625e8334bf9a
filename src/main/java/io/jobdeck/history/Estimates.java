package io.jobdeck.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** When a running execution should end: pure arithmetic on what it reported and how long its job usually takes. */
public final class Estimates {

    /** Below this fraction a job's own rate says too little to go by. */
    static final double RATE_FROM = 0.02;

    private Estimates() {}

    /** The middle of some durations (the mean of the two middle ones for an even count); none for none. */
    public static Optional<Duration> median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(
                sorted.size() % 2 == 1
                        ? sorted.get(middle)
                        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }

    /**
     * When an execution fired at {@code firedAt} should end, to the second. From its typical duration alone (a job
     * that reports no progress): {@code firedAt + typical}, which is past once it runs longer than usual. From its
     * progress alone: the time left at the rate it has gone so far. From both: the two times left weighted by the
     * fraction done, so that the typical duration counts most at first and the job's own rate near the end; once it
     * runs longer than usual, its rate alone.
     *
     * @return none when there is nothing to go by
     */
    public static @Nullable Instant end(
            Instant firedAt, Instant now, @Nullable Double fraction, @Nullable Duration typical) {
        Duration elapsed = Duration.between(firedAt, now);
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        if (!(fraction instanceof Double reported) || reported < RATE_FROM) {
            return typical == null ? null : round(firedAt.plus(typical));
        }
        double done = Math.min(1.0, reported);
        double rateLeft = elapsed.toMillis() * (1 - done) / done;
        if (typical == null || typical.compareTo(elapsed) <= 0) {
            return round(now.plusMillis(Math.round(rateLeft)));
        }
        double typicalLeft = typical.minus(elapsed).toMillis();
        return round(now.plusMillis(Math.round(done * rateLeft + (1 - done) * typicalLeft)));
    }

    private static Instant round(Instant at) {
        return at.plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
    }
}
