package io.jobdeck.jobs;

import io.jobdeck.support.HasMessage;

/** What "run now" did. */
public enum RunNowOutcome implements HasMessage {
    /** A one-off trigger fires at once. */
    FIRING("action.runNow.started"),
    /** The scheduler is stopped: the one-off trigger waits and fires as soon as the scheduler starts. */
    QUEUED_UNTIL_START("action.runNow.queued");

    private final String messageKey;

    RunNowOutcome(String messageKey) {
        this.messageKey = messageKey;
    }

    @Override
    public String messageKey() {
        return messageKey;
    }
}
