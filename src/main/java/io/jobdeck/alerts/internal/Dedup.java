package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertPhase;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The de-duplication of one rule's alerts for one subject: a pure function from what was stored, what a check says and
 * the time to what is stored next and what is sent. After an alert, another for the same rule and subject is held back
 * until the window has passed (a flapping job does not flood); while something stays wrong it is told again once per
 * window. A recovery is sent when what was told is fine again, and only then (a held-back alert has no recovery).
 */
final class Dedup {

    private Dedup() {}

    /**
     * The stored state of one rule and subject.
     *
     * @param firing     whether the subject was wrong at the last verdict
     * @param notified   whether that wrong state was told (else it was held back)
     * @param lastSentAt when an alert was last sent for it
     */
    record State(boolean firing, boolean notified, @Nullable Instant lastSentAt) {}

    /** What to store ({@code next}, null for nothing) and what to send ({@code send}, null for nothing). */
    record Decision(@Nullable State next, @Nullable AlertPhase send) {}

    static Decision decide(@Nullable State previous, boolean bad, Instant now, Duration window) {
        if (bad) {
            boolean windowOver = previous == null
                    || previous.lastSentAt() == null
                    || !now.isBefore(previous.lastSentAt().plus(window));
            if (windowOver) {
                return new Decision(new State(true, true, now), AlertPhase.FIRING);
            }
            if (previous == null || previous.firing()) {
                return new Decision(previous, null);
            }
            return new Decision(new State(true, false, previous.lastSentAt()), null);
        }
        if (previous == null || !previous.firing()) {
            return new Decision(previous, null);
        }
        return new Decision(
                new State(false, false, previous.lastSentAt()), previous.notified() ? AlertPhase.RECOVERED : null);
    }
}
