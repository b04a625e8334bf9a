package io.jobdeck.scheduler;

import java.util.concurrent.CompletionStage;

/** A lifecycle command an operator can give. */
public enum LifecycleCommand {
    START,
    STOP,
    STOP_AND_INTERRUPT;

    /** The state the operator wants once this command is applied. */
    public boolean wantsRunning() {
        return this == START;
    }

    /** Gives this command to the control (through its audited, role-checked methods). */
    public CompletionStage<CommandResult> sendTo(SchedulerControl control) {
        return switch (this) {
            case START -> control.start();
            case STOP -> control.stop();
            case STOP_AND_INTERRUPT -> control.stopAndInterrupt();
        };
    }
}
