package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.JobCatalogReader;
import io.jobdeck.support.Constraints;
import jakarta.validation.Validator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.CronExpression;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a cron expression, as it is being typed, would do: whether Quartz accepts it, what it means in words, its next
 * fire times (in the trigger's zone and the reader's, a calendar's exclusions applied), and where it meets a daylight
 * saving change. Pure computation, bounded: safe to call on every keystroke, off the Quartz threads.
 */
@Component
public class CronPreview {

    /** Fire times shown. */
    public static final int FIRES = 10;

    /** Longest expression accepted; Quartz's own grammar needs far less. */
    public static final int MAX_LENGTH = 200;

    /** Candidates a calendar may exclude before the expression counts as never firing (bounded work). */
    private static final int MAX_CANDIDATES = 10_000;

    /** How far ahead daylight saving changes are looked for: a year shows each of them once. */
    private static final long DST_HORIZON_DAYS = 366;

    private final ScheduleDescriber describer;
    private final MessageSource messages;
    private final Validator validator;
    private final Clock clock;

    CronPreview(ScheduleDescriber describer, MessageSource messages, Validator validator, Clock clock) {
        this.describer = describer;
        this.messages = messages;
        this.validator = validator;
        this.clock = clock;
    }

    /** One fire: in the trigger's zone, and in the reader's when it reads differently there. */
    public record Fire(ZonedDateTime at, @Nullable ZonedDateTime inReaderZone) {}

    /** A daylight saving change that the expression meets: which local times are skipped or happen twice. */
    public record DstNote(ZonedDateTime change, boolean gap, String message) {}

    /**
     * The outcome. {@code problem} is null when the expression is usable; then {@code description} says what it does,
     * {@code fires} when, and {@code dst} where daylight saving changes move or repeat a fire.
     */
    public record Check(@Nullable String problem, String description, List<Fire> fires, List<DstNote> dst) {

        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * A whole trigger's outcome: each problem names its field ({@code cron}, {@code every}, {@code times}, {@code at},
     * {@code end}); when there is none, what the trigger does in words, its next fires with its start, end and
     * calendar applied, and (for cron) the daylight saving notes.
     */
    public record TriggerCheck(List<FieldProblem> problems, String description, List<Fire> fires, List<DstNote> dst) {

        public TriggerCheck {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Checks a trigger and previews it; pure and bounded, like {@link #check(String, ZoneId, ZoneId, Calendar, Locale)}. */
    public TriggerCheck check(
            TriggerDefinition trigger, ZoneId readerZone, @Nullable Calendar calendar, Locale locale) {
        // Each field's own rules are its constraints; what joins fields, or needs Quartz or the clock, follows.
        List<FieldProblem> problems =
                new ArrayList<>(FieldProblem.of(Constraints.validate(validator, trigger, locale)));
        switch (trigger.kind()) {
            case CRON -> {
                Check cron = check(trigger.cron(), trigger.zone(), readerZone, null, locale);
                if (!cron.valid()) {
                    problems.add(new FieldProblem("cron", String.valueOf(cron.problem())));
                }
            }
            case INTERVAL -> {
                Duration every = trigger.every();
                if (every == null) {
                    problems.add(new FieldProblem("every", message("trigger.every.required", locale)));
                }
            }
            case ONCE -> {
                LocalDateTime at = trigger.at();
                if (at == null) {
                    problems.add(new FieldProblem("at", message("trigger.at.required", locale)));
                } else if (!at.atZone(trigger.zone()).toInstant().isAfter(clock.instant())) {
                    problems.add(new FieldProblem("at", message("trigger.at.past", locale)));
                }
            }
        }
        LocalDateTime start = trigger.start();
        LocalDateTime end = trigger.end();
        if (trigger.kind() != TriggerDefinition.Kind.ONCE && end != null) {
            if (start != null && !end.isAfter(start)) {
                problems.add(new FieldProblem("end", message("trigger.end.beforeStart", locale)));
            } else if (!end.atZone(trigger.zone()).toInstant().isAfter(clock.instant())) {
                problems.add(new FieldProblem("end", message("trigger.end.past", locale)));
            }
        }
        if (!problems.isEmpty()) {
            return new TriggerCheck(problems, "", List.of(), List.of());
        }
        Trigger quartz = QuartzTriggers.build(JobKey.jobKey("preview"), trigger.named("preview"), clock.instant());
        // An interval trigger without a start fires first when it is saved: "now" is one of its fires.
        Instant from = trigger.kind() == TriggerDefinition.Kind.CRON
                ? clock.instant()
                : clock.instant().minusMillis(1);
        List<Fire> fires = nextFires(quartz::getFireTimeAfter, from, trigger.zone(), readerZone, calendar);
        if (fires.isEmpty()) {
            String field = switch (trigger.kind()) {
                case CRON -> "cron";
                case INTERVAL -> "every";
                case ONCE -> "at";
            };
            return new TriggerCheck(
                    List.of(new FieldProblem(
                            field, message(calendar == null ? "trigger.never" : "cron.neverWithCalendar", locale))),
                    "",
                    List.of(),
                    List.of());
        }
        String words = describer.describe(JobCatalogReader.schedule(quartz), locale, trigger.zone());
        return new TriggerCheck(
                List.of(),
                words,
                fires,
                trigger.kind() == TriggerDefinition.Kind.CRON
                        ? dstNotes(trigger.cron().strip(), trigger.zone(), locale)
                        : List.of());
    }

    public Check check(
            @Nullable String expression,
            ZoneId triggerZone,
            ZoneId readerZone,
            @Nullable Calendar calendar,
            Locale locale) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty()) {
            return problem("cron.empty", locale);
        }
        if (text.length() > MAX_LENGTH) {
            return problem("cron.tooLong", locale, MAX_LENGTH);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(text);
        } catch (ParseException | RuntimeException e) {
            // Quartz says what is wrong, in English; the position helps in any language.
            return problem("cron.invalid", locale, String.valueOf(e.getMessage()));
        }
        cron.setTimeZone(TimeZone.getTimeZone(triggerZone));
        try {
            cron.getNextValidTimeAfter(Date.from(clock.instant()));
        } catch (RuntimeException e) {
            // Quartz parses some expressions it cannot evaluate (e.g. "L" in the month field): refused as invalid.
            return problem("cron.invalid", locale, text);
        }
        List<Fire> fires = nextFires(cron::getNextValidTimeAfter, clock.instant(), triggerZone, readerZone, calendar);
        if (fires.isEmpty()) {
            return problem(calendar == null ? "cron.never" : "cron.neverWithCalendar", locale);
        }
        return new Check(
                null,
                describer.describe(new Schedule.Cron(text, triggerZone), locale, triggerZone),
                fires,
                dstNotes(text, triggerZone, locale));
    }

    private List<Fire> nextFires(
            Function<Date, @Nullable Date> after,
            Instant start,
            ZoneId triggerZone,
            ZoneId readerZone,
            @Nullable Calendar calendar) {
        List<Fire> fires = new ArrayList<>(FIRES);
        Date from = Date.from(start);
        for (int candidates = 0; fires.size() < FIRES && candidates < MAX_CANDIDATES; candidates++) {
            Date next = after.apply(from);
            if (next == null) {
                break;
            }
            from = next;
            if (calendar != null && !calendar.isTimeIncluded(next.getTime())) {
                continue;
            }
            ZonedDateTime at = next.toInstant().atZone(triggerZone);
            ZonedDateTime reader = next.toInstant().atZone(readerZone);
            boolean readsDifferently = !reader.getOffset().equals(at.getOffset())
                    || !triggerZone.normalized().equals(readerZone.normalized());
            fires.add(new Fire(at, readsDifferently ? reader : null));
        }
        return fires;
    }

    /**
     * The daylight saving changes of the coming year at which the expression would fire at a local time that does not
     * exist (a gap: Quartz skips that fire) or that happens twice (an overlap: Quartz fires once).
     * The expression is matched against wall-clock times, as if in a zone without changes.
     */
    private List<DstNote> dstNotes(String expression, ZoneId zone, Locale locale) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return List.of();
        }
        CronExpression wallClock;
        try {
            wallClock = new CronExpression(expression);
        } catch (ParseException e) {
            return List.of();
        }
        wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<DstNote> notes = new ArrayList<>();
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofDays(DST_HORIZON_DAYS));
        for (ZoneOffsetTransition t = rules.nextTransition(now);
                t != null && t.getInstant().isBefore(until);
                t = rules.nextTransition(t.getInstant())) {
            LocalDateTime from = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
            LocalDateTime to = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
            Date start = Date.from(from.minusSeconds(1).toInstant(ZoneOffset.UTC));
            Date first = wallClock.getNextValidTimeAfter(start);
            if (first == null || !first.toInstant().isBefore(to.toInstant(ZoneOffset.UTC))) {
                continue;
            }
            LocalDateTime local = LocalDateTime.ofInstant(first.toInstant(), ZoneOffset.UTC);
            // In a gap Quartz skips the fire; in an overlap it fires once (CronPreviewTest checks both).
            String message = messages.getMessage(
                    t.isGap() ? "cron.dst.gap" : "cron.dst.overlap",
                    new Object[] {
                        local.toLocalDate().toString(),
                        local.toLocalTime().toString(),
                        from.toLocalTime().toString(),
                        to.toLocalTime().toString()
                    },
                    locale);
            notes.add(new DstNote(t.getInstant().atZone(zone), t.isGap(), message));
        }
        return notes;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private Check problem(String key, Locale locale, Object... args) {
        return new Check(messages.getMessage(key, args, locale), "", List.of(), List.of());
    }
}
