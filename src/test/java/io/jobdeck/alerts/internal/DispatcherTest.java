package io.jobdeck.alerts.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertProperties;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each delivery is tried as often as allowed, stops at a failure no retry can mend, and is recorded either way. */
class DispatcherTest {

    static final Alert ALERT = new Alert(
            "a1",
            Instant.EPOCH,
            1L,
            RuleKind.JOB_FAILED,
            "g.n",
            AlertPhase.FIRING,
            "boom",
            "node",
            Set.of(Channel.WEBHOOK));
    static final AlertProperties PROPERTIES = new AlertProperties(
            Duration.ofSeconds(5),
            1,
            10,
            3,
            Duration.ofMillis(1),
            Duration.ofMillis(4),
            new AlertProperties.Webhook(URI.create("http://127.0.0.1:9/"), null, Duration.ofSeconds(1)),
            new AlertProperties.Mail("from@example.com", List.of()));

    final AlertStore store = mock(AlertStore.class);
    Dispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.destroy();
        }
    }

    void start(ChannelSender sender) {
        when(store.insertDelivery(ALERT, Channel.WEBHOOK)).thenReturn(7L);
        dispatcher = new Dispatcher(store, PROPERTIES, Clock.systemUTC(), List.of(sender));
    }

    @Test
    void a_delivery_that_fails_twice_is_delivered_at_its_third_attempt() {
        AtomicInteger calls = new AtomicInteger();
        start(sender(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("The webhook answered 500");
            }
        }));
        dispatcher.send(ALERT);
        verify(store, timeout(5_000)).endDelivery(eq(7L), eq(3), eq(true), eq(null), any());
    }

    @Test
    void a_delivery_that_keeps_failing_is_given_up_after_its_attempts_with_the_last_error() {
        start(sender(() -> {
            throw new IllegalStateException("The webhook answered 503");
        }));
        dispatcher.send(ALERT);
        verify(store, timeout(5_000)).endDelivery(eq(7L), eq(3), eq(false), eq("The webhook answered 503"), any());
    }

    @Test
    void a_refusal_no_retry_can_mend_is_not_tried_again() {
        start(sender(() -> {
            throw new ChannelSender.Permanent("The webhook answered 404");
        }));
        dispatcher.send(ALERT);
        verify(store, timeout(5_000)).endDelivery(eq(7L), eq(1), eq(false), eq("The webhook answered 404"), any());
    }

    interface Attempt {
        void run() throws Exception;
    }

    static ChannelSender sender(Attempt attempt) {
        return new ChannelSender() {
            @Override
            public Channel channel() {
                return Channel.WEBHOOK;
            }

            @Override
            public void send(Alert alert) throws Exception {
                attempt.run();
            }
        };
    }
}
