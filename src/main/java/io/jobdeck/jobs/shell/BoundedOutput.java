package io.jobdeck.jobs.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A process's output, kept within a bound: its first {@code half} bytes and its last {@code half} bytes, with a note
 * of how many were cut between them. Everything is read (so the process never blocks on a full pipe); memory stays at
 * twice {@code half}, whatever the process writes. Each line may also be handed on as it is read (to the execution's
 * log, live); a line longer than {@link #LINE_MAX} bytes is handed on in pieces.
 */
final class BoundedOutput {

    static final int LINE_MAX = 8 * 1024;

    private final int half;
    private final @Nullable Consumer<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long total;

    BoundedOutput(int half) {
        this(half, null);
    }

    BoundedOutput(int half, @Nullable Consumer<String> lines) {
        this.half = half;
        this.lines = lines;
        this.head = new byte[half];
        this.tail = new byte[half];
    }

    /** Reads {@code in} to its end. */
    void readAll(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                add(buffer, n);
                handOn(buffer, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            flushLine(); // the last line, even without its newline
        }
    }

    private void handOn(byte[] bytes, int length) {
        if (lines == null) {
            return;
        }
        for (int i = 0; i < length; i++) {
            line.write(bytes[i]);
            if (bytes[i] == '\n' || line.size() >= LINE_MAX) {
                flushLine();
            }
        }
    }

    private void flushLine() {
        if (lines != null && line.size() > 0) {
            lines.accept(line.toString(StandardCharsets.UTF_8)); // '\n' never occurs inside a UTF-8 sequence
            line.reset();
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
