package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Calendars against the real job store: each kind is stored as its Quartz calendar and read back as it was written; a
 * trigger using one skips what it excludes, and is recomputed when it changes; one in use is not deleted; bad input
 * is refused field by field, in English and Russian, and saves nothing.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobCalendarsTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-job-calendars-test");
    }

    @Autowired
    JobCalendars calendars;

    @Autowired
    Scheduler scheduler;

    @Autowired
    AuditLog audit;

    @BeforeEach
    void admin() {
        As.user(Role.ADMIN);
    }

    @AfterEach
    void nobody() {
        As.nobody();
    }

    @Test
    void each_kind_reads_back_as_it_was_written_and_an_edit_says_before_and_after_in_the_trail() throws Exception {
        answer(calendars.create(holidays("christmas", "2026-12-26\n2026-12-25"), Locale.ENGLISH));
        answer(calendars.create(window("office", "09:00", "17:30", false), Locale.ENGLISH));
        answer(calendars.create(blackout("nights", "* * 0-5 ? * *"), Locale.ENGLISH));

        assertThat(editable("christmas"))
                .isEqualTo(new JobCalendar.Holidays(
                        "christmas",
                        "Closed",
                        BERLIN,
                        List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26))));
        assertThat(editable("office"))
                .isEqualTo(new JobCalendar.DailyWindow(
                        "office", "Closed", BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 30), false));
        assertThat(editable("nights"))
                .isEqualTo(new JobCalendar.CronBlackout("nights", "Closed", BERLIN, "* * 0-5 ? * *"));

        JobCalendars.Saved saved = answer(calendars.update(
                "christmas",
                version("christmas"),
                holidays("christmas", "2026-12-25\n2026-12-26\n2027-01-01"),
                Locale.ENGLISH));
        assertThat(saved.trail()).isEqualTo("dates: 2026-12-25 2026-12-26 → 2026-12-25 2026-12-26 2027-01-01");
        assertThat(((JobCalendar.Holidays) editable("christmas")).dates()).contains(LocalDate.of(2027, 1, 1));

        JobCalendars.Saved widened = answer(calendars.update(
                "office", version("office"), window("office", "08:00", "00:00", true), Locale.ENGLISH));
        assertThat(widened.trail()).isEqualTo("from: 09:00 → 08:00; to: 17:30 → 00:00; onlyWithin: false → true");
        assertThat(editable("office"))
                .isEqualTo(new JobCalendar.DailyWindow(
                        "office", "Closed", BERLIN, LocalTime.of(8, 0), LocalTime.MIDNIGHT, true));

        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<AuditEntry> trail = answer(
                        audit.search(new AuditFilter(null, AuditAction.UPDATE_CALENDAR, null, null, null), 0, 10))
                .entries();
        assertThat(trail)
                .filteredOn(e -> e.target().equals("calendar christmas"))
                .extracting(AuditEntry::detail)
                .containsExactly(saved.trail());
    }

    @Test
    void a_window_past_midnight_excludes_the_night_and_reads_back_as_the_rest_of_the_day_only() throws Exception {
        answer(calendars.create(window("night-window", "22:00", "06:00", false), Locale.ENGLISH));

        assertThat(editable("night-window"))
                .as("the same exclusion, as Quartz stores it")
                .isEqualTo(new JobCalendar.DailyWindow(
                        "night-window", "Closed", BERLIN, LocalTime.of(6, 0), LocalTime.of(22, 0), true));
        org.quartz.Calendar stored = scheduler.getCalendar("night-window");
        ZonedDateTime day = LocalDate.of(2026, 12, 7).atStartOfDay(BERLIN);
        assertThat(stored.isTimeIncluded(at(day.withHour(23)))).isFalse();
        assertThat(stored.isTimeIncluded(at(day.withHour(3)))).isFalse();
        assertThat(stored.isTimeIncluded(at(day.withHour(6)))).isTrue();
        assertThat(stored.isTimeIncluded(at(day.withHour(21).withMinute(59)))).isTrue();
        assertThat(stored.isTimeIncluded(at(day.withHour(22)))).isFalse();
    }

    @Test
    void a_trigger_skips_the_excluded_days_and_is_recomputed_when_the_calendar_changes() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String fourDays = IntStream.range(0, 4)
                .mapToObj(d -> today.plusDays(d).toString())
                .collect(Collectors.joining("\n"));
        answer(calendars.create(
                new CalendarDraft("holidays-in-use", "", JobCalendar.Kind.HOLIDAYS, "UTC", fourDays, "", "", false, ""),
                Locale.ENGLISH));
        TriggerKey noon = noonTrigger("holidays-in-use");

        assertThat(scheduler.getTrigger(noon).getNextFireTime().toInstant())
                .as("the first noon after the excluded days")
                .isEqualTo(today.plusDays(4).atTime(12, 0).toInstant(ZoneOffset.UTC));

        answer(calendars.update(
                "holidays-in-use",
                version("holidays-in-use"),
                new CalendarDraft(
                        "holidays-in-use",
                        "",
                        JobCalendar.Kind.HOLIDAYS,
                        "UTC",
                        today.plusDays(30).toString(),
                        "",
                        "",
                        false,
                        ""),
                Locale.ENGLISH));
        CronExpression plainNoon = new CronExpression("0 0 12 * * ?");
        plainNoon.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        assertThat(scheduler.getTrigger(noon).getNextFireTime())
                .as("recomputed at once: the next noon")
                .isEqualTo(plainNoon.getNextValidTimeAfter(new Date()));
    }

    @Test
    void a_second_edit_from_the_same_read_is_refused_and_the_first_stays() throws Exception {
        answer(calendars.create(holidays("year-end", "2026-12-31"), Locale.ENGLISH));
        String read = version("year-end");

        answer(calendars.update("year-end", read, holidays("year-end", "2026-12-30\n2026-12-31"), Locale.ENGLISH));

        assertThatThrownBy(() ->
                        answer(calendars.update("year-end", read, holidays("year-end", "2027-01-01"), Locale.ENGLISH)))
                .cause()
                .isInstanceOf(JobDefinitions.Changed.class)
                .hasMessage("Someone changed calendar year-end after this page read it: nothing was saved."
                        + " Reload to see their version and edit that.");
        assertThat(((JobCalendar.Holidays) editable("year-end")).dates())
                .as("the first edit stays")
                .containsExactly(LocalDate.of(2026, 12, 30), LocalDate.of(2026, 12, 31));
        assertThat(version("year-end")).isNotEqualTo(read);
    }

    @Test
    void saving_a_calendar_deleted_since_it_was_read_says_so_and_creates_nothing() throws Exception {
        answer(calendars.create(blackout("short-lived", "* * 0-5 ? * *"), Locale.ENGLISH));
        String read = version("short-lived");
        answer(calendars.delete("short-lived", Locale.ENGLISH));

        assertThatThrownBy(() -> answer(calendars.update(
                        "short-lived", read, blackout("short-lived", "* * 0-6 ? * *"), Locale.forLanguageTag("ru"))))
                .cause()
                .isInstanceOf(JobDefinitions.Changed.class)
                .hasMessage("Календарь short-lived тем временем удалён: ничего не сохранено.");
        assertThat(scheduler.getCalendar("short-lived")).isNull();
    }

    @Test
    void a_calendar_in_use_is_not_deleted_and_the_refusal_names_its_triggers() throws Exception {
        answer(calendars.create(blackout("busy", "* * 0-5 ? * *"), Locale.ENGLISH));
        TriggerKey trigger = noonTrigger("busy");

        assertThatThrownBy(() -> answer(calendars.delete("busy", Locale.ENGLISH)))
                .hasMessageContaining("Calendar busy is used by 1 trigger (tests.noon-busy)");
        assertThat(scheduler.getCalendar("busy")).isNotNull();
        JobCalendars.Row row = answer(calendars.list(0, 50, Locale.ENGLISH)).rows().stream()
                .filter(r -> r.name().equals("busy"))
                .findFirst()
                .orElseThrow();
        assertThat(row.triggers()).isEqualTo(1);
        assertThat(row.words()).startsWith("Excluded whenever * * 0-5 ? * * matches");

        scheduler.unscheduleJob(trigger);
        answer(calendars.delete("busy", Locale.ENGLISH));
        assertThat(scheduler.getCalendar("busy")).isNull();
    }

    @Test
    void each_bad_field_says_what_is_wrong_in_english_and_russian_and_nothing_is_saved() throws Exception {
        assertThat(problems(holidays("bad-dates", "2026-12-25\n2026-13-01"), Locale.ENGLISH))
                .containsExactly("dates: Line 2: \"2026-13-01\" is not a date like 2026-12-25");
        assertThat(problems(holidays("bad-dates", "2026-12-25\n2026-13-01"), Locale.forLanguageTag("ru")))
                .containsExactly("dates: Строка 2: «2026-13-01» — не дата вида 2026-12-25");
        assertThat(problems(holidays("twice", "2026-12-25\n\n2026-12-25"), Locale.ENGLISH))
                .containsExactly("dates: Line 3: 2026-12-25 is listed twice");
        String tooMany = IntStream.range(0, 1001)
                .mapToObj(d -> LocalDate.of(2030, 1, 1).plusDays(d).toString())
                .collect(Collectors.joining("\n"));
        assertThat(problems(holidays("many", tooMany), Locale.ENGLISH)).containsExactly("dates: At most 1,000 dates");
        assertThat(problems(holidays("", ""), Locale.ENGLISH))
                .containsExactly("name: Required", "dates: At least one date");
        assertThat(problems(window("w", "9:00", "17:00", false), Locale.ENGLISH))
                .containsExactly("from: A time like 09:30");
        assertThat(problems(window("w", "10:00", "10:00", false), Locale.ENGLISH))
                .containsExactly("to: From and to must differ");
        assertThat(problems(blackout("c", "* * * * * ?"), Locale.ENGLISH))
                .containsExactly("cron: It matches every second: triggers using it would never fire");
        assertThat(problems(blackout("c", "0 0 0 1 1 ? 2001"), Locale.ENGLISH))
                .containsExactly("cron: It matches no time from now on: it would exclude nothing");
        assertThat(problems(blackout("c", "0 0 25 * * ?"), Locale.ENGLISH))
                .singleElement()
                .asString()
                .startsWith("cron: ");
        assertThat(problems(
                        new CalendarDraft(
                                "z", "", JobCalendar.Kind.CRON_BLACKOUT, "Mars/Base", "", "", "", false, "0 * * * * ?"),
                        Locale.ENGLISH))
                .containsExactly("zone: Unknown time zone");

        assertThatThrownBy(() -> answer(calendars.create(holidays("bad-dates", "2026-13-01"), Locale.ENGLISH)))
                .cause()
                .isInstanceOf(JobDefinitions.Refused.class);
        assertThat(scheduler.getCalendar("bad-dates")).isNull();
    }

    @Test
    void the_preview_lists_what_is_excluded_in_the_next_two_weeks() {
        JobCalendarChecks.Preview nights = calendars.preview(window("n", "22:00", "06:00", false), Locale.ENGLISH);
        assertThat(nights.problems()).isEmpty();
        assertThat(nights.spans()).hasSizeBetween(14, 15);
        assertThat(nights.spans().subList(1, nights.spans().size() - 1)).allSatisfy(span -> {
            assertThat(span.from().toLocalTime()).isEqualTo(LocalTime.of(22, 0));
            assertThat(span.to().toLocalTime()).isEqualTo(LocalTime.of(6, 0));
        });
        assertThat(nights.midnightQuirk()).isFalse();

        LocalDate inAWeek = LocalDate.now(BERLIN).plusDays(7);
        JobCalendarChecks.Preview holiday = calendars.preview(holidays("h", inAWeek.toString()), Locale.ENGLISH);
        assertThat(holiday.spans())
                .containsExactly(new JobCalendarChecks.Span(
                        inAWeek.atStartOfDay(BERLIN), inAWeek.plusDays(1).atStartOfDay(BERLIN)));

        JobCalendarChecks.Preview office = calendars.preview(window("o", "09:00", "17:00", false), Locale.ENGLISH);
        assertThat(office.midnightQuirk())
                .as("Quartz excludes midnight itself: said")
                .isTrue();
        assertThat(office.spans())
                .allSatisfy(span -> assertThat(span.from().getHour()).isNotZero());

        JobCalendarChecks.Preview hourly = calendars.preview(blackout("m", "* 0 * * * ?"), Locale.ENGLISH);
        assertThat(hourly.spans()).hasSize(JobCalendarChecks.PREVIEW_SPANS).allSatisfy(span -> {
            assertThat(span.from().getMinute()).isZero();
            assertThat(span.to().toLocalTime())
                    .isEqualTo(span.from().toLocalTime().withMinute(1).withSecond(0));
        });
        assertThat(hourly.more()).isTrue();

        JobCalendarChecks.Preview weekends = calendars.preview(blackout("w", "* * * ? * SAT,SUN"), Locale.ENGLISH);
        assertThat(weekends.spans()).hasSizeBetween(2, 3).anySatisfy(span -> {
            assertThat(span.from().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
            assertThat(span.from().toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(span.to()).isEqualTo(span.from().plusDays(2));
        });
        JobCalendarChecks.Preview earlyHours = calendars.preview(blackout("e", "* * 0-5 ? * *"), Locale.ENGLISH);
        assertThat(earlyHours.spans()).hasSizeBetween(14, 15).anySatisfy(span -> {
            assertThat(span.from().toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(span.to()).isEqualTo(span.from().withHour(6));
        });
    }

    // --- helpers ---

    private static CalendarDraft holidays(String name, String dates) {
        return new CalendarDraft(name, "Closed", JobCalendar.Kind.HOLIDAYS, BERLIN.getId(), dates, "", "", false, "");
    }

    private static CalendarDraft window(String name, String from, String to, boolean onlyWithin) {
        return new CalendarDraft(
                name, "Closed", JobCalendar.Kind.DAILY_WINDOW, BERLIN.getId(), "", from, to, onlyWithin, "");
    }

    private static CalendarDraft blackout(String name, String cron) {
        return new CalendarDraft(
                name, "Closed", JobCalendar.Kind.CRON_BLACKOUT, BERLIN.getId(), "", "", "", false, cron);
    }

    private List<String> problems(CalendarDraft draft, Locale locale) {
        return calendars.check(draft, locale).stream()
                .map(p -> p.field() + ": " + p.message())
                .toList();
    }

    private JobCalendar editable(String name) throws Exception {
        return answer(calendars.readEditable(name, Locale.ENGLISH))
                .orElseThrow()
                .calendar();
    }

    private String version(String name) throws Exception {
        return answer(calendars.readEditable(name, Locale.ENGLISH))
                .orElseThrow()
                .version();
    }

    /** A job with a trigger at noon UTC every day that uses {@code calendar}. */
    private TriggerKey noonTrigger(String calendar) throws Exception {
        JobKey job = TestJobs.createIdleJob(scheduler, JobKey.jobKey("for-" + calendar, "tests"), "uses " + calendar);
        TriggerKey key = TriggerKey.triggerKey("noon-" + calendar, "tests");
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule("0 0 12 * * ?")
                        .inTimeZone(java.util.TimeZone.getTimeZone("UTC")))
                .modifiedByCalendar(calendar)
                .build());
        return key;
    }

    private static long at(ZonedDateTime time) {
        return time.toInstant().toEpochMilli();
    }

    private static <T> T answer(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
