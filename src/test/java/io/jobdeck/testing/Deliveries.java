package io.jobdeck.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** When an event hub's subscriber got its batches, for tests of the hub's rate limit. */
public final class Deliveries {

    private Deliveries() {}

    /** The largest number of deliveries within any one-second window ({@code deliveries} in order). */
    public static int mostInOneSecond(List<Instant> deliveries) {
        int most = 0;
        for (int i = 0; i < deliveries.size(); i++) {
            int j = i;
            while (j < deliveries.size()
                    && Duration.between(deliveries.get(i), deliveries.get(j)).compareTo(Duration.ofSeconds(1)) < 0) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }
}
