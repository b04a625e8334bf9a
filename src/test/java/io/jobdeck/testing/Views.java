package io.jobdeck.testing;

import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.internal.MockVaadin;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.awaitility.core.ThrowingRunnable;

/** Steps every browserless view test shares. */
public final class Views {

    /** Long enough for a push on a busy CI machine; the hub delivers at least once a second. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Views() {}

    /**
     * Runs what other threads queued for this session with {@code ui.access} (the next push, in a browser), then
     * checks {@code assertion}; repeats until it holds or {@link #TIMEOUT} passes.
     */
    public static void awaitView(ThrowingRunnable assertion) {
        await().atMost(TIMEOUT)
                .pollInSameThread() // the Vaadin session lock and UI.getCurrent() belong to the test thread
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(NoSuchElementException.class) // a component not shown (yet)
                .untilAsserted(() -> {
                    MockVaadin.clientRoundtrip(); // unlocks and relocks the session, which runs the access queue
                    assertion.run();
                });
    }
}
