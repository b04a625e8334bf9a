package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ScheduleDescriberTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Locale RU = Locale.forLanguageTag("ru");

    private final ScheduleDescriber describer = new ScheduleDescriber(messages());

    @Test
    void cron_expressions_are_put_into_words_in_english_and_russian() {
        Schedule everyFifteen = new Schedule.Cron("0/15 * * * * ?", UTC);
        assertThat(describer.describe(everyFifteen, Locale.ENGLISH, UTC)).isEqualTo("Every 15 seconds");
        assertThat(describer.describe(everyFifteen, RU, UTC))
                .containsIgnoringCase("15")
                .containsIgnoringCase("секунд");
    }

    @Test
    void a_cron_in_another_zone_than_the_reader_says_which() {
        Schedule cron = new Schedule.Cron("0 0 12 * * ?", ZoneId.of("Europe/Berlin"));
        assertThat(describer.describe(cron, Locale.ENGLISH, UTC)).endsWith("(Europe/Berlin)");
        assertThat(describer.describe(cron, Locale.ENGLISH, ZoneId.of("Europe/Berlin")))
                .doesNotContain("Berlin");
    }

    @Test
    void intervals_and_single_firings_are_described() {
        assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(5), -1), Locale.ENGLISH, UTC))
                .isEqualTo("Every 5 s");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofMinutes(90), 2), Locale.ENGLISH, UTC))
                .isEqualTo("Every 1 h 30 min (3 times)");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(5), -1), RU, UTC))
                .isEqualTo("Каждые 5 с");
        assertThat(describer.describe(new Schedule.Once(Instant.parse("2026-03-01T08:00:00Z")), Locale.ENGLISH, UTC))
                .startsWith("once at")
                .contains("2026");
    }

    @Test
    void an_invalid_cron_is_shown_as_it_is_and_no_trigger_is_said() {
        assertThat(describer.describe(new Schedule.Cron("not a cron", UTC), Locale.ENGLISH, UTC))
                .isEqualTo("not a cron");
        assertThat(describer.describe(List.of(), Locale.ENGLISH, UTC)).isEqualTo("No trigger");
    }

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
