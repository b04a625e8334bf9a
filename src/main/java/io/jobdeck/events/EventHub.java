package io.jobdeck.events;

import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Takes immutable events from any thread without blocking, and delivers them in batches on its own thread
 * ({@code jobdeck-events}), at most once per tick. However many jobs fire, each subscriber gets at most
 * {@code 1000 / TICK} deliveries per second; when nothing happens it still gets a heartbeat every second, so
 * elapsed times move.
 *
 * <p>Processors run before subscribers on each tick: services use them to bring their snapshots up to date, so that
 * views reading those snapshots in the same tick see the new state. Subscribers must return at once (views hand the
 * rendering to a pool of their own); a slow one delays every other.
 *
 * <p>Events carry the node they come from, so that a bridge from other nodes can publish into the same hub.
 */
@Component
public class EventHub implements DisposableBean {

    /** 4 deliveries per second at most. */
    public static final Duration TICK = Duration.ofMillis(250);

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final int QUEUE_CAPACITY = 65_536;

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final BlockingQueue<SchedulerEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final List<Consumer<EventBatch>> processors = new CopyOnWriteArrayList<>();
    private final List<Consumer<EventBatch>> subscribers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor = Threads.singleScheduled("jobdeck-events");
    private long lastDeliveryNanos = System.nanoTime();

    @Autowired
    EventHub(Clock clock) {
        this(clock, TICK);
    }

    /** With another tick, for tests that show the rate limit is what bounds deliveries. */
    EventHub(Clock clock, Duration tick) {
        this.clock = clock;
        // Fixed delay, not fixed rate: after a pause (GC, a slow subscriber) ticks do not burst to catch up.
        executor.scheduleWithFixedDelay(this::tick, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Hands an event over. Never blocks; if the queue is full the event is counted as dropped. */
    public void publish(SchedulerEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
        }
    }

    /**
     * Events meant for this hub were lost before they reached it (another node's hub dropped some, or a notification
     * between nodes was lost): the next batch reports {@code count} more {@link EventBatch#dropped()}, so that
     * processors and subscribers re-read their snapshots, as after a full queue.
     */
    public void lost(long count) {
        if (count > 0) {
            dropped.addAndGet(count);
            droppedTotal.addAndGet(count);
        }
    }

    /** Subscribes a view or other consumer. The consumer runs on the hub's thread and must return at once. */
    public Subscription subscribe(Consumer<EventBatch> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Registers a service that updates its own snapshot from the batch before any subscriber sees it. */
    public Subscription addProcessor(Consumer<EventBatch> processor) {
        processors.add(processor);
        return () -> processors.remove(processor);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Events lost to a full queue since the application started. */
    public long droppedTotal() {
        return droppedTotal.get();
    }

    private void tick() {
        List<SchedulerEvent> events = new ArrayList<>(Math.min(queue.size(), QUEUE_CAPACITY));
        queue.drainTo(events);
        long lost = dropped.getAndSet(0);
        long now = System.nanoTime();
        if (events.isEmpty() && lost == 0 && now - lastDeliveryNanos < HEARTBEAT.toNanos()) {
            return;
        }
        lastDeliveryNanos = now;
        if (lost > 0) {
            log.warn("Event queue was full: {} events dropped; subscribers will re-read their snapshots", lost);
        }
        EventBatch batch = new EventBatch(List.copyOf(events), lost, clock.instant());
        deliver(processors, batch);
        deliver(subscribers, batch);
    }

    private static void deliver(List<Consumer<EventBatch>> consumers, EventBatch batch) {
        for (Consumer<EventBatch> consumer : consumers) {
            try {
                consumer.accept(batch);
            } catch (RuntimeException e) {
                log.warn("An event consumer failed; it stays subscribed", e);
            }
        }
    }

    @Override
    public void destroy() {
        Threads.shutdown(executor, Duration.ofSeconds(2));
        processors.clear();
        subscribers.clear();
    }
}
