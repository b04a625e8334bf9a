package io.jobdeck.stats;

/** Executions that ended in one minute (all nodes), by outcome; the minute as epoch milliseconds of its start. */
public record MinuteCount(long minute, long succeeded, long failed) {}
