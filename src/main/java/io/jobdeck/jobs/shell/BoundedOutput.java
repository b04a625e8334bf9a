package io.jobdeck.jobs.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A process's output, kept within a bound: its first {@code half} bytes and its last {@code half} bytes, with a note
 * of how many were cut between them. Everything is read (so the process never blocks on a full pipe); memory stays at
 * twice {@code half}, whatever the process writes.
 */
final class BoundedOutput {

    private final int half;
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long total;

    BoundedOutput(int half) {
        this.half = half;
        this.head = new byte[half];
        this.tail = new byte[half];
    }

    /** Reads {@code in} to its end. */
    void readAll(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                add(buffer, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void add(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (headLength < half) {
                head[headLength++] = bytes[i];
            } else {
                tail[(int) ((total - half) % half)] = bytes[i];
            }
            total++;
        }
    }

    synchronized long total() {
        return total;
    }

    /** The kept text: all of it when it fits, else its beginning, a note of what was cut, and its end. */
    synchronized String text() {
        String start = new String(head, 0, headLength, StandardCharsets.UTF_8);
        if (total <= half) {
            return start;
        }
        long inTail = Math.min(total - half, half);
        byte[] end = new byte[(int) inTail];
        long first = total - inTail; // the position, in the whole output, of the tail's first kept byte
        for (int i = 0; i < inTail; i++) {
            end[i] = tail[(int) ((first + i - half) % half)];
        }
        long cut = total - half - inTail;
        return cut == 0
                ? start + new String(end, StandardCharsets.UTF_8)
                : start + "\n[… " + cut + " bytes cut …]\n" + new String(end, StandardCharsets.UTF_8);
    }
}
