package io.jobdeck.scheduler.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Fired and failed counts since the last start, fed by the Quartz listeners. */
@Component
public class ExecutionCounters {

    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void jobFired() {
        fired.incrementAndGet();
    }

    void jobFailed() {
        failed.incrementAndGet();
    }

    public long fired() {
        return fired.get();
    }

    public long failed() {
        return failed.get();
    }

    public void reset() {
        fired.set(0);
        failed.set(0);
    }
}
