package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.MutableClock;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerUtils;
import org.quartz.impl.calendar.DailyCalendar;
import org.quartz.spi.OperableTrigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The next 24 hours of fires, read from a real store, on a day chosen so that every count can be worked out by hand:
 * the window starts at midnight UTC on Tuesday 15 January 2030 (New York is UTC-5 then, Kolkata UTC+5:30).
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpcomingFiresTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final Instant T0 = Instant.parse("2030-01-15T00:00:00Z");
    static final String GROUP = "upcoming";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-upcoming-test");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    UpcomingFires upcoming;

    @Autowired
    Scheduler scheduler;

    @Autowired
    MutableClock clock;

    @Autowired
    JobCalendars calendars;

    @BeforeAll
    void jobs() throws Exception {
        clock.advance(Duration.between(clock.instant(), T0));
        DailyCalendar nights = new DailyCalendar("00:00:00", "05:59:59");
        nights.setTimeZone(TimeZone.getTimeZone("UTC"));
        scheduler.addCalendar("nights", nights, false, false);

        // Every hour: 00:00 to 23:00.
        schedule("hourly-utc", cron("0 0 * * * ?", "UTC"), null, null);
        // 09:30 in Kolkata: 04:00 UTC.
        schedule("daily-kolkata", cron("0 30 9 * * ?", "Asia/Kolkata"), null, null);
        // Hourly 09:00 to 17:00 in New York: 14:00 to 22:00 UTC.
        schedule("office-new-york", cron("0 0 9-17 * * ?", "America/New_York"), null, null);
        // Every half hour, but not in the night calendar's hours: 06:00 to 23:30, 36 fires.
        schedule("half-hourly", cron("0 0/30 * * * ?", "UTC"), "nights", null);
        // Every 20 minutes from 01:00, 6 fires in all: 01:00 to 02:40.
        scheduleAt(
                "repeat-six",
                SimpleScheduleBuilder.simpleSchedule().withIntervalInMinutes(20).withRepeatCount(5),
                T0.plus(Duration.ofHours(1)),
                null);
        // Hourly until 03:00 (a cron trigger fires at its end time too): 00:00 to 03:00.
        schedule("end-at-three", cron("0 0 * * * ?", "UTC"), null, T0.plus(Duration.ofHours(3)));
        // Once, at 05:30.
        scheduleAt("once", SimpleScheduleBuilder.simpleSchedule(), T0.plus(Duration.ofMinutes(330)), null);
        // Starts after the window.
        scheduleAt("next-week", cron("0 0 * * * ?", "UTC"), T0.plus(Duration.ofDays(7)), null);

        // A paused job fires not at all; a job with one of two triggers paused fires by the other (12:00).
        schedule("paused-job", cron("0 0 * * * ?", "UTC"), null, null);
        scheduler.pauseJob(JobKey.jobKey("paused-job", GROUP));
        schedule("one-trigger-paused", cron("0 0 12 * * ?", "UTC"), null, null);
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity("paused-one", GROUP)
                .forJob("one-trigger-paused", GROUP)
                .startAt(Date.from(T0))
                .withSchedule(cron("0 15 * * * ?", "UTC"))
                .build());
        scheduler.pauseTrigger(TriggerKey.triggerKey("paused-one", GROUP));
    }

    @BeforeEach
    void viewer() {
        As.user(Role.VIEWER);
    }

    @AfterEach
    void nobody() {
        As.nobody();
    }

    @Test
    void each_hour_counts_the_fires_of_the_triggers_that_are_not_paused_with_calendars_and_ends_applied()
            throws Exception {
        Upcoming answer = read(0, 10);

        assertThat(answer.from()).isEqualTo(T0);
        assertThat(answer.perHour())
                .containsExactly(
                        2L, 5L, 5L, 2L, 2L, 2L, // 00:00-05:00
                        3L, 3L, 3L, 3L, 3L, 3L, // 06:00-11:00
                        4L, 3L, // 12:00, 13:00
                        4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, // 14:00-22:00
                        3L); // 23:00
        assertThat(answer.countedHours()).isEqualTo(24);
        assertThat(answer.total()).isEqualTo(82);
        assertThat(answer.totalExact()).isTrue();
    }

    @Test
    void the_fires_are_those_quartz_itself_computes_for_the_same_triggers() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String name : List.of(
                "hourly-utc",
                "daily-kolkata",
                "office-new-york",
                "half-hourly",
                "repeat-six",
                "end-at-three",
                "once",
                "next-week",
                "one-trigger-paused")) {
            OperableTrigger trigger = (OperableTrigger) scheduler.getTrigger(TriggerKey.triggerKey(name, GROUP));
            org.quartz.@Nullable Calendar calendar =
                    trigger.getCalendarName() == null ? null : scheduler.getCalendar(trigger.getCalendarName());
            for (Date at : TriggerUtils.computeFireTimesBetween(
                    trigger,
                    calendar,
                    Date.from(T0),
                    Date.from(T0.plus(Duration.ofHours(24)).minusMillis(1)))) {
                expected.add(at.toInstant() + " " + name);
            }
        }

        List<String> listed = new ArrayList<>();
        read(0, 200).page().forEach(f -> listed.add(f.at() + " " + f.triggerName()));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listed).hasSize(82);
    }

    @Test
    void a_page_lists_fires_in_time_order_then_by_job_with_trigger_and_schedule() throws Exception {
        List<Upcoming.Fire> page = read(0, 5).page();

        assertThat(page)
                .extracting(f -> Duration.between(T0, f.at()).toMinutes() + " " + f.jobName())
                .containsExactly("0 end-at-three", "0 hourly-utc", "60 end-at-three", "60 hourly-utc", "60 repeat-six");
        Upcoming.Fire simple = page.getLast();
        assertThat(simple.jobGroup()).isEqualTo(GROUP);
        assertThat(simple.triggerGroup() + "." + simple.triggerName()).isEqualTo("upcoming.repeat-six");
        assertThat(simple.schedule()).isEqualTo(new Schedule.Interval(Duration.ofMinutes(20), 5));
        assertThat(page.getFirst().schedule()).isEqualTo(new Schedule.Cron("0 0 * * * ?", java.time.ZoneId.of("UTC")));
    }

    @Test
    void pages_meet_without_a_gap_or_an_overlap_and_the_last_is_short() throws Exception {
        List<Upcoming.Fire> all = read(0, 200).page();

        assertThat(read(3, 4).page()).isEqualTo(all.subList(3, 7));
        List<Upcoming.Fire> joined = new ArrayList<>();
        for (int offset = 0; offset < 82; offset += 10) {
            joined.addAll(read(offset, 10).page());
        }
        assertThat(joined).isEqualTo(all);
        assertThat(read(80, 5).page())
                .extracting(f -> Duration.between(T0, f.at()).toMinutes() + " " + f.jobName())
                .containsExactly("1380 hourly-utc", "1410 half-hourly");
        assertThat(read(100, 5).page()).isEmpty();
    }

    @Test
    void paused_triggers_and_paused_jobs_are_left_out() throws Exception {
        List<Upcoming.Fire> all = read(0, 200).page();

        assertThat(all).extracting(Upcoming.Fire::jobName).doesNotContain("paused-job", "next-week");
        assertThat(all)
                .filteredOn(f -> f.jobName().equals("one-trigger-paused"))
                .extracting(f -> f.at() + " " + f.triggerName())
                .containsExactly(T0.plus(Duration.ofHours(12)) + " one-trigger-paused");
    }

    @Test
    void a_trigger_paused_after_an_answer_is_left_out_of_the_next_and_counted_again_once_resumed() throws Exception {
        assertThat(read(0, 1).total()).isEqualTo(82);
        TriggerKey hourly = TriggerKey.triggerKey("hourly-utc", GROUP);

        scheduler.pauseTrigger(hourly);
        try {
            await().atMost(Views.TIMEOUT)
                    .pollInSameThread()
                    .untilAsserted(() -> assertThat(read(0, 1).total()).isEqualTo(82 - 24));
        } finally {
            scheduler.resumeTrigger(hourly);
        }

        await().atMost(Views.TIMEOUT)
                .pollInSameThread()
                .untilAsserted(() -> assertThat(read(0, 1).total()).isEqualTo(82));
    }

    @Test
    void a_calendar_changed_after_an_answer_applies_to_the_next_and_when_changed_back_too() throws Exception {
        assertThat(read(0, 1).total()).isEqualTo(82);

        // The clock stands still: the triggers as read would serve for the next 5 minutes if nothing said they changed.
        saveNights("12:00");
        try {
            await().atMost(Views.TIMEOUT)
                    .pollInSameThread()
                    .untilAsserted(() -> assertThat(read(0, 1).total())
                            .as("half-hourly no longer fires from 06:00 to 11:30")
                            .isEqualTo(82 - 12));
        } finally {
            saveNights("06:00");
        }

        await().atMost(Views.TIMEOUT)
                .pollInSameThread()
                .untilAsserted(() -> assertThat(read(0, 1).total()).isEqualTo(82));
    }

    @Test
    void a_page_out_of_bounds_is_refused_with_a_reason() {
        assertThatThrownBy(() -> read(0, 1000)).hasMessageContaining("1 to 200 fires");
        assertThatThrownBy(() -> read(-1, 10)).hasMessageContaining("starts at 0");
        assertThatThrownBy(() -> read(UpcomingFires.MAX_OFFSET + 1, 10)).hasMessageContaining("starts at 0");
    }

    /** Saves the night calendar, as an admin does in the browser, to exclude from midnight to {@code to} (UTC). */
    private void saveNights(String to) throws Exception {
        As.call(Role.ADMIN, () -> {
            JobCalendars.Editable nights = calendars
                    .readEditable("nights", Locale.ENGLISH)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)
                    .orElseThrow();
            return calendars
                    .update(
                            "nights",
                            nights.version(),
                            new CalendarDraft(
                                    "nights", "", JobCalendar.Kind.DAILY_WINDOW, "UTC", "", "00:00", to, false, ""),
                            Locale.ENGLISH)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        });
    }

    private Upcoming read(int offset, int limit) throws Exception {
        return upcoming.readUpcoming(offset, limit).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CronScheduleBuilder cron(String expression, String zone) {
        return CronScheduleBuilder.cronSchedule(expression).inTimeZone(TimeZone.getTimeZone(zone));
    }

    /** A job of the same name with one trigger of that name, from the window's start. */
    private void schedule(
            String name, ScheduleBuilder<? extends Trigger> schedule, @Nullable String calendar, @Nullable Instant end)
            throws Exception {
        scheduleJob(name, schedule, T0, calendar, end);
    }

    private void scheduleAt(
            String name, ScheduleBuilder<? extends Trigger> schedule, Instant start, @Nullable Instant end)
            throws Exception {
        scheduleJob(name, schedule, start, null, end);
    }

    private void scheduleJob(
            String name,
            ScheduleBuilder<? extends Trigger> schedule,
            Instant start,
            @Nullable String calendar,
            @Nullable Instant end)
            throws Exception {
        TriggerBuilder<? extends Trigger> trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .startAt(Date.from(start))
                .modifiedByCalendar(calendar)
                .endAt(end == null ? null : Date.from(end))
                .withSchedule(schedule);
        scheduler.scheduleJob(
                JobBuilder.newJob(HeartbeatJob.class).withIdentity(name, GROUP).build(), trigger.build());
    }
}
