package io.jobdeck.jobs;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.jobdeck.support.DurationText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Puts schedules into words in the reader's language (cron descriptions by cron-utils). */
@Component
public class ScheduleDescriber {

    private final CronParser quartzCron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private final MessageSource messages;

    ScheduleDescriber(MessageSource messages) {
        this.messages = messages;
    }

    public String describe(List<Schedule> schedules, Locale locale, ZoneId zone) {
        if (schedules.isEmpty()) {
            return messages.getMessage("schedule.none", null, locale);
        }
        return schedules.stream().map(s -> describe(s, locale, zone)).collect(Collectors.joining("; "));
    }

    public String describe(Schedule schedule, Locale locale, ZoneId zone) {
        return switch (schedule) {
            case Schedule.Cron cron -> describeCron(cron, locale, zone);
            case Schedule.Interval interval -> {
                String every = messages.getMessage(
                        "schedule.every", new Object[] {DurationText.format(interval.every(), locale)}, locale);
                yield interval.repeatCount() < 0
                        ? every
                        : every + " "
                                + messages.getMessage(
                                        "schedule.times", new Object[] {interval.repeatCount() + 1}, locale);
            }
            case Schedule.Once once ->
                messages.getMessage(
                        "schedule.once",
                        new Object[] {
                            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                                    .withLocale(locale)
                                    .withZone(zone)
                                    .format(once.at())
                        },
                        locale);
            case Schedule.Other other -> other.kind();
        };
    }

    private String describeCron(Schedule.Cron cron, Locale locale, ZoneId zone) {
        String words;
        try {
            words = CronDescriptor.instance(locale).describe(quartzCron.parse(cron.expression()));
        } catch (RuntimeException unparseable) {
            return cron.expression();
        }
        words = words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return sameRules(cron.zone(), zone) ? words : words + " (" + cron.zone().getId() + ")";
    }

    private static boolean sameRules(ZoneId a, ZoneId b) {
        return a.normalized().equals(b.normalized()) || a.getRules().equals(b.getRules());
    }
}
