package io.jobdeck.jobs.api;

import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.TriggerDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A trigger as the API reads and writes it: {@link TriggerDefinition} with defaults for what is left out.
 *
 * @param name empty or absent for a new trigger (the service names it); a trigger's name keeps it when a job is updated
 */
@Schema(description = "When a job fires: a cron expression, a fixed interval, or once")
record TriggerBody(
        @Schema(description = "The trigger's name; absent for a new one") @Nullable
        String name,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) TriggerDefinition.@Nullable Kind kind,

        @Schema(description = "Quartz cron expression, for CRON", example = "0 0 3 * * ?") @Nullable
        String cron,

        @Schema(description = "The interval, for INTERVAL", example = "PT15M") @Nullable
        Duration every,

        @Schema(description = "How many times an INTERVAL trigger fires in all; absent for forever") @Nullable
        Integer times,

        @Schema(description = "When a ONCE trigger fires, in zone") @Nullable
        LocalDateTime at,

        @Schema(description = "The time zone of the cron expression and the dates; UTC if absent") @Nullable
        ZoneId zone,

        @Schema(description = "Not before this time, in zone") @Nullable
        LocalDateTime start,

        @Schema(description = "Not after this time, in zone") @Nullable
        LocalDateTime end,

        @Schema(description = "1-10, 5 if absent") @Nullable Integer priority,

        @Schema(description = "What to do about missed fires; FIRE_ONCE_NOW if absent") @Nullable
        Misfire misfire,

        @Schema(description = "A calendar whose excluded times are skipped") @Nullable
        String calendar) {

    static TriggerBody of(TriggerDefinition t) {
        return new TriggerBody(
                t.name(),
                t.kind(),
                t.kind() == TriggerDefinition.Kind.CRON ? t.cron() : null,
                t.every(),
                t.times(),
                t.at(),
                t.zone(),
                t.start(),
                t.end(),
                t.priority(),
                t.misfire(),
                t.calendar());
    }

    /** The definition, given a kind (the caller checks it is there). */
    TriggerDefinition definition(TriggerDefinition.Kind given) {
        return new TriggerDefinition(
                Objects.requireNonNullElse(name, ""),
                given,
                Objects.requireNonNullElse(cron, ""),
                every,
                times,
                at,
                Objects.requireNonNullElse(zone, ZoneOffset.UTC),
                start,
                end,
                Objects.requireNonNullElse(priority, TriggerDefinition.DEFAULT_PRIORITY),
                Objects.requireNonNullElse(misfire, Misfire.FIRE_ONCE_NOW),
                Objects.requireNonNullElse(calendar, ""));
    }
}
