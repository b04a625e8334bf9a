package io.jobdeck.jobs.internal;

import java.util.Arrays;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * The fire times of one schedule, shared by every trigger that has it; each trigger takes the part between its own
 * bounds. Times are epoch milliseconds; {@link Long#MAX_VALUE} stands for "no more".
 */
public sealed interface Timeline {

    /** The first fire at or after {@code time}. */
    long firstFrom(long time);

    /** How many fires there are from {@code from} (inclusive) to {@code until} (exclusive). */
    long count(long from, long until);

    /**
     * Fires every {@code interval} milliseconds in step with {@code phase} (a simple trigger without a calendar):
     * computed, never listed, however short the interval.
     */
    record Stepped(long phase, long interval) implements Timeline {

        public Stepped {
            if (interval < 1) {
                throw new IllegalArgumentException("An interval of at least 1 ms");
            }
            phase = Math.floorMod(phase, interval);
        }

        @Override
        public long firstFrom(long time) {
            return phase + Math.ceilDiv(time - phase, interval) * interval;
        }

        @Override
        public long count(long from, long until) {
            return until <= from ? 0 : Math.ceilDiv(until - phase, interval) - Math.ceilDiv(from - phase, interval);
        }
    }

    /**
     * Fires listed one by one as a schedule's next-fire function gives them, keeping those its calendar includes (cron
     * triggers, and any trigger with a calendar). Filled by {@link FireWindow} hour by hour, within its budget.
     */
    final class Listed implements Timeline {

        private final LongUnaryOperator nextAfter;
        private final LongPredicate included;
        private long[] times = new long[16];
        private int size;
        private long next = Long.MIN_VALUE;
        private long from = Long.MAX_VALUE;

        /**
         * @param nextAfter the schedule's first fire strictly after a time, or {@link Long#MAX_VALUE}
         * @param included  whether the trigger's calendar lets a fire time through
         */
        public Listed(LongUnaryOperator nextAfter, LongPredicate included) {
            this.nextAfter = nextAfter;
            this.included = included;
        }

        /** Listing starts at the earliest time any trigger sharing the schedule needs. */
        void needsFrom(long time) {
            from = Math.min(from, time);
        }

        /**
         * Lists the fires before {@code limit}, each step taken from {@code budget}.
         *
         * @return false if the budget ran out first
         */
        boolean fill(long limit, long[] budget) {
            if (next == Long.MIN_VALUE) {
                next = from == Long.MAX_VALUE ? Long.MAX_VALUE : nextAfter.applyAsLong(from - 1);
            }
            while (next < limit) {
                if (budget[0]-- <= 0) {
                    return false;
                }
                if (included.test(next)) {
                    if (size == times.length) {
                        times = Arrays.copyOf(times, size * 2);
                    }
                    times[size++] = next;
                }
                next = nextAfter.applyAsLong(next);
            }
            return true;
        }

        /** Forgets the fires from {@code limit} on (past the counted part of the window). */
        void cut(long limit) {
            size = index(limit);
        }

        @Override
        public long firstFrom(long time) {
            int i = index(time);
            return i < size ? times[i] : Long.MAX_VALUE;
        }

        @Override
        public long count(long from, long until) {
            return until <= from ? 0 : index(until) - index(from);
        }

        /** Where the first fire at or after {@code time} is. */
        private int index(long time) {
            int i = Arrays.binarySearch(times, 0, size, time);
            return i >= 0 ? i : -i - 1;
        }
    }
}
