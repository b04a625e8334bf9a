package io.jobdeck.jobs;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.jobdeck.support.DurationText;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts schedules into words in the reader's language. Intervals and the cron forms people write most (every N
 * seconds, minutes or hours; at a time every day, on weekdays, on one day of the week or of the month) share one set
 * of phrases, with each language's plural forms; other cron expressions are described by cron-utils.
 */
@Component
public class ScheduleDescriber {

    private static final Pattern STEP = Pattern.compile("(?:0|\\*)/(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Set<String> ANY = Set.of("*", "?");
    private static final Map<String, String> DAYS = Map.ofEntries(
            Map.entry("MON", "MON"),
            Map.entry("2", "MON"),
            Map.entry("TUE", "TUE"),
            Map.entry("3", "TUE"),
            Map.entry("WED", "WED"),
            Map.entry("4", "WED"),
            Map.entry("THU", "THU"),
            Map.entry("5", "THU"),
            Map.entry("FRI", "FRI"),
            Map.entry("6", "FRI"),
            Map.entry("SAT", "SAT"),
            Map.entry("7", "SAT"),
            Map.entry("SUN", "SUN"),
            Map.entry("1", "SUN"));
    private static final Set<String> WEEKDAYS = Set.of("MON-FRI", "2-6");
    private static final Set<String> WEEKENDS = Set.of("SAT,SUN", "SUN,SAT", "1,7", "7,1");

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
                String every = every(interval.every(), locale);
                yield interval.repeatCount() < 0
                        ? every
                        : every + " " + plural("schedule.times", interval.repeatCount() + 1L, locale);
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

    /** "Every 15 seconds", "Every 2 hours"; a duration that is no whole number of one unit, as "Every 1.5 s". */
    private String every(Duration interval, Locale locale) {
        long seconds = interval.getSeconds();
        if (interval.getNano() != 0 || seconds == 0) {
            return messages.getMessage("schedule.every", new Object[] {DurationText.format(interval, locale)}, locale);
        }
        if (seconds % 86_400 == 0) {
            return every(seconds / 86_400, "day", locale);
        }
        if (seconds % 3_600 == 0) {
            return every(seconds / 3_600, "hour", locale);
        }
        if (seconds % 60 == 0) {
            return every(seconds / 60, "minute", locale);
        }
        return every(seconds, "second", locale);
    }

    private String every(long count, String unit, Locale locale) {
        return count == 1
                ? messages.getMessage("schedule.every." + unit, null, locale)
                : plural("schedule.every." + unit + "s", count, locale);
    }

    private String describeCron(Schedule.Cron cron, Locale locale, ZoneId zone) {
        String words;
        try {
            quartzCron.parse(cron.expression()).validate();
            words = commonForm(cron.expression(), locale)
                    .orElseGet(() -> CronDescriptor.instance(locale).describe(quartzCron.parse(cron.expression())));
        } catch (RuntimeException unparseable) {
            return cron.expression();
        }
        words = words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return sameRules(cron.zone(), zone) ? words : words + " (" + cron.zone().getId() + ")";
    }

    /** The cron forms people write most, in Jobdeck's own words; empty for anything else. */
    private Optional<String> commonForm(String expression, Locale locale) {
        String[] f = expression.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length < 6 || f.length > 7 || !f[4].equals("*") || (f.length == 7 && !f[6].equals("*"))) {
            return Optional.empty();
        }
        String second = f[0];
        String minute = f[1];
        String hour = f[2];
        String dayOfMonth = f[3];
        String dayOfWeek = f[5];
        boolean everyDay = ANY.contains(dayOfMonth) && ANY.contains(dayOfWeek);
        if (everyDay && minute.equals("*") && hour.equals("*")) {
            if (second.equals("*")) {
                return Optional.of(every(1, "second", locale));
            }
            Optional<Long> step = step(second, 60);
            if (step.isPresent()) {
                return Optional.of(every(step.get(), "second", locale));
            }
        }
        if (!second.equals("0")) {
            return Optional.empty();
        }
        if (everyDay && hour.equals("*")) {
            if (minute.equals("*")) {
                return Optional.of(every(1, "minute", locale));
            }
            Optional<Long> step = step(minute, 60);
            if (step.isPresent()) {
                return Optional.of(every(step.get(), "minute", locale));
            }
            if (minute.equals("0")) {
                return Optional.of(every(1, "hour", locale));
            }
        }
        if (everyDay && minute.equals("0")) {
            Optional<Long> step = step(hour, 24);
            if (step.isPresent()) {
                return Optional.of(every(step.get(), "hour", locale));
            }
        }
        if (!NUMBER.matcher(minute).matches() || !NUMBER.matcher(hour).matches()) {
            return Optional.empty();
        }
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (h > 23 || m > 59) {
            return Optional.empty();
        }
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .format(LocalTime.of(h, m));
        if (everyDay) {
            return Optional.of(messages.getMessage("schedule.daily", new Object[] {time}, locale));
        }
        if (dayOfMonth.equals("?") && WEEKDAYS.contains(dayOfWeek)) {
            return Optional.of(messages.getMessage("schedule.weekdays", new Object[] {time}, locale));
        }
        if (dayOfMonth.equals("?") && WEEKENDS.contains(dayOfWeek)) {
            return Optional.of(messages.getMessage("schedule.weekends", new Object[] {time}, locale));
        }
        if (dayOfMonth.equals("?") && DAYS.containsKey(dayOfWeek)) {
            return Optional.of(
                    messages.getMessage("schedule.weekly." + DAYS.get(dayOfWeek), new Object[] {time}, locale));
        }
        if (dayOfWeek.equals("?") && NUMBER.matcher(dayOfMonth).matches()) {
            int day = Integer.parseInt(dayOfMonth);
            if (day >= 1 && day <= 31) {
                return Optional.of(messages.getMessage("schedule.monthly", new Object[] {time, day}, locale));
            }
        }
        return Optional.empty();
    }

    /** N from "0/N" or "*&#47;N", where N divides the field's range (otherwise the steps are uneven). */
    private static Optional<Long> step(String field, int range) {
        Matcher m = STEP.matcher(field);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return n > 0 && range % n == 0 ? Optional.of(n) : Optional.empty();
    }

    /**
     * A message whose forms, separated by {@code |}, follow the language's plural categories in CLDR order (English:
     * one, other; Russian: one, few, many), filled in with {@code count}.
     */
    private String plural(String key, long count, Locale locale) {
        String[] forms = messages.getMessage(key, null, locale).split("\\|");
        String form = forms[Math.min(pluralIndex(count, locale), forms.length - 1)];
        return new MessageFormat(form, locale).format(new Object[] {count});
    }

    /** The CLDR plural category of a whole number, as an index into a message's forms. */
    static int pluralIndex(long count, Locale locale) {
        if ("ru".equals(locale.getLanguage())) {
            long lastDigit = count % 10;
            long lastTwo = count % 100;
            if (lastDigit == 1 && lastTwo != 11) {
                return 0;
            }
            return lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14) ? 1 : 2;
        }
        return count == 1 ? 0 : 1;
    }

    private static boolean sameRules(ZoneId a, ZoneId b) {
        return a.normalized().equals(b.normalized()) || a.getRules().equals(b.getRules());
    }
}
