package io.jobdeck.scheduler.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the control has applied, for the monitor to read: written only on {@code jobdeck-control}, read anywhere.
 */
@Component
public class ControlState {

    private volatile boolean wantRunning;
    private volatile boolean starting;
    private volatile @Nullable String commandFailure;
    private volatile @Nullable String drainedBy;

    public boolean wantRunning() {
        return wantRunning;
    }

    public boolean starting() {
        return starting;
    }

    public @Nullable String commandFailure() {
        return commandFailure;
    }

    /** Who drained this node (it stands by whatever the cluster's choice), or null. */
    public @Nullable String drainedBy() {
        return drainedBy;
    }

    public void drainedBy(@Nullable String drainedBy) {
        this.drainedBy = drainedBy;
    }

    public void wantRunning(boolean wantRunning) {
        this.wantRunning = wantRunning;
    }

    public void starting(boolean starting) {
        this.starting = starting;
    }

    public void commandFailure(@Nullable String commandFailure) {
        this.commandFailure = commandFailure;
    }
}
