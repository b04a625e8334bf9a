package io.jobdeck.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void durations_read_naturally_at_every_scale() {
        assertThat(DurationText.format(Duration.ofMillis(42), Locale.ENGLISH)).isEqualTo("42 ms");
        assertThat(DurationText.format(Duration.ofMillis(2_400), Locale.ENGLISH))
                .isEqualTo("2.4 s");
        assertThat(DurationText.format(Duration.ofSeconds(20), Locale.ENGLISH)).isEqualTo("20 s");
        assertThat(DurationText.format(Duration.ofSeconds(65), Locale.ENGLISH)).isEqualTo("1 min 5 s");
        assertThat(DurationText.format(Duration.ofHours(2), Locale.ENGLISH)).isEqualTo("2 h");
        assertThat(DurationText.format(Duration.ofSeconds(-3), Locale.ENGLISH)).isEqualTo("0 ms");
    }

    @Test
    void russian_uses_its_own_units_and_decimal_comma() {
        assertThat(DurationText.format(Duration.ofMillis(2_400), Locale.forLanguageTag("ru")))
                .isEqualTo("2,4 с");
        assertThat(DurationText.format(Duration.ofMinutes(61), Locale.forLanguageTag("ru")))
                .isEqualTo("1 ч 1 мин");
    }
}
