package io.jobdeck.stats.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The stored buckets of a 24-hour window, merged per minute, kept current by reading each second only the minutes
 * from the last read's (at least the last {@value #RECENT_MINUTES}: what the recorders are still writing) and
 * everything again every {@value #FULL_EVERY_MINUTES} minutes (what another node wrote late). So a second's refresh
 * costs a read of a few minutes of rows, whatever the window. Used from one thread.
 *
 * @param <T> what one minute holds
 */
public final class SeriesCache<T> {

    public static final int WINDOW_MINUTES = 24 * 60;
    static final int RECENT_MINUTES = 3;
    static final long FULL_EVERY_MINUTES = 10;

    private final LongFunction<TreeMap<Long, T>> read;
    private final TreeMap<Long, T> minutes = new TreeMap<>();
    private long fullAt = Long.MIN_VALUE / 2;
    private long readAt = Long.MIN_VALUE / 2;

    /** {@code read} reads the stored minutes from the given one on, merged per minute. */
    public SeriesCache(LongFunction<TreeMap<Long, T>> read) {
        this.read = read;
    }

    /** Brings the window ending with {@code nowMinute} up to date and returns it (minutes with no row are absent). */
    public Map<Long, T> refresh(long nowMinute) {
        long from = nowMinute - WINDOW_MINUTES + 1;
        if (nowMinute - fullAt >= FULL_EVERY_MINUTES) {
            minutes.clear();
            minutes.putAll(read.apply(from));
            fullAt = nowMinute;
        } else {
            long recentFrom = Math.min(readAt, nowMinute - RECENT_MINUTES + 1);
            minutes.tailMap(recentFrom, true).clear();
            minutes.putAll(read.apply(recentFrom));
        }
        readAt = nowMinute;
        minutes.headMap(from, false).clear();
        return minutes;
    }
}
