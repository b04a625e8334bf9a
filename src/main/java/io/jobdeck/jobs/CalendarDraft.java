package io.jobdeck.jobs;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * A calendar as its form holds it, as typed: what {@link JobCalendars#check} judges field by field and
 * {@link JobCalendars#create} saves. Only the fields of {@code kind} count; {@code dates} has one ISO date a line,
 * {@code from} and {@code to} are {@code HH:mm}. The name's and description's rules are constraints on them (Bean
 * Validation); the rest are {@link JobCalendarChecks}'.
 */
public record CalendarDraft(
        @KeyName String name,

        @Size(max = JobDefinition.MAX_DESCRIPTION, message = "{validation.tooLong}")
        String description,

        JobCalendar.Kind kind,
        String zone,
        String dates,
        String from,
        String to,
        boolean onlyWithin,
        String cron) {

    /** A name and description as typed, their spaces around them dropped. */
    public CalendarDraft {
        name = name.strip();
        description = description.strip();
    }

    /** The form's fields for a stored calendar. */
    public static CalendarDraft of(JobCalendar calendar) {
        String zone = calendar.zone().getId();
        return switch (calendar) {
            case JobCalendar.Holidays h ->
                new CalendarDraft(
                        h.name(),
                        h.description(),
                        h.kind(),
                        zone,
                        h.dates().stream().map(LocalDate::toString).collect(Collectors.joining("\n")),
                        "",
                        "",
                        false,
                        "");
            case JobCalendar.DailyWindow w ->
                new CalendarDraft(
                        w.name(),
                        w.description(),
                        w.kind(),
                        zone,
                        "",
                        w.from().toString(),
                        w.to().toString(),
                        w.onlyWithin(),
                        "");
            case JobCalendar.CronBlackout c ->
                new CalendarDraft(c.name(), c.description(), c.kind(), zone, "", "", "", false, c.cron());
        };
    }
}
