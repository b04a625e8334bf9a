package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.Messages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.impl.calendar.WeeklyCalendar;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The cron field's logic: what a person sees while typing an expression. */
class CronPreviewTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale RU = Locale.forLanguageTag("ru");
    /** A week before the spring change in Europe (2027-03-28, 02:00 -> 03:00). */
    private static final Instant NOW = Instant.parse("2027-03-21T12:00:00Z");

    private final CronPreview preview = preview(NOW);

    static CronPreview preview(Instant now) {
        ResourceBundleMessageSource messages = Messages.bundle();
        return new CronPreview(
                new ScheduleDescriber(messages), messages, Messages.validator(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void a_valid_expression_is_described_in_words_with_its_next_ten_fires_in_the_trigger_zone() {
        CronPreview.Check check = preview.check("0 0/15 * * * ?", BERLIN, BERLIN, null, EN);

        assertThat(check.valid()).isTrue();
        assertThat(check.description()).isEqualTo("Every 15 minutes");
        assertThat(check.fires()).hasSize(10);
        assertThat(check.fires().getFirst().at()).isEqualTo(ZonedDateTime.of(2027, 3, 21, 13, 15, 0, 0, BERLIN));
        assertThat(check.fires().get(1).at()).isEqualTo(ZonedDateTime.of(2027, 3, 21, 13, 30, 0, 0, BERLIN));
        assertThat(check.fires()).allSatisfy(f -> assertThat(f.inReaderZone()).isNull());
        assertThat(preview.check("0 0/15 * * * ?", BERLIN, BERLIN, null, RU).description())
                .isEqualTo("Каждые 15 минут");
    }

    @Test
    void a_reader_in_another_zone_sees_each_fire_in_their_zone_too() {
        CronPreview.Check check = preview.check("0 0 9 ? * MON-FRI", BERLIN, NEW_YORK, null, EN);

        CronPreview.Fire first = check.fires().getFirst();
        assertThat(first.at()).isEqualTo(ZonedDateTime.of(2027, 3, 22, 9, 0, 0, 0, BERLIN));
        assertThat(first.inReaderZone())
                .isEqualTo(ZonedDateTime.of(2027, 3, 22, 4, 0, 0, 0, NEW_YORK))
                .isEqualTo(first.at().withZoneSameInstant(NEW_YORK));
    }

    @Test
    void nonsense_says_what_is_wrong_and_never_throws() {
        assertThat(preview.check("", BERLIN, BERLIN, null, EN).problem()).startsWith("Enter a cron expression");
        assertThat(preview.check(null, BERLIN, BERLIN, null, EN).valid()).isFalse();
        assertThat(preview.check("0 0 25 * * ?", BERLIN, BERLIN, null, EN).problem())
                .startsWith("Not a valid Quartz cron expression")
                .contains("Hour");
        assertThat(preview.check("every day", BERLIN, BERLIN, null, RU).problem())
                .startsWith("Это не выражение cron Quartz");
        assertThat(preview.check("0 ".repeat(150), BERLIN, BERLIN, null, EN).problem())
                .isEqualTo("At most 200 characters");
        assertThat(preview.check("<b>0 0 * * * ?</b>", BERLIN, BERLIN, null, EN).valid())
                .isFalse();
        // Quartz parses this ("L" as a month) but throws when asked for its next fire.
        assertThat(preview.check("0 0 0 * L ?", BERLIN, BERLIN, null, EN).problem())
                .isEqualTo("Not a valid Quartz cron expression: 0 0 0 * L ?");
    }

    @Test
    void an_expression_that_can_never_fire_is_refused_with_its_reason() {
        // February 30th does not exist; 2020 is past.
        assertThat(preview.check("0 0 12 30 2 ?", BERLIN, BERLIN, null, EN).problem())
                .isEqualTo("This expression never fires: no such date, or only in the past");
        assertThat(preview.check("0 0 12 1 1 ? 2020", BERLIN, BERLIN, null, EN).valid())
                .isFalse();
    }

    @Test
    void the_fires_skip_what_the_calendar_excludes() {
        WeeklyCalendar weekdaysOnly = new WeeklyCalendar(); // excludes Saturday and Sunday
        weekdaysOnly.setTimeZone(java.util.TimeZone.getTimeZone(BERLIN));

        CronPreview.Check check = preview.check("0 0 12 * * ?", BERLIN, BERLIN, weekdaysOnly, EN);

        assertThat(check.fires())
                .hasSize(10)
                .allSatisfy(f -> assertThat(f.at().getDayOfWeek())
                        .isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY));
        WeeklyCalendar nothing = new WeeklyCalendar();
        for (int day = 1; day <= 7; day++) {
            nothing.setDayExcluded(day, true);
        }
        assertThat(preview.check("0 0 12 * * ?", BERLIN, BERLIN, nothing, EN).problem())
                .isEqualTo("This expression never fires outside the times its calendar excludes");
    }

    @Test
    void a_fire_in_the_spring_gap_or_the_autumn_overlap_is_pointed_out_and_quartz_does_what_it_says() throws Exception {
        CronPreview.Check check = preview.check("0 30 2 * * ?", BERLIN, BERLIN, null, EN);

        assertThat(check.dst()).hasSize(2);
        CronPreview.DstNote spring = check.dst().getFirst();
        assertThat(spring.gap()).isTrue();
        assertThat(spring.message())
                .isEqualTo("On 2027-03-28 the clocks go forward from 02:00 to 03:00: there is no 02:30 that day, and"
                        + " the trigger skips that fire");
        CronPreview.DstNote autumn = check.dst().get(1);
        assertThat(autumn.gap()).isFalse();
        assertThat(autumn.message())
                .isEqualTo("On 2027-10-31 the clocks go back from 03:00 to 02:00: 02:30 happens twice, and the"
                        + " trigger fires only the first time");
        assertThat(preview.check("0 0 12 * * ?", BERLIN, BERLIN, null, EN).dst())
                .as("noon is never in a change")
                .isEmpty();
        assertThat(preview.check("0 30 2 * * ?", ZoneOffset.UTC, BERLIN, null, EN)
                        .dst())
                .as("a zone without changes")
                .isEmpty();

        // What the notes promise is what Quartz does.
        CronExpression quartz = new CronExpression("0 30 2 * * ?");
        quartz.setTimeZone(java.util.TimeZone.getTimeZone(BERLIN));
        assertThat(quartz.getNextValidTimeAfter(java.util.Date.from(Instant.parse("2027-03-27T12:00:00Z")))
                        .toInstant()
                        .atZone(BERLIN)
                        .toLocalDateTime())
                .as("no fire on the day of the gap")
                .isEqualTo("2027-03-29T02:30");
        Instant firstAutumn = quartz.getNextValidTimeAfter(java.util.Date.from(Instant.parse("2027-10-30T12:00:00Z")))
                .toInstant();
        assertThat(firstAutumn.atZone(BERLIN).toLocalDateTime()).isEqualTo("2027-10-31T02:30");
        assertThat(quartz.getNextValidTimeAfter(java.util.Date.from(firstAutumn))
                        .toInstant()
                        .atZone(BERLIN)
                        .toLocalDate())
                .isEqualTo("2027-11-01");
    }

    @Test
    void an_interval_trigger_shows_its_fires_from_its_start_and_no_more_than_its_times_and_end_allow() {
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2027, 3, 22, 8, 0);
        TriggerDefinition every10 = TriggerDefinition.every(java.time.Duration.ofMinutes(10), 3, BERLIN)
                .between(start, null);

        CronPreview.TriggerCheck check = preview.check(every10, BERLIN, null, EN);

        assertThat(check.valid()).isTrue();
        assertThat(check.description()).isEqualTo("Every 10 minutes (3 times)");
        assertThat(check.fires())
                .extracting(CronPreview.Fire::at)
                .containsExactly(
                        start.atZone(BERLIN),
                        start.plusMinutes(10).atZone(BERLIN),
                        start.plusMinutes(20).atZone(BERLIN));

        TriggerDefinition untilEnd = TriggerDefinition.every(java.time.Duration.ofMinutes(10), null, BERLIN)
                .between(start, start.plusMinutes(25));
        assertThat(preview.check(untilEnd, BERLIN, null, EN).fires()).hasSize(3);
    }

    @Test
    void a_one_off_trigger_fires_once_and_a_cron_trigger_keeps_to_its_window_and_calendar() {
        java.time.LocalDateTime at = java.time.LocalDateTime.of(2027, 3, 25, 9, 30);
        CronPreview.TriggerCheck once = preview.check(TriggerDefinition.once(at, NEW_YORK), BERLIN, null, EN);
        assertThat(once.fires()).extracting(CronPreview.Fire::at).containsExactly(at.atZone(NEW_YORK));
        assertThat(once.fires().getFirst().inReaderZone())
                .isEqualTo(at.atZone(NEW_YORK).withZoneSameInstant(BERLIN));

        // Weekdays at 9, from Wednesday, weekends excluded by the calendar anyway: Wed, Thu, Fri, Mon …
        TriggerDefinition daily = TriggerDefinition.cron("0 0 9 * * ?", BERLIN, Misfire.FIRE_ONCE_NOW)
                .between(java.time.LocalDateTime.of(2027, 3, 24, 0, 0), null);
        WeeklyCalendar weekdays = new WeeklyCalendar();
        weekdays.setTimeZone(java.util.TimeZone.getTimeZone(BERLIN));
        assertThat(preview.check(daily, BERLIN, weekdays, EN).fires())
                .extracting(f -> f.at().getDayOfMonth())
                .startsWith(24, 25, 26, 29, 30);
    }

    @Test
    void bad_trigger_values_each_name_their_field() {
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2027, 4, 1, 8, 0);
        assertThat(problems(TriggerDefinition.every(java.time.Duration.ofMillis(500), null, BERLIN)))
                .containsExactly("every: At least one second");
        assertThat(problems(TriggerDefinition.every(java.time.Duration.ofMinutes(5), 0, BERLIN)))
                .containsExactly("times: From 1 to 1,000,000; leave empty for \"forever\"");
        assertThat(problems(TriggerDefinition.once(java.time.LocalDateTime.of(2027, 3, 21, 12, 59), BERLIN)))
                .containsExactly("at: This time has passed: choose one in the future");
        assertThat(problems(TriggerDefinition.cron("0 0 9 * * ?", BERLIN, Misfire.SKIP)
                        .between(start, start.minusDays(1))))
                .containsExactly("end: The end must come after the start");
        assertThat(problems(TriggerDefinition.cron("0 0 9 * * ?", BERLIN, Misfire.SKIP)
                        .between(start, start.plusMinutes(30))))
                .containsExactly("cron: This trigger never fires: its end comes before its first fire");
        assertThat(problems(TriggerDefinition.cron("0 0 9 * * ?", BERLIN, Misfire.SKIP)
                        .withPriority(11)))
                .containsExactly("priority: From 1 (last) to 10 (first)");
    }

    private java.util.List<String> problems(TriggerDefinition trigger) {
        return preview.check(trigger, BERLIN, null, EN).problems().stream()
                .map(p -> p.field() + ": " + p.message())
                .toList();
    }
}
