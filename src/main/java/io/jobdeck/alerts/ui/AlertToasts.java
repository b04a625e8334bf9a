package io.jobdeck.alerts.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.jobdeck.alerts.AlertNotice;
import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.InAppAlerts;
import io.jobdeck.security.Role;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Subscription;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The in-app channel in the browser: every page (UI) of an operator or admin subscribes to the alerts when it is made
 * and unsubscribes when it goes; each alert is shown as a notification, by push. A burst of alerts is one push that
 * shows a few and counts the rest.
 */
@Component
class AlertToasts implements VaadinServiceInitListener {

    static final int SHOWN_MILLIS = 15_000;
    /** Notifications one push shows at most; the rest are counted in one more. */
    static final int AT_ONCE = 3;

    private final InAppAlerts alerts;

    AlertToasts(InAppAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> follow(init.getUI()));
    }

    private void follow(UI ui) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || Role.highestOf(user.getAuthorities()).compareTo(Role.OPERATOR) < 0) {
            return;
        }
        Queue<AlertNotice> waiting = new ConcurrentLinkedQueue<>();
        AtomicBoolean queued = new AtomicBoolean();
        Subscription subscription = alerts.subscribe(notice -> {
            waiting.add(notice);
            if (queued.compareAndSet(false, true)) {
                try {
                    ui.access(() -> {
                        queued.set(false);
                        showAll(ui, waiting);
                    });
                } catch (UIDetachedException gone) {
                    // closed meanwhile; its detach unsubscribes it
                }
            }
        });
        ui.addDetachListener(e -> subscription.close());
    }

    /** What came since the last push: a few notifications at most, and how many more there are (a burst is one push). */
    private static void showAll(UI ui, Queue<AlertNotice> waiting) {
        int shown = 0;
        int more = 0;
        for (AlertNotice notice = waiting.poll(); notice != null; notice = waiting.poll()) {
            if (shown < AT_ONCE) {
                show(ui, notice);
                shown++;
            } else {
                more++;
            }
        }
        if (more > 0) {
            Notification.show(
                            ui.getTranslation("alerts.notice.more", more), SHOWN_MILLIS, Notification.Position.TOP_END)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static void show(UI ui, AlertNotice notice) {
        String text = ui.getTranslation(
                "alerts.notice." + notice.phase().name(),
                ui.getTranslation("alerts.kind." + notice.kind().name()),
                DisplayText.safe(notice.subject(), 200),
                DisplayText.safe(notice.message(), 300));
        Notification toast = Notification.show(text, SHOWN_MILLIS, Notification.Position.TOP_END);
        toast.addClassName("jobdeck-alert");
        toast.addThemeVariants(
                notice.phase() == AlertPhase.FIRING
                        ? NotificationVariant.LUMO_ERROR
                        : notice.phase() == AlertPhase.RECOVERED
                                ? NotificationVariant.LUMO_SUCCESS
                                : NotificationVariant.LUMO_CONTRAST);
    }
}
