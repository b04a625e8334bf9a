package io.jobdeck.jobs;

import java.text.ParseException;
import java.time.Clock;
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
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.CronExpression;
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
    private final Clock clock;

    CronPreview(ScheduleDescriber describer, MessageSource messages, Clock clock) {
        this.describer = describer;
        this.messages = messages;
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
        List<Fire> fires = nextFires(cron, triggerZone, readerZone, calendar);
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
            CronExpression cron, ZoneId triggerZone, ZoneId readerZone, @Nullable Calendar calendar) {
        List<Fire> fires = new ArrayList<>(FIRES);
        Date after = Date.from(clock.instant());
        for (int candidates = 0; fires.size() < FIRES && candidates < MAX_CANDIDATES; candidates++) {
            Date next = cron.getNextValidTimeAfter(after);
            if (next == null) {
                break;
            }
            after = next;
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
        Instant until = now.plus(java.time.Duration.ofDays(DST_HORIZON_DAYS));
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

    private Check problem(String key, Locale locale, Object... args) {
        return new Check(messages.getMessage(key, args, locale), "", List.of(), List.of());
    }
}
