package io.jobdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.browserless.internal.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.shared.communication.PushMode;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.support.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a view is kept current, with a mock Vaadin session whose lock the test thread holds: what the pool hands to
 * {@code ui.access} waits in the session's queue until the test runs it, as it would until a busy request ends.
 */
class LiveUpdatesTest {

    private static final EventBatch BATCH = new EventBatch(List.of(), 0, Instant.EPOCH);

    private final AtomicReference<Consumer<EventBatch>> hubSubscriber = new AtomicReference<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final EventHub hub = mock(EventHub.class);
    private LiveUpdates live;
    private UI ui;

    @BeforeEach
    void a_mock_ui_and_a_hub_the_test_drives() {
        MockVaadin.setup(new Routes());
        ui = UI.getCurrent();
        when(hub.subscribe(any())).thenAnswer(call -> {
            hubSubscriber.set(call.getArgument(0));
            return (Subscription) () -> hubSubscriber.set(null);
        });
        // Long enough that no view is dropped on a slow machine, except where a test says otherwise.
        live = new LiveUpdates(hub, Duration.ofMinutes(1), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        live.destroy();
        MockVaadin.tearDown();
    }

    @Test
    void batches_that_arrive_while_a_refresh_is_on_its_way_make_one_more_refresh_to_the_latest_state() {
        Div view = followed(() -> {
            refreshes.incrementAndGet();
            return false;
        });
        ui.add(view);
        assertThat(live.followed()).isOne();

        deliver(); // the first refresh goes to the pool, then waits for the session
        awaitAccessQueued();
        for (int i = 0; i < 100; i++) {
            deliver();
        }
        runUntil(() -> refreshes.get() == 2);

        // No more batches: no more refreshes.
        MockVaadin.clientRoundtrip();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        MockVaadin.clientRoundtrip();
        assertThat(refreshes).hasValue(2);
    }

    @Test
    void a_view_whose_refresh_is_not_done_within_the_limit_is_dropped_on_the_next_batch() {
        live.destroy();
        live = new LiveUpdates(hub, Duration.ofMillis(500), Clock.systemUTC());
        ui.add(followed(() -> {
            refreshes.incrementAndGet();
            return false;
        }));
        deliver(); // queued for the session, which the test never lets it have: a tab that does not answer
        awaitAccessQueued();

        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
        deliver();

        assertThat(live.followed()).isZero();
        assertThat(live.droppedTabs()).isOne();
    }

    @Test
    void a_view_whose_refresh_is_never_done_is_dropped_even_when_no_further_batch_comes() {
        live.destroy();
        live = new LiveUpdates(hub, Duration.ofMillis(500), Clock.systemUTC());
        ui.add(followed(() -> {
            refreshes.incrementAndGet();
            return false;
        }));
        deliver(); // the last event: after it the scheduler is quiet
        awaitAccessQueued();

        await().atMost(Duration.ofSeconds(3)).until(() -> live.followed() == 0);
        assertThat(live.droppedTabs()).isOne();
    }

    @Test
    void a_detached_view_is_unsubscribed_and_a_refresh_that_fails_keeps_it_subscribed() {
        Div view = followed(() -> {
            refreshes.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        ui.add(view);
        deliver();
        runUntil(() -> refreshes.get() == 1);
        deliver();
        runUntil(() -> refreshes.get() == 2);
        assertThat(live.followed()).as("still followed after failing").isOne();

        ui.remove(view);

        assertThat(live.followed()).isZero();
    }

    @Test
    void the_more_views_are_open_the_less_often_each_is_refreshed_so_that_all_together_stay_bounded() {
        assertThat(LiveUpdates.intervalFor(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(LiveUpdates.intervalFor(20)).isEqualTo(Duration.ofMillis(200));
        assertThat(LiveUpdates.intervalFor(50)).isEqualTo(Duration.ofMillis(500));
        assertThat(LiveUpdates.intervalFor(100)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LiveUpdates.intervalFor(10_000)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_second_batch_soon_after_a_refresh_is_not_lost_it_brings_the_view_up_to_date_a_moment_later() {
        ui.add(followed(() -> {
            refreshes.incrementAndGet();
            return false;
        }));
        deliver();
        runUntil(() -> refreshes.get() == 1);

        deliver(); // within the interval: no refresh now, one when it is over, with no further batch needed

        runUntil(() -> refreshes.get() == 2);
    }

    @Test
    void a_page_that_asks_whether_it_is_live_gets_its_views_brought_up_to_date_in_the_same_request() {
        live.destroy();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:15:03Z"), java.time.ZoneOffset.UTC);
        live = new LiveUpdates(hub, Duration.ofMinutes(1), clock);
        ui.add(followed(() -> {
            refreshes.incrementAndGet();
            return true;
        }));

        // Called on the request thread with the session locked, as a @ClientCallable is: nothing waits for the pool.
        long answer = live.heardFrom(ui);

        assertThat(refreshes).as("refreshed before the answer goes back").hasValue(1);
        assertThat(answer)
                .as("the server's time, for the page to date what it shows")
                .isEqualTo(clock.millis());
    }

    @Test
    void a_view_gets_its_next_refresh_only_once_its_page_hands_in_the_receipt_of_the_last_one() {
        PushConnection push = mock(PushConnection.class);
        when(push.isConnected()).thenReturn(true);
        ui.getInternals().setPushConnection(push);
        ui.getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
        ui.add(followed(() -> {
            refreshes.incrementAndGet();
            return true;
        }));

        deliver();
        runUntil(() -> refreshes.get() == 1);
        String receipt = sentReceipt();
        deliver(); // while the page has not applied the first refresh: it waits

        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        MockVaadin.clientRoundtrip();
        live.applied("made-up.1");
        live.applied(receipt.substring(0, receipt.lastIndexOf('.')) + ".7");
        live.applied("");
        MockVaadin.clientRoundtrip();
        assertThat(refreshes).as("no refresh before the receipt").hasValue(1);

        live.applied(receipt);
        runUntil(() -> refreshes.get() == 2);
        assertThat(sentReceipt()).as("each refresh has a receipt of its own").isNotEqualTo(receipt);

        deliver();
        live.applied(receipt); // the first one again: that refresh is done already
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        MockVaadin.clientRoundtrip();
        assertThat(refreshes)
                .as("an old receipt does not stand for the newer refresh")
                .hasValue(2);
    }

    /** The receipt sent with the last refresh's changes (the script's second argument). */
    private String sentReceipt() {
        List<PendingJavaScriptInvocation> sent = ui.getInternals().dumpPendingJavaScriptInvocations();
        assertThat(sent).as("the refresh's script went with its changes").isNotEmpty();
        return sent.getLast().getInvocation().getParameters().get(1).toString();
    }

    private Div followed(LiveUpdates.Refresh refresh) {
        Div view = new Div();
        live.follow(view, refresh);
        return view;
    }

    private void deliver() {
        hubSubscriber.get().accept(BATCH);
    }

    private void awaitAccessQueued() {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !ui.getSession().getPendingAccessQueue().isEmpty());
    }

    /** Lets the session run what was queued for it (as a request ending would), until the condition holds. */
    private static void runUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(5))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    MockVaadin.clientRoundtrip();
                    return condition.call();
                });
    }
}
