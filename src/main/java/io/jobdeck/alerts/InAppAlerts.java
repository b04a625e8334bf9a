package io.jobdeck.alerts;

import io.jobdeck.support.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The in-app channel: hands each alert to every open page that subscribed (pages of operators and admins). A
 * subscriber runs on the delivering thread and must return at once (a page hands the rendering to its UI's queue).
 */
@Component
public class InAppAlerts {

    private static final Logger log = LoggerFactory.getLogger(InAppAlerts.class);

    private final List<Consumer<AlertNotice>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes a page; close the subscription when the page goes. */
    public Subscription subscribe(Consumer<AlertNotice> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Hands the notice to every subscriber; returns how many took it. */
    public int publish(AlertNotice notice) {
        int reached = 0;
        for (Consumer<AlertNotice> subscriber : subscribers) {
            try {
                subscriber.accept(notice);
                reached++;
            } catch (RuntimeException e) {
                log.debug("A page did not take an alert", e);
            }
        }
        return reached;
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
