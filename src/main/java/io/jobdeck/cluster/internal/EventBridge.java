package io.jobdeck.cluster.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.ClusterNotifications;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.support.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Joins the nodes' event hubs, in cluster mode: this node's own events go to the others on {@value #CHANNEL}, one hub
 * tick's worth at a time in as few payloads as fit ({@link EventCodec}, under
 * {@link ClusterNotifications#MAX_PAYLOAD_BYTES}), and the others' events are published into this node's hub, where
 * they reach views as its own do (within the hub's per-view rate limit). So 1,000 fires a second make a few
 * notifications a second, not 1,000.
 *
 * <p>Not carried: {@link SchedulerEvent.LogAppended} (the log is only in the memory of the node that runs the job; a
 * view on another node says the run is elsewhere and shows the whole log from the history once it ends) and
 * {@link SchedulerEvent.CatalogRefreshed} (about this node's own snapshot). Events that came from another node are
 * never sent again.
 *
 * <p>Lost events make the receiving hub report {@link EventBatch#dropped()}, so that its views re-read: events the
 * sending hub dropped (counted in the payload), a payload that did not arrive (a gap in the sender's sequence numbers:
 * the send queue was full or the database failed), one that could not be read, and whatever was sent while this node's
 * listening connection was being replaced.
 */
@Component
class EventBridge implements DisposableBean {

    static final String CHANNEL = "jobdeck_events";

    private static final Logger log = LoggerFactory.getLogger(EventBridge.class);

    private final ClusterNotifications notifications;
    private final EventHub hub;
    private final String self;
    private final List<Subscription> subscriptions = new ArrayList<>();

    /** The sequence number of this node's next payload (the hub's thread only). */
    private long nextSequence;

    /** The last sequence number received from each other node start (the listening thread only). */
    private final Cache<String, Long> lastReceived =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).build();

    /** Losses reported into the hub by this bridge, not yet seen in a batch: they are not sent on. */
    private final AtomicLong reportedHere = new AtomicLong();

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean badPayloadLogged = new AtomicBoolean();
    private final AtomicBoolean connectedBefore = new AtomicBoolean();

    EventBridge(ClusterMode cluster, ClusterNotifications notifications, EventHub hub, NodeIdentity node) {
        this.notifications = notifications;
        this.hub = hub;
        this.self = node.id();
        if (cluster.enabled()) {
            subscriptions.add(notifications.listen(CHANNEL, this::receive));
            subscriptions.add(notifications.onConnected(this::connected));
            subscriptions.add(hub.addProcessor(this::send));
        }
    }

    /** Payloads sent since the start. */
    long sent() {
        return sent.get();
    }

    /** Payloads received from other nodes since the start. */
    long received() {
        return received.get();
    }

    // --- The hub's thread ---

    private void send(EventBatch batch) {
        List<SchedulerEvent> own = new ArrayList<>();
        for (SchedulerEvent event : batch.events()) {
            if (event.node().equals(self) && carried(event)) {
                own.add(event);
            }
        }
        long lost = lostHere(batch.dropped());
        if (own.isEmpty() && lost == 0) {
            return;
        }
        List<String> payloads =
                EventCodec.encode(self, nextSequence, lost, own, ClusterNotifications.MAX_PAYLOAD_BYTES);
        nextSequence += payloads.size();
        for (String payload : payloads) {
            notifications.send(CHANNEL, payload); // queued: never blocks this thread
            sent.incrementAndGet();
        }
    }

    /** Of the batch's dropped events, those this hub lost itself (not the losses this bridge reported into it). */
    private long lostHere(long dropped) {
        if (dropped == 0) {
            return 0;
        }
        long reported;
        long taken;
        do {
            reported = reportedHere.get();
            taken = Math.min(reported, dropped);
        } while (!reportedHere.compareAndSet(reported, reported - taken));
        return dropped - taken;
    }

    private static boolean carried(SchedulerEvent event) {
        return !(event instanceof SchedulerEvent.LogAppended || event instanceof SchedulerEvent.CatalogRefreshed);
    }

    // --- The listening thread ---

    private void receive(String payload) {
        EventCodec.Packet packet;
        try {
            packet = EventCodec.decode(payload);
        } catch (IllegalArgumentException bad) {
            if (badPayloadLogged.compareAndSet(false, true)) {
                log.warn("Skipped a payload on {} that is not this version's events (logged once): {}", CHANNEL, bad);
            }
            report(1); // whatever it carried is lost to this node
            return;
        }
        if (packet.node().equals(self)) {
            return; // PostgreSQL hands the sender its own notification too
        }
        received.incrementAndGet();
        Long previous = lastReceived.asMap().put(packet.node(), packet.sequence());
        long missed = previous == null || packet.sequence() == previous + 1 ? 0 : 1;
        report(packet.lost() + missed);
        packet.events().forEach(hub::publish);
    }

    /** Notifications sent while this node was not listening are lost: views re-read (not on the first connection). */
    private void connected() {
        if (connectedBefore.getAndSet(true)) {
            lastReceived.invalidateAll();
            report(1);
        }
    }

    private void report(long lost) {
        if (lost > 0) {
            reportedHere.addAndGet(lost); // before the hub can put it in a batch, so that it is not sent on
            hub.lost(lost);
        }
    }

    @Override
    public void destroy() {
        subscriptions.forEach(Subscription::close);
    }
}
