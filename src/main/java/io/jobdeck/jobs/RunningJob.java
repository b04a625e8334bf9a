package io.jobdeck.jobs;

import java.time.Instant;

/** A job executing on this node right now. */
public record RunningJob(
        String fireId, String group, String name, String trigger, Instant firedAt, boolean interruptible) {}
