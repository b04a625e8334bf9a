package io.jobdeck.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * Short messages in the bottom-left corner, away from the row buttons at the right edge of the grids (a stack of
 * toasts there would take the clicks meant for them); text only, so whatever they carry is escaped.
 */
public final class Notifications {

    private static final Notification.Position WHERE = Notification.Position.BOTTOM_START;

    private Notifications() {}

    public static void error(String text) {
        Notification n = Notification.show(text, 8000, WHERE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void success(String text) {
        Notification n = Notification.show(text, 3000, WHERE);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
