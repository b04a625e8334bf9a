package io.jobdeck.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
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

    /**
     * Gives the page's {@code <jobdeck-time>} elements their texts, in the user's language, and the server's clock
     * (they count from it, so a wrong clock in the browser does not move them).
     */
    static void configureMovingTimes(UI ui, Instant serverNow) {
        ui.getPage()
                .executeJs(
                        """
                        customElements.whenDefined('jobdeck-time').then(() => customElements.get('jobdeck-time')
                          .configure({serverNow: $0, texts: {locale: $1, now: $2, in: $3, ago: $4, overdue: $5,
                            h: $6, min: $7, s: $8}}));""",
                        (double) serverNow.toEpochMilli(),
                        ui.getLocale().toLanguageTag(),
                        ui.getTranslation("time.now"),
                        ui.getTranslation("time.in"),
                        ui.getTranslation("time.ago"),
                        ui.getTranslation("time.overdue"),
                        ui.getTranslation("time.unit.h"),
                        ui.getTranslation("time.unit.min"),
                        ui.getTranslation("time.unit.s"));
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
}
