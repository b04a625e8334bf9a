package io.jobdeck.jobs;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.impl.calendar.BaseCalendar;
import org.quartz.impl.calendar.CronCalendar;
import org.quartz.impl.calendar.DailyCalendar;
import org.quartz.impl.calendar.HolidayCalendar;

/**
 * A {@link JobCalendar} as the Quartz calendar that stores it, and back. A daily window is one {@link DailyCalendar},
 * whose range is a part of a day with both ends included: a window past midnight is stored as the inverse of the rest
 * of the day, so it reads back in that form ({@code excluded 22:00–06:00} as {@code only within 06:00–22:00}).
 */
final class QuartzCalendars {

    /** A day without a daylight saving change in most zones, to read a daily range's times from. */
    private static final LocalDate REFERENCE_DAY = LocalDate.of(2001, 1, 15);

    private QuartzCalendars() {}

    static BaseCalendar toQuartz(JobCalendar calendar) {
        TimeZone zone = TimeZone.getTimeZone(calendar.zone());
        BaseCalendar quartz = switch (calendar) {
            case JobCalendar.Holidays h -> {
                HolidayCalendar holidays = new HolidayCalendar();
                holidays.setTimeZone(zone); // before the dates: each is kept as its start of day there
                h.dates()
                        .forEach(d -> holidays.addExcludedDate(
                                Date.from(d.atStartOfDay(h.zone()).toInstant())));
                yield holidays;
            }
            case JobCalendar.DailyWindow w -> daily(w);
            case JobCalendar.CronBlackout c -> {
                try {
                    yield new CronCalendar(c.cron().strip());
                } catch (ParseException e) {
                    throw new IllegalArgumentException("checked before: " + e.getMessage(), e);
                }
            }
        };
        quartz.setTimeZone(zone);
        quartz.setDescription(calendar.description().isEmpty() ? null : calendar.description());
        return quartz;
    }

    private static DailyCalendar daily(JobCalendar.DailyWindow w) {
        // Quartz's range [start, end] includes both ends; the window [from, to) ends a millisecond before "to".
        boolean wraps = !w.to().equals(LocalTime.MIDNIGHT) && w.from().isAfter(w.to());
        LocalTime start = wraps ? w.to() : w.from();
        LocalTime end = (wraps ? w.from() : w.to()).minus(1, ChronoUnit.MILLIS);
        DailyCalendar daily = new DailyCalendar(
                start.getHour(),
                start.getMinute(),
                start.getSecond(),
                0,
                end.getHour(),
                end.getMinute(),
                end.getSecond(),
                end.getNano() / 1_000_000);
        // Not inverted, the range is excluded; inverted, it is the only part of the day included.
        daily.setInvertTimeRange(wraps != w.onlyWithin());
        return daily;
    }

    /**
     * The Jobdeck calendar a stored Quartz calendar is; empty for a kind Jobdeck does not edit (defined in code: another
     * class, or one chained to a base calendar).
     */
    static Optional<JobCalendar> fromQuartz(String name, Calendar quartz) {
        if (quartz.getBaseCalendar() != null) {
            return Optional.empty();
        }
        String description = quartz.getDescription() == null ? "" : quartz.getDescription();
        return switch (quartz) {
            case HolidayCalendar h -> {
                ZoneId zone = zone(h.getTimeZone());
                yield Optional.of(new JobCalendar.Holidays(
                        name,
                        description,
                        zone,
                        h.getExcludedDates().stream()
                                .map(d -> LocalDate.ofInstant(d.toInstant(), zone))
                                .toList()));
            }
            case DailyCalendar d -> {
                ZoneId zone = zone(d.getTimeZone());
                long day = REFERENCE_DAY.atStartOfDay(zone).toInstant().toEpochMilli();
                LocalTime from =
                        LocalTime.ofInstant(Instant.ofEpochMilli(d.getTimeRangeStartingTimeInMillis(day)), zone);
                LocalTime to =
                        LocalTime.ofInstant(Instant.ofEpochMilli(d.getTimeRangeEndingTimeInMillis(day) + 1), zone);
                yield Optional.of(
                        new JobCalendar.DailyWindow(name, description, zone, from, to, d.getInvertTimeRange()));
            }
            case CronCalendar c ->
                Optional.of(new JobCalendar.CronBlackout(
                        name,
                        description,
                        zone(c.getTimeZone()),
                        c.getCronExpression().getCronExpression()));
            default -> Optional.empty();
        };
    }

    private static ZoneId zone(@Nullable TimeZone zone) {
        return zone == null ? ZoneId.systemDefault() : zone.toZoneId();
    }
}
