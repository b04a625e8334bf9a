package io.jobdeck.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version an edit form reads a stored thing at: a hash of everything its form shows, so that saving can tell
 * whether someone changed it meanwhile (optimistic check).
 */
final class Versions {

    private Versions() {}

    /** The SHA-256 of {@code state}, in hex. */
    static String of(CharSequence state) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(state.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
