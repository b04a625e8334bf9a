package io.jobdeck.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.support.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reads what a view shows in the background, as often as asked but never two reads at once: a request while a read is
 * on its way asks for one more read once it is answered, however many requests came. Reads run as the user who
 * opened the view (requests may come from other threads, e.g. the event hub's), and each answer is shown inside
 * {@code ui.access}.
 */
public final class Reloader<T> {

    private final UI ui;
    private final Supplier<CompletionStage<T>> read;
    private final BiConsumer<@Nullable T, @Nullable Throwable> show;
    private final SecurityContext reader;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** Call on the view's request thread (in {@code onAttach}): reads run with that thread's security context. */
    public Reloader(UI ui, Supplier<CompletionStage<T>> read, BiConsumer<@Nullable T, @Nullable Throwable> show) {
        this.ui = ui;
        this.read = read;
        this.show = show;
        this.reader = SecurityContextHolder.getContext();
    }

    /**
     * Reads again whenever the hub brings a batch that {@code concerns} the view (on the hub's thread: a quick test),
     * until {@code view} is detached.
     */
    public void followWhileAttached(Component view, EventHub hub, Predicate<EventBatch> concerns) {
        Subscription subscription = hub.subscribe(batch -> {
            if (concerns.test(batch)) {
                request();
            }
        });
        view.addDetachListener(e -> {
            subscription.close();
            e.unregisterListener();
        });
    }

    /** Reads now, or once the read on its way is answered. Never blocks. */
    public void request() {
        if (!reading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        new DelegatingSecurityContextRunnable(this::start, reader).run();
    }

    private void start() {
        CompletionStage<T> stage;
        try {
            stage = read.get();
        } catch (RuntimeException refused) {
            stage = CompletableFuture.failedFuture(refused);
        }
        stage.whenComplete((value, error) -> {
            // If the tab has gone meanwhile, access() throws into this stage, which nobody reads: nothing to show.
            ui.access(() -> show.accept(value, error));
            reading.set(false);
            if (again.getAndSet(false)) {
                request();
            }
        });
    }
}
