package io.jobdeck.tokens.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of a token, {@code jdk_<id>_<secret>}: a recognisable prefix (secret scanners can look for it), a public id
 * of 12 letters and digits by which it is found, and a secret of 44 (262 random bits). With that much randomness a
 * plain SHA-256 is enough to store it: nobody can guess a preimage, so the slow hash passwords need (bcrypt) buys
 * nothing and would cost every API request tens of milliseconds.
 */
public final class TokenSecrets {

    public static final String PREFIX = "jdk_";
    static final int ID_LENGTH = 12;
    static final int SECRET_LENGTH = 44;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
    private static final Pattern FORM =
            Pattern.compile("jdk_([A-Za-z0-9]{" + ID_LENGTH + "})_[A-Za-z0-9]{" + SECRET_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    /** A new token's id and the whole token (shown once). */
    public record NewToken(String id, String token) {

        @Override
        public String toString() {
            return "NewToken[id=" + id + ", token=(hidden)]";
        }
    }

    public static NewToken generate() {
        String id = random(ID_LENGTH);
        return new NewToken(id, PREFIX + id + "_" + random(SECRET_LENGTH));
    }

    /** The id of a token of the right form; empty for anything else (checked before any lookup). */
    public static Optional<String> idOf(String presented) {
        if (presented.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** SHA-256 of the whole token, in hex: what is stored. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    /** Whether {@code presented} hashes to {@code storedHash}, in time independent of where they differ. */
    public static boolean matches(String presented, String storedHash) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), stored);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
