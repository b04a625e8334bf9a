package io.jobdeck.stats;

/**
 * Worker threads in one minute, over all nodes: busy on average (sampled every second), busy at most in one sample,
 * and in total. {@code total} is 0 for a minute no node sampled.
 */
public record MinutePoolUse(long minute, double busy, int busyMax, int total) {}
