package io.jobdeck.nodes.internal;

import java.time.Duration;

/**
 * How long this node has checked in without a break: a failed check-in, or a gap longer than {@code maxGap} between two
 * (a stalled thread, a paused JVM), starts it over. Only a node with a streak of at least the lost-node window may call
 * another node lost: one that was itself cut off from the database was silent for the same reason as the others.
 * Times are {@link System#nanoTime()} readings, given by the caller.
 */
final class CheckInStreak {

    private final long maxGapNanos;
    private long since; // the first check-in of the streak; meaningful only while running
    private long last;
    private boolean running;

    CheckInStreak(Duration maxGap) {
        this.maxGapNanos = maxGap.toNanos();
    }

    synchronized void succeeded(long nowNanos) {
        if (!running || nowNanos - last > maxGapNanos) {
            since = nowNanos;
            running = true;
        }
        last = nowNanos;
    }

    synchronized void failed() {
        running = false;
    }

    /** Whether the streak has lasted at least {@code window} at {@code nowNanos}. */
    synchronized boolean lasted(Duration window, long nowNanos) {
        return running && nowNanos - last <= maxGapNanos && nowNanos - since >= window.toNanos();
    }
}
