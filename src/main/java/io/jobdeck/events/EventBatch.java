package io.jobdeck.events;

import java.time.Instant;
import java.util.List;

/**
 * What the {@link EventHub} delivers on one tick: every event since the previous tick, in order.
 *
 * @param events  the events, possibly empty for a heartbeat tick
 * @param dropped events lost because the queue was full; subscribers should re-read their snapshots
 * @param at      when the batch was cut
 */
public record EventBatch(List<SchedulerEvent> events, long dropped, Instant at) {

    public boolean isHeartbeat() {
        return events.isEmpty() && dropped == 0;
    }
}
