package io.jobdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the purge waits: while half the workers (5 of 10 here) are busy or the recorder has more than a batch (500)
 * waiting, but never once it has waited a whole period (10 minutes).
 */
class PurgeDeferralTest {

    @ParameterizedTest(name = "{0} running, {1} waiting, waited {2} min: defer = {3}")
    @CsvSource({
        "0,   0,     0,  false",
        "4,   500,   0,  false",
        "5,   0,     0,  true",
        "10,  0,     9,  true",
        "0,   501,   0,  true",
        "0,   90000, 9,  true",
        "10,  90000, 10, false",
        "0,   501,   60, false",
    })
    void the_purge_waits_for_a_quieter_scheduler_but_not_forever(
            int running, long waiting, int waitedMinutes, boolean deferred) {
        assertThat(HistoryUpkeep.defer(
                        running, 5, waiting, 500, Duration.ofMinutes(waitedMinutes), Duration.ofMinutes(10)))
                .isEqualTo(deferred);
    }
}
