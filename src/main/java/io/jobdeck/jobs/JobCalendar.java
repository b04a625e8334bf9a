package io.jobdeck.jobs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A Quartz calendar as Jobdeck defines it: times that the triggers using it do not fire at. Each kind reads its days
 * and times in its own time zone.
 */
public sealed interface JobCalendar {

    /** The calendar's name, as triggers refer to it. */
    String name();

    /** What the calendar is for, in the user's words; may be empty. */
    String description();

    ZoneId zone();

    Kind kind();

    enum Kind {
        HOLIDAYS,
        DAILY_WINDOW,
        CRON_BLACKOUT
    }

    /** Whole days excluded, each from midnight to midnight in {@code zone}. */
    record Holidays(String name, String description, ZoneId zone, List<LocalDate> dates) implements JobCalendar {

        public Holidays {
            dates = dates.stream().distinct().sorted().toList();
        }

        @Override
        public Kind kind() {
            return Kind.HOLIDAYS;
        }
    }

    /**
     * A window of each day, {@code from} (inclusive) to {@code to} (exclusive; it may be past midnight, {@code 00:00}
     * meaning the day's end): excluded, or with {@code onlyWithin} the only times not excluded.
     */
    record DailyWindow(String name, String description, ZoneId zone, LocalTime from, LocalTime to, boolean onlyWithin)
            implements JobCalendar {

        @Override
        public Kind kind() {
            return Kind.DAILY_WINDOW;
        }
    }

    /** Every second that the Quartz cron expression {@code cron} matches in {@code zone} is excluded. */
    record CronBlackout(String name, String description, ZoneId zone, String cron) implements JobCalendar {

        @Override
        public Kind kind() {
            return Kind.CRON_BLACKOUT;
        }
    }
}
