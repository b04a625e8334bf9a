package io.jobdeck.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.jobdeck.support.Subscription;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Feeds a component from a service's live read while it is attached (the charts' series). */
public final class LiveFeed {

    private LiveFeed() {}

    /**
     * Subscribes when {@code component} is attached (on the request thread, as its user), hands each value to
     * {@code show} inside {@code ui.access}, and unsubscribes when it is detached or its UI is gone.
     */
    public static <T> void whileAttached(
            Component component, Function<Consumer<T>, Subscription> subscribe, Consumer<T> show) {
        AtomicReference<@Nullable Subscription> current = new AtomicReference<>();
        component.addAttachListener(e -> {
            UI ui = e.getUI();
            close(current);
            current.set(subscribe.apply(value -> {
                try {
                    ui.access(() -> show.accept(value));
                } catch (UIDetachedException gone) {
                    close(current);
                }
            }));
        });
        component.addDetachListener(e -> close(current));
    }

    private static void close(AtomicReference<@Nullable Subscription> current) {
        Subscription s = current.getAndSet(null);
        if (s != null) {
            s.close();
        }
    }
}
