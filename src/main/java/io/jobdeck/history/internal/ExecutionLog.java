package io.jobdeck.history.internal;

/**
 * What one execution logged, kept up to a limit in characters: what comes past the limit is dropped and the log is
 * marked as cut. Appended to by the job's threads, read by the live tail; each call holds its monitor only to copy.
 */
final class ExecutionLog {

    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    ExecutionLog(int limit) {
        this.limit = limit;
    }

    synchronized void append(CharSequence more) {
        if (truncated) {
            return;
        }
        int room = limit - text.length();
        if (more.length() <= room) {
            text.append(more);
            return;
        }
        if (room > 0 && Character.isHighSurrogate(more.charAt(room - 1))) {
            room--; // never half a character
        }
        text.append(more, 0, room);
        truncated = true;
    }

    synchronized int length() {
        return text.length();
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** The text from {@code from} on (all of it from 0). */
    synchronized String since(int from) {
        return text.substring(Math.clamp(from, 0, text.length()));
    }
}
