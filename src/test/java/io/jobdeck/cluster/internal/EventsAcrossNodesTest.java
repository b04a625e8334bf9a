package io.jobdeck.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.history.RunProgress;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.Deliveries;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of a cluster (two application contexts in this JVM, on one embedded PostgreSQL): what one node's hub gets
 * reaches the other's, in few notifications, and the other's services take it as the other node's.
 */
class EventsAcrossNodesTest {

    private static Postgres postgres;
    private static JobdeckApp a;
    private static JobdeckApp b;

    private final List<EventBatch> seenOnA = new CopyOnWriteArrayList<>();
    private final List<EventBatch> seenOnB = new CopyOnWriteArrayList<>();
    private Subscription onA;
    private Subscription onB;

    @BeforeAll
    static void start() {
        postgres = Postgres.start();
        a = node("node-a");
        b = node("node-b");
    }

    private static JobdeckApp node(String name) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(postgres.datasource());
        settings.put("jobdeck.cluster.enabled", true);
        settings.put("jobdeck.cluster.node-name", name);
        settings.put("jobdeck.scheduler.auto-start", false); // nothing fires but what a test publishes
        return JobdeckApp.start(JobdeckApp.newDataDir(), settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        postgres.close();
    }

    @BeforeEach
    void listen() {
        onA = a.bean(EventHub.class).subscribe(seenOnA::add);
        onB = b.bean(EventHub.class).subscribe(seenOnB::add);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> a.bean(io.jobdeck.cluster.ClusterNotifications.class)
                                .problem()
                                .isEmpty()
                        && b.bean(io.jobdeck.cluster.ClusterNotifications.class)
                                .problem()
                                .isEmpty());
    }

    @AfterEach
    void unlisten() {
        onA.close();
        onB.close();
    }

    @Test
    void an_event_published_on_one_node_arrives_in_the_other_nodes_hub_once_and_is_not_sent_back() {
        String nodeB = b.bean(NodeIdentity.class).id();
        SchedulerEvent started = new SchedulerEvent.TriggerMisfired(nodeB, "reports", "отчёт");

        b.bean(EventHub.class).publish(started);

        await().atMost(Duration.ofSeconds(5)).until(() -> count(seenOnA, started) == 1);
        // A marker sent the other way after it: once it is on B, anything A would have sent back is there too.
        String nodeA = a.bean(NodeIdentity.class).id();
        SchedulerEvent marker = new SchedulerEvent.JobsChanged(nodeA);
        a.bean(EventHub.class).publish(marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> count(seenOnB, marker) == 1);
        assertThat(count(seenOnB, started)).as("B's own event, not echoed back").isEqualTo(1);
        assertThat(count(seenOnA, marker)).isEqualTo(1);
    }

    @Test
    void a_thousand_events_in_one_tick_make_a_few_notifications() {
        String nodeB = b.bean(NodeIdentity.class).id();
        EventBridge bridgeB = b.bean(EventBridge.class);
        EventBridge bridgeA = a.bean(EventBridge.class);
        long sentBefore = bridgeB.sent();
        long receivedBefore = bridgeA.received();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SchedulerEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String fireId = nodeB + "_burst" + i;
            events.add(new SchedulerEvent.JobStarted(nodeB, fireId, "load", "job-" + i % 20, at));
            events.add(new SchedulerEvent.JobFinished(
                    nodeB, fireId, "load", "job-" + i % 20, at, Duration.ofMillis(2), JobOutcome.SUCCEEDED, null));
        }

        events.forEach(b.bean(EventHub.class)::publish);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(seenOnA.stream()
                                .flatMap(batch -> batch.events().stream())
                                .filter(e -> e.node().equals(nodeB)
                                        && e instanceof SchedulerEvent.JobFinished f
                                        && f.fireId().contains("_burst"))
                                .count())
                        .isEqualTo(500));
        List<SchedulerEvent> arrived = seenOnA.stream()
                .flatMap(batch -> batch.events().stream())
                .filter(e -> e.node().equals(nodeB))
                .filter(e ->
                        e instanceof SchedulerEvent.JobStarted s && s.fireId().contains("_burst")
                                || e instanceof SchedulerEvent.JobFinished f
                                        && f.fireId().contains("_burst"))
                .toList();
        assertThat(arrived).as("all of them, in order").containsExactlyElementsOf(events);
        // Published within a tick or two of B's hub (4 ticks a second): a payload or two for each.
        assertThat(bridgeB.sent() - sentBefore).isBetween(1L, 4L);
        assertThat(bridgeA.received() - receivedBefore).isEqualTo(bridgeB.sent() - sentBefore);
    }

    @Test
    void a_run_on_the_other_node_shows_in_this_nodes_running_jobs_and_progress_until_it_ends() {
        String nodeB = b.bean(NodeIdentity.class).id();
        String fireId = nodeB + "_long";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventHub hubB = b.bean(EventHub.class);
        JobOverviewService overviewA = a.bean(JobOverviewService.class);
        LiveExecutions liveA = a.bean(LiveExecutions.class);

        hubB.publish(new SchedulerEvent.JobStarted(nodeB, fireId, "reports", "nightly", at));
        hubB.publish(new SchedulerEvent.ProgressChanged(nodeB, fireId, "reports", "nightly", 0.5, 5, 10, "half"));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(overviewA.running())
                        .extracting(RunningJob::fireId, RunningJob::nodeName, RunningJob::interruptible)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(fireId, "node-b", false)));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(liveA.findProgress(fireId))
                        .get()
                        .extracting(RunProgress::message, RunProgress::firedAt)
                        .containsExactly("half", at));
        assertThat(a.bean(io.jobdeck.scheduler.SchedulerMonitor.class).status().node())
                .as("B's events do not make A's status B's")
                .isEqualTo(a.bean(NodeIdentity.class).id());

        hubB.publish(new SchedulerEvent.JobFinished(
                nodeB, fireId, "reports", "nightly", at, Duration.ofSeconds(1), JobOutcome.SUCCEEDED, null));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(overviewA.running()).isEmpty());
        assertThat(liveA.findProgress(fireId)).isEmpty();
    }

    @Test
    void a_payload_that_cannot_be_read_makes_the_other_nodes_views_re_read() {
        AtomicLong droppedBefore = new AtomicLong(a.bean(EventHub.class).droppedTotal());

        postgres.execute("NOTIFY " + EventBridge.CHANNEL + ", 'not events'");

        await().atMost(Duration.ofSeconds(5)).until(() -> seenOnA.stream().anyMatch(batch -> batch.dropped() > 0));
        assertThat(a.bean(EventHub.class).droppedTotal()).isGreaterThan(droppedBefore.get());
    }

    @Test
    void the_other_nodes_events_join_this_hubs_batches_within_its_rate_limit() {
        String nodeA = a.bean(NodeIdentity.class).id();
        String nodeB = b.bean(NodeIdentity.class).id();
        List<Instant> deliveries = new CopyOnWriteArrayList<>();
        Subscription counting = a.bean(EventHub.class).subscribe(batch -> {
            if (batch.events().stream().anyMatch(e -> e instanceof SchedulerEvent.TriggerMisfired)) {
                deliveries.add(Instant.now());
            }
        });
        try {
            Thread here = publishFor(a.bean(EventHub.class), nodeA, Duration.ofSeconds(2));
            Thread there = publishFor(b.bean(EventHub.class), nodeB, Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(15)).until(() -> !here.isAlive() && !there.isAlive());

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> seenOnA.stream()
                            .flatMap(batch -> batch.events().stream())
                            .anyMatch(e -> e.equals(new SchedulerEvent.TriggerMisfired(nodeB, "flood", "last"))));
            assertThat(deliveries).hasSizeGreaterThanOrEqualTo(2);
            assertThat(Deliveries.mostInOneSecond(deliveries))
                    .as("deliveries in any one second")
                    .isLessThanOrEqualTo(4);
        } finally {
            counting.close();
        }
    }

    /** Publishes about 2,000 misfires a second from {@code node} for this long, then one named "last". */
    private static Thread publishFor(EventHub hub, String node, Duration duration) {
        return Thread.ofPlatform().start(() -> {
            long end = System.nanoTime() + duration.toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                hub.publish(new SchedulerEvent.TriggerMisfired(node, "flood", "job-" + i++ % 100));
                java.util.concurrent.locks.LockSupport.parkNanos(500_000); // paces the load generator
            }
            hub.publish(new SchedulerEvent.TriggerMisfired(node, "flood", "last"));
        });
    }

    private static long count(List<EventBatch> batches, SchedulerEvent event) {
        return batches.stream()
                .flatMap(batch -> batch.events().stream())
                .filter(event::equals)
                .count();
    }
}
