package io.jobdeck.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.communication.PushConnection;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Keeps views current from the {@link EventHub}, without one browser tab holding up another or the hub.
 *
 * <p>On each hub batch, a view that is not already being refreshed gets a refresh on the {@code jobdeck-render} pool,
 * inside {@code ui.access}. Each view has at most one refresh in flight, and a refresh counts as done only once the
 * browser has applied it (a tiny script sent with the changes hands in a receipt, {@link LiveReceipts}). Batches that arrive meanwhile only mark the
 * view as behind; it is refreshed once more, to the latest state, when the browser answers. So a tab that does not
 * read (a frozen network, a sleeping laptop) never makes the server pile up messages for it: Atmosphere holds at most
 * one. A tab that has not answered for {@code jobdeck.live.stall-limit} is dropped (checked every second, events or
 * not): unsubscribed, its push connection closed and its UI closed (if it comes back, Vaadin tells it to reload).
 *
 * <p>The page keeps its own watch ({@code jobdeck-live.js}): each applied refresh tells it that it heard from the
 * server, a quiet page asks the server now and then ({@link #heardFrom}), and a page that hears nothing past
 * {@code jobdeck.live.silence-limit} says that what it shows is not live, so that a dropped or starved tab never shows
 * an old state as current.
 */
@org.springframework.stereotype.Component
public class LiveUpdates implements DisposableBean {

    private static final int THREADS = 2;
    static final int REFRESHES_PER_SECOND = 100;
    /** A little under the hub's tick, so that a refresh that began late does not skip the next batch. */
    private static final Duration MIN_INTERVAL = EventHub.TICK.minusMillis(50);

    private static final Duration MAX_INTERVAL = Duration.ofSeconds(2);
    private static final int QUEUE_CAPACITY = 1_000;
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /**
     * Sent with a refresh's changes, the server's time and the refresh's receipt; runs once the browser has applied
     * them. The receipt goes back by a request of its own ({@link LiveReceipts}), not as the script's return value:
     * that would be a Vaadin message, and while one is on its way the page holds back everything else, so a click
     * made in that moment would wait for it.
     */
    private static final String APPLIED = """
            window.JobdeckLive?.heard($0);
            fetch(new URL($2, document.baseURI), { method: 'POST', body: $1, keepalive: true }).catch(() => {});""";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A view's refresh: reads the latest snapshots, changes only what differs, and says whether anything did. */
    @FunctionalInterface
    public interface Refresh {
        boolean refresh();
    }

    private final ThreadPoolExecutor pool = Threads.pool("jobdeck-render", THREADS, QUEUE_CAPACITY);
    private final ScheduledThreadPoolExecutor timer = Threads.singleScheduled("jobdeck-render-timer");

    /** By their receipt key. */
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();

    private final AtomicLong dropped = new AtomicLong();
    private final long stallLimitNanos;
    private final Clock clock;
    private final Subscription fromHub;

    @Autowired
    LiveUpdates(EventHub hub, LiveProperties properties, Clock clock) {
        this(hub, properties.stallLimit(), clock);
    }

    LiveUpdates(EventHub hub, Duration stallLimit, Clock clock) {
        this.stallLimitNanos = stallLimit.toNanos();
        this.clock = clock;
        this.fromHub = hub.subscribe(this::onBatch);
        // Also when no events come (a stopped scheduler is quiet): a tab whose answer never came is still dropped,
        // and a view marked behind is still brought up to date.
        long sweepNanos =
                Math.clamp(stallLimitNanos / 4, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
        timer.scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Follower follower : followers.values()) {
            follower.check(now);
        }
    }

    /**
     * Keeps {@code view} current while it is attached: subscribes on attach, unsubscribes on detach. Call once, from
     * the view's constructor. {@code refresh} runs inside {@code ui.access}.
     */
    public void follow(Component view, Refresh refresh) {
        view.addAttachListener(e -> start(view, e.getUI(), refresh));
        view.addDetachListener(e -> stop(view));
    }

    /**
     * The shortest time between two refreshes of one view: about the hub's tick (at most 4 a second) while few views are
     * open, longer as more are, so that all of them together cost at most about {@link #REFRESHES_PER_SECOND} renders
     * a second (100 open dashboards get one refresh a second each, 200 one every 2 s). A click's own answer is not
     * limited: it goes back with the request.
     */
    private long minIntervalNanos() {
        return intervalFor(followers.size()).toNanos();
    }

    static Duration intervalFor(int views) {
        Duration spread = Duration.ofSeconds(1).multipliedBy(views).dividedBy(REFRESHES_PER_SECOND);
        return spread.compareTo(MIN_INTERVAL) < 0
                ? MIN_INTERVAL
                : spread.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : spread;
    }

    /**
     * The page in {@code ui} heard nothing for a while and asks whether it is still live. Called on the request thread
     * with the session locked: its views are brought up to date now, so that the answer carries the present state.
     *
     * @return the server's time, which the page takes as the age of what it shows
     */
    public long heardFrom(UI ui) {
        for (Follower follower : followers.values()) {
            if (follower.ui == ui) {
                try {
                    follower.refresh.refresh();
                } catch (RuntimeException e) {
                    log.warn("A view could not refresh itself; it stays subscribed", e);
                }
            }
        }
        return clock.millis();
    }

    /**
     * A page applied the refresh its {@code receipt} came with ({@code key.number}, as sent): that view may have the
     * next one. Receipts nobody is waiting for (an older refresh, a view that went away, made-up text) change nothing.
     */
    public void applied(String receipt) {
        int dot = receipt.lastIndexOf('.');
        if (dot <= 0) {
            return;
        }
        Follower follower = followers.get(receipt.substring(0, dot));
        if (follower != null) {
            follower.applied(receipt.substring(dot + 1));
        }
    }

    /** Views being kept current now. */
    public int followed() {
        return followers.size();
    }

    /** Views followed now whose tab has no push connection at this moment (their changes wait for it). */
    public long withoutPush() {
        return followers.values().stream().filter(f -> !awaitsBrowser(f.ui)).count();
    }

    /** Tabs dropped since the start because they stopped answering. */
    public long droppedTabs() {
        return dropped.get();
    }

    private void start(Component view, UI ui, Refresh refresh) {
        stop(view);
        Follower follower = new Follower(ui, refresh);
        ComponentUtil.setData(view, Follower.class, follower);
        followers.put(follower.key, follower);
    }

    private void stop(Component view) {
        Follower follower = ComponentUtil.getData(view, Follower.class);
        if (follower != null) {
            ComponentUtil.setData(view, Follower.class, null);
            follower.end();
        }
    }

    private void onBatch(EventBatch batch) {
        long now = System.nanoTime();
        for (Follower follower : followers.values()) {
            follower.behind(now);
        }
    }

    /** One view in one tab, and where its refresh stands. Guarded by its own monitor. */
    private final class Follower {

        private final UI ui;
        private final Refresh refresh;
        /** Unguessable, so that only the page it was sent to can hand a receipt in. */
        private final String key = newKey();

        private long sent; // the number of the last refresh sent with a receipt
        private boolean inFlight;
        private boolean behind;
        private boolean ended;
        private long inFlightSince;
        private long lastBegin = System.nanoTime() - Duration.ofHours(1).toNanos();
        private boolean waiting; // a refresh is scheduled for when the interval is over

        Follower(UI ui, Refresh refresh) {
            this.ui = ui;
            this.refresh = refresh;
        }

        synchronized void behind(long now) {
            if (ended) {
                return;
            }
            if (inFlight) {
                if (now - inFlightSince > stallLimitNanos) {
                    drop();
                } else {
                    behind = true;
                }
            } else if (now - lastBegin < minIntervalNanos()) {
                // Refreshed a moment ago: brought up to date once the interval is over.
                behind = true;
                later(now);
            } else {
                begin(now);
            }
        }

        /** Drops the tab if its answer is overdue; refreshes the view if it is behind and nothing else will. */
        synchronized void check(long now) {
            if (ended) {
                return;
            }
            if (inFlight) {
                if (now - inFlightSince > stallLimitNanos) {
                    drop();
                }
            } else if (behind && !waiting) {
                behind(now);
            }
        }

        /** Called with the monitor held. */
        private void later(long now) {
            if (waiting) {
                return;
            }
            waiting = true;
            try {
                timer.schedule(
                        () -> {
                            synchronized (this) {
                                waiting = false;
                            }
                            behind(System.nanoTime());
                        },
                        Math.max(0, lastBegin + minIntervalNanos() - now),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                waiting = false;
            }
        }

        /** Called with the monitor held. */
        private void begin(long now) {
            inFlight = true;
            behind = false;
            inFlightSince = now;
            lastBegin = now;
            try {
                pool.execute(this::render);
            } catch (RejectedExecutionException busy) {
                // The pool is full (or stopping): the next batch tries again.
                inFlight = false;
                behind = true;
            }
        }

        private void render() {
            try {
                ui.access(() -> {
                    boolean changed;
                    try {
                        changed = refresh.refresh();
                    } catch (RuntimeException e) {
                        log.warn("A view could not refresh itself; it stays subscribed", e);
                        done();
                        return;
                    }
                    if (changed && awaitsBrowser(ui)) {
                        // Sent with the changes; the receipt comes once the browser has applied them.
                        ui.getPage().executeJs(APPLIED, (double) clock.millis(), receipt(), LiveReceipts.PATH);
                    } else {
                        done();
                    }
                });
            } catch (UIDetachedException gone) {
                // A tab going away is normal: stop quietly.
                end();
            }
        }

        private synchronized String receipt() {
            return key + "." + ++sent;
        }

        synchronized void applied(String number) {
            if (inFlight && number.equals(Long.toString(sent))) {
                done();
            }
        }

        synchronized void done() {
            inFlight = false;
            if (behind && !ended) {
                behind(System.nanoTime());
            }
        }

        synchronized void end() {
            ended = true;
            followers.remove(key, this);
        }

        /** Called with the monitor held. */
        private void drop() {
            end();
            dropped.incrementAndGet();
            log.info(
                    "A browser tab did not take updates for {} s; it is disconnected and reloads if it comes back",
                    TimeUnit.NANOSECONDS.toSeconds(stallLimitNanos));
            try {
                // On the pool: closing the push connection waits up to a second for the message in flight.
                pool.execute(() -> {
                    try {
                        ui.access(() -> {
                            PushConnection push = ui.getInternals().getPushConnection();
                            if (push != null && push.isConnected()) {
                                push.disconnect();
                            }
                            ui.close();
                        });
                    } catch (UIDetachedException gone) {
                        // already gone
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // Vaadin closes the UI itself once its heartbeats stop.
            }
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the changes go to the browser now, by push, so that it can say when it has applied them. Without a
     * connection they wait in the UI's state, which keeps only the latest of each change: nothing piles up.
     */
    private static boolean awaitsBrowser(UI ui) {
        PushConnection push = ui.getInternals().getPushConnection();
        return ui.getPushConfiguration().getPushMode().isEnabled() && push != null && push.isConnected();
    }

    @Override
    public void destroy() {
        fromHub.close();
        followers.clear();
        Threads.shutdown(timer, Duration.ofSeconds(1));
        Threads.shutdown(pool, Duration.ofSeconds(5));
    }
}
