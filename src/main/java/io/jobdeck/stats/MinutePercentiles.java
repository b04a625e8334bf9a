package io.jobdeck.stats;

/**
 * A distribution of milliseconds in one minute (all nodes): how many values, their p50 and p95 (read from a
 * log-scale histogram: at most about 19 % high) and their exact maximum. All 0 when the minute had none.
 */
public record MinutePercentiles(long minute, long count, long p50, long p95, long max) {}
