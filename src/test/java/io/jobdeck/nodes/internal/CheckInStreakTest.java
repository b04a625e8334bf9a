package io.jobdeck.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Only a node that has checked in without a break for the whole window may call another one lost. */
class CheckInStreakTest {

    static final Duration WINDOW = Duration.ofSeconds(12);
    static final long S = 1_000_000_000L;

    @Test
    void a_node_back_from_a_database_outage_waits_a_whole_window_before_it_judges_others() {
        CheckInStreak streak = new CheckInStreak(Duration.ofSeconds(5));
        for (long t = 0; t <= 12; t++) {
            streak.succeeded(t * S);
        }
        assertThat(streak.lasted(WINDOW, 12 * S)).isTrue();

        streak.failed(); // the database went away
        assertThat(streak.lasted(WINDOW, 13 * S)).isFalse();
        for (long t = 40; t <= 51; t++) {
            streak.succeeded(t * S);
        }
        assertThat(streak.lasted(WINDOW, 51 * S)).as("back 11 s only").isFalse();
        streak.succeeded(52 * S);
        assertThat(streak.lasted(WINDOW, 52 * S)).isTrue();
    }

    @Test
    void a_gap_between_check_ins_longer_than_allowed_starts_the_streak_over() {
        CheckInStreak streak = new CheckInStreak(Duration.ofSeconds(5));
        streak.succeeded(0);
        streak.succeeded(6 * S); // a stalled thread, a paused JVM
        assertThat(streak.lasted(WINDOW, 13 * S)).isFalse();
        for (long t = 7; t <= 18; t++) {
            streak.succeeded(t * S);
        }
        assertThat(streak.lasted(WINDOW, 18 * S)).isTrue();
        assertThat(streak.lasted(WINDOW, 30 * S)).as("silent since").isFalse();
    }
}
