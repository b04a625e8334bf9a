package io.jobdeck.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import io.jobdeck.support.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Dates and times in the user's locale and browser time zone. */
public final class UserTime {

    private UserTime() {}

    /** Remembers the browser's time zone for this session. */
    static void detect(UI ui) {
        ui.getPage().retrieveExtendedClientDetails(details -> {
            try {
                ui.getSession().setAttribute(ZoneId.class, ZoneId.of(details.getTimeZoneId()));
            } catch (RuntimeException unknownZone) {
                // Keep the server's zone.
            }
        });
    }

    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        ZoneId zone = session == null ? null : session.getAttribute(ZoneId.class);
        return zone == null ? ZoneId.systemDefault() : zone;
    }

    public static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    /** A time of day for today, a date and time otherwise. */
    public static String format(@Nullable Instant instant, Instant now) {
        if (instant == null) {
            return "—";
        }
        ZoneId zone = zone();
        boolean today = LocalDate.ofInstant(instant, zone).equals(LocalDate.ofInstant(now, zone));
        DateTimeFormatter formatter = today
                ? DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM)
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM);
        return formatter.withLocale(locale()).withZone(zone).format(instant);
    }

    /** "in 4 s" or "5 s ago". */
    public static String relative(@Nullable Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        UI ui = UI.getCurrent();
        Duration delta = Duration.between(now, instant);
        if (ui != null && delta.abs().compareTo(Duration.ofSeconds(1)) < 0) {
            return ui.getTranslation("time.now");
        }
        String amount = DurationText.format(delta.abs().withNanos(0), locale());
        if (ui == null) {
            return amount;
        }
        return delta.isNegative() ? ui.getTranslation("time.ago", amount) : ui.getTranslation("time.in", amount);
    }
}
