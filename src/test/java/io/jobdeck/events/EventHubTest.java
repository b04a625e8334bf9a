package io.jobdeck.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jobdeck.support.Subscription;
import io.jobdeck.testing.Deliveries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {

    /** Event threads of applications other tests keep running in this JVM. */
    private final Set<Thread> before = eventThreads();

    private final EventHub hub = new EventHub(Clock.systemUTC());

    @AfterEach
    void stop() {
        hub.destroy();
        await("the hub's thread ends").until(() -> before.containsAll(eventThreads()));
    }

    private static Set<Thread> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jobdeck-events"))
                .collect(Collectors.toSet());
    }

    @Test
    void a_flood_of_events_reaches_each_subscriber_in_at_most_four_batches_a_second_and_none_is_lost() {
        List<Instant> deliveries = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> received = new CopyOnWriteArrayList<>();
        hub.subscribe(batch -> {
            if (!batch.events().isEmpty()) {
                deliveries.add(Instant.now());
            }
            received.addAll(batch.events());
        });

        long published = publishContinuously(hub, Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == published);
        assertThat(deliveries).as("deliveries while publishing").hasSizeGreaterThanOrEqualTo(2);
        assertThat(Deliveries.mostInOneSecond(deliveries))
                .as("deliveries in any one second")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void the_rate_check_fails_when_the_tick_is_shorter_than_a_quarter_second() {
        EventHub fast = new EventHub(Clock.systemUTC(), Duration.ofMillis(50));
        try {
            List<Instant> deliveries = new CopyOnWriteArrayList<>();
            fast.subscribe(batch -> {
                if (!batch.events().isEmpty()) {
                    deliveries.add(Instant.now());
                }
            });

            publishContinuously(fast, Duration.ofSeconds(2));

            assertThat(Deliveries.mostInOneSecond(deliveries)).isGreaterThan(4);
        } finally {
            fast.destroy();
        }
    }

    /**
     * Publishes from another thread, about ten thousand events a second (well within the queue's capacity per tick),
     * for this long; returns how many events it published.
     */
    private static long publishContinuously(EventHub target, Duration duration) {
        long[] count = {0};
        Thread publisher = Thread.ofPlatform().start(() -> {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                target.publish(new SchedulerEvent.JobStarted("n1", "f" + count[0], "g", "n", Instant.EPOCH));
                count[0]++;
                LockSupport.parkNanos(100_000); // paces the load generator; nothing waits on the hub here
            }
        });
        await().atMost(duration.plusSeconds(10)).until(() -> !publisher.isAlive());
        return count[0];
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
