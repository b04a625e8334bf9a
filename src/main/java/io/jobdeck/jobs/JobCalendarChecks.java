package io.jobdeck.jobs;

import io.jobdeck.support.Constraints;
import io.jobdeck.support.DisplayText;
import jakarta.validation.Validator;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.CronExpression;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The rules a calendar must meet, field by field, with messages in the reader's language, and what a calendar would
 * exclude in the coming days. Pure and bounded: the form runs both as the user types; {@link JobCalendars} checks again
 * before it saves.
 */
@Component
public class JobCalendarChecks {

    /** Dates one holiday calendar may list. */
    public static final int MAX_DATES = 1_000;

    /** The longest dates text read: room for {@link #MAX_DATES} lines with spaces around each. */
    public static final int MAX_DATES_TEXT = MAX_DATES * 20;

    /** Years a holiday may be in: any day there converts to Quartz's {@code java.util.Date}. */
    private static final int FIRST_YEAR = 1900;

    private static final int LAST_YEAR = 9999;

    /** How far ahead the preview looks. */
    public static final int PREVIEW_DAYS = 14;

    /** Excluded spans the preview lists at most. */
    public static final int PREVIEW_SPANS = 20;

    /** How far ahead a cron blackout is checked for leaving some time free. */
    private static final int BLACKOUT_HORIZON_DAYS = 366;

    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

    private final MessageSource messages;
    private final Validator validator;
    private final Clock clock;

    JobCalendarChecks(MessageSource messages, Validator validator, Clock clock) {
        this.messages = messages;
        this.validator = validator;
        this.clock = clock;
    }

    /** What is wrong with a draft, field by field; empty when it can be saved. */
    public List<FieldProblem> check(CalendarDraft draft, Locale locale) {
        Parsed parsed = parse(draft, locale);
        return parsed.problems();
    }

    /** A draft's calendar and the problems that kept it from being one (then the calendar is null). */
    public record Parsed(@Nullable JobCalendar calendar, List<FieldProblem> problems) {}

    /** A draft's calendar, or the problems that keep it from being one. */
    public Parsed parse(CalendarDraft draft, Locale locale) {
        // The name's and description's rules are their constraints; what needs parsing follows.
        List<FieldProblem> problems = new ArrayList<>(FieldProblem.of(Constraints.validate(validator, draft, locale)));
        String name = draft.name();
        String description = draft.description();
        // Region ids only (as the form offers them): Quartz keeps a java.util.TimeZone, which reads an offset back
        // under another name.
        String zoneId = draft.zone().strip();
        ZoneId zone = ZoneId.getAvailableZoneIds().contains(zoneId) ? ZoneId.of(zoneId) : null;
        if (zone == null) {
            problems.add(new FieldProblem("zone", message("calendar.problem.zone", locale)));
        }
        JobCalendar calendar = switch (draft.kind()) {
            case HOLIDAYS -> {
                List<LocalDate> dates = dates(draft.dates(), locale, problems);
                yield zone == null || dates == null ? null : new JobCalendar.Holidays(name, description, zone, dates);
            }
            case DAILY_WINDOW -> {
                LocalTime from = time("from", draft.from(), locale, problems);
                LocalTime to = time("to", draft.to(), locale, problems);
                if (from != null && from.equals(to)) {
                    problems.add(new FieldProblem("to", message("calendar.problem.sameTimes", locale)));
                    yield null;
                }
                yield zone == null || from == null || to == null
                        ? null
                        : new JobCalendar.DailyWindow(name, description, zone, from, to, draft.onlyWithin());
            }
            case CRON_BLACKOUT -> {
                String cron = draft.cron().strip();
                String cronProblem = zone == null ? null : cronProblem(cron, zone, locale);
                if (cronProblem != null) {
                    problems.add(new FieldProblem("cron", cronProblem));
                }
                yield zone == null || cronProblem != null
                        ? null
                        : new JobCalendar.CronBlackout(name, description, zone, cron);
            }
        };
        return new Parsed(problems.isEmpty() ? calendar : null, List.copyOf(problems));
    }

