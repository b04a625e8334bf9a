package io.jobdeck.scheduler.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The last answer of the job store, with the counts it gave. */
public record StoreHealth(boolean answers, int jobCount, int triggerCount, @Nullable String error, Instant checkedAt) {

    public static StoreHealth unknown(Instant now) {
        return new StoreHealth(true, 0, 0, null, now);
    }

    public static StoreHealth ok(int jobs, int triggers, Instant now) {
        return new StoreHealth(true, jobs, triggers, null, now);
    }

    public static StoreHealth failing(String error, StoreHealth previous, Instant now) {
        return new StoreHealth(false, previous.jobCount(), previous.triggerCount(), error, now);
    }
}
