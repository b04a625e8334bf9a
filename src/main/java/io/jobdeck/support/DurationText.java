package io.jobdeck.support;

import java.time.Duration;
import java.util.Locale;

/** Short, unit-abbreviated durations ("1 h 5 min", "2.4 s"), which need no plural forms in any language. */
public final class DurationText {

    private DurationText() {}

    public static String format(Duration duration, Locale locale) {
        boolean ru = "ru".equals(locale.getLanguage());
        String h = ru ? "ч" : "h";
        String min = ru ? "мин" : "min";
        String s = ru ? "с" : "s";
        String ms = ru ? "мс" : "ms";
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " " + ms;
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(locale, "%.1f %s", millis / 1000.0, s);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " " + s;
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            long rest = seconds % 60;
            return rest == 0 ? minutes + " " + min : minutes + " " + min + " " + rest + " " + s;
        }
        long hours = minutes / 60;
        long restMinutes = minutes % 60;
        return restMinutes == 0 ? hours + " " + h : hours + " " + h + " " + restMinutes + " " + min;
    }
}
