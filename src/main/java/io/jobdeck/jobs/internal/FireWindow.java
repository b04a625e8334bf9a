package io.jobdeck.jobs.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Every fire of many triggers in a window of 24 hours, without listing each trigger's fires: triggers that share a
 * schedule share one {@link Timeline}, worked out once, and triggers that also share their bounds within the window are
 * counted together (a count times how many they are). A page of fires is cut from the timelines merged in time order,
 * and only its rows are told apart by trigger ({@code T}, in the order given for fires at the same time).
 *
 * <p>Listing fires is the only work that grows with how often triggers fire, so it has a budget of steps: the window
 * is listed hour by hour, and if the budget runs out, counting ends at the last hour that was listed completely (the
 * {@linkplain #horizon() horizon}).
 */
public final class FireWindow<T> {

    public static final long HOUR = 3_600_000L;
    public static final int HOURS = 24;

    private final long start;
    private final long end;
    private final Comparator<T> order;
    private final List<Timeline.Listed> listed = new ArrayList<>();
    private final Map<Share.Key, Share<T>> shares = new HashMap<>();
    private long horizon;

    /** The 24 hours from {@code start} (epoch milliseconds). */
    public FireWindow(long start, Comparator<T> order) {
        this.start = start;
        this.end = start + HOURS * HOUR;
        this.horizon = end;
        this.order = order;
    }

    /**
     * A timeline whose fires are listed: {@code nextAfter} gives the schedule's first fire strictly after a time (or
     * {@link Long#MAX_VALUE}), {@code included} whether the calendar lets it through. Share it between the triggers
     * that have the same schedule and calendar.
     */
    public Timeline listed(LongUnaryOperator nextAfter, LongPredicate included) {
        Timeline.Listed timeline = new Timeline.Listed(nextAfter, included);
        listed.add(timeline);
        return timeline;
    }

    /**
     * A trigger that fires on {@code timeline} from {@code from} (inclusive, its next fire) until {@code until}
     * (exclusive; its end).
     */
    public void add(T trigger, Timeline timeline, long from, long until) {
        long f = Math.max(from, start);
        long u = Math.min(until, end);
        if (f < u) {
            shares.computeIfAbsent(new Share.Key(timeline, f, u), k -> new Share<>(timeline, f, u))
                    .triggers
                    .add(trigger);
        }
    }

    /** Lists the listed timelines' fires, hour by hour, until the window's end or until {@code budget} steps. */
    public void list(long budget) {
        for (Share<T> share : shares.values()) {
            if (share.timeline instanceof Timeline.Listed l) {
                l.needsFrom(share.from);
            }
        }
        long[] left = {budget};
        for (int hour = 0; hour < HOURS; hour++) {
            long hourEnd = start + (hour + 1) * HOUR;
            for (Timeline.Listed l : listed) {
                if (!l.fill(hourEnd, left)) {
                    horizon = start + hour * HOUR;
                    listed.forEach(cut -> cut.cut(horizon));
                    return;
                }
            }
        }
    }

    /** Where counting ended: the window's end, or the start of the first hour the budget did not cover. */
    public long horizon() {
        return horizon;
    }

    /** Fires per hour of the window; hours from the horizon on count nothing. */
    public long[] perHour() {
        long[] counts = new long[HOURS];
        for (Share<T> share : shares.values()) {
            long until = Math.min(share.until, horizon);
            for (long h = (share.from - start) / HOUR; h < HOURS && start + h * HOUR < until; h++) {
                long from = Math.max(share.from, start + h * HOUR);
                long to = Math.min(until, start + (h + 1) * HOUR);
                counts[(int) h] += share.triggers.size() * share.timeline.count(from, to);
            }
        }
        return counts;
    }

    /** One fire of one trigger. */
    public record Fire<T>(long at, T trigger) {}

    /**
     * The fires from the {@code offset}th on (at most {@code limit}), in time order, then in the triggers' order.
     * Work: one step per trigger group and fire time passed over, so bounded by {@code offset + limit} steps.
     */
    public List<Fire<T>> page(int offset, int limit) {
        PriorityQueue<Share<T>> queue = new PriorityQueue<>(Comparator.comparingLong((Share<T> s) -> s.next));
        for (Share<T> share : shares.values()) {
            if (share.advance(share.from, horizon)) {
                queue.add(share);
            }
        }
        List<Fire<T>> page = new ArrayList<>();
        long passed = 0;
        List<Share<T>> now = new ArrayList<>();
        while (!queue.isEmpty() && page.size() < limit) {
            long at = queue.peek().next;
            now.clear();
            long rows = 0;
            while (!queue.isEmpty() && queue.peek().next == at) {
                Share<T> share = queue.poll();
                now.add(share);
                rows += share.triggers.size();
            }
            if (passed + rows > offset) {
                List<T> triggers = new ArrayList<>();
                now.forEach(s -> triggers.addAll(s.triggers));
                triggers.sort(order);
                int from = (int) Math.max(0, offset - passed);
                for (int i = from; i < triggers.size() && page.size() < limit; i++) {
                    page.add(new Fire<>(at, triggers.get(i)));
                }
            }
            passed += rows;
            for (Share<T> share : now) {
                if (share.advance(at + 1, horizon)) {
                    queue.add(share);
                }
            }
        }
        return page;
    }

    /** Triggers that fire on one timeline between the same bounds. */
    private static final class Share<T> {

        record Key(Timeline timeline, long from, long until) {}

        final Timeline timeline;
        final long from;
        final long until;
        final List<T> triggers = new ArrayList<>(1);
        long next;

        Share(Timeline timeline, long from, long until) {
            this.timeline = timeline;
            this.from = from;
            this.until = until;
        }

        /** Moves to the first fire at or after {@code time}; false if there is none before its end or the horizon. */
        boolean advance(long time, long horizon) {
            next = timeline.firstFrom(time);
            return next < Math.min(until, horizon);
        }
    }
}
