package io.jobdeck.history;

/**
 * Part of an execution's captured log, as a live tail reads it.
 *
 * @param text      the log from the character asked for on
 * @param end       where the log ends now: ask from here next time
 * @param truncated whether the log reached its limit ({@code jobdeck.history.log-limit}) and the rest was cut
 * @param running   whether the execution still runs (more may come); once false the log is whole
 */
public record LogTail(String text, int end, boolean truncated, boolean running) {}
