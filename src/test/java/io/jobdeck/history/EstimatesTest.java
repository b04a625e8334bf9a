package io.jobdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a running execution should end, from its progress and its job's typical duration. */
class EstimatesTest {

    private static final Instant FIRED = Instant.parse("2026-11-25T10:00:00Z");

    @ParameterizedTest(name = "after {0} s, {1} done, usually {2} s: ends {3} s after the fire")
    @CsvSource(nullValues = "-", textBlock = """
            # elapsed, fraction, typical, end (s after the fire; - none)
              10,       -,        -,       -
            # no progress reported: the typical duration alone, also once it runs longer than usual
              10,       -,        60,      60
              90,       -,        60,      60
            # too little done to go by its rate
              10,       0.01,     60,      60
              10,       0.01,     -,       -
            # its rate alone: a quarter done in 10 s leaves 30 s
              10,       0.25,     -,       40
            # both, weighted by what is done: 0.25 * 30 + 0.75 * 50 = 45 s left
              10,       0.25,     60,      55
            # nearly done, longer than usual: the rate counts most
              90,       0.9,      60,      100
              20,       1.0,      60,      20
            """)
    void the_estimated_end(long elapsed, @Nullable Double fraction, @Nullable Long typical, @Nullable Long end) {
        Instant estimate = Estimates.end(
                FIRED, FIRED.plusSeconds(elapsed), fraction, typical == null ? null : Duration.ofSeconds(typical));

        assertThat(estimate).isEqualTo(end == null ? null : FIRED.plusSeconds(end));
    }

    @ParameterizedTest(name = "median of {0} is {1} s")
    @CsvSource(nullValues = "-", textBlock = """
              '',         -
              '7',        7
              '9 1 5',    5
              '4 1 9 2',  3
              '1 1 1 60', 1
            """)
    void the_typical_duration_is_the_median(String seconds, @Nullable Long median) {
        List<Duration> durations = seconds.isBlank()
                ? List.of()
                : java.util.Arrays.stream(seconds.split(" "))
                        .map(s -> Duration.ofSeconds(Long.parseLong(s)))
                        .toList();

        assertThat(Estimates.median(durations).orElse(null))
                .isEqualTo(median == null ? null : Duration.ofSeconds(median));
    }
}
