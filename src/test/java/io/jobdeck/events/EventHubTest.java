package io.jobdeck.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jobdeck.support.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {

    private final EventHub hub = new EventHub(Clock.systemUTC());

    @AfterEach
    void stop() {
        hub.destroy();
        await().until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("jobdeck-events")));
    }

    @Test
    void a_flood_of_events_reaches_each_subscriber_in_at_most_four_batches_a_second_and_none_is_lost() {
        List<Instant> deliveries = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> received = new CopyOnWriteArrayList<>();
        hub.subscribe(batch -> {
            deliveries.add(Instant.now());
            received.addAll(batch.events());
        });

        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread flood = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20_000; i++) {
                hub.publish(new SchedulerEvent.JobStarted("n1", "f" + i, "g", "n", Instant.EPOCH));
            }
            flooding.set(false);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> !flooding.get() && received.size() == 20_000);
        assertThat(flood.isAlive()).isFalse();
        for (int i = 4; i < deliveries.size(); i++) {
            assertThat(Duration.between(deliveries.get(i - 4), deliveries.get(i)))
                    .as("five consecutive deliveries span at least a second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void processors_see_each_batch_before_subscribers() {
        List<String> order = new CopyOnWriteArrayList<>();
        hub.subscribe(batch -> order.add("view"));
        hub.addProcessor(batch -> order.add("service"));

        hub.publish(new SchedulerEvent.JobsChanged("n1"));

        await().until(() -> order.size() >= 2);
        assertThat(order.subList(0, 2)).containsExactly("service", "view");
    }

    @Test
    void an_unsubscribed_view_gets_nothing_more_and_a_failing_one_does_not_stop_the_others() {
        List<EventBatch> kept = new CopyOnWriteArrayList<>();
        List<EventBatch> gone = new CopyOnWriteArrayList<>();
        hub.subscribe(batch -> {
            throw new IllegalStateException("a broken view");
        });
        hub.subscribe(kept::add);
        Subscription subscription = hub.subscribe(gone::add);
        subscription.close();

        hub.publish(new SchedulerEvent.JobsChanged("n1"));

        await().until(() -> !kept.isEmpty());
        assertThat(gone).isEmpty();
        assertThat(hub.subscriberCount()).isEqualTo(2);
    }

    @Test
    void publishing_never_blocks_while_a_subscriber_is_stuck_and_the_loss_is_reported() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        List<EventBatch> batches = new CopyOnWriteArrayList<>();
        hub.subscribe(batch -> {
            batches.add(batch);
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hub.publish(new SchedulerEvent.JobsChanged("n1"));
        await().until(() -> batches.size() == 1);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100_000; i++) {
                hub.publish(new SchedulerEvent.JobsChanged("n1"));
            }
        });
        stuck.countDown();

        await().until(() -> batches.stream().anyMatch(b -> b.dropped() > 0));
        assertThat(batches.stream().mapToLong(EventBatch::dropped).sum()).isEqualTo(100_000 - 65_536);
    }
}
