package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleDescriberTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Locale RU = Locale.forLanguageTag("ru");
    /** Java puts a narrow no-break space between a time and AM/PM. */
    private static final String NNBSP = "\u202F";

    private final ScheduleDescriber describer = new ScheduleDescriber(Messages.bundle());

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0/15 * * * * ?      | Every 15 seconds
            * * * * * ?         | Every second
            0/1 * * * * ?       | Every second
            0 * * * * ?         | Every minute
            0 0/5 * * * ?       | Every 5 minutes
            0 */1 * * * ?       | Every minute
            0 0 * * * ?         | Every hour
            0 0 */2 * * ?       | Every 2 hours
            0 30 2 * * ?        | Every day at 2:30_AM
            0 0 9 ? * MON-FRI   | Weekdays at 9:00_AM
            0 0 10 ? * SAT,SUN  | Weekends at 10:00_AM
            0 15 8 ? * MON      | Every Monday at 8:15_AM
            0 0 0 1 * ?         | Monthly on day 1 at 12:00_AM
            """)
    void common_cron_schedules_in_english(String cron, String words) {
        assertThat(describer.describe(new Schedule.Cron(cron, UTC), Locale.ENGLISH, UTC))
                .isEqualTo(words.replace("_", NNBSP));
    }

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0/15 * * * * ?      | Каждые 15 секунд
            0/1 * * * * ?       | Каждую секунду
            0/2 * * * * ?       | Каждые 2 секунды
            0/5 * * * * ?       | Каждые 5 секунд
            0/20 * * * * ?      | Каждые 20 секунд
            0 * * * * ?         | Каждую минуту
            0 0/2 * * * ?       | Каждые 2 минуты
            0 0/20 * * * ?      | Каждые 20 минут
            0 0 * * * ?         | Каждый час
            0 0 */3 * * ?       | Каждые 3 часа
            0 0 */12 * * ?      | Каждые 12 часов
            0 30 2 * * ?        | Каждый день в 02:30
            0 0 9 ? * MON-FRI   | По будням в 09:00
            0 0 10 ? * SAT,SUN  | По выходным в 10:00
            0 0 9 ? * WED       | Каждую среду в 09:00
            0 0 9 ? * SUN       | Каждое воскресенье в 09:00
            0 0 9 ? * 2         | Каждый понедельник в 09:00
            0 0 0 1 * ?         | Ежемесячно 1-го числа в 00:00
            """)
    void common_cron_schedules_in_russian_with_the_right_plural_and_gender(String cron, String words) {
        assertThat(describer.describe(new Schedule.Cron(cron, UTC), RU, UTC)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} s in {1} reads \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            5      | en | Every 5 seconds
            1      | en | Every second
            90     | en | Every 90 seconds
            5400   | en | Every 90 minutes
            3600   | en | Every hour
            172800 | en | Every 2 days
            5      | ru | Каждые 5 секунд
            1      | ru | Каждую секунду
            21     | ru | Каждую 21 секунду
            22     | ru | Каждые 22 секунды
            5400   | ru | Каждые 90 минут
            3600   | ru | Каждый час
            75600  | ru | Каждый 21 час
            172800 | ru | Каждые 2 дня
            """)
    void intervals_read_like_the_same_schedule_written_as_cron(long seconds, String language, String words) {
        assertThat(describer.describe(
                        new Schedule.Interval(Duration.ofSeconds(seconds), -1), Locale.forLanguageTag(language), UTC))
                .isEqualTo(words);
    }

    @Test
    void an_interval_and_a_cron_for_the_same_schedule_read_the_same() {
        for (Locale locale : List.of(Locale.ENGLISH, RU)) {
            assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(15), -1), locale, UTC))
                    .isEqualTo(describer.describe(new Schedule.Cron("0/15 * * * * ?", UTC), locale, UTC));
            assertThat(describer.describe(new Schedule.Interval(Duration.ofMinutes(1), -1), locale, UTC))
                    .isEqualTo(describer.describe(new Schedule.Cron("0 * * * * ?", UTC), locale, UTC));
        }
    }

    @Test
    void odd_intervals_and_repeat_counts_are_described() {
        assertThat(describer.describe(new Schedule.Interval(Duration.ofMillis(100), -1), Locale.ENGLISH, UTC))
                .isEqualTo("Every 100 ms");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofMillis(1500), -1), RU, UTC))
                .isEqualTo("Раз в 1,5 с");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofMinutes(90), 2), Locale.ENGLISH, UTC))
                .isEqualTo("Every 90 minutes (3 times)");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(5), 0), Locale.ENGLISH, UTC))
                .isEqualTo("Every 5 seconds (1 time)");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(5), 1), RU, UTC))
                .isEqualTo("Каждые 5 секунд (2 раза)");
        assertThat(describer.describe(new Schedule.Interval(Duration.ofSeconds(5), 4), RU, UTC))
                .isEqualTo("Каждые 5 секунд (5 раз)");
    }

    @ParameterizedTest(name = "{0} is form {1}")
    @CsvSource({"1,0", "2,1", "4,1", "5,2", "11,2", "12,2", "14,2", "21,0", "22,1", "25,2", "101,0", "111,2", "0,2"})
    void russian_plural_forms_follow_the_last_digits(long count, int form) {
        assertThat(ScheduleDescriber.pluralIndex(count, RU)).isEqualTo(form);
    }

    @Test
    void other_cron_expressions_are_still_put_into_words() {
        assertThat(describer.describe(new Schedule.Cron("0 0 12 L * ?", UTC), Locale.ENGLISH, UTC))
                .containsIgnoringCase("last day");
    }

    @Test
    void a_cron_in_another_zone_than_the_reader_says_which() {
        Schedule cron = new Schedule.Cron("0 0 12 * * ?", ZoneId.of("Europe/Berlin"));
        assertThat(describer.describe(cron, Locale.ENGLISH, UTC))
                .isEqualTo("Every day at 12:00" + NNBSP + "PM (Europe/Berlin)");
        assertThat(describer.describe(cron, Locale.ENGLISH, ZoneId.of("Europe/Berlin")))
                .doesNotContain("Berlin");
    }

    @Test
    void single_firings_are_described() {
        assertThat(describer.describe(new Schedule.Once(Instant.parse("2026-03-01T08:00:00Z")), Locale.ENGLISH, UTC))
                .startsWith("once at")
                .contains("2026");
    }

    @Test
    void an_invalid_cron_is_shown_as_it_is_and_no_trigger_is_said() {
        assertThat(describer.describe(new Schedule.Cron("not a cron", UTC), Locale.ENGLISH, UTC))
                .isEqualTo("not a cron");
        assertThat(describer.describe(new Schedule.Cron("0 0 25 * * ?", UTC), Locale.ENGLISH, UTC))
                .isEqualTo("0 0 25 * * ?");
        assertThat(describer.describe(List.of(), Locale.ENGLISH, UTC)).isEqualTo("No trigger");
    }
}
