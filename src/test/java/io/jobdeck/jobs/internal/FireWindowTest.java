package io.jobdeck.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window's bounded work: shared schedules worked out once, short intervals counted, listing cut by its budget. */
class FireWindowTest {

    static final long MINUTE = 60_000;
    static final long START = 1_700_000_000_000L + 1_234; // not on a whole minute

    @Test
    void triggers_sharing_a_schedule_list_its_fires_once_and_count_as_many() {
        FireWindow<Integer> window = new FireWindow<>(START, Comparator.<Integer>naturalOrder());
        AtomicLong steps = new AtomicLong();
        Timeline everyMinute = window.listed(
                after -> {
                    steps.incrementAndGet();
                    return (Math.floorDiv(after, MINUTE) + 1) * MINUTE;
                },
                t -> true);
        for (int i = 0; i < 10_000; i++) {
            window.add(i, everyMinute, START, Long.MAX_VALUE);
        }
        window.list(1_000_000);

        assertThat(window.perHour()).containsOnly(600_000L);
        assertThat(steps.get())
                .as("one listing of 1,440 fires, not one per trigger")
                .isLessThan(1_500);
        assertThat(window.page(10_000 * 3 - 1, 3))
                .extracting(FireWindow.Fire::trigger)
                .containsExactly(9_999, 0, 1);
    }

    @Test
    void a_short_interval_is_counted_without_listing_its_fires() {
        FireWindow<String> window = new FireWindow<>(START, Comparator.<String>naturalOrder());
        window.add("every-ms", new Timeline.Stepped(START, 1), START, Long.MAX_VALUE);
        window.add("ten-fires", new Timeline.Stepped(START, MINUTE), START, START + 10 * MINUTE);
        window.list(0);

        long[] perHour = window.perHour();
        assertThat(perHour[0]).isEqualTo(3_600_000L + 10);
        assertThat(Arrays.stream(perHour).skip(1)).containsOnly(3_600_000L);
        assertThat(window.horizon()).isEqualTo(START + 24 * FireWindow.HOUR);
        assertThat(window.page(9 * 60_000 + 9, 2))
                .extracting(f -> (f.at() - START) + " " + f.trigger())
                .as("the tenth minute fire after the millisecond fires before it")
                .containsExactly(9 * MINUTE + " every-ms", 9 * MINUTE + " ten-fires");
    }

    @Test
    void listing_past_its_budget_stops_counting_at_the_last_hour_listed_in_full() {
        FireWindow<String> window = new FireWindow<>(START, Comparator.<String>naturalOrder());
        Timeline everySecond = window.listed(after -> (Math.floorDiv(after, 1000) + 1) * 1000, t -> true);
        window.add("every-second", everySecond, START, Long.MAX_VALUE);
        window.list(3 * 3_600 + 100);

        assertThat(window.horizon()).isEqualTo(START + 3 * FireWindow.HOUR);
        long[] perHour = window.perHour();
        assertThat(Arrays.copyOf(perHour, 3)).containsOnly(3_600L);
        assertThat(Arrays.stream(perHour).skip(3)).containsOnly(0L);
        assertThat(window.page(3 * 3_600, 5)).as("no fire past the horizon").isEmpty();
    }
}
