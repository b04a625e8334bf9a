package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.JobCalendar;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A calendar as the API reads and writes it: only the fields of its kind count. */
@Schema(description = "Times the triggers using a calendar do not fire at")
record CalendarBody(
        @Schema(description = "Ignored on update: the path names the calendar", example = "holidays") @Nullable
        String name,

        @Nullable String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) JobCalendar.@Nullable Kind kind,

        @Schema(description = "The time zone its days and times are read in", example = "Europe/Berlin") @Nullable
        String zone,

        @Schema(description = "HOLIDAYS: the whole days excluded") @Nullable
        List<LocalDate> dates,

        @Schema(description = "DAILY_WINDOW: from HH:mm (inclusive)", example = "22:00") @Nullable
        String from,

        @Schema(description = "DAILY_WINDOW: to HH:mm (exclusive; may be past midnight)", example = "06:00") @Nullable
        String to,

        @Schema(description = "DAILY_WINDOW: exclude all but the window") @Nullable
        Boolean onlyWithin,

        @Schema(description = "CRON_BLACKOUT: the seconds excluded, as a Quartz cron expression") @Nullable
        String cron) {

    static CalendarBody of(JobCalendar calendar) {
        CalendarDraft d = CalendarDraft.of(calendar);
        List<LocalDate> days = calendar instanceof JobCalendar.Holidays h ? h.dates() : null;
        return new CalendarBody(
                d.name(), d.description(), d.kind(), d.zone(), days, d.from(), d.to(), d.onlyWithin(), d.cron());
    }

    /** The draft under {@code name}, or a 422 if the kind is missing (every other field the service checks). */
    CalendarDraft draft(String calendarName, String required) {
        if (kind == null) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("kind", required)));
        }
        return new CalendarDraft(
                calendarName,
                Objects.requireNonNullElse(description, ""),
                kind,
                Objects.requireNonNullElse(zone, ""),
                Objects.requireNonNullElse(dates, List.<LocalDate>of()).stream()
                        .filter(Objects::nonNull)
                        .map(LocalDate::toString)
                        .collect(Collectors.joining("\n")),
                Objects.requireNonNullElse(from, ""),
                Objects.requireNonNullElse(to, ""),
                Boolean.TRUE.equals(onlyWithin),
                Objects.requireNonNullElse(cron, ""));
    }

    CalendarDraft draft(String required) {
        return draft(Objects.requireNonNullElse(name, ""), required);
    }
}
