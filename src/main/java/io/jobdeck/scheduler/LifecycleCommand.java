package io.jobdeck.scheduler;

/** A lifecycle command an operator can give. */
public enum LifecycleCommand {
    START,
    STOP,
    STOP_AND_INTERRUPT;

    public static LifecycleCommand stop(StopMode mode) {
        return mode == StopMode.INTERRUPT ? STOP_AND_INTERRUPT : STOP;
    }

    /** The state the operator wants once this command is applied. */
    public boolean wantsRunning() {
        return this == START;
    }
}