    /** One ISO date a line (blank lines ignored); null, with the first problem added, if they are not. */
    private @Nullable List<LocalDate> dates(String text, Locale locale, List<FieldProblem> problems) {
        if (text.length() > MAX_DATES_TEXT) {
            problems.add(new FieldProblem("dates", message("calendar.problem.tooManyDates", locale, MAX_DATES)));
            return null;
        }
        List<LocalDate> dates = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (dates.size() == MAX_DATES) {
                problems.add(new FieldProblem("dates", message("calendar.problem.tooManyDates", locale, MAX_DATES)));
                return null;
            }
            LocalDate date = null;
            try {
                date = LocalDate.parse(line);
            } catch (DateTimeException e) {
                // said below
            }
            if (date == null || date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                problems.add(new FieldProblem(
                        "dates", message("calendar.problem.date", locale, i + 1, DisplayText.safe(line, 40))));
                return null;
            }
            if (!seen.add(date)) {
                problems.add(new FieldProblem("dates", message("calendar.problem.dateTwice", locale, i + 1, line)));
                return null;
            }
            dates.add(date);
        }
        if (dates.isEmpty()) {
            problems.add(new FieldProblem("dates", message("calendar.problem.noDates", locale)));
            return null;
        }
        return dates;
    }

    private @Nullable LocalTime time(String field, String text, Locale locale, List<FieldProblem> problems) {
        String value = text.strip();
        if (value.isEmpty()) {
            problems.add(new FieldProblem(field, message("job.problem.required", locale)));
            return null;
        }
        try {
            if (TIME.matcher(value).matches()) {
                return LocalTime.parse(value);
            }
        } catch (DateTimeException e) {
            // said below
        }
        problems.add(new FieldProblem(field, message("calendar.problem.time", locale)));
        return null;
    }

    /** Why {@code cron} cannot be a blackout: invalid, matching no time, or matching every time (bounded work). */
    private @Nullable String cronProblem(String cron, ZoneId zone, Locale locale) {
        if (cron.isEmpty()) {
            return message("job.problem.required", locale);
        }
        if (cron.length() > CronPreview.MAX_LENGTH) {
            return message("job.problem.tooLong", locale, CronPreview.MAX_LENGTH);
        }
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException | RuntimeException e) {
            // Quartz says what is wrong, in English; the position helps in any language.
            return message("cron.invalid", locale, String.valueOf(e.getMessage()));
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        if (expression.getTimeAfter(Date.from(clock.instant())) == null) {
            return message("calendar.problem.cronNever", locale);
        }
        if (excludesEveryTime(expression, zone)) {
            return message("calendar.problem.cronAlways", locale);
        }
        return null;
    }

    /**
     * Whether the expression matches every second of the coming year. Its fields are independent, so a day matches
     * every second iff every second, minute and hour matches on one matching day; then each day is checked at its start.
     */
    private boolean excludesEveryTime(CronExpression cron, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        for (int day = 0; day < BLACKOUT_HORIZON_DAYS; day++) {
            if (!matches(cron, today.plusDays(day).atStartOfDay(zone))) {
                return false;
            }
        }
        ZonedDateTime start = today.atStartOfDay(zone);
        for (int i = 0; i < 60; i++) {
            if (!matches(cron, start.plusSeconds(i)) || !matches(cron, start.plusMinutes(i))) {
                return false;
            }
        }
        for (int hour = 0; hour < 24; hour++) {
            if (!matches(cron, start.plusHours(hour))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(CronExpression cron, ZonedDateTime at) {
        return cron.isSatisfiedBy(Date.from(at.toInstant()));
    }

    /** A span of excluded time, in the calendar's zone: {@code from} included, {@code to} not. */
    public record Span(ZonedDateTime from, ZonedDateTime to) {}

    /**
     * What the draft's calendar excludes from now for {@link #PREVIEW_DAYS} days, at most {@link #PREVIEW_SPANS} spans
     * ({@code more} when there are more); {@code problems} instead when it is not valid. {@code midnightQuirk} says that
     * Quartz also excludes the instant of midnight itself (see {@link #midnightMeantIncluded}).
     */
    public record Preview(List<Span> spans, boolean more, boolean midnightQuirk, List<FieldProblem> problems) {}

    /**
     * The preview, in bounded work whatever the calendar: days and daily windows are laid out day by day (as the Quartz
     * calendar they are stored as reads them: {@code JobCalendarsTest} checks the stored one), a cron blackout is walked
     * from one matching run to the next.
     */
    public Preview preview(CalendarDraft draft, Locale locale) {
        Parsed parsed = parse(draft, locale);
        JobCalendar calendar = parsed.calendar();
        if (calendar == null) {
            return new Preview(List.of(), false, false, parsed.problems());
        }
        ZoneId zone = calendar.zone();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = now.plus(PREVIEW_DAYS, ChronoUnit.DAYS);
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Span> all = new ArrayList<>();
        boolean quirk = false;
        switch (calendar) {
            case JobCalendar.Holidays h ->
                h.dates()
                        .forEach(d -> all.add(
                                new Span(d.atStartOfDay(zone), d.plusDays(1).atStartOfDay(zone))));
            case JobCalendar.DailyWindow w -> {
                for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(PREVIEW_DAYS)); d = d.plusDays(1)) {
                    for (int[] part : excludedMinutes(w)) {
                        all.add(new Span(at(d, part[0], zone), at(d, part[1], zone)));
                    }
                }
                Calendar quartz = QuartzCalendars.toQuartz(calendar);
                quirk = midnightMeantIncluded(w)
                        && !quartz.isTimeIncluded(
                                today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            }
            case JobCalendar.CronBlackout c -> all.addAll(blackoutRuns(c, now, until));
        }
        List<Span> spans = new ArrayList<>();
        for (Span span : all) {
            ZonedDateTime from = span.from().toInstant().isBefore(now) ? now.atZone(zone) : span.from();
            ZonedDateTime to = span.to().toInstant().isAfter(until) ? until.atZone(zone) : span.to();
            if (!from.isBefore(to)) {
                continue;
            }
            Span last = spans.isEmpty() ? null : spans.getLast();
            if (last != null && !last.to().isBefore(from)) {
                spans.set(spans.size() - 1, new Span(last.from(), to.isAfter(last.to()) ? to : last.to()));
            } else {
                spans.add(new Span(from, to));
            }
        }
        boolean more = spans.size() > PREVIEW_SPANS;
        return new Preview(more ? spans.subList(0, PREVIEW_SPANS) : spans, more, quirk, List.of());
    }

    /** The parts of each day a window excludes, as [from, to) minutes of the day (to at most 1440). */
    private static List<int[]> excludedMinutes(JobCalendar.DailyWindow w) {
        int from = w.from().getHour() * 60 + w.from().getMinute();
        int to = w.to().equals(LocalTime.MIDNIGHT) ? 1440 : w.to().getHour() * 60 + w.to().getMinute();
        List<int[]> window =
                from < to ? List.of(new int[] {from, to}) : List.of(new int[] {0, to}, new int[] {from, 1440});
        if (!w.onlyWithin()) {
            return window;
        }
        List<int[]> outside = new ArrayList<>();
        int free = 0;
        for (int[] part : window) {
            if (part[0] > free) {
                outside.add(new int[] {free, part[0]});
            }
            free = part[1];
        }
        if (free < 1440) {
            outside.add(new int[] {free, 1440});
        }
        return outside;
    }

    private static ZonedDateTime at(LocalDate day, int minute, ZoneId zone) {
        return minute == 1440
                ? day.plusDays(1).atStartOfDay(zone)
                : day.atTime(minute / 60, minute % 60).atZone(zone);
    }

    /** The runs of seconds the blackout matches between {@code now} and {@code until}, one more than shown at most. */
    private List<Span> blackoutRuns(JobCalendar.CronBlackout c, Instant now, Instant until) {
        CronExpression cron = ((org.quartz.impl.calendar.CronCalendar) QuartzCalendars.toQuartz(c)).getCronExpression();
        List<Span> runs = new ArrayList<>();
        Instant after = now.minusSeconds(1);
        while (runs.size() <= PREVIEW_SPANS) {
            Date next = cron.getTimeAfter(Date.from(after));
            if (next == null || !next.toInstant().isBefore(until)) {
                break;
            }
            Instant end = runEnd(cron, next.toInstant().atZone(c.zone()), until);
            runs.add(new Span(next.toInstant().atZone(c.zone()), end.atZone(c.zone())));
            after = end;
        }
        return runs;
    }

    /**
     * Where a run of matching seconds that starts at {@code start} ends (the first second not matched). Cron fields are
     * independent: once a whole minute's seconds have matched, every second of a matching minute does, and so on for
     * minutes and hours; so the run is walked second by second, then by minutes, hours and days, each a bounded step.
     */
    private static Instant runEnd(CronExpression cron, ZonedDateTime start, Instant until) {
        ZonedDateTime end = start.plusSeconds(1);
        ChronoUnit[] units = {ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS, ChronoUnit.DAYS};
        int[] perNext = {60, 60, 24, Integer.MAX_VALUE};
        for (int u = 0; u < units.length; u++) {
            int steps = 0;
            while (end.toInstant().isBefore(until) && matches(cron, end)) {
                end = end.plus(1, units[u]);
                if (++steps > perNext[u]) {
                    break;
                }
            }
            if (steps <= perNext[u] || u == units.length - 1) {
                return end.toInstant();
            }
            // Every value of this field matched: the rest of the larger unit does too.
            end = end.truncatedTo(units[u + 1]).plus(1, units[u + 1]);
        }
        return end.toInstant();
    }

    /**
     * Whether the window, as meant, leaves midnight free. Quartz's {@code DailyCalendar} excludes the instant 00:00:00.000
     * whenever its range is excluded (not inverted) and starts later in the day: then Quartz skips a fire at midnight.
     */
    private static boolean midnightMeantIncluded(JobCalendar.DailyWindow w) {
        boolean windowHasMidnight = w.from().equals(LocalTime.MIDNIGHT)
                || (!w.to().equals(LocalTime.MIDNIGHT) && w.from().isAfter(w.to()));
        return windowHasMidnight == w.onlyWithin();
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
