package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.Messages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever is typed into the calendar form (malformed, huge, unicode, markup), its checks and its preview never throw,
 * every refusal names a field of the form and says what is wrong, the preview stays within its bounds, and what the
 * checks accept is stored as a Quartz calendar that reads back as the same calendar.
 */
class CalendarInputPropertiesTest {

    private static final Set<String> FIELDS = Set.of("name", "description", "zone", "dates", "from", "to", "cron");
    private static final Instant NOW = Instant.parse("2027-03-21T12:00:00Z");

    private final JobCalendarChecks checks =
            new JobCalendarChecks(Messages.bundle(), Messages.validator(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Property(tries = 400)
    void anything_typed_is_judged_field_by_field_and_what_is_accepted_reads_back_the_same(
            @ForAll("names") String name,
            @ForAll("typed") String description,
            @ForAll JobCalendar.Kind kind,
            @ForAll("zones") String zone,
            @ForAll("dates") String dates,
            @ForAll("times") String from,
            @ForAll("times") String to,
            @ForAll boolean onlyWithin,
            @ForAll("crons") String cron,
            @ForAll("locales") Locale locale) {
        CalendarDraft draft = new CalendarDraft(name, description, kind, zone, dates, from, to, onlyWithin, cron);

        JobCalendarChecks.Parsed parsed = checks.parse(draft, locale);
        JobCalendarChecks.Preview preview = checks.preview(draft, locale);

        assertThat(parsed.problems()).allSatisfy(p -> {
            assertThat(FIELDS).contains(p.field());
            assertThat(p.message()).isNotBlank().doesNotContain("{0}", "calendar.problem.");
        });
        assertThat(preview.problems()).isEqualTo(parsed.problems());
        JobCalendar calendar = parsed.calendar();
        if (calendar == null) {
            assertThat(parsed.problems()).as("a refusal says why").isNotEmpty();
            assertThat(preview.spans()).isEmpty();
            return;
        }
        assertThat(preview.spans())
                .hasSizeLessThanOrEqualTo(JobCalendarChecks.PREVIEW_SPANS)
                .allSatisfy(span -> {
                    assertThat(span.from()).isBefore(span.to());
                    assertThat(span.from().toInstant()).isAfterOrEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
                    assertThat(span.to().toInstant())
                            .isBeforeOrEqualTo(NOW.plus(JobCalendarChecks.PREVIEW_DAYS, ChronoUnit.DAYS));
                });
        JobCalendar back = QuartzCalendars.fromQuartz(calendar.name(), QuartzCalendars.toQuartz(calendar))
                .orElseThrow();
        if (calendar instanceof JobCalendar.DailyWindow w
                && back instanceof JobCalendar.DailyWindow b
                && !w.equals(b)) {
            // A window past midnight comes back as the inverse of the rest of the day: the same times.
            assertThat(b)
                    .isEqualTo(new JobCalendar.DailyWindow(
                            w.name(), w.description(), w.zone(), w.to(), w.from(), !w.onlyWithin()));
        } else {
            assertThat(back).isEqualTo(calendar);
        }
    }

    /** What people type, and what attackers do: any unicode, markup, control characters, sometimes very long. */
    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(2_000).ofMaxLength(60_000),
                Arbitraries.of("", " ", "<script>alert(1)</script>", "Праздники", "名前", "a\u0000b", "\uD83D\uDE00"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(typed(), Arbitraries.of("holidays", "office hours", "Праздники 2027"));
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.oneOf(
                typed(),
                Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "+05:30", "Mars/Base"));
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(
                        "2027-03-21",
                        "2027-03-22",
                        "2027-03-28",
                        "2027-12-25",
                        "2026-02-29",
                        "+99999-01-01",
                        "0001-01-01",
                        "2027-3-1",
                        " 2027-04-01 ",
                        ""),
                Arbitraries.strings().all().ofMaxLength(12));
        return Arbitraries.oneOf(line.list().ofMaxSize(20).map(l -> String.join("\n", l)), typed());
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.oneOf(
                Arbitraries.of("00:00", "06:00", "09:30", "17:00", "22:00", "23:59", "24:00", "9:00", "12:60", "ab:cd"),
                Arbitraries.integers()
                        .between(0, 23)
                        .flatMap(h -> Arbitraries.integers().between(0, 59).map(m -> String.format("%02d:%02d", h, m))),
                typed());
    }

    @Provide
    Arbitrary<String> crons() {
        Arbitrary<String> field = Arbitraries.of(
                "0", "*", "?", "0/15", "5-10", "0-5", "L", "W", "MON-FRI", "SAT,SUN", "6#3", "JAN", "2099", "1999",
                "-1", "*/0", "#", "x");
        return Arbitraries.oneOf(
                field.list().ofMinSize(1).ofMaxSize(7).map(parts -> String.join(" ", parts)),
                Arbitraries.of("* * 0-5 ? * *", "* * * ? * SAT,SUN", "* 0 * * * ?", "* * * * * ?", "0 0 12 * * ?"),
                typed());
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));
    }
}
